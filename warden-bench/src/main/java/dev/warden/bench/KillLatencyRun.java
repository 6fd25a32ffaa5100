package dev.warden.bench;

import dev.warden.server.WardenServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How long the kill switch takes under load (ATF R-2): from the moment the operator sends
 * {@code POST /v1/kill {"agent": ...}} to the first call of that agent that is refused, and to the
 * kill's own answer.
 *
 * <p>A Warden server runs in this JVM on a free loopback port with a temporary data directory, in
 * front of {@code echo-lean.mjs}. Background agents call at a steady total rate
 * ({@code --background-rate}) throughout. Each trial starts a fresh victim agent calling at
 * {@code --victim-rate} (two callers, paced), lets it run {@code --warm-ms}, kills it through the
 * HTTP API and waits for its first refused call. Every trial kills a different agent; the first
 * {@code --warmup-kills} are not counted. With
 * {@code --via http} the agents call {@code POST /v1/decisions}; with {@code --via mcp} they call
 * {@code tools/call} through the MCP gateway ({@code both}, the default, runs one after the other).
 * The first refusal includes the wait for the victim's next call: at 400 calls/s over two callers
 * a call is at most 5 ms away.
 *
 * <pre>
 * npm ci --prefix warden-mcp/src/test/node
 * java --enable-native-access=ALL-UNNAMED -cp warden-bench/target/benchmarks.jar dev.warden.bench.KillLatencyRun \
 *      [--via http|mcp|both] [--trials 50] [--warmup-kills 10] [--background 8] [--background-rate 400] [--victim-rate 400]
 *      [--warm-ms 300]
 *      [--node-dir warden-mcp/src/test/node]
 * </pre>
 */
public final class KillLatencyRun {
    private static final String OPERATOR = "bench-operator-token-0123456789";
    private static final Duration T = Duration.ofSeconds(10);
    private static final String DECIDE = "{\"action\":\"echo.echo\",\"args\":{\"message\":\"hi\"}}";
    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\",\"params\":{\"name\":\"echo.echo\","
            + "\"arguments\":{\"message\":\"hi\"}}}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(T).build();
    private final URI base;
    private final Path keys;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    private KillLatencyRun(URI base, Path keys) {
        this.base = base;
        this.keys = keys;
    }

    /** One agent's way of calling: true when the call was allowed and served, false when refused. */
    @FunctionalInterface
    private interface Caller {
        boolean call() throws IOException, InterruptedException;
    }

