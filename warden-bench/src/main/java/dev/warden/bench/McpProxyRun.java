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
 * {@code warden-mcp/src/test/node/echo-server.mjs}) and through Warden's {@code /mcp} endpoint in
 * front of the same upstream (token check, session check, decision with audit record, forward,
 * outcome with audit record). Both sides are driven the same way (JDK HttpClient, HTTP/1.1, one MCP
 * session, concurrent {@code tools/call} requests) so the difference is what Warden adds.
 *
 * <p>Phases per target: warm-up; closed loop at {@code --concurrency} (maximum throughput); open
 * loop at each of {@code --rates} calls/s, latency measured from each call's intended start time
 * (coordinated-omission corrected).
 *
 * <pre>
 * npm ci --prefix warden-mcp/src/test/node
 * java --enable-native-access=ALL-UNNAMED -cp warden-bench/target/benchmarks.jar dev.warden.bench.McpProxyRun \
 *      [--seconds 10] [--warmup 10] [--rates 500,1000,2000] [--concurrency 32] [--node-dir warden-mcp/src/test/node]
 * </pre>
 */
public final class McpProxyRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT = "application/json, text/event-stream";

    private McpProxyRun() {
    }

    /** Runs the benchmark and prints a Markdown table. */
    public static void main(String[] args) throws Exception {
        int seconds = 10;
        int warmup = 10;
        int concurrency = 32;
        List<Integer> rates = List.of(500, 1000, 2000);
        Path nodeDir = Path.of("warden-mcp/src/test/node");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--rates" -> rates = java.util.Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--node-dir" -> nodeDir = Path.of(args[++i]);
                default -> {
                    System.out.println("usage: McpProxyRun [--seconds N] [--warmup N] [--rates R1,R2] [--concurrency C] [--node-dir DIR]");
                    return;
                }
            }
        }
        int upstreamPort = freePort();
        Process upstream = new ProcessBuilder("node", nodeDir.resolve("echo-server.mjs").toAbsolutePath().toString(),
                String.valueOf(upstreamPort)).redirectErrorStream(true).start();
        Runtime.getRuntime().addShutdownHook(new Thread(upstream::destroy));
        Path tmp = Files.createTempDirectory("warden-mcp-bench");
        WardenServer server = null;
        try {
            awaitLine(upstream, "listening");
            Path config = writeConfig(tmp.resolve("config"), upstreamPort);
            server = WardenServer.start(new ServerOptions(config, tmp.resolve("data"), "127.0.0.1", 0,
                    Optional.of("bench-operator-token-0123456789"), java.time.Clock.systemUTC()));
            String token = token(server, tmp.resolve("data/keys/bench-bot.json"));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            Session direct = Session.open(http, URI.create("http://127.0.0.1:" + upstreamPort + "/mcp"), null, "echo");
            Session governed = Session.open(http, URI.create(server.url() + "/mcp"), token, "echo.echo");
            System.out.printf(Locale.ROOT, "warm-up %d s each ...%n", warmup);
            closedLoop(direct, concurrency, warmup);
            closedLoop(governed, concurrency, warmup);

            System.out.println("\n| phase | direct p50 | direct p99 | via Warden p50 | via Warden p99 | added p50 | added p99 | achieved calls/s (direct / Warden) | errors |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            Result dMax = closedLoop(direct, concurrency, seconds);
            Result gMax = closedLoop(governed, concurrency, seconds);
            row("closed loop, " + concurrency + " in flight", dMax, gMax);
            for (int rate : rates) {
                Result d = openLoop(direct, rate, seconds);
                Result g = openLoop(governed, rate, seconds);
                row(rate + " calls/s", d, g);
            }
            http.close();
        } finally {
            if (server != null) {
                server.close();
            }
            upstream.destroy();
        }
    }

    private static void row(String phase, Result d, Result g) {
        System.out.printf(Locale.ROOT, "| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.0f / %.0f | %d / %d |%n",
                phase, ms(d.h.getValueAtPercentile(50)), ms(d.h.getValueAtPercentile(99)),
                ms(g.h.getValueAtPercentile(50)), ms(g.h.getValueAtPercentile(99)),
                ms(g.h.getValueAtPercentile(50) - d.h.getValueAtPercentile(50)),
                ms(g.h.getValueAtPercentile(99) - d.h.getValueAtPercentile(99)),
                d.rate, g.rate, d.errors, g.errors);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Latencies, achieved rate and errors of one phase. */
    record Result(Histogram h, double rate, long errors) {
    }

    static Result closedLoop(Session s, int concurrency, int seconds) throws InterruptedException {
        Recorder rec = new Recorder(3);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
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
        return new Result(rec.getIntervalHistogram(), rate, errors.get());
    }

    static Result openLoop(Session s, int rate, int seconds) throws InterruptedException {
        Recorder rec = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        long total = (long) rate * seconds;
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + 10_000_000L;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                pool.submit(() -> {
                    boolean ok = s.call();
                    rec.recordValue(Math.max(1, System.nanoTime() - due));
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                });
            }
        }
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        return new Result(rec.getIntervalHistogram(), achieved, errors.get());
    }

    /** One MCP session over Streamable HTTP, used by concurrent callers. */
    static final class Session {
        private final HttpClient http;
        private final URI url;
        private final String token;
        private final String sessionId;
        private final String tool;
        private final AtomicLong ids = new AtomicLong(10);

        private Session(HttpClient http, URI url, String token, String sessionId, String tool) {
            this.http = http;
            this.url = url;
            this.token = token;
            this.sessionId = sessionId;
            this.tool = tool;
        }

        static Session open(HttpClient http, URI url, String token, String tool) throws IOException, InterruptedException {
            HttpResponse<String> init = http.send(request(url, token, null, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                     "capabilities":{},"clientInfo":{"name":"mcp-proxy-run","version":"1"}}}"""), HttpResponse.BodyHandlers.ofString());
            String sid = init.headers().firstValue("Mcp-Session-Id")
                    .orElseThrow(() -> new IOException("initialize at " + url + ": HTTP " + init.statusCode() + " " + init.body()));
            http.send(request(url, token, sid, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                    HttpResponse.BodyHandlers.discarding());
            Session s = new Session(http, url, token, sid, tool);
            if (!s.call()) {
                throw new IOException("tools/call " + tool + " at " + url + " failed");
            }
            return s;
        }

        boolean call() {
            long id = ids.incrementAndGet();
            String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                    + tool + "\",\"arguments\":{\"message\":\"ping " + id + "\"}}}";
            try {
                HttpResponse<String> r = http.send(request(url, token, sessionId, body), HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("ping " + id) && !r.body().contains("\"isError\":true");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
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
                """.formatted(upstreamPort));
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

    private static String token(WardenServer server, Path keyFile) throws Exception {
        JsonNode key = JSON.readTree(Files.readString(keyFile));
        OctetKeyPair jwk = OctetKeyPair.parse(JSON.writeValueAsString(key.required("private_jwk")));
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("bench-bot").subject("bench-bot")
                .audience(server.config().issuer()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(jwk.getKeyID()).build(), claims);
        assertion.sign(new Ed25519Signer(jwk));
        String form = "grant_type=client_credentials&client_assertion_type="
                + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
                + "&client_assertion=" + URLEncoder.encode(assertion.serialize(), StandardCharsets.UTF_8);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("token: HTTP " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body()).required("access_token").asText();
        }
    }

    private static void awaitLine(Process p, String prefix) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.startsWith(prefix)) {
                Thread.ofVirtual().start(() -> {
                    try {
                        r.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException e) {
                        // upstream gone
                    }
                });
                return;
            }
        }
        throw new IOException("the echo upstream exited before it was ready (is node installed, and "
                + "npm ci done in warden-mcp/src/test/node?)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

}
