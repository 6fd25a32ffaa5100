package dev.warden.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.server.ServerOptions;
import dev.warden.server.WardenServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * HTTP load generator for {@code POST /v1/decisions} (an allowed {@code inventory.read} of
 * support-bot), against a Warden server it starts in this JVM on a free loopback port with a
 * temporary data directory and the quickstart config, or against {@code --url} (loopback only).
 *
 * <p>With {@code --args same} (the default) every request is the same call, so after the first one
 * the decision point answers from its policy-verdict memo; {@code --args distinct} sends a new
 * {@code sku} each time, so Cedar evaluates every request.
 *
 * <p>Phases: a warm-up, a closed-loop maximum-throughput run ({@code --concurrency} connections,
 * each sending its next request as soon as the previous answer arrived), and open-loop runs at fixed
 * rates ({@code --rates}), where request {@code i} is due at {@code start + i/rate} and its latency is
 * measured from that intended time, so a stalled server is charged for every request it delayed
 * (coordinated-omission correction). Every phase is bounded in time.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp warden-bench/target/benchmarks.jar dev.warden.bench.LoadRun --help
 * </pre>
 */
public final class LoadRun {
    private static final String BODY = "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}";
    private static final AtomicLong SKUS = new AtomicLong();
    private static final byte[] ALLOW = "\"decision\":\"allow\"".getBytes(StandardCharsets.US_ASCII);
    private static final long HIGHEST_NANOS = Duration.ofSeconds(120).toNanos();
    private static final int MAX_PHASE_SECONDS = 240;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadRun() {
    }

