package dev.warden.bench;

import dev.warden.server.ServerOptions;
import dev.warden.server.WardenServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * HTTP load generator for {@code POST /v1/decisions} (an allowed {@code inventory.read} of
 * support-bot), against a Warden server it starts in this JVM on a free loopback port with a
 * temporary data directory and the quickstart config (its per-tool rate limit lifted, the limits
 * guard still running: {@link Quickstart#configForLoad}), or against {@code --url} (loopback only).
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

    private LoadRun() {
    }

    /** Runs the load (see {@link LoadRunOptions#usage}). */
    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        LoadRunOptions o;
        try {
            o = LoadRunOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LoadRun: " + e.getMessage());
            System.exit(2);
            return;
        }
        WardenServer server = null;
        Path tempDir = null;
        Path configTemp = null;
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
                configTemp = Files.createTempDirectory("warden-loadrun-config-");
                server = WardenServer.start(new ServerOptions(Quickstart.configForLoad(configTemp), data, "127.0.0.1", o.port,
                        Optional.empty(), java.time.Clock.systemUTC()));
                url = "http://127.0.0.1:" + server.port();
                keyFile = o.keyFile != null ? o.keyFile : data.resolve("keys").resolve(Quickstart.AGENT + ".json");
                System.out.printf(Locale.ROOT, "server: started in this JVM at %s (data dir %s)%n", url, data);
            }
            LoadTarget target = new LoadTarget(URI.create(url), keyFile);
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
            if (configTemp != null) {
                Quickstart.deleteTree(configTemp);
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

    private static void serve(LoadTarget target, int seconds) throws Exception {
        String token = target.accessToken();
        System.out.println("url=" + target.base);
        System.out.println("token=" + token);
        System.out.printf(Locale.ROOT, "serving for %d s (the token expires after the configured ttl, 300 s in the quickstart)%n",
                seconds);
        System.out.flush();
        Thread.sleep(Duration.ofSeconds(seconds));
    }

    private static void run(LoadTarget target, LoadRunOptions o) throws Exception {
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

    private static Result closedLoop(LoadTarget target, LoadRunOptions o, int connections, int seconds) throws Exception {
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

    private static Result openLoop(LoadTarget target, LoadRunOptions o, int rate, int seconds) throws Exception {
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

    private static List<HttpClient> jdkClients(LoadRunOptions o) {
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

    private static Sender sender(LoadTarget target, LoadRunOptions o, String token, List<HttpClient> clients, int n) {
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

}
