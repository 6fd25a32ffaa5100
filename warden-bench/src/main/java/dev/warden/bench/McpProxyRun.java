package dev.warden.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.server.ServerOptions;
import dev.warden.server.WardenServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

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
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT = "application/json, text/event-stream";
    /** Copy the upstream's output (with {@code --node-args}, e.g. {@code --trace-gc}). */
    private static volatile boolean ECHO_UPSTREAM;
    /** Print a line to stderr when each open-loop phase starts (for attaching perf or a profiler). */
    private static final boolean PHASE_MARKS = Boolean.getBoolean("mcpbench.marks");
    /** With -Dmcpbench.latencies=PREFIX, each open-loop phase (or slice) writes its per-call latencies to PREFIX-PORT-RATE-N.txt (N counts the files). */
    private static final String LATENCY_DUMP = System.getProperty("mcpbench.latencies");
    /** Numbers the latency files, one per measured phase or slice, in the order they ran. */
    private static final java.util.concurrent.atomic.AtomicInteger DUMPS = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * With -Dmcpbench.wardenCpus=LIST, Warden's JVM is started under {@code taskset -c LIST}; with
     * -Dmcpbench.wardenJar=JAR, from another build's benchmarks.jar (A/B runs with one load generator).
     */
    private static final String WARDEN_CPUS = System.getProperty("mcpbench.wardenCpus");
    /**
     * With -Dmcpbench.wardenNice=N, Warden runs at that nice value (all its threads inherit it):
     * a negative one lets Warden's threads run first when they wake, approximating cores of its
     * own on a machine it shares with the load generator and the upstream (needs root).
     */
    private static final String WARDEN_NICE = System.getProperty("mcpbench.wardenNice");
    /** With -Dmcpbench.wardenYaml=TEXT, TEXT is added to Warden's warden.yaml (e.g. an {@code audit:} section). */
    private static final String EXTRA_YAML = System.getProperty("mcpbench.wardenYaml", "");
    /** The most connections one target's session opens ({@code --connections}). */
    private static int MAX_CONNECTIONS = 64;
    /**
     * The open loop's client ({@code --client}): {@code loop}, one sender and one selector thread
     * ({@link OpenLoopClient}); or {@code threads}, a virtual thread per call blocked on its socket
     * (the client of the rounds before 2026-12-04 03:30 UTC).
     */
    private static String CLIENT = "loop";

    private McpProxyRun() {
    }

    /** Runs the benchmark and prints a Markdown table. */
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && "--serve".equals(args[0])) {
            serve(Path.of(args[1]), Path.of(args[2]));
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
                case "--connections" -> MAX_CONNECTIONS = Integer.parseInt(args[++i]);
                case "--node-args" -> nodeArgs = List.of(args[++i].trim().split("\\s+"));
                case "--warden-jvm-args" -> wardenJvmArgs = List.of(args[++i].trim().split("\\s+"));
                case "--plain-proxy" -> plainProxy = args[++i];
                case "--pause-damon" -> pauseDamon = true;
                case "--upstream" -> upstreamScript = oneOf("--upstream", args[++i], "sdk", "lean").equals("sdk")
                        ? "echo-server.mjs" : "echo-lean.mjs";
                case "--client" -> CLIENT = oneOf("--client", args[++i], "loop", "threads");
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
        int upstreamPort = freePort();
        ECHO_UPSTREAM = !nodeArgs.isEmpty();
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
            awaitLine(upstream, "listening");
            Path config = writeConfig(tmp.resolve("config"), upstreamPort);
            URI wardenUrl;
            if (inProcess) {
                server = WardenServer.start(options(config, tmp.resolve("data")));
                wardenUrl = URI.create(server.url());
            } else {
                wardenProcess = startWarden(config, tmp.resolve("data"), wardenJvmArgs);
                Process p = wardenProcess;
                Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
                wardenUrl = URI.create(awaitLine(wardenProcess, "warden-url ").substring("warden-url ".length()).trim());
                CpuMeter.otherPid = wardenProcess.pid();
            }
            String token = token(wardenUrl, tmp.resolve("data/keys/bench-bot.json"));
            Session direct = Session.open(URI.create("http://127.0.0.1:" + upstreamPort + "/mcp"), null, "echo");
            Session governed = Session.open(URI.create(wardenUrl + "/mcp"), token, "echo.echo");
            Session plain = null;
            if (plainProxy != null) {
                int proxyPort = freePort();
                proxyProcess = PlainProxy.start(plainProxy, tmp.resolve("nginx"), proxyPort, upstreamPort);
                Process p = proxyProcess;
                Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
                plain = Session.open(URI.create("http://127.0.0.1:" + proxyPort + "/mcp"), null, "echo");
            }
            System.out.printf(Locale.ROOT, "Warden %s; warm-up %d s each ...%n", inProcess ? "in this JVM" : "in its own JVM", warmup);
            System.out.println(damon.describe());
            int warmupRate = rates.stream().max(Integer::compare).orElse(1000);
            List<Session> targets = plain == null ? List.of(direct, governed) : List.of(direct, plain, governed);
            for (Session target : targets) {
                // both shapes of load: the JIT recompiles when an open loop follows a closed one
                closedLoop(target, concurrency, warmup);
                openLoop(target, warmupRate, Math.max(1, warmup / 2), false);
            }

            System.out.println("\n| phase | via | direct p50 | direct p99 | via p50 | via p99 | added p50 | added p99 | achieved calls/s (direct / via) "
                    + "| errors | Warden CPU per call | machine CPU busy (direct / via) | load generator CPU per call (direct / via) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            if (!skipMax) {
                Result dMax = closedLoop(direct, concurrency, seconds);
                if (plain != null) {
                    row("closed loop, " + concurrency + " in flight", "nginx", dMax, closedLoop(plain, concurrency, seconds));
                }
                row("closed loop, " + concurrency + " in flight", "Warden", dMax, closedLoop(governed, concurrency, seconds));
            }
            for (int rate : rates) {
                // the targets take turns in slices, so noise from outside (other tenants of the host)
                // falls on all of them alike instead of on whichever phase it happened to hit
                Result d = null;
                Result n = null;
                Result g = null;
                int sliceSeconds = Math.max(1, seconds / slices);
                for (int k = 0; k < slices; k++) {
                    d = Result.merge(d, openLoop(direct, rate, leadIn, sliceSeconds));
                    if (plain != null) {
                        n = Result.merge(n, openLoop(plain, rate, leadIn, sliceSeconds));
                    }
                    g = Result.merge(g, openLoop(governed, rate, leadIn, sliceSeconds));
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
            for (Session target : targets) {
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
            deleteTree(tmp); // the audit database of a long run takes hundreds of MB
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

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }

    private static ServerOptions options(Path config, Path data) {
        return new ServerOptions(config, data, "127.0.0.1", 0, Optional.of("bench-operator-token-0123456789"),
                java.time.Clock.systemUTC());
    }

    /** The child JVM: starts Warden and prints its URL. */
    private static void serve(Path config, Path data) throws Exception {
        WardenServer server = WardenServer.start(options(config, data));
        System.out.println("warden-url " + server.url());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Starts Warden in a new JVM with the launcher's flags. */
    private static Process startWarden(Path config, Path data, List<String> jvmArgs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar;
        try {
            jar = Path.of(McpProxyRun.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        List<String> cmd = new java.util.ArrayList<>();
        if (WARDEN_NICE != null) {
            cmd.addAll(List.of("nice", "-n", WARDEN_NICE));
        }
        if (WARDEN_CPUS != null) {
            cmd.addAll(List.of("taskset", "-c", WARDEN_CPUS));
        }
        cmd.addAll(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("mcpbench.wardenJar", jar), McpProxyRun.class.getName(),
                "--serve", config.toString(), data.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private static void row(String phase, String via, Result d, Result g) {
        String cpu = !"Warden".equals(via) || Double.isNaN(g.cpu.otherCpuSeconds()) ? "n/a"
                : String.format(Locale.ROOT, "%.0f µs", g.cpu.otherCpuSeconds() * 1e6 / Math.max(1, g.calls));
        System.out.printf(Locale.ROOT, "| %s | %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.0f / %.0f | %d / %d | %s | %.0f %% / %.0f %% | %.0f / %.0f µs |%n",
                phase, via, ms(d.h.getValueAtPercentile(50)), ms(d.h.getValueAtPercentile(99)),
                ms(g.h.getValueAtPercentile(50)), ms(g.h.getValueAtPercentile(99)),
                ms(g.h.getValueAtPercentile(50) - d.h.getValueAtPercentile(50)),
                ms(g.h.getValueAtPercentile(99) - d.h.getValueAtPercentile(99)),
                d.rate, g.rate, d.errors, g.errors, cpu, d.cpu.machineBusy() * 100, g.cpu.machineBusy() * 100,
                d.cpu.cpuMicrosPer(d.calls), g.cpu.cpuMicrosPer(g.calls));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Latencies, achieved rate, errors, calls made and the CPU used in one phase. */
    record Result(Histogram h, double rate, long errors, long calls, CpuMeter.Usage cpu) {
        /** Both phases as one: latencies together, rates and CPU over their combined time. */
        static Result merge(Result a, Result b) {
            if (a == null) {
                return b;
            }
            Histogram h = a.h.copy();
            h.add(b.h);
            double wall = a.cpu.wallSeconds() + b.cpu.wallSeconds();
            return new Result(h, (a.rate * a.cpu.wallSeconds() + b.rate * b.cpu.wallSeconds()) / wall,
                    a.errors + b.errors, a.calls + b.calls, a.cpu.plus(b.cpu));
        }
    }

    static Result closedLoop(Session s, int concurrency, int seconds) throws InterruptedException {
        Recorder rec = new Recorder(3);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CpuMeter cpu = new CpuMeter();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        boolean ok = s.call();
                        rec.recordValue(Math.max(1, System.nanoTime() - t0));
                        done.incrementAndGet();
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                    }
                });
            }
        }
        double rate = done.get() / ((System.nanoTime() - start) / 1e9);
        return new Result(rec.getIntervalHistogram(), rate, errors.get(), done.get(), cpu.stop());
    }

    static Result openLoop(Session s, int rate, int seconds) throws InterruptedException {
        return openLoop(s, rate, 0, seconds);
    }

    static Result openLoop(Session s, int rate, int seconds, boolean measured) throws InterruptedException {
        return openLoop(s, rate, 0, seconds, measured);
    }

    /**
     * A measured open loop of {@code seconds} after {@code leadIn} seconds at the same rate on the
     * same connections that are not timed (with {@code --lead-in}; see the class documentation).
     * The CPU figures and the achieved rate cover the lead-in too, so they stay per call.
     */
    static Result openLoop(Session s, int rate, int leadIn, int seconds) throws InterruptedException {
        return openLoop(s, rate, leadIn, seconds, true);
    }

    private static Result openLoop(Session s, int rate, int leadIn, int seconds, boolean measured) throws InterruptedException {
        if (PHASE_MARKS && measured) {
            System.err.printf(Locale.ROOT, "phase-start open %d/s %s %d s (after a %d s lead-in)%n", rate, s.url, seconds, leadIn);
        }
        Recorder rec = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        long untimed = (long) rate * leadIn;
        long total = untimed + (long) rate * seconds;
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        long startEpochMillis = System.currentTimeMillis() + (start - System.nanoTime()) / 1_000_000 + leadIn * 1000L;
        CpuMeter cpu = new CpuMeter();
        long[] each = LATENCY_DUMP == null || !measured ? null : new long[(int) (total - untimed)];
        if (CLIENT.equals("loop")) {
            try {
                errors.addAndGet(OpenLoopClient.run(s, MAX_CONNECTIONS, start, period, (int) total, rec, each, (int) untimed,
                        OpenLoopClient.READ_TIMEOUT_NANOS).errors());
            } catch (IOException e) {
                System.out.println("  open loop at " + s.url + " failed: " + e);
                errors.addAndGet(total);
            }
        } else {
            threadPerCall(s, start, period, total, untimed, rec, each, errors);
        }
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        if (each != null) {
            dumpLatencies(s, rate, period, startEpochMillis, each);
        }
        return new Result(rec.getIntervalHistogram(), achieved, errors.get(), total, cpu.stop());
    }

    /** The open loop of {@code --client threads}: a virtual thread per call, blocked on its socket. */
    private static void threadPerCall(Session s, long start, long period, long total, long untimed, Recorder rec,
                                      long[] each, AtomicLong errors) {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = (int) i;
                pool.submit(() -> {
                    boolean ok = s.call();
                    long took = Math.max(1, System.nanoTime() - due);
                    if (index >= untimed) {
                        rec.recordValue(took);
                        if (each != null) {
                            each[(int) (index - untimed)] = took;
                        }
                    }
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                });
            }
        }
    }

    /**
     * Writes "intended start (ms from phase start) latency (µs)" per call, for looking at when slow
     * calls happen, after a first line "# start EPOCH_MS" (to line calls up with other recordings).
     */
    private static void dumpLatencies(Session s, int rate, long period, long startEpochMillis, long[] each) {
        Path file = Path.of(LATENCY_DUMP + "-" + s.url.getPort() + "-" + rate + "-" + DUMPS.incrementAndGet() + ".txt");
        StringBuilder out = new StringBuilder(each.length * 16);
        out.append("# start ").append(startEpochMillis).append('\n');
        for (int i = 0; i < each.length; i++) {
            out.append(i * period / 1_000_000).append(' ').append(each[i] / 1_000).append('\n');
        }
        try {
            Files.writeString(file, out);
        } catch (IOException e) {
            System.err.println("cannot write " + file + ": " + e);
        }
    }

    /**
     * One MCP session over Streamable HTTP, used by concurrent callers: initialized with the JDK
     * client, then called over a pool of keep-alive {@link RawHttpConnection}s.
     */
    static final class Session implements AutoCloseable, OpenLoopClient.Target {
        private static final AtomicLong FAILURES = new AtomicLong();
        private final URI url;
        private final String token;
        private final String sessionId;
        private final String tool;
        private final AtomicLong ids = new AtomicLong(10);
        private final java.util.concurrent.ConcurrentLinkedDeque<RawHttpConnection> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
        /**
         * Bounds the open connections, as HTTP clients do (and wrk2 with its fixed connections): a call
         * that finds none free waits its turn, and an open loop counts that wait in its latency. Without a
         * bound, every call arriving during a stall opened a connection, and the storm of handshakes
         * overflowed the server's accept queue (dropped SYNs cost a second or more each).
         */
        private final java.util.concurrent.Semaphore connections = new java.util.concurrent.Semaphore(MAX_CONNECTIONS, true);

        private Session(URI url, String token, String sessionId, String tool) {
            this.url = url;
            this.token = token;
            this.sessionId = sessionId;
            this.tool = tool;
        }

        static Session open(URI url, String token, String tool) throws IOException, InterruptedException {
            try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                HttpResponse<String> init = http.send(request(url, token, null, """
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                         "capabilities":{},"clientInfo":{"name":"mcp-proxy-run","version":"1"}}}"""), HttpResponse.BodyHandlers.ofString());
                String sid = init.headers().firstValue("Mcp-Session-Id")
                        .orElseThrow(() -> new IOException("initialize at " + url + ": HTTP " + init.statusCode() + " " + init.body()));
                http.send(request(url, token, sid, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                        HttpResponse.BodyHandlers.discarding());
                Session s = new Session(url, token, sid, tool);
                if (!s.call()) {
                    throw new IOException("tools/call " + tool + " at " + url + " failed");
                }
                return s;
            }
        }

        boolean call() {
            connections.acquireUninterruptibly();
            try {
                return callOnAConnection();
            } finally {
                connections.release();
            }
        }

        @Override
        public java.net.InetSocketAddress address() {
            return new java.net.InetSocketAddress(url.getHost(), url.getPort());
        }

        @Override
        public long nextId() {
            return ids.incrementAndGet();
        }

        @Override
        public byte[] request(long id) {
            return raw(body(id));
        }

        @Override
        public boolean ok(RawHttpConnection.Response r, long id) {
            return echoed(r, id);
        }

        /** Whether {@code r} is the echo tool's answer to call {@code id}: HTTP 200, "ping ID" and no isError. */
        static boolean echoed(RawHttpConnection.Response r, long id) {
            return r.status() == 200 && r.bodyContains(("ping " + id + "\"").getBytes(StandardCharsets.UTF_8))
                    && !r.bodyContains("\"isError\":true".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void failed(String why) {
            if (FAILURES.incrementAndGet() <= 3) {
                System.out.println("  call failed at " + url + ": " + why);
            }
        }

        private String body(long id) {
            return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                    + tool + "\",\"arguments\":{\"message\":\"ping " + id + "\"}}}";
        }

        /**
         * Calls once on {@code c} (connecting it first if it is new) and answers how long it took,
         * in nanoseconds, or -1 when the call failed.
         */
        long timedCall(RawHttpConnection c) {
            long id = nextId();
            long start = System.nanoTime();
            try {
                RawHttpConnection.Response r = c.exchange(raw(body(id)));
                long took = System.nanoTime() - start;
                if (!ok(r, id)) {
                    failed("HTTP " + r.status() + " " + r.body());
                    return -1;
                }
                return took;
            } catch (IOException e) {
                failed(e.toString());
                return -1;
            }
        }

        private boolean callOnAConnection() {
            long id = nextId();
            String body = body(id);
            RawHttpConnection c = idle.pollFirst();
            boolean reused = c != null;
            if (c == null) {
                c = new RawHttpConnection(new java.net.InetSocketAddress(url.getHost(), url.getPort()));
            }
            try {
                RawHttpConnection.Response r;
                try {
                    r = c.exchange(raw(body));
                } catch (java.io.EOFException | java.net.SocketException e) {
                    if (!reused) {
                        throw e;
                    }
                    r = c.exchange(raw(body)); // the server closed an idle keep-alive connection: reconnect once
                }
                boolean ok = ok(r, id);
                if (!ok) {
                    failed("HTTP " + r.status() + " " + r.body());
                }
                idle.offerFirst(c);
                return ok;
            } catch (IOException e) {
                failed(e.toString());
                c.close();
                return false;
            }
        }

        private byte[] raw(String json) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + url.getRawPath() + " HTTP/1.1\r\n"
                    + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + "Content-Type: application/json\r\n"
                    + "Accept: " + ACCEPT + "\r\n"
                    + "MCP-Protocol-Version: 2025-06-18\r\n"
                    + "Mcp-Session-Id: " + sessionId + "\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            byte[] all = java.util.Arrays.copyOf(h, h.length + body.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            return all;
        }

        @Override
        public void close() {
            RawHttpConnection c;
            while ((c = idle.pollFirst()) != null) {
                c.close();
            }
        }

        private static HttpRequest request(URI url, String token, String sid, String body) {
            HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Accept", ACCEPT)
                    .header("MCP-Protocol-Version", "2025-06-18")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (sid != null) {
                b.header("Mcp-Session-Id", sid);
            }
            return b.build();
        }
    }

    private static Path writeConfig(Path dir, int upstreamPort) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("warden.yaml"), """
                trust_domain: warden.local
                projects: {bench: [load]}
                tokens: {ttl_seconds: 3600}
                mcp:
                  upstreams:
                    - name: echo
                      url: http://127.0.0.1:%d/mcp
                agents:
                  - {name: bench-bot, owner: bench@example.com, purpose: gateway benchmark, capabilities: ["echo.*"],
                     version: "1", config_digest: "sha256:1", project: bench, environment: load, level: senior}
                %s
                """.formatted(upstreamPort, EXTRA_YAML));
        Files.writeString(dir.resolve("tools.yaml"), """
                tools:
                  - name: echo.echo
                    effects: [read]
                    risk: low
                    input_schema: {type: object, properties: {message: {type: string}}, required: [message]}
                """);
        Files.writeString(dir.resolve("policies/echo.cedar"), """
                @id("bench-echo")
                permit(principal == Agent::"bench-bot", action == Action::"echo.echo", resource);
                """);
        return dir;
    }

    private static String token(URI server, Path keyFile) throws Exception {
        JsonNode key = JSON.readTree(Files.readString(keyFile));
        OctetKeyPair jwk = OctetKeyPair.parse(JSON.writeValueAsString(key.required("private_jwk")));
        String issuer;
        try (HttpClient http = HttpClient.newHttpClient()) {
            issuer = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(server + "/.well-known/oauth-authorization-server"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).required("issuer").asText();
        }
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("bench-bot").subject("bench-bot")
                .audience(issuer).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(jwk.getKeyID()).build(), claims);
        assertion.sign(new Ed25519Signer(jwk));
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + URLEncoder.encode(assertion.serialize(), StandardCharsets.UTF_8);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server + "/v1/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("token: HTTP " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body()).required("access_token").asText();
        }
    }

    private static String awaitLine(Process p, String prefix) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (prefix.startsWith("warden") && !line.startsWith(prefix)) {
                System.out.println("  [warden] " + line);
            }
            if (line.startsWith(prefix)) {
                boolean echo = prefix.startsWith("warden") || ECHO_UPSTREAM;
                Thread.ofVirtual().start(() -> {
                    try {
                        String l;
                        while ((l = r.readLine()) != null) {
                            if (echo) {
                                System.out.println("  | " + l);
                            }
                        }
                    } catch (IOException e) {
                        // process gone
                    }
                });
                return line;
            }
        }
        throw new IOException(prefix.startsWith("warden") ? "Warden exited before it was ready"
                : "the echo upstream exited before it was ready (is node installed, and npm ci done in warden-mcp/src/test/node?)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
