package dev.warden.bench;

import dev.warden.server.ServerOptions;
import dev.warden.server.WardenServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Does the console's live decision feed keep up with 1,000 decisions a second without slowing
 * decisions? Starts a Warden server in this JVM (quickstart config, per-tool rate limit lifted:
 * {@link Quickstart#configForLoad}), signs an admin operator in to the console, and for each
 * subscriber count (default 0, 1 and 10) connects that many real SSE clients to
 * {@code /console/live/stream} (each reading and parsing every event on its own thread), then sends
 * an open-loop load of allowed {@code inventory.read} decisions of support-bot through
 * {@code POST /v1/decisions} at a fixed rate over keep-alive connections. Latency is measured from
 * each request's intended send time (coordinated-omission corrected). Per run it reports the
 * decision latency p50/p95/p99/max, the decisions made (every {@code 200} answer: an allow, or a
 * deny such as a detector over its time budget, which the feed carries too), and per subscriber the
 * decisions it received and the skipped count the server reported.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp warden-bench/target/benchmarks.jar dev.warden.bench.LiveFeedLoadRun \
 *     [--rate 1000] [--seconds 30] [--connections 16] [--subscribers 0,1,10] [--warmup 10]
 * </pre>
 */
public final class LiveFeedLoadRun {
    private static final String BODY = "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}";
    private static final byte[] ALLOW = "\"decision\":\"allow\"".getBytes(StandardCharsets.US_ASCII);
    private static final long HIGHEST_NANOS = Duration.ofSeconds(120).toNanos();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");
    private static final String PASSWORD = "bench-password-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));

    private LiveFeedLoadRun() {
    }

    /** Options. */
    record Options(int rate, int seconds, int connections, List<Integer> subscribers, int warmup) {
        static Options parse(String[] args) {
            int rate = 1000;
            int seconds = 30;
            int connections = 16;
            int warmup = 10;
            List<Integer> subscribers = List.of(0, 1, 10);
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--rate" -> rate = Integer.parseInt(v);
                    case "--seconds" -> seconds = Integer.parseInt(v);
                    case "--connections" -> connections = Integer.parseInt(v);
                    case "--warmup" -> warmup = Integer.parseInt(v);
                    case "--subscribers" -> subscribers = Stream.of(v.split(",")).map(String::strip).map(Integer::parseInt).toList();
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + " (--rate N --seconds N --connections N --subscribers 0,1,10 --warmup N)");
                }
                i++;
            }
            if (rate < 1 || seconds < 1 || connections < 1 || warmup < 0) {
                throw new IllegalArgumentException("rate, seconds and connections must be positive");
            }
            return new Options(rate, seconds, connections, subscribers, warmup);
        }
    }

    /** Runs it. */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options o;
        try {
            o = Options.parse(args);
        } catch (RuntimeException e) {
            System.err.println("LiveFeedLoadRun: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path data = Files.createTempDirectory("warden-livefeed-");
        Path config = Files.createTempDirectory("warden-livefeed-config-");
        String admin = "bench-admin-token-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        WardenServer server = WardenServer.start(new ServerOptions(Quickstart.configForLoad(config), data, "127.0.0.1", 0,
                Optional.of(admin), Clock.systemUTC()));
        try {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            LoadTarget target = new LoadTarget(base, data.resolve("keys").resolve(Quickstart.AGENT + ".json"));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
            String cookie = signIn(http, base, admin);
            System.out.printf(Locale.ROOT, "server in this JVM at %s; %d cpus, %s %s; load: open loop %,d decisions/s over %d"
                            + " keep-alive connections for %d s per run%n", base, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"), o.rate(), o.connections(), o.seconds());
            if (o.warmup() > 0) {
                Phase warm = openLoop(target, o.rate(), o.connections(), o.warmup());
                System.out.println("warm-up (not counted): " + warm.line());
            }
            List<String> summary = new ArrayList<>();
            for (int n : o.subscribers()) {
                List<Subscriber> subs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    subs.add(Subscriber.open(http, base, cookie));
                }
                Thread.sleep(500);
                subs.forEach(Subscriber::reset);
                Phase p = openLoop(target, o.rate(), o.connections(), o.seconds());
                Thread.sleep(3000); // let the streams drain
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%2d subscriber%s: %s", n, n == 1 ? " " : "s",
                        p.line()));
                if (n > 0) {
                    long minSeen = subs.stream().mapToLong(s -> s.received.get()).min().orElse(0);
                    long maxSeen = subs.stream().mapToLong(s -> s.received.get()).max().orElse(0);
                    long skipped = subs.stream().mapToLong(s -> s.skippedTotal.get()).sum();
                    line.append(String.format(Locale.ROOT, "; feed: each subscriber received %,d–%,d of %,d decisions made"
                                    + " (%.2f%%–%.2f%%), skipped reported %,d in all, %,d events in all",
                            minSeen, maxSeen, p.made(), 100.0 * minSeen / Math.max(1, p.made()), 100.0 * maxSeen / Math.max(1, p.made()),
                            skipped, subs.stream().mapToLong(s -> s.events.get()).sum()));
                }
                System.out.println(line);
                summary.add(line.toString());
                subs.forEach(Subscriber::close);
                Thread.sleep(500);
            }
            System.out.println();
            System.out.println("summary:");
            summary.forEach(s -> System.out.println("  " + s));
        } finally {
            server.close();
            Quickstart.deleteTree(data);
            Quickstart.deleteTree(config);
        }
    }

    /** Creates an admin operator and signs it in to the console; its session cookie. */
    private static String signIn(HttpClient http, URI base, String admin) throws IOException, InterruptedException {
        HttpResponse<String> op = http.send(HttpRequest.newBuilder(base.resolve("/v1/operators"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench-admin\",\"roles\":[\"admin\"],\"password\":\""
                        + PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (op.statusCode() != 201) {
            throw new IOException("POST /v1/operators: HTTP " + op.statusCode() + " " + op.body());
        }
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(base.resolve("/console/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(form.body());
        if (!m.find()) {
            throw new IOException("no CSRF token on the sign-in page");
        }
        String body = "_csrf=" + enc(m.group(1)) + "&name=bench-admin&password=" + enc(PASSWORD);
        HttpResponse<String> in = http.send(HttpRequest.newBuilder(base.resolve("/console/login"))
                .header("Cookie", cookie(form).orElseThrow()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (in.statusCode() != 303) {
            throw new IOException("console sign-in: HTTP " + in.statusCode());
        }
        return cookie(in).orElseThrow();
    }

    private static Optional<String> cookie(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("warden_console="))
                .map(c -> c.split(";", 2)[0]).findFirst();
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    /** One SSE client of the live feed, reading every event on a thread of its own. */
    private static final class Subscriber implements AutoCloseable {
        final AtomicLong received = new AtomicLong();
        final AtomicLong skippedTotal = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        private final Stream<String> lines;

        private Subscriber(Stream<String> lines) {
            this.lines = lines;
            Thread.ofPlatform().daemon().name("sse-subscriber").start(this::read);
        }

        static Subscriber open(HttpClient http, URI base, String cookie) throws IOException, InterruptedException {
            HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(base.resolve("/console/live/stream"))
                    .header("Cookie", cookie).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() != 200) {
                throw new IOException("GET /console/live/stream: HTTP " + r.statusCode());
            }
            return new Subscriber(r.body());
        }

        private void read() {
            String event = "";
            try {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        events.incrementAndGet();
                        if (event.equals("decisions")) {
                            received.addAndGet(count(line, "\"id\":\""));
                        } else if (event.equals("skipped")) {
                            Matcher m = TOTAL.matcher(line);
                            if (m.find()) {
                                skippedTotal.set(Long.parseLong(m.group(1)));
                            }
                        }
                    } else if (line.isEmpty()) {
                        event = "";
                    }
                }
            } catch (RuntimeException closed) {
                // closed
            }
        }

        void reset() {
            received.set(0);
            events.set(0);
        }

        private static long count(String text, String needle) {
            long n = 0;
            for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
                n++;
            }
            return n;
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    /** One run's figures. */
    record Phase(long made, long notAllowed, long errors, long notSent, double seconds, Histogram latency, String firstError,
                 CpuMeter.Usage cpu) {
        String line() {
            return String.format(Locale.ROOT, "%,d decisions in %.1f s (%,.0f/s, %,d of them not allow, %,d failed requests%s),"
                            + " latency p50 %s p95 %s p99 %s max %s; %s%s",
                    made, seconds, made / seconds, notAllowed, errors, notSent > 0 ? ", " + notSent + " never sent" : "",
                    ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(95)),
                    ms(latency.getValueAtPercentile(99)), ms(latency.getMaxValue()), cpu.line(),
                    firstError == null ? "" : "; first error: " + firstError);
        }
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    private static Phase openLoop(LoadTarget target, int rate, int connections, int seconds) throws Exception {
        String token = target.accessToken();
        byte[] request = target.rawRequest(token, BODY);
        long total = (long) rate * seconds;
        double interval = 1e9 / rate;
        AtomicLong next = new AtomicLong();
        AtomicLong notSent = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong notAllowed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Histogram> histograms = new ArrayList<>();
        CpuMeter cpu = new CpuMeter();
        long start = System.nanoTime() + Duration.ofMillis(100).toNanos();
        long deadline = start + Duration.ofSeconds(2L * seconds + 10).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Histogram h = new Histogram(HIGHEST_NANOS, 3);
            histograms.add(h);
            RawHttpConnection connection = new RawHttpConnection(target.address);
            threads.add(Thread.ofPlatform().name("load-" + c).start(() -> {
                try {
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
                        String error;
                        boolean decided = false;
                        try {
                            RawHttpConnection.Response r = connection.exchange(request);
                            decided = r.status() == 200; // a decision, recorded and fed, whatever it says
                            error = decided && r.bodyContains(ALLOW) ? null : "HTTP " + r.status() + " " + r.body();
                            if (decided && error != null) {
                                notAllowed.incrementAndGet();
                                firstError.compareAndSet(null, error);
                            }
                        } catch (IOException | RuntimeException e) {
                            error = e.toString();
                        }
                        long done = System.nanoTime();
                        if (decided) {
                            ok.incrementAndGet();
                            h.recordValue(Math.min(done - intended, HIGHEST_NANOS));
                        } else {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, error);
                        }
                    }
                } finally {
                    connection.close();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram all = new Histogram(HIGHEST_NANOS, 3);
        histograms.forEach(all::add);
        return new Phase(ok.get(), notAllowed.get(), errors.get(), notSent.get(), elapsed, all, firstError.get(), cpu.stop());
    }
}
