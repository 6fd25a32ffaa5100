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
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the console's pages the way a browser asks for them: signs in through {@code /console/login}
 * (session cookie and CSRF token), then for each page runs a warm-up and {@code --requests} sequential
 * GETs, and prints p50/p95/p99/max per page as a markdown table. Pages answering 404 (not built yet)
 * are skipped with a note.
 *
 * <p>Either starts a server in this process on {@code --config} and {@code --data} (as written by
 * {@link ConsoleDataSet}; the startup time, including the audit log's validation, is reported), or
 * measures one already running at {@code --url} (then {@code --token} is its operator token).
 *
 * <pre>
 * java -cp ... dev.warden.bench.ConsoleLoadRun --config /tmp/warden-scale/config --data /tmp/warden-scale/data \
 *     --requests 200 --warmup 20 --pages "/console/,/console/agents,/console/agents/{agent},/console/audit"
 * </pre>
 *
 * <p>In page paths {@code {agent}} is replaced by {@code --agent} (default {@code agent-00000}) and
 * {@code {index}} by {@code --index} (default 1000000).
 */
public final class ConsoleLoadRun {
    /** The pages measured when {@code --pages} is not given. */
    static final List<String> DEFAULT_PAGES = List.of("/console/", "/console/agents", "/console/agents?page=50",
            "/console/agents?owner=owner-007%40example.com", "/console/agents?level=principal&status=quarantined",
            "/console/agents/{agent}", "/console/approvals", "/console/incidents", "/console/audit",
            "/console/audit?agent={agent}", "/console/audit/{index}", "/console/live");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String PASSWORD = "load-run-password-0123456789";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private String cookie;

    ConsoleLoadRun(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The timings of one page, in microseconds, sorted. */
    record PageTimes(String page, int status, long firstMicros, long[] micros, int bytes) {
        long percentile(double p) {
            if (micros.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p / 100.0 * micros.length) - 1;
            return micros[Math.max(0, Math.min(micros.length - 1, i))];
        }

        long max() {
            return micros.length == 0 ? 0 : micros[micros.length - 1];
        }
    }

    /** See the class comment. */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = ConsoleDataSet.Args.parse(args);
        int requests = Integer.parseInt(a.getOrDefault("requests", "200"));
        int warmup = Integer.parseInt(a.getOrDefault("warmup", "20"));
        List<String> pages = a.containsKey("pages") ? Arrays.asList(a.get("pages").split(",")) : DEFAULT_PAGES;
        String agent = a.getOrDefault("agent", "agent-00000");
        String index = a.getOrDefault("index", "1000000");
        WardenServer server = null;
        String url;
        String token;
        if (a.containsKey("url")) {
            url = a.get("url");
            token = a.get("token");
            if (token == null) {
                throw new IllegalArgumentException("--url needs --token (the server's operator token)");
            }
        } else {
            token = "wdn_load_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            long started = System.nanoTime();
            server = WardenServer.start(ServerOptions.of(Path.of(a.getOrDefault("config", "/tmp/warden-scale/config")),
                    Path.of(a.getOrDefault("data", "/tmp/warden-scale/data")), 0, Optional.of(token)));
            System.out.printf(Locale.ROOT, "server started in %.1f s (store opened; audit log validated unless audit.validate_on_start is false)%n",
                    (System.nanoTime() - started) / 1e9);
            url = server.url();
        }
        try {
            ConsoleLoadRun run = new ConsoleLoadRun(url);
            String operator = "load-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
            run.createOperator(token, operator);
            run.signIn(operator);
            List<PageTimes> results = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            for (String p : pages) {
                String path = p.strip().replace("{agent}", agent).replace("{index}", index);
                if (path.isEmpty()) {
                    continue;
                }
                Optional<PageTimes> t = run.measure(path, warmup, requests);
                if (t.isPresent()) {
                    results.add(t.get());
                    System.err.printf(Locale.ROOT, "%s: p50 %.1f ms%n", path, t.get().percentile(50) / 1000.0);
                } else {
                    skipped.add(path);
                }
            }
            System.out.println(table(results, requests, warmup));
            for (String s : skipped) {
                System.out.println("- `" + s + "`: 404, not measured (page not present in this build)");
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** The results as a markdown table (milliseconds). */
    static String table(List<PageTimes> results, int requests, int warmup) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n%d sequential requests per page after %d warm-up requests (the first of them is\n"
                + "the \"first\" column); milliseconds%n%n",
                requests, warmup));
        sb.append("| Page | Status | Bytes | first | p50 | p95 | p99 | max |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (PageTimes t : results) {
            sb.append(String.format(Locale.ROOT, "| `%s` | %d | %,d | %.1f | %.1f | %.1f | %.1f | %.1f |%n", t.page(), t.status(),
                    t.bytes(), t.firstMicros() / 1e3, t.percentile(50) / 1e3, t.percentile(95) / 1e3, t.percentile(99) / 1e3, t.max() / 1e3));
        }
        return sb.toString();
    }

    private void createOperator(String token, String name) throws IOException, InterruptedException {
        String body = "{\"name\":\"" + name + "\",\"roles\":[\"admin\"],\"password\":\"" + PASSWORD + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/operators"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("creating the operator failed: " + r.statusCode() + " " + r.body());
        }
    }

    private void signIn(String name) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/console/login");
        Matcher m = CSRF.matcher(form.body());
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page: " + form.statusCode());
        }
        String body = "_csrf=" + enc(m.group(1)) + "&name=" + enc(name) + "&password=" + enc(PASSWORD);
        HttpResponse<String> r = remember(http.send(request("/console/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        if (r.statusCode() != 303) {
            throw new IllegalStateException("sign-in failed: " + r.statusCode());
        }
    }

    /** Warm-up, then {@code n} timed GETs; empty for a 404. */
    Optional<PageTimes> measure(String path, int warmup, int n) throws IOException, InterruptedException {
        long f0 = System.nanoTime();
        HttpResponse<String> first = get(path);
        long firstMicros = (System.nanoTime() - f0) / 1000;
        if (first.statusCode() == 404) {
            return Optional.empty();
        }
        if (first.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + first.statusCode());
        }
        for (int i = 1; i < warmup; i++) {
            get(path);
        }
        long[] micros = new long[n];
        int bytes = 0;
        int status = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = get(path);
            micros[i] = (System.nanoTime() - t0) / 1000;
            bytes = r.body().getBytes(StandardCharsets.UTF_8).length;
            status = r.statusCode();
        }
        Arrays.sort(micros);
        return Optional.of(new PageTimes(path, status, firstMicros, micros, bytes));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return remember(http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
        if (cookie != null) {
            b.header("Cookie", "warden_console=" + cookie);
        }
        return b;
    }

    private HttpResponse<String> remember(HttpResponse<String> r) {
        r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("warden_console=")).findFirst()
                .ifPresent(c -> cookie = c.split(";", 2)[0].substring("warden_console=".length()));
        return r;
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
