package dev.warden.simulation.lifecycle;

import dev.warden.server.api.v1.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The simulation's HTTP client of one Warden server: JSON in, JSON out, bearer credentials. */
public final class WardenHttp {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** A client of the server at {@code baseUrl} ({@code http://127.0.0.1:port}). */
    public WardenHttp(String baseUrl) {
        this.base = baseUrl;
    }

    /** An answer: its status and its JSON object (empty when the body was not one). */
    public record Reply(int status, Map<String, Object> json, String body) {
        /** A field of the answer. */
        public Object get(String key) {
            return json.get(key);
        }

        /** A string field, or null. */
        public String string(String key) {
            return json.get(key) instanceof String s ? s : null;
        }

        /** A list-of-objects field, the answer itself when it is a JSON array, or an empty list. */
        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> list(String key) {
            if (json.get(key) instanceof List<?> l) {
                return (List<Map<String, Object>>) l;
            }
            if (json.isEmpty() && body.startsWith("[") && Json.parse(body) instanceof List<?> top) {
                return (List<Map<String, Object>>) top;
            }
            return List.of();
        }

        /** The answer's error code, or null. */
        public String error() {
            return string("error");
        }
    }

    /** POSTs {@code body} (a map or list written as JSON) with the bearer {@code token} (none when null). */
    public Reply post(String path, String token, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))), token);
    }

    /** POSTs a form ({@code application/x-www-form-urlencoded}), without credentials. */
    public Reply postForm(String path, String form) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), null);
    }

    /** GETs {@code path} with the bearer {@code token}. */
    public Reply get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    @SuppressWarnings("unchecked")
    private Reply send(HttpRequest.Builder b, String token) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> json = r.body().startsWith("{") ? (Map<String, Object>) Json.parse(r.body()) : Map.of();
            return new Reply(r.statusCode(), json, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
