package dev.warden.server.oidc;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The authorization and token endpoints of the configured issuer, read from its discovery document
 * ({@code <issuer>/.well-known/openid-configuration}) and cached for {@link OidcSettings#cacheFor()}.
 * A document naming another issuer, or endpoints that are not https (http only on loopback), are not
 * used. A failed read is retried at the next sign-in, but not within
 * {@link OidcSettings#refetchAfter()} of the last attempt. Thread-safe.
 */
public final class ProviderEndpoints {
    /** The largest discovery document read. */
    static final int MAX_BYTES = 256 * 1024;

    private final OidcSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private Endpoints cached;
    private Instant fetchedAt;
    private Instant lastAttempt;
    private String lastProblem;

    /** Where the console sends the browser and where it redeems codes. */
    public record Endpoints(URI authorization, URI token) {
    }

    /** Endpoints of {@code settings}' issuer, read with {@code http}. */
    public ProviderEndpoints(OidcSettings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    /**
     * The endpoints, from the cache or read now.
     *
     * @throws IOException when the discovery document cannot be read or is not usable
     */
    public Endpoints endpoints() throws IOException {
        lock.lock();
        try {
            Instant now = clock.instant();
            if (cached != null && now.isBefore(fetchedAt.plus(settings.cacheFor()))) {
                return cached;
            }
            if (lastAttempt != null && now.isBefore(lastAttempt.plus(settings.refetchAfter()))) {
                throw new IOException(lastProblem != null ? lastProblem : "the identity provider's endpoints were read too recently");
            }
            lastAttempt = now;
            try {
                cached = read();
                fetchedAt = now;
                lastProblem = null;
                return cached;
            } catch (IOException e) {
                cached = null;
                lastProblem = e.getMessage();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private Endpoints read() throws IOException {
        URI at = settings.discoveryUri();
        Map<String, Object> doc;
        try {
            doc = JSONObjectUtils.parse(get(at));
            if (!settings.issuer().toString().equals(JSONObjectUtils.getString(doc, "issuer"))) {
                throw new IOException("the discovery document at " + at + " names another issuer");
            }
            return new Endpoints(endpoint(doc, "authorization_endpoint"), endpoint(doc, "token_endpoint"));
        } catch (ParseException e) {
            throw new IOException("the discovery document at " + at + " is not a JSON object of the expected fields");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the discovery document");
        }
    }

    private static URI endpoint(Map<String, Object> doc, String field) throws IOException, ParseException {
        URI uri = JSONObjectUtils.getURI(doc, field);
        if (uri == null) {
            throw new IOException("the discovery document has no " + field);
        }
        var problem = OidcSettings.uriProblem(uri);
        if (problem.isPresent()) {
            throw new IOException("the discovered " + field + " is refused: " + problem.get());
        }
        return uri;
    }

    private String get(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            if (r.statusCode() != 200) {
                throw new IOException(uri + " answered " + r.statusCode());
            }
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw new IOException(uri + " answered more than " + MAX_BYTES + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
