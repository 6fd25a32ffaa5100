package dev.warden.server.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * OpenID Connect sign-in for operators ({@code operators.oidc} in {@code warden.yaml}): whose ID
 * tokens are accepted and how they are checked.
 *
 * @param issuer         the issuer, compared exactly with a token's {@code iss}; https (or http on loopback)
 * @param audience       what a token's {@code aud} must contain (the client id registered at the issuer)
 * @param jwksUri        where the issuer's keys are; empty to discover them from
 *                       {@code <issuer>/.well-known/openid-configuration}
 * @param claim          the claim whose value is the operator's name ({@code sub} by default)
 * @param clockSkew      tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param algorithms     the signature algorithms accepted, all asymmetric
 * @param cacheFor       how long fetched keys are used before they are fetched again
 * @param refetchAfter   the least time between two fetches of the keys (an unknown {@code kid} fetches
 *                       again only when the last fetch is at least this old)
 */
public record OidcSettings(URI issuer, String audience, Optional<URI> jwksUri, String claim, Duration clockSkew,
                           List<JWSAlgorithm> algorithms, Duration cacheFor, Duration refetchAfter) {
    /** The algorithms that may be configured: RSA, RSA-PSS, ECDSA and EdDSA (never HMAC, never none). */
    public static final Set<JWSAlgorithm> SUPPORTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);
    /** The algorithms accepted when none are configured. */
    public static final List<JWSAlgorithm> DEFAULT_ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);
    /** Default claim naming the operator. */
    public static final String DEFAULT_CLAIM = "sub";
    /** Default clock skew. */
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);
    /** Default key cache lifetime. */
    public static final Duration DEFAULT_CACHE = Duration.ofMinutes(10);
    /** Default least time between two key fetches. */
    public static final Duration DEFAULT_REFETCH = Duration.ofSeconds(30);

    /** Checks and copies. */
    public OidcSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(jwksUri, "jwksUri");
        Objects.requireNonNull(claim, "claim");
        algorithms = List.copyOf(algorithms);
        if (!SUPPORTED.containsAll(algorithms) || algorithms.isEmpty()) {
            throw new IllegalArgumentException("algorithms: one or more of " + SUPPORTED);
        }
        uriProblem(issuer).ifPresent(p -> {
            throw new IllegalArgumentException("issuer: " + p);
        });
        jwksUri.flatMap(OidcSettings::uriProblem).ifPresent(p -> {
            throw new IllegalArgumentException("jwks_uri: " + p);
        });
    }

    /** Settings with the defaults for everything but issuer and audience. */
    public static OidcSettings of(URI issuer, String audience) {
        return new OidcSettings(issuer, audience, Optional.empty(), DEFAULT_CLAIM, DEFAULT_SKEW, DEFAULT_ALGORITHMS,
                DEFAULT_CACHE, DEFAULT_REFETCH);
    }

    /** The same settings with these timings. */
    public OidcSettings withTimings(Duration newCacheFor, Duration newRefetchAfter) {
        return new OidcSettings(issuer, audience, jwksUri, claim, clockSkew, algorithms, newCacheFor, newRefetchAfter);
    }

    /** The same settings naming the operator by another claim. */
    public OidcSettings withClaim(String newClaim) {
        return new OidcSettings(issuer, audience, jwksUri, newClaim, clockSkew, algorithms, cacheFor, refetchAfter);
    }

    /** The discovery document's address. */
    public URI discoveryUri() {
        String base = issuer.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/.well-known/openid-configuration");
    }

    /**
     * What is wrong with an issuer or key address, if anything: it must be absolute https with a
     * host, or http to a loopback host ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}) for
     * tests and development; no query, no fragment, no user info.
     */
    public static Optional<String> uriProblem(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("an absolute https URL with a host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            return Optional.of("no query, fragment or user info");
        }
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http") && loopback(uri.getHost())) {
            return Optional.empty();
        }
        return Optional.of("https only (http only to localhost or 127.0.0.1, for tests and development)");
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name other than localhost is not resolved here
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
