#!/usr/bin/env python3
"""Where the CPU goes in a JFR recording: CPU samples grouped by Warden component.

usage: jfr print --stack-depth 96 --events jdk.CPUTimeSample rec.jfr | python3 jfr-breakdown.py
   (JDK 25: record with -XX:StartFlightRecording=filename=rec.jfr,jdk.CPUTimeSample#enabled=true;
    on older JDKs use --events jdk.ExecutionSample,jdk.NativeMethodSample)

Each sample is attributed to the first component below (in this order) that has a frame anywhere
in its stack, so Jackson code called by cedar-java counts as Cedar, SQLite called by the audit
writer counts as SQLite, and the HTTP stack only gets what no Warden component below it claims.
Native-method samples (older JDKs) are only counted for native code that burns CPU; samples of
threads blocked in poll/epoll/park are left out.
"""
import re
import sys
from collections import Counter

COMPONENTS = [
    ("start-up and benchmark set-up", r"dev\.warden\.server\.WardenServer\.start|dev\.warden\.bench\.\w+\.setUp"),
    ("load generator (client side)", r"dev\.warden\.bench\.(RawHttpConnection|LoadRun\$|LoadRun\.lambda)|org\.HdrHistogram\."),
    ("Cedar (cedar-java JNI + its JSON)", r"com\.cedarpolicy\."),
    ("Cedar adapter (Warden entities/context)", r"dev\.warden\.policy\.cedar\."),
    ("policy verdict memo (key, LRU)", r"dev\.warden\.policy\.MemoizingPolicyEngine"),
    ("SQLite (JDBC + native)", r"org\.sqlite\.|dev\.warden\.store\.jdbc\.|com\.zaxxer\.hikari\."),
    ("audit log (canonical JSON, hashing, hand-off)", r"dev\.warden\.audit\.|dev\.warden\.json\.CanonicalJson"),
    ("token verification", r"dev\.warden\.server\.token\.|com\.nimbusds\.|com\.google\.crypto\.tink\."),
    ("request/response JSON (Jackson)", r"dev\.warden\.server\.api\.v1\.(Json|WireForms|Fields)\."),
    ("input schema validation", r"dev\.warden\.catalog\."),
    ("decision guards, ids, audit event", r"dev\.warden\.decision\.|dev\.warden\.id\.|dev\.warden\.agent\."),
    ("HTTP API handlers", r"dev\.warden\.server\."),
    ("HTTP stack (Jetty, Javalin)", r"org\.eclipse\.jetty\.|io\.javalin\."),
    ("JMH harness", r"org\.openjdk\.jmh\."),
    ("JFR itself", r"jdk\.jfr\."),
]
BLOCKED = re.compile(r"Net\.poll|EPoll\.wait|\.park|SocketDispatcher\.read|Object\.wait|Thread\.sleep|accept")

def main():
    counts = Counter()
    threads = Counter()
    event, frames, in_stack, thread = None, [], False, ""
    for line in sys.stdin:
        s = line.strip()
        if s.startswith(("jdk.ExecutionSample", "jdk.NativeMethodSample", "jdk.CPUTimeSample")):
            event, frames, in_stack, thread = s.split()[0], [], False, ""
        elif s.startswith(("sampledThread", "eventThread")):
            thread = s
        elif s.startswith("stackTrace = ["):
            in_stack = True
        elif in_stack and s == "]":
            in_stack = False
            if event == "jdk.NativeMethodSample" and (not frames or BLOCKED.search(frames[0])):
                continue
            counts[classify(frames, thread)] += 1
            threads[thread_kind(thread)] += 1
        elif in_stack and s and s != "...":
            frames.append(s)
    total = sum(counts.values()) or 1
    for name, n in counts.most_common():
        print(f"{100.0 * n / total:5.1f}%  {n:6d}  {name}")
    print(f"        {total:6d}  samples")
    print("by thread:")
    for name, n in threads.most_common():
        print(f"{100.0 * n / total:5.1f}%  {n:6d}  {name}")

def thread_kind(thread):
    name = re.sub(r'^\w+ = "(.*?)".*$', r"\1", thread)
    name = re.sub(r"\d+", "N", name)
    return name or "(unnamed, e.g. a virtual thread)"

def classify(frames, thread):
    for name, pattern in COMPONENTS:
        if any(re.match(pattern, f) for f in frames):
            return name
    if "load-" in thread:
        return "load generator (client side)"
    if frames and re.match(r"java\.lang\.ref\.|jdk\.internal\.misc\.InnocuousThread", frames[-1]):
        return "JDK (other)"
    return "JDK / other (no Warden frame)"

if __name__ == "__main__":
    main()