    /** Options, with their defaults. */
    static final class Options {
        String url;
        Path keyFile;
        Path dataDir;
        String mode = "all";
        String client = "raw";
        boolean distinct;
        int clients = 4;
        int concurrency = 64;
        int connections = 64;
        int maxSeconds = 20;
        int seconds = 30;
        int warmupSeconds = 10;
        List<Integer> rates = List.of(1000, 5000);
        int serveSeconds;
        int port;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    usage();
                    System.exit(0);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value (see --help)");
                }
                String v = args[++i];
                switch (a) {
                    case "--url" -> o.url = v;
                    case "--key-file" -> o.keyFile = Path.of(v);
                    case "--data-dir" -> o.dataDir = Path.of(v);
                    case "--mode" -> o.mode = oneOf(a, v, Set.of("all", "max", "open"));
                    case "--client" -> o.client = oneOf(a, v, Set.of("raw", "jdk"));
                    case "--args" -> o.distinct = oneOf(a, v, Set.of("same", "distinct")).equals("distinct");
                    case "--clients" -> o.clients = bounded(a, v, 1, 64);
                    case "--concurrency" -> o.concurrency = bounded(a, v, 1, 1024);
                    case "--connections" -> o.connections = bounded(a, v, 1, 1024);
                    case "--max-seconds" -> o.maxSeconds = bounded(a, v, 1, MAX_PHASE_SECONDS);
                    case "--seconds" -> o.seconds = bounded(a, v, 1, MAX_PHASE_SECONDS);
                    case "--warmup-seconds" -> o.warmupSeconds = bounded(a, v, 0, MAX_PHASE_SECONDS);
                    case "--rate", "--rates" -> {
                        List<Integer> rates = new ArrayList<>();
                        for (String r : v.split(",")) {
                            rates.add(bounded(a, r.trim(), 1, 200_000));
                        }
                        o.rates = List.copyOf(rates);
                    }
                    case "--serve-seconds" -> o.serveSeconds = bounded(a, v, 1, 3600);
                    case "--port" -> o.port = bounded(a, v, 0, 65535);
                    case "--server-pid" -> CpuMeter.otherPid = bounded(a, v, 1, Integer.MAX_VALUE);
                    default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
                }
            }
            if (o.url != null && o.serveSeconds > 0) {
                throw new IllegalArgumentException("--serve-seconds starts a server; it cannot be combined with --url");
            }
            return o;
        }

        private static String oneOf(String name, String v, Set<String> allowed) {
            if (!allowed.contains(v)) {
                throw new IllegalArgumentException(name + " must be one of " + allowed);
            }
            return v;
        }

        private static int bounded(String name, String v, int min, int max) {
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
            }
            return n;
        }
    }

    private static void usage() {
        System.out.println("""
                LoadRun: HTTP load on POST /v1/decisions (support-bot, allowed inventory.read).

                Target (default: start a Warden server in this JVM on 127.0.0.1, temp data dir, quickstart config):
                  --url URL               an existing server (loopback only), e.g. http://127.0.0.1:8470
                  --key-file FILE         support-bot's key file (default <data-dir>/keys/support-bot.json)
                  --data-dir DIR          data directory of the started server, or where to find keys/ for --url
                  --port N                port for the started server (default: a free one)
                  --server-pid PID        with --url: also report the CPU that server process used (Linux)
                  --serve-seconds N       only start the server, print its URL and a fresh access token, keep it
                                          up N seconds (for wrk or a LoadRun in another process), then stop
                Load:
                  --mode all|max|open     default all: warm-up, max throughput, then each open-loop rate
                  --client raw|jdk        raw keep-alive sockets (default) or java.net.http.HttpClient (HTTP/1.1)
                  --args same|distinct    same: every request is {"sku":"A-1"} (default; after the first one the
                                          policy verdict is memoized); distinct: a new sku per request (Cedar runs)
                  --clients N             HttpClient instances for --client jdk (default 4)
                  --concurrency N         closed-loop connections for max throughput (default 64)
                  --max-seconds N         duration of the max-throughput phase (default 20)
                  --rates R1,R2           open-loop rates in requests/s (default 1000,5000)
                  --connections N         connections for the open-loop phases (default 64)
                  --seconds N             duration of each open-loop phase (default 30)
                  --warmup-seconds N      closed-loop warm-up first, and a warm-up at each rate (default 10; 0: none)
                Config directory: -Dwarden.bench.config=DIR (default: examples/quickstart above the working dir).
                """);
    }

    /** Runs the load (see {@link #usage}). */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadRun: " + e.getMessage());
            System.exit(2);
            return;
        }
        WardenServer server = null;
        Path tempDir = null;
        try {
            String url;
            Path keyFile;
            if (o.url != null) {
                url = loopbackOnly(o.url);
                keyFile = o.keyFile != null ? o.keyFile
                        : Optional.ofNullable(o.dataDir).map(d -> d.resolve("keys").resolve(Quickstart.AGENT + ".json"))
                        .orElseThrow(() -> new IllegalArgumentException("--url needs --key-file or --data-dir"));
            } else {
                Path data = o.dataDir;
                if (data == null) {
                    tempDir = Files.createTempDirectory("warden-loadrun-");
                    data = tempDir;
                }
                server = WardenServer.start(new ServerOptions(Quickstart.configDir(), data, "127.0.0.1", o.port,
                        Optional.empty(), java.time.Clock.systemUTC()));
                url = "http://127.0.0.1:" + server.port();
                keyFile = o.keyFile != null ? o.keyFile : data.resolve("keys").resolve(Quickstart.AGENT + ".json");
                System.out.printf(Locale.ROOT, "server: started in this JVM at %s (data dir %s)%n", url, data);
            }
            Target target = new Target(URI.create(url), keyFile);
            if (o.serveSeconds > 0) {
                serve(target, o.serveSeconds);
            } else {
                run(target, o);
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (tempDir != null) {
                Quickstart.deleteTree(tempDir);
            }
        }
    }

    private static String loopbackOnly(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        if (!"http".equals(uri.getScheme()) || host == null
                || !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")) || uri.getPort() <= 0) {
            throw new IllegalArgumentException("--url must be http://127.0.0.1:<port> (load is only sent to loopback)");
        }
        return (uri.getScheme() + "://" + host + ":" + uri.getPort()).replace("localhost", "127.0.0.1");
    }

    private static void serve(Target target, int seconds) throws Exception {
        String token = target.accessToken();
        System.out.println("url=" + target.base);
        System.out.println("token=" + token);
        System.out.printf(Locale.ROOT, "serving for %d s (the token expires after the configured ttl, 300 s in the quickstart)%n",
                seconds);
        System.out.flush();
        Thread.sleep(Duration.ofSeconds(seconds));
    }

    private static void run(Target target, Options o) throws Exception {
        System.out.printf(Locale.ROOT, "client: %s, %s arguments, %d cpus, %s %s%n", o.client.equals("raw")
                        ? "raw HTTP/1.1 keep-alive sockets" : "java.net.http.HttpClient HTTP/1.1 x" + o.clients,
                o.distinct ? "distinct" : "same",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"));
        List<String> summary = new ArrayList<>();
        if (o.warmupSeconds > 0) {
            Result warm = closedLoop(target, o, o.concurrency, o.warmupSeconds);
            System.out.println("warm-up (closed loop, not counted): " + warm.line());
        }
        if (o.mode.equals("all") || o.mode.equals("max")) {
            Result max = closedLoop(target, o, o.concurrency, o.maxSeconds);
            String line = String.format(Locale.ROOT, "max throughput, %d connections, %d s: %s", o.concurrency,
                    o.maxSeconds, max.line());
            System.out.println(line);
            summary.add(line);
        }
        if (o.mode.equals("all") || o.mode.equals("open")) {
            for (int rate : o.rates) {
                if (o.warmupSeconds > 0) {
                    openLoop(target, o, rate, Math.min(o.warmupSeconds, 5));
                }
                Result r = openLoop(target, o, rate, o.seconds);
                String line = String.format(Locale.ROOT, "open loop %,d/s, %d connections, %d s: %s; send lag p50/p99/max %s/%s/%s",
                        rate, o.connections, o.seconds, r.line(), us(r.lag.getValueAtPercentile(50)),
                        us(r.lag.getValueAtPercentile(99)), us(r.lag.getMaxValue()));
                System.out.println(line);
                summary.add(line);
            }
        }
        System.out.println();
        System.out.println("summary:");
        summary.forEach(s -> System.out.println("  " + s));
    }

    /** One phase's results. */
    record Result(long ok, long errors, long notSent, double seconds, Histogram latency, Histogram lag, String firstError,
                  CpuMeter.Usage cpu) {
        String line() {
            return String.format(Locale.ROOT,
                    "%,.0f decisions/s (%,d ok, %,d errors%s) latency p50 %s p90 %s p99 %s p99.9 %s max %s; %s; CPU per"
                            + " decision: %,.0f µs this JVM%s%s",
                    ok / seconds, ok, errors, notSent > 0 ? ", " + notSent + " never sent (deadline)" : "",
                    us(latency.getValueAtPercentile(50)), us(latency.getValueAtPercentile(90)),
                    us(latency.getValueAtPercentile(99)), us(latency.getValueAtPercentile(99.9)),
                    us(latency.getMaxValue()), cpu.line(), cpu.cpuMicrosPer(ok),
                    Double.isNaN(cpu.otherCpuSeconds()) ? "" : String.format(Locale.ROOT, ", %,.0f µs server process",
                            ok == 0 ? Double.NaN : cpu.otherCpuSeconds() * 1e6 / ok),
                    firstError == null ? "" : "; first error: " + firstError);
        }
    }

    private static String us(long nanos) {
        return nanos >= 10_000_000 ? String.format(Locale.ROOT, "%.1f ms", nanos / 1e6)
                : String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
    }

    /** One worker's state: a client and its histograms. */
    private static final class Worker {
        final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
        final Histogram lag = new Histogram(HIGHEST_NANOS, 3);
        final Sender sender;
        long ok;
        long errors;

        Worker(Sender sender) {
            this.sender = sender;
        }
    }

    /** Sends one decision request; returns null on success, or what went wrong. */
    private interface Sender extends AutoCloseable {
        String send();

        @Override
        void close();
    }

    private static Result closedLoop(Target target, Options o, int connections, int seconds) throws Exception {
        String token = target.accessToken();
        List<HttpClient> jdkClients = jdkClients(o);
        List<Worker> workers = new ArrayList<>();
        AtomicReference<String> firstError = new AtomicReference<>();
        CpuMeter cpu = new CpuMeter();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Worker w = new Worker(sender(target, o, token, jdkClients, c));
            workers.add(w);
            threads.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                long now;
                while ((now = System.nanoTime()) < end) {
                    String error = w.sender.send();
                    long done = System.nanoTime();
                    if (error == null) {
                        w.ok++;
                        w.latency.recordValue(Math.min(done - now, HIGHEST_NANOS));
                    } else {
                        w.errors++;
                        firstError.compareAndSet(null, error);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return collect(workers, 0, elapsed, firstError.get(), jdkClients, cpu.stop());
    }

    private static Result openLoop(Target target, Options o, int rate, int seconds) throws Exception {
        String token = target.accessToken();
        List<HttpClient> jdkClients = jdkClients(o);
        long total = (long) rate * seconds;
        double interval = 1e9 / rate;
        AtomicLong next = new AtomicLong();
        AtomicLong notSent = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        CpuMeter cpu = new CpuMeter();
        long start = System.nanoTime() + Duration.ofMillis(100).toNanos();
        // bounded: requests not sent by twice the planned duration (plus 10 s) are counted, not sent
        long deadline = start + Duration.ofSeconds(2L * seconds + 10).toNanos();
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < o.connections; c++) {
            Worker w = new Worker(sender(target, o, token, jdkClients, c));
            workers.add(w);
            threads.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                long i;
                while ((i = next.getAndIncrement()) < total) {
                    long intended = start + (long) (i * interval);
                    long now;
                    while ((now = System.nanoTime()) < intended) {
                        LockSupport.parkNanos(intended - now);
                    }
                    if (now > deadline) {
                        long unclaimed = next.getAndSet(total);
                        notSent.addAndGet(1 + Math.max(0, total - unclaimed));
                        break;
                    }
                    String error = w.sender.send();
                    long done = System.nanoTime();
                    w.lag.recordValue(Math.min(now - intended, HIGHEST_NANOS));
                    if (error == null) {
                        w.ok++;
                        w.latency.recordValue(Math.min(done - intended, HIGHEST_NANOS));
                    } else {
                        w.errors++;
                        firstError.compareAndSet(null, error);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return collect(workers, notSent.get(), elapsed, firstError.get(), jdkClients, cpu.stop());
    }

    private static Result collect(List<Worker> workers, long notSent, double seconds, String firstError,
                                  List<HttpClient> jdkClients, CpuMeter.Usage cpu) {
        Histogram latency = new Histogram(HIGHEST_NANOS, 3);
        Histogram lag = new Histogram(HIGHEST_NANOS, 3);
        long ok = 0;
        long errors = 0;
        for (Worker w : workers) {
            latency.add(w.latency);
            lag.add(w.lag);
            ok += w.ok;
            errors += w.errors;
            w.sender.close();
        }
        jdkClients.forEach(HttpClient::close);
        return new Result(ok, errors, notSent, seconds, latency, lag, firstError, cpu);
    }

    private static List<HttpClient> jdkClients(Options o) {
        if (!o.client.equals("jdk")) {
            return List.of();
        }
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < o.clients; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build());
        }
        return clients;
    }

    private static String body(boolean distinct) {
        return distinct ? "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"S-" + SKUS.incrementAndGet() + "\"}}" : BODY;
    }

    private static Sender sender(Target target, Options o, String token, List<HttpClient> clients, int n) {
        if (o.client.equals("jdk")) {
            HttpClient client = clients.get(n % clients.size());
            HttpRequest same = target.jdkRequest(token, BODY);
            return new Sender() {
                @Override
                public String send() {
                    try {
                        HttpRequest request = o.distinct ? target.jdkRequest(token, body(true)) : same;
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        return r.statusCode() == 200 && r.body().contains("\"decision\":\"allow\"") ? null
                                : "HTTP " + r.statusCode() + " " + r.body();
                    } catch (IOException e) {
                        return e.toString();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return e.toString();
                    }
                }

                @Override
                public void close() {
                }
            };
        }
        RawHttpConnection connection = new RawHttpConnection(target.address);
        byte[] same = target.rawRequest(token, BODY);
        return new Sender() {
            @Override
            public String send() {
                try {
                    RawHttpConnection.Response r = connection.exchange(o.distinct ? target.rawRequest(token, body(true)) : same);
                    return r.status() == 200 && r.bodyContains(ALLOW) ? null : "HTTP " + r.status() + " " + r.body();
                } catch (IOException | RuntimeException e) {
                    return e.toString();
                }
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }

    /** The server under load and support-bot's credentials for it. */
    private static final class Target {
        final URI base;
        final InetSocketAddress address;
        final Path keyFile;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();

        Target(URI base, Path keyFile) {
            this.base = base;
            this.address = new InetSocketAddress(base.getHost(), base.getPort());
            this.keyFile = keyFile;
        }

        /** A fresh access token for support-bot: a private_key_jwt client assertion exchanged at /v1/token. */
        String accessToken() throws IOException, InterruptedException {
            JsonNode key = JSON.readTree(Files.readString(keyFile));
            String agent = key.path("agent").asText(Quickstart.AGENT);
            OctetKeyPair jwk;
            try {
                jwk = OctetKeyPair.parse(JSON.writeValueAsString(key.required("private_jwk")));
            } catch (ParseException e) {
                throw new IOException("private_jwk in " + keyFile + " is not an Ed25519 JWK: " + e.getMessage(), e);
            }
            String kid = key.hasNonNull("kid") ? key.get("kid").asText() : jwk.getKeyID();
            JsonNode metadata = getJson("/.well-known/oauth-authorization-server");
            String issuer = metadata.required("issuer").asText();
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(agent).subject(agent).audience(issuer)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                    .jwtID(UUID.randomUUID().toString()).build();
            SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(kid).build(), claims);
            try {
                assertion.sign(new Ed25519Signer(jwk));
            } catch (JOSEException e) {
                throw new IOException("signing the client assertion failed: " + e.getMessage(), e);
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "client_credentials");
            form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
            form.put("client_assertion", assertion.serialize());
            StringBuilder body = new StringBuilder();
            form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("POST /v1/token: HTTP " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body()).required("access_token").asText();
        }

        private JsonNode getJson(String path) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        }

        byte[] rawRequest(String token, String json) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            String head = "POST /v1/decisions HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Authorization: Bearer " + token + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[h.length + body.length];
            System.arraycopy(h, 0, all, 0, h.length);
            System.arraycopy(body, 0, all, h.length, body.length);
            return all;
        }

        HttpRequest jdkRequest(String token, String json) {
            return HttpRequest.newBuilder(base.resolve("/v1/decisions"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        }
    }
}
