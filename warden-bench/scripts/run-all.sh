#!/usr/bin/env bash
# Runs every Warden benchmark in sequence (about 15 minutes) and keeps the raw output:
#   JMH (in-process decision path, ~7 min), LoadRun (HTTP, server in the same JVM; the same call
#   and distinct arguments), LoadRun with the JDK HttpClient, and a server in its own JVM driven by
#   LoadRun and by wrk (when installed).
# usage: warden-bench/scripts/run-all.sh [output dir]     (from the repository root, after
#        mvn -q -B package -DskipTests -pl warden-bench -am)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source scripts/jdk.sh
JAR="${WARDEN_BENCH_JAR:-warden-bench/target/benchmarks.jar}"
OUT="${1:-warden-bench/target/results-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
JAVA=(java --enable-native-access=ALL-UNNAMED)
[ -f "$JAR" ] || { echo "build first: mvn -q -B package -DskipTests -pl warden-bench -am" >&2; exit 1; }

{
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory: $(free -m | awk '/Mem:/ {print $2 " MiB"}')"
  echo "kernel: $(uname -r)"
  java -version 2>&1 | sed 's/^/java: /'
  echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo '?') ($(git status --short 2>/dev/null | wc -l) paths changed or untracked)"
  echo "load before: $(cat /proc/loadavg)"
} | tee "$OUT/machine.txt"

vmstat -n 5 > "$OUT/vmstat.txt" &
VMSTAT=$!
SERVER=""
cleanup() {
  kill "$VMSTAT" 2>/dev/null || true
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
}
trap cleanup EXIT

echo "== JMH (in-process)"
"${JAVA[@]}" -jar "$JAR" -rf json -rff "$OUT/jmh.json" 'dev.warden.bench.' 2>&1 | tee "$OUT/jmh.txt" | grep -E '^(Benchmark|Decision|Policy)|Run complete' || true

echo "== LoadRun: server in the same JVM, raw keep-alive client, the same call every time"
"${JAVA[@]}" -cp "$JAR" dev.warden.bench.LoadRun 2>&1 | tee "$OUT/loadrun-same.txt"

echo "== LoadRun: server in the same JVM, raw keep-alive client, distinct arguments (Cedar on every call)"
"${JAVA[@]}" -cp "$JAR" dev.warden.bench.LoadRun --args distinct 2>&1 | tee "$OUT/loadrun-distinct.txt"

echo "== LoadRun: java.net.http.HttpClient instead of raw sockets (client cost comparison)"
"${JAVA[@]}" -cp "$JAR" dev.warden.bench.LoadRun --client jdk --mode max --max-seconds 10 2>&1 | tee "$OUT/loadrun-jdk.txt"

echo "== server in its own JVM"
DATA="$(mktemp -d)"
"${JAVA[@]}" -cp "$JAR" dev.warden.bench.LoadRun --serve-seconds 240 --data-dir "$DATA" > "$OUT/server.txt" 2>&1 &
SERVER=$!
for _ in $(seq 60); do grep -q '^token=' "$OUT/server.txt" 2>/dev/null && break; sleep 1; done
URL="$(sed -n 's/^url=//p' "$OUT/server.txt")"
echo "server at $URL (pid $SERVER)"
"${JAVA[@]}" -cp "$JAR" dev.warden.bench.LoadRun --url "$URL" --data-dir "$DATA" --server-pid "$SERVER" 2>&1 | tee "$OUT/loadrun-separate.txt"
if command -v wrk >/dev/null; then
  TOKEN="$(sed -n 's/^token=//p' "$OUT/server.txt")"
  for ARGS in same distinct; do
    DISTINCT=$([ "$ARGS" = distinct ] && echo 1 || echo 0)
    echo "== wrk, $ARGS arguments (1 thread, 64 connections; 10 s warm-up, then 20 s)"
    WARDEN_DISTINCT=$DISTINCT WARDEN_TOKEN="$TOKEN" wrk -t1 -c64 -d10s -s warden-bench/src/main/wrk/decisions.lua "$URL" > /dev/null
    T0=$(awk '{print $14 + $15}' "/proc/$SERVER/stat"); I0=$(awk '/^cpu / {print $5 + $6}' /proc/stat)
    WARDEN_DISTINCT=$DISTINCT WARDEN_TOKEN="$TOKEN" wrk -t1 -c64 -d20s --latency -s warden-bench/src/main/wrk/decisions.lua "$URL" 2>&1 \
      | tee "$OUT/wrk-$ARGS.txt"
    T1=$(awk '{print $14 + $15}' "/proc/$SERVER/stat"); I1=$(awk '/^cpu / {print $5 + $6}' /proc/stat)
    echo "server process CPU during the 20 s: $(( (T1 - T0) / 100 )).$(printf %02d $(( (T1 - T0) % 100 ))) s; machine idle: $(( (I1 - I0) / 100 )) cpu-s of $(( 20 * $(nproc) ))" \
      | tee -a "$OUT/wrk-$ARGS.txt"
  done
else
  echo "wrk not installed; skipped" | tee "$OUT/wrk-same.txt"
fi
kill "$SERVER" 2>/dev/null || true
wait "$SERVER" 2>/dev/null || true
SERVER=""
rm -rf "$DATA"
echo "load after: $(cat /proc/loadavg)" | tee -a "$OUT/machine.txt"
echo "results in $OUT"
