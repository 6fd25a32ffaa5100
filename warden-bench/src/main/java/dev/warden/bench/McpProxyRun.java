package dev.warden.bench;

import dev.warden.server.WardenServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * MCP gateway overhead: an echo tool called directly on an upstream MCP server (Streamable HTTP,
 * {@code warden-mcp/src/test/node/echo-server.mjs}, on the official TypeScript SDK; with
 * {@code --upstream lean}, {@code echo-lean.mjs}, the same answers from {@code node:http} alone at a
 * fraction of the CPU) and through Warden's {@code /mcp} endpoint in
 * front of the same upstream (token check, session check, decision with audit record, forward,
 * outcome with audit record). Both sides are driven the same way (one MCP session, concurrent
 * {@code tools/call} requests over pooled keep-alive HTTP/1.1 connections with the bench's minimal
 * client: {@link OpenLoopClient} for the open loop, {@link RawHttpConnection} for the closed one,
 * so the load generator's own CPU stays small on a shared machine) and the difference is what
 * Warden adds. Warden runs in its own JVM, started the way the launcher starts it
 * ({@code --in-process} runs it inside this one instead), and the CPU it used per governed call is
 * reported.
 *
 * <p>Phases per target: warm-up (a closed loop for {@code --warmup} seconds, then an open loop at the
 * highest rate for half that, so the JIT has compiled the paths both load shapes take); closed loop
 * at {@code --concurrency} (maximum throughput); open
 * loop at each of {@code --rates} calls/s, latency measured from each call's intended start time
 * (coordinated-omission corrected). With {@code --slices N}, each open-loop phase is cut into N
 * slices and the targets take turns slice by slice (direct, nginx, Warden, direct, ...), so a
 * disturbance from outside the bench falls on every target rather than on one phase. Each open
 * loop opens its own client connections. With {@code --lead-in S}, each slice starts with S seconds
 * at the same rate on the same connections that are not timed, so what is measured is the steady
 * state of a constant load rather than a target's first calls on new connections after it sat idle
 * through the other targets' turns (Warden's upstream pool also closes connections idle for 2 s).
 *
 * <pre>
 * npm ci --prefix warden-mcp/src/test/node
 * java --enable-native-access=ALL-UNNAMED -cp warden-bench/target/benchmarks.jar dev.warden.bench.McpProxyRun \
 *      [--seconds 10] [--warmup 10] [--rates 500,1000,2000] [--concurrency 32] [--connections 64] [--node-dir warden-mcp/src/test/node]
 *      [--node-args "--trace-gc"] [--in-process] [--warden-jvm-args "-XX:StartFlightRecording=..."] [--plain-proxy nginx]
 *      [--slices 10] [--lead-in 1] [--sporadic 20] [--gap-ms 2000] [--pause-damon] [--upstream sdk|lean]
 * </pre>
 *
 * <p>With {@code --sporadic N}, the open loops are followed by calls made one at a time with
 * {@code --gap-ms} of silence before each, as an agent makes them between its model's turns
 * ({@link Sporadic}).
 *
 * <p>With {@code --plain-proxy nginx}, a third target is measured the same way: nginx as a plain
 * reverse proxy in front of the same upstream ({@link PlainProxy}), i.e. what one more HTTP hop with
 * no policy work costs on this machine. Each row also gives how busy the machine's CPUs were.
 */
public final class McpProxyRun {
    private McpProxyRun() {
    }

