package dev.warden.server;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console as a browser without scripts sees it, for tests: it keeps the session cookie and the
 * last CSRF token a page carried, follows no redirect, and posts forms as browsers do.
 */
class ConsoleBrowser {
    /** The CSRF token in a page's forms. */
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private final TestServer server;
    /** The session cookie's value, once the server set one. */
    String cookie;
    /** The CSRF token of the last page that had one. */
    String csrf;

    ConsoleBrowser(TestServer server) {
        this.server = server;
    }

    /** GETs a page. */
    HttpResponse<String> get(String path) throws Exception {
        return get(path, "Accept", "text/html");
    }

    /** GETs with one extra header (say {@code HX-Request}). */
    HttpResponse<String> get(String path, String header, String value) throws Exception {
        HttpResponse<String> r = remember(HTTP.send(request(path).header(header, value).GET().build(),
                HttpResponse.BodyHandlers.ofString()));
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    /** POSTs exactly these form fields (no token is added). */
    HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return remember(HTTP.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** POSTs a form with the last CSRF token seen and {@code fields} (name, value, name, value...). */
    HttpResponse<String> submit(String path, String... fields) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", csrf);
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return post(path, form);
    }

    /** Opens the sign-in page and signs in; the answer to the POST (303 when signed in). */
    HttpResponse<String> signIn(String name, String password) throws Exception {
        get("/console/login");
        return post("/console/login", Map.of("_csrf", csrf, "name", name, "password", password));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30));
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
