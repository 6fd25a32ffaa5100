package dev.warden.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small HTTP client for the Warden API v1. Every failure becomes a {@link CliException} with a
 * one-line message: an unreachable server, a timeout, an error response
 * ({@code <error code>: <message>}) or a response that is not JSON. All of them exit with 1.
 */
final class WardenClient implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    /** Where the URL came from, named when the server cannot be reached. */
    private final String source;
    private final HttpClient http;

    /**
     * Creates a client for the server at {@code endpoint}.
     *
     * @throws CliException (exit 2) when the URL is not an absolute http(s) URL
     */
    WardenClient(Endpoints.Endpoint endpoint) {
        this.baseUrl = checkUrl(endpoint.url());
        this.source = endpoint.source();
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The normalized base URL (no trailing slash). */
    String baseUrl() {
        return baseUrl;
    }

    /** Checks and normalizes a base URL. */
    static String checkUrl(String url) {
        String u = url == null ? "" : url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        try {
            URI uri = new URI(u);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new CliException("invalid Warden URL '" + url + "': expected something like http://127.0.0.1:8470", 2);
    }

    /** {@code GET path}, with a bearer token when {@code bearer} is not null. */
    JsonNode get(String path, String bearer) {
        return send(request(path, bearer).GET().build());
    }

    /** {@code POST path} with a JSON body. */
    JsonNode postJson(String path, String bearer, JsonNode body) {
        return send(request(path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CliJson.write(body), StandardCharsets.UTF_8)).build());
    }

    /**
     * {@code POST path} with a JSON body, where one non-2xx status is an answer, not an error (a
     * refused promotion's {@code 409} lists what failed): the body of a 2xx or {@code answer} reply.
     */
    JsonNode postJsonAnswering(String path, String bearer, JsonNode body, int answer) {
        HttpRequest request = request(path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CliJson.write(body), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() == answer) {
            try {
                return CliJson.parse(response.body());
            } catch (JsonProcessingException e) {
                throw new CliException("unexpected response from " + baseUrl + ": HTTP " + answer + " " + firstLine(response.body()), 1);
            }
        }
        return interpret(response);
    }

    /** {@code DELETE path} with a JSON body. */
    JsonNode deleteJson(String path, String bearer, JsonNode body) {
        return send(request(path, bearer).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(CliJson.write(body), StandardCharsets.UTF_8)).build());
    }

    /** {@code POST path} with a form-encoded body. */
    JsonNode postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    /** {@code GET path} of a non-JSON resource (e.g. a signed note): the body of a 2xx answer. */
    String getText(String path, String bearer) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "text/plain").header("Authorization", "Bearer " + bearer).GET().build();
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            interpret(response);
        }
        return response.body();
    }

    /** Consumes a streamed response body. */
    @FunctionalInterface
    interface BodyConsumer<T> {
        T accept(java.io.InputStream body) throws IOException;
    }

    /**
     * {@code GET path}, handing a 2xx body to {@code consumer} as a stream (for exports of any size).
     * An I/O failure while consuming exits with 1.
     */
    <T> T download(String path, String bearer, BodyConsumer<T> consumer) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + bearer).GET().build();
        HttpResponse<java.io.InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream in = response.body()) {
            if (response.statusCode() / 100 != 2) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                interpret(new TextResponse(response, body));
                throw new CliException("unexpected response from " + baseUrl + ": HTTP " + response.statusCode(), 1);
            }
            return consumer.accept(in);
        } catch (IOException e) {
            throw new CliException("streaming the answer of " + baseUrl + " failed: " + e.getMessage(), 1);
        }
    }

    /** A response whose body was read as text (for error interpretation). */
    private record TextResponse(HttpResponse<?> origin, String body) implements HttpResponse<String> {
        @Override
        public int statusCode() {
            return origin.statusCode();
        }

        @Override
        public HttpRequest request() {
            return origin.request();
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return origin.headers();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return origin.sslSession();
        }

        @Override
        public URI uri() {
            return origin.uri();
        }

        @Override
        public HttpClient.Version version() {
            return origin.version();
        }
    }

    /** Percent-encodes a query value or path segment. */
    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    private JsonNode send(HttpRequest request) {
        return interpret(exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw new CliException("cannot reach Warden at " + baseUrl + " (" + source + "; no connection within "
                    + CONNECT_TIMEOUT.toSeconds() + " s): " + WHAT_NOW, 1);
        } catch (HttpTimeoutException e) {
            throw new CliException("Warden at " + baseUrl + " did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s", 1);
        } catch (ConnectException e) {
            throw unreachable();
        } catch (IOException e) {
            if (hasCause(e, ConnectException.class) || hasCause(e, java.nio.channels.UnresolvedAddressException.class)) {
                throw unreachable();
            }
            throw new CliException("cannot talk to Warden at " + baseUrl + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", 130);
        }
    }

    /** What to do when the server does not answer. */
    static final String WHAT_NOW = "is it running? Start it with ./warden up,"
            + " or point the CLI at the running server with --url URL or WARDEN_URL=URL";

    private CliException unreachable() {
        return new CliException("cannot reach Warden at " + baseUrl + " (" + source + "): " + WHAT_NOW, 1);
    }

    private JsonNode interpret(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? null : CliJson.parse(response.body());
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (status >= 200 && status < 300) {
            if (body == null) {
                throw new CliException("unexpected response from " + baseUrl + ": HTTP " + status + " without a JSON body", 1);
            }
            return body;
        }
        if (body != null && body.path("error").isTextual()) {
            String message = body.path("message").asText("");
            throw new CliException(body.get("error").asText() + (message.isEmpty() ? "" : ": " + message), 1);
        }
        throw new CliException("unexpected response from " + baseUrl + ": HTTP " + status
                + " " + firstLine(response.body()), 1);
    }

    private static String firstLine(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String line = body.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        http.close();
    }
}