    /** Runs the benchmark and prints a Markdown table. */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && "--serve".equals(args[0])) {
            McpBenchSetup.serve(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        int seconds = 10;
        int warmup = 10;
        int concurrency = 32;
        boolean inProcess = false;
        boolean skipMax = false;
        int slices = 1;
        int leadIn = 0;
        int sporadic = 0;
        int gapMillis = 2000;
        List<String> wardenJvmArgs = List.of();
        List<String> nodeArgs = List.of();
        String plainProxy = null;
        boolean pauseDamon = false;
        List<Integer> rates = List.of(500, 1000, 2000);
        Path nodeDir = Path.of("warden-mcp/src/test/node");
        String upstreamScript = "echo-server.mjs";
        int maxConnections = 64;
        String client = "loop";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--rates" -> rates = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--node-dir" -> nodeDir = Path.of(args[++i]);
                case "--in-process" -> inProcess = true;
                case "--skip-max" -> skipMax = true;
                case "--slices" -> slices = Integer.parseInt(args[++i]);
                case "--lead-in" -> leadIn = Integer.parseInt(args[++i]);
                case "--sporadic" -> sporadic = Integer.parseInt(args[++i]);
                case "--gap-ms" -> gapMillis = Integer.parseInt(args[++i]);
                case "--connections" -> maxConnections = Integer.parseInt(args[++i]);
                case "--node-args" -> nodeArgs = List.of(args[++i].trim().split("\\s+"));
                case "--warden-jvm-args" -> wardenJvmArgs = List.of(args[++i].trim().split("\\s+"));
                case "--plain-proxy" -> plainProxy = args[++i];
                case "--pause-damon" -> pauseDamon = true;
                case "--upstream" -> upstreamScript = oneOf("--upstream", args[++i], "sdk", "lean").equals("sdk")
                        ? "echo-server.mjs" : "echo-lean.mjs";
                case "--client" -> client = oneOf("--client", args[++i], "loop", "threads");
                default -> {
                    System.out.println("usage: McpProxyRun [--seconds N] [--warmup N] [--rates R1,R2] [--concurrency C] [--connections 64] "
                            + "[--node-dir DIR] [--node-args \"--max-semi-space-size=...\"] [--in-process] [--skip-max] [--warden-jvm-args \"-XX:...\"] [--plain-proxy nginx] [--slices N] [--lead-in S] [--sporadic N] [--gap-ms 2000] [--pause-damon] [--client loop|threads] [--upstream sdk|lean]");
                    return;
                }
            }
        }
        Damon damon = Damon.machine();
        if (pauseDamon) {
            try {
                damon.pause();
            } catch (IOException e) {
                System.err.println("McpProxyRun: " + e.getMessage());
                System.exit(2);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(damon::resume));
        }
        int upstreamPort = McpBenchSetup.freePort();
        // copy the upstream's output when it was given --node-args (e.g. --trace-gc)
        boolean echoUpstream = !nodeArgs.isEmpty();
        McpLoadPhases phases = new McpLoadPhases(client, maxConnections);
        List<String> node = new java.util.ArrayList<>(List.of("node"));
        node.addAll(nodeArgs);
        node.addAll(List.of(nodeDir.resolve(upstreamScript).toAbsolutePath().toString(), String.valueOf(upstreamPort)));
        System.out.println("upstream: node " + upstreamScript);
        Process upstream = new ProcessBuilder(node).redirectErrorStream(true).start();
        Runtime.getRuntime().addShutdownHook(new Thread(upstream::destroy));
        Path tmp = Files.createTempDirectory("warden-mcp-bench");
        WardenServer server = null;
        Process wardenProcess = null;
        Process proxyProcess = null;
        try {
            McpBenchSetup.awaitLine(upstream, "listening", echoUpstream);
            Path config = McpBenchSetup.writeConfig(tmp.resolve("config"), upstreamPort);
            URI wardenUrl;
            if (inProcess) {
                server = WardenServer.start(McpBenchSetup.options(config, tmp.resolve("data")));
                wardenUrl = URI.create(server.url());
            } else {
                wardenProcess = McpBenchSetup.startWarden(config, tmp.resolve("data"), wardenJvmArgs);
                Process p = wardenProcess;
                Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
                wardenUrl = URI.create(McpBenchSetup.awaitLine(wardenProcess, "warden-url ", echoUpstream).substring("warden-url ".length()).trim());
                CpuMeter.otherPid = wardenProcess.pid();
            }
            String token = McpBenchSetup.token(wardenUrl, tmp.resolve("data/keys/bench-bot.json"));
            McpSession direct = McpSession.open(URI.create("http://127.0.0.1:" + upstreamPort + "/mcp"), null, "echo", maxConnections);
            McpSession governed = McpSession.open(URI.create(wardenUrl + "/mcp"), token, "echo.echo", maxConnections);
            McpSession plain = null;
            if (plainProxy != null) {
                int proxyPort = McpBenchSetup.freePort();
                proxyProcess = PlainProxy.start(plainProxy, tmp.resolve("nginx"), proxyPort, upstreamPort);
                Process p = proxyProcess;
                Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
                plain = McpSession.open(URI.create("http://127.0.0.1:" + proxyPort + "/mcp"), null, "echo", maxConnections);
            }
            System.out.printf(Locale.ROOT, "Warden %s; warm-up %d s each ...%n", inProcess ? "in this JVM" : "in its own JVM", warmup);
            System.out.println(damon.describe());
            int warmupRate = rates.stream().max(Integer::compare).orElse(1000);
            List<McpSession> targets = plain == null ? List.of(direct, governed) : List.of(direct, plain, governed);
            for (McpSession target : targets) {
                // both shapes of load: the JIT recompiles when an open loop follows a closed one
                phases.closedLoop(target, concurrency, warmup);
                phases.openLoop(target, warmupRate, Math.max(1, warmup / 2), false);
            }

            System.out.println("\n| phase | via | direct p50 | direct p99 | via p50 | via p99 | added p50 | added p99 | achieved calls/s (direct / via) "
                    + "| errors | Warden CPU per call | machine CPU busy (direct / via) | load generator CPU per call (direct / via) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            if (!skipMax) {
                McpLoadPhases.Result dMax = phases.closedLoop(direct, concurrency, seconds);
                if (plain != null) {
                    row("closed loop, " + concurrency + " in flight", "nginx", dMax, phases.closedLoop(plain, concurrency, seconds));
                }
                row("closed loop, " + concurrency + " in flight", "Warden", dMax, phases.closedLoop(governed, concurrency, seconds));
            }
            for (int rate : rates) {
                // the targets take turns in slices, so noise from outside (other tenants of the host)
                // falls on all of them alike instead of on whichever phase it happened to hit
                McpLoadPhases.Result d = null;
                McpLoadPhases.Result n = null;
                McpLoadPhases.Result g = null;
                int sliceSeconds = Math.max(1, seconds / slices);
                for (int k = 0; k < slices; k++) {
                    d = McpLoadPhases.Result.merge(d, phases.openLoop(direct, rate, leadIn, sliceSeconds));
                    if (plain != null) {
                        n = McpLoadPhases.Result.merge(n, phases.openLoop(plain, rate, leadIn, sliceSeconds));
                    }
                    g = McpLoadPhases.Result.merge(g, phases.openLoop(governed, rate, leadIn, sliceSeconds));
                }
                if (n != null) {
                    row(rate + " calls/s", "nginx", d, n);
                }
                row(rate + " calls/s", "Warden", d, g);
            }
            if (sporadic > 0) {
                Sporadic.run(targets, plain == null ? List.of("direct", "Warden") : List.of("direct", "nginx", "Warden"),
                        sporadic, gapMillis);
            }
            for (McpSession target : targets) {
                target.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (wardenProcess != null) {
                wardenProcess.destroy();
                wardenProcess.waitFor();
            }
            if (proxyProcess != null) {
                proxyProcess.destroy();
                proxyProcess.waitFor();
            }
            upstream.destroy();
            damon.resume();
            McpBenchSetup.deleteTree(tmp); // the audit database of a long run takes hundreds of MB
        }
    }

    /** {@code value} when it is one of {@code allowed}; otherwise says so and exits with code 2. */
    private static String oneOf(String option, String value, String... allowed) {
        if (!List.of(allowed).contains(value)) {
            System.err.println(option + ": expected " + String.join(" or ", allowed) + ", got " + value);
            System.exit(2);
        }
        return value;
    }

    private static void row(String phase, String via, McpLoadPhases.Result d, McpLoadPhases.Result g) {
        String cpu = !"Warden".equals(via) || Double.isNaN(g.cpu().otherCpuSeconds()) ? "n/a"
                : String.format(Locale.ROOT, "%.0f µs", g.cpu().otherCpuSeconds() * 1e6 / Math.max(1, g.calls()));
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.0f / %.0f | %d / %d | %s | %.0f %% / %.0f %% | %.0f / %.0f µs |%n",
                phase, via, ms(d.h().getValueAtPercentile(50)), ms(d.h().getValueAtPercentile(99)),
                ms(g.h().getValueAtPercentile(50)), ms(g.h().getValueAtPercentile(99)),
                ms(g.h().getValueAtPercentile(50) - d.h().getValueAtPercentile(50)),
                ms(g.h().getValueAtPercentile(99) - d.h().getValueAtPercentile(99)),
                d.rate(), g.rate(), d.errors(), g.errors(), cpu, d.cpu().machineBusy() * 100, g.cpu().machineBusy() * 100,
                d.cpu().cpuMicrosPer(d.calls()), g.cpu().cpuMicrosPer(g.calls()));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }


}