    /** Runs the trials and prints the figures. */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--via", "both", "--trials", "50", "--background", "8",
                "--background-rate", "400", "--victim-rate", "400", "--warm-ms", "300", "--node-dir", "warden-mcp/src/test/node",
                "--warmup-kills", "10"));
        for (int i = 0; i < args.length; i++) {
            if (!o.containsKey(args[i]) || i + 1 >= args.length) {
                System.err.println("KillLatencyRun: unknown option or missing value: " + args[i]
                        + "\noptions: " + String.join(" ", o.keySet().stream().sorted().toList()));
                System.exit(2);
            }
            o.put(args[i], args[++i]);
        }
        List<String> vias = o.get("--via").equals("both") ? List.of("http", "mcp") : List.of(o.get("--via"));
        int trials = Integer.parseInt(o.get("--trials"));
        int background = Integer.parseInt(o.get("--background"));
        int warmup = Integer.parseInt(o.get("--warmup-kills"));
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);

        Path tmp = Files.createTempDirectory("warden-killrun-");
        int upstreamPort = McpBenchSetup.freePort();
        Process upstream = new ProcessBuilder("node", Path.of(o.get("--node-dir"), "echo-lean.mjs").toString(),
                String.valueOf(upstreamPort)).redirectErrorStream(true).start();
        WardenServer server = null;
        try {
            McpBenchSetup.awaitLine(upstream, "listening", false);
            Path config = writeConfig(tmp.resolve("config"), upstreamPort, background, warmup + trials, vias);
            server = WardenServer.start(McpBenchSetup.options(config, tmp.resolve("data")));
            KillLatencyRun run = new KillLatencyRun(URI.create(server.url()), tmp.resolve("data").resolve("keys"));
            for (String via : vias) {
                run.measure(via, warmup, trials, background, Integer.parseInt(o.get("--background-rate")),
                        Integer.parseInt(o.get("--victim-rate")), Integer.parseInt(o.get("--warm-ms")));
            }
        } finally {
            if (server != null) {
                server.close();
            }
            upstream.destroy();
            McpBenchSetup.deleteTree(tmp);
        }
        System.exit(0); // the server's and the HTTP client's non-daemon threads would keep the JVM alive
    }

    private void measure(String via, int warmup, int trials, int background, int backgroundRate, int victimRate, int warmMs)
            throws Exception {
        AtomicBoolean stopBackground = new AtomicBoolean();
        AtomicLong backgroundCalls = new AtomicLong();
        AtomicLong backgroundRefused = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int b = 0; b < background; b++) {
            Caller c = caller(via, "bg-" + via + "-" + b);
            threads.add(paced(c, Duration.ofNanos(1_000_000_000L * background / backgroundRate), stopBackground,
                    ok -> (ok ? backgroundCalls : backgroundRefused).incrementAndGet(), t -> { }));
        }
        long[] ack = new long[trials];
        long[] refusal = new long[trials];
        long started = System.nanoTime();
        Thread.sleep(1000); // background load settles
        for (int i = -warmup; i < trials; i++) {
            String victim = "victim-" + via + "-" + (i + warmup);
            AtomicBoolean stopVictim = new AtomicBoolean();
            AtomicLong served = new AtomicLong();
            AtomicLong firstRefused = new AtomicLong(Long.MAX_VALUE);
            List<Thread> callers = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                callers.add(paced(caller(via, victim), Duration.ofNanos(2_000_000_000L / victimRate), stopVictim,
                        ok -> {
                            if (ok) {
                                served.incrementAndGet();
                            }
                        }, t -> firstRefused.accumulateAndGet(t, Math::min)));
            }
            Thread.sleep(warmMs);
            if (served.get() == 0 || firstRefused.get() != Long.MAX_VALUE) {
                throw new IllegalStateException(victim + " was not served before its kill");
            }
            long t0 = System.nanoTime();
            HttpResponse<String> kill = http.send(HttpRequest.newBuilder(base.resolve("/v1/kill")).timeout(T)
                    .header("Authorization", "Bearer " + OPERATOR).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"agent\":\"" + victim + "\",\"reason\":\"bench\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            long acked = System.nanoTime();
            if (kill.statusCode() != 200) {
                throw new IllegalStateException("kill " + victim + ": HTTP " + kill.statusCode() + " " + kill.body());
            }
            long deadline = System.nanoTime() + T.toNanos();
            while (firstRefused.get() == Long.MAX_VALUE && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            stopVictim.set(true);
            for (Thread t : callers) {
                t.join();
            }
            if (firstRefused.get() == Long.MAX_VALUE) {
                throw new IllegalStateException(victim + " was never refused after its kill");
            }
            if (i >= 0) { // the first kills warm the code paths up and are not counted
                ack[i] = acked - t0;
                refusal[i] = firstRefused.get() - t0;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        stopBackground.set(true);
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf(Locale.ROOT, "via %s: %d kills; background %d agents, %.0f calls/s served, %d refused; errors %d%n",
                via, trials, background, backgroundCalls.get() / seconds, backgroundRefused.get(), errors.get());
        System.out.printf(Locale.ROOT, "  kill request -> first refused call: p50 %.1f ms, p90 %.1f ms, max %.1f ms%n",
                pct(refusal, 0.5), pct(refusal, 0.9), pct(refusal, 1.0));
        System.out.printf(Locale.ROOT, "  kill request -> kill answer:        p50 %.1f ms, p90 %.1f ms, max %.1f ms%n",
                pct(ack, 0.5), pct(ack, 0.9), pct(ack, 1.0));
    }

    private static double pct(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    /**
     * A thread calling every {@code period} until {@code stop}; each answer goes to {@code answered},
     * and the arrival time of each refusal to {@code refusedAt}. A transport error is counted apart.
     */
    private Thread paced(Caller c, Duration period, AtomicBoolean stop, java.util.function.Consumer<Boolean> answered,
                         java.util.function.LongConsumer refusedAt) {
        return Thread.ofVirtual().start(() -> {
            long next = System.nanoTime();
            while (!stop.get()) {
                try {
                    boolean ok = c.call();
                    long at = System.nanoTime();
                    answered.accept(ok);
                    if (!ok) {
                        refusedAt.accept(at);
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
                next += period.toNanos();
                long now = System.nanoTime();
                if (next > now) {
                    LockSupport.parkNanos(next - now);
                } else {
                    next = now; // behind: no burst to catch up
                }
            }
        });
    }

    private Caller caller(String via, String agent) throws Exception {
        String token = McpBenchSetup.token(base, keys.resolve(agent + ".json"), agent);
        if (via.equals("http")) {
            HttpRequest decide = HttpRequest.newBuilder(base.resolve("/v1/decisions")).timeout(T)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(DECIDE)).build();
            return () -> http.send(decide, HttpResponse.BodyHandlers.ofString()).body().contains("\"decision\":\"allow\"");
        }
        URI mcp = base.resolve("/mcp");
        HttpResponse<String> init = http.send(mcpRequest(mcp, token, null, """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",
                 "capabilities":{},"clientInfo":{"name":"kill-latency-run","version":"1"}}}"""), HttpResponse.BodyHandlers.ofString());
        String sid = init.headers().firstValue("Mcp-Session-Id")
                .orElseThrow(() -> new IOException("initialize " + agent + ": HTTP " + init.statusCode() + " " + init.body()));
        http.send(mcpRequest(mcp, token, sid, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                HttpResponse.BodyHandlers.discarding());
        return () -> {
            HttpResponse<String> r = http.send(mcpRequest(mcp, token, sid, CALL.formatted(ids.incrementAndGet())),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"result\"") && !r.body().contains("\"isError\":true");
        };
    }

    private static HttpRequest mcpRequest(URI mcp, String token, String sid, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(mcp).timeout(T)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (sid != null) {
            b.header("Mcp-Session-Id", sid).header("MCP-Protocol-Version", "2025-11-25");
        }
        return b.build();
    }

    private static Path writeConfig(Path dir, int upstreamPort, int background, int trials, List<String> vias)
            throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        StringBuilder agents = new StringBuilder();
        for (String via : vias) {
            for (int b = 0; b < background; b++) {
                agents.append(agent("bg-" + via + "-" + b));
            }
            for (int i = 0; i < trials; i++) {
                agents.append(agent("victim-" + via + "-" + i));
            }
        }
        Files.writeString(dir.resolve("warden.yaml"), """
                trust_domain: warden.local
                projects: {bench: [load]}
                tokens: {ttl_seconds: 3600}
                mcp:
                  upstreams:
                    - name: echo
                      url: http://127.0.0.1:%d/mcp
                agents:
                """.formatted(upstreamPort) + agents);
        Files.writeString(dir.resolve("tools.yaml"), """
                tools:
                  - name: echo.echo
                    effects: [read]
                    risk: low
                    input_schema: {type: object, properties: {message: {type: string}}, required: [message]}
                """);
        Files.writeString(dir.resolve("policies/echo.cedar"), """
                @id("bench-echo")
                permit(principal, action == Action::"echo.echo", resource);
                """);
        return dir;
    }

    private static String agent(String name) {
        return "  - {name: " + name + ", owner: bench@example.com, purpose: kill benchmark, capabilities: [\"echo.*\"],"
                + " version: \"1\", config_digest: \"sha256:1\", project: bench, environment: load, level: senior, level_reason: benchmark}\n";
    }
}
