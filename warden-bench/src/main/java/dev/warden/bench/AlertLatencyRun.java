package dev.warden.bench;

import com.sun.net.httpserver.HttpServer;
import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertSeverity;
import dev.warden.server.ServerOptions;
import dev.warden.server.WardenServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Alert latency: from the event ({@code Alerts.raise}, where kills, limits and breakers hand an
 * alert over) to the moment a local webhook receiver has the request, through the real server:
 * the alert's audit record and outbox entry committed to SQLite, the delivery worker woken, the
 * body signed and POSTed. Two phases: alerts one at a time ({@code alertlat.count}, default 300,
 * every {@code alertlat.gap.ms}, default 20 ms), then a burst of the same number at once.
 * Prints p50, p90, p99 and max per phase; asserts nothing.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp warden-bench/target/benchmarks.jar dev.warden.bench.AlertLatencyRun</pre>
 */
public final class AlertLatencyRun {
    private static final Pattern SUMMARY = Pattern.compile("\"summary\":\"bench (\\w+) (\\d+)\"");

    private AlertLatencyRun() {
    }

    /** Runs both phases. */
    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("alertlat.count", 300);
        long gapMs = Long.getLong("alertlat.gap.ms", 20);
        Map<String, Long> received = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/", exchange -> {
            long at = System.nanoTime();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = SUMMARY.matcher(body);
            if (m.find()) {
                received.putIfAbsent(m.group(1) + " " + m.group(2), at);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Path tmp = Files.createTempDirectory("warden-alertlat");
        Path config = copyConfig(tmp.resolve("config"), "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        try (WardenServer server = WardenServer.start(ServerOptions.of(config, tmp.resolve("data"), 0,
                Optional.of("bench-operator-token-0123456789")))) {
            warmUp(server, received);
            long[] sent = new long[count];
            for (int i = 0; i < count; i++) {
                sent[i] = System.nanoTime();
                server.warden().alerts().raise(draft("paced", i));
                Thread.sleep(gapMs);
            }
            report("one every " + gapMs + " ms", "paced", sent, received);
            long[] burst = new long[count];
            for (int i = 0; i < count; i++) {
                burst[i] = System.nanoTime();
                server.warden().alerts().raise(draft("burst", i));
            }
            report("burst of " + count, "burst", burst, received);
        } finally {
            receiver.stop(0);
        }
    }

    private static AlertDraft draft(String phase, int i) {
        // distinct summaries: repeats of one summary would be folded into one alert, not sent again
        return new AlertDraft(AlertSeverity.WARNING, "bench.latency", Optional.of(Quickstart.AGENT), Optional.empty(),
                "bench " + phase + " " + i, Map.of("i", i), List.of());
    }

    private static void warmUp(WardenServer server, Map<String, Long> received) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            server.warden().alerts().raise(draft("warmup", i));
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (received.keySet().stream().filter(k -> k.startsWith("warmup")).count() < 50 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void report(String label, String phase, long[] sent, Map<String, Long> received) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (received.keySet().stream().filter(k -> k.startsWith(phase + " ")).count() < sent.length
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long[] millis = new long[sent.length];
        int lost = 0;
        for (int i = 0; i < sent.length; i++) {
            Long at = received.get(phase + " " + i);
            if (at == null) {
                lost++;
                millis[i] = Long.MAX_VALUE;
            } else {
                millis[i] = (at - sent[i]) / 1000;
            }
        }
        Arrays.sort(millis);
        System.out.printf("%-22s n=%d  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms  not received %d%n", label,
                sent.length, at(millis, 0.50), at(millis, 0.90), at(millis, 0.99), millis[millis.length - 1 - lost] / 1000.0, lost);
    }

    private static double at(long[] micros, double q) {
        return micros[(int) Math.min(micros.length - 1, Math.floor(q * micros.length))] / 1000.0;
    }

    private static Path copyConfig(Path target, String url) throws IOException {
        Path source = Quickstart.configDir();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        Files.writeString(target.resolve("bench.secret"), "bench-secret-0123456789\n");
        Path yaml = target.resolve("warden.yaml");
        Files.writeString(yaml, Files.readString(yaml) + "alerts:\n  channels:\n    bench: {url: '" + url
                + "', secret_file: bench.secret}\n  routes:\n    - {to: [bench]}\n");
        return target;
    }
}
