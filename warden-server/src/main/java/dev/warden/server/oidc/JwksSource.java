package dev.warden.server.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The public keys of one OpenID Connect issuer, fetched over HTTP (discovering their address from
 * the issuer's {@code /.well-known/openid-configuration} when it is not configured) and cached.
 *
 * <p>Fetches are bounded: the keys are fetched when none are cached or the cached ones are older
 * than {@link OidcSettings#cacheFor()}, and again when a token names a key the cache does not hold,
 * but never twice within {@link OidcSettings#refetchAfter()}; so a stream of tokens with made-up
 * key ids costs the issuer at most one request per interval. Fail closed: when the keys cannot be
 * fetched and the cache has expired, nothing verifies. Thread-safe.
 */
public final class JwksSource {
    /** Connect timeout of a fetch. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Whole-request timeout of a fetch. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** The largest discovery document or key set read. */
    static final int MAX_BYTES = 256 * 1024;

    private final OidcSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private URI jwksUri;
    private JWKSet keys;
    private Instant fetchedAt;
    private Instant lastAttempt;

    /** What a look-up found. */
    public sealed interface Lookup {
        /** Keys that may have signed the token (same kid if it named one, fitting type and curve). */
        record Found(List<JWK> keys) implements Lookup {
        }

        /** No key of the issuer fits the token, even after a fetch (or a fetch was too recent to repeat). */
        record Unknown() implements Lookup {
        }

        /** The keys could not be fetched and none usable are cached. */
        record Unavailable(String message) implements Lookup {
        }
    }

    /** A source with its own HTTP client (no redirects followed, short timeouts). */
    public JwksSource(OidcSettings settings, Clock clock) {
        this(settings, HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build(), clock);
    }

    /** A source using {@code http}. */
    public JwksSource(OidcSettings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.jwksUri = settings.jwksUri().orElse(null);
    }

    /**
     * The issuer's keys that fit a token's header.
     *
     * @param kid the token's key id, if it has one (without one, every fitting key is a candidate)
     */
    public Lookup keys(Optional<String> kid, JWSAlgorithm alg) {
        lock.lock();
        try {
            Instant now = clock.instant();
            if (keys == null || !now.isBefore(fetchedAt.plus(settings.cacheFor()))) {
                if (!mayFetch(now)) {
                    return new Lookup.Unavailable("the identity provider's keys could not be fetched; retry in "
                            + Math.max(1, Duration.between(now, lastAttempt.plus(settings.refetchAfter())).toSeconds()) + " s");
                }
                Optional<String> problem = fetch(now);
                if (problem.isPresent()) {
                    keys = null; // an expired set is not used after a failed fetch: fail closed
                    return new Lookup.Unavailable(problem.get());
                }
            }
            List<JWK> found = select(kid, alg);
            if (found.isEmpty() && mayFetch(now)) {
                Optional<String> problem = fetch(now);
                if (problem.isPresent()) {
                    // the cached keys stay in use until they expire: a failed early fetch does not drop them
                    return new Lookup.Unavailable(problem.get());
                }
                found = select(kid, alg);
            }
            return found.isEmpty() ? new Lookup.Unknown() : new Lookup.Found(found);
        } finally {
            lock.unlock();
        }
    }

    private boolean mayFetch(Instant now) {
        return lastAttempt == null || !now.isBefore(lastAttempt.plus(settings.refetchAfter()));
    }

    /** Fetches the keys (and first their address, if it is to be discovered); the problem if that failed. */
    private Optional<String> fetch(Instant now) {
        lastAttempt = now;
        try {
            if (jwksUri == null) {
                jwksUri = discover();
            }
            JWKSet set = JWKSet.parse(get(jwksUri));
            keys = set;
            fetchedAt = now;
            return Optional.empty();
        } catch (IOException | ParseException | IllegalArgumentException e) {
            return Optional.of("the identity provider's keys could not be fetched: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while fetching the identity provider's keys");
        }
    }

    private URI discover() throws IOException, InterruptedException, ParseException {
        URI at = settings.discoveryUri();
        Map<String, Object> doc = JSONObjectUtils.parse(get(at));
        String issuer = JSONObjectUtils.getString(doc, "issuer");
        if (!settings.issuer().toString().equals(issuer)) {
            throw new IOException("the discovery document at " + at + " names another issuer");
        }
        URI uri = JSONObjectUtils.getURI(doc, "jwks_uri");
        if (uri == null) {
            throw new IOException("the discovery document at " + at + " has no jwks_uri");
        }
        Optional<String> problem = OidcSettings.uriProblem(uri);
        if (problem.isPresent()) {
            throw new IOException("the discovered jwks_uri is refused: " + problem.get());
        }
        return uri;
    }

    private String get(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
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

    private List<JWK> select(Optional<String> kid, JWSAlgorithm alg) {
        if (keys == null) {
            return List.of();
        }
        return keys.getKeys().stream()
                .filter(k -> kid.isEmpty() || kid.get().equals(k.getKeyID()))
                .filter(k -> k.getKeyUse() == null || KeyUse.SIGNATURE.equals(k.getKeyUse()))
                .filter(k -> k.getAlgorithm() == null || k.getAlgorithm().equals(alg))
                .filter(k -> fits(k, alg))
                .map(JWK::toPublicJWK)
                .limit(16)
                .toList();
    }

    /** Whether a key's type (and curve) is the one the algorithm signs with; never a symmetric key. */
    static boolean fits(JWK key, JWSAlgorithm alg) {
        if (JWSAlgorithm.Family.RSA.contains(alg)) {
            return key instanceof RSAKey;
        }
        if (JWSAlgorithm.Family.EC.contains(alg)) {
            return key instanceof ECKey ec && Curve.forJWSAlgorithm(alg).contains(ec.getCurve());
        }
        if (JWSAlgorithm.EdDSA.equals(alg) || JWSAlgorithm.Ed25519.equals(alg)) {
            return key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
        }
        return false;
    }
}
