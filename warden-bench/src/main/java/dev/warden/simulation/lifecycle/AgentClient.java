package dev.warden.simulation.lifecycle;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The agent's side of the HTTP API, as an agent's own code would use it: an Ed25519 key pair
 * (derived from the run's seed), access tokens from signed client assertions, renewed with
 * {@code previous_token} before they expire or when Warden revoked them, decisions and outcomes.
 */
final class AgentClient {
    private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private final String name;
    private final WardenHttp http;
    private final Clock clock;
    private final OctetKeyPair key;
    private String issuer;
    private String token;
    private Instant expires = Instant.MIN;
    private long assertions;
    private long tokens;

    AgentClient(String name, WardenHttp http, Clock clock, long seed) {
        this.name = name;
        this.http = http;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SplittableRandom(seed ^ 0x6b6579L).nextBytes(secret);
        try {
            Ed25519Sign.KeyPair pair = Ed25519Sign.KeyPair.newKeyPairFromSeed(secret);
            this.key = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(pair.getPublicKey()))
                    .d(Base64URL.encode(pair.getPrivateKey())).keyID(name + "-1").build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is unavailable", e);
        }
    }

    String name() {
        return name;
    }

    /** The registration body's key: the public half only. */
    Map<String, Object> publicJwk() {
        return Map.of("kty", "OKP", "crv", "Ed25519", "kid", key.getKeyID(), "x", key.getX().toString());
    }

    /** Access tokens obtained so far. */
    long tokensIssued() {
        return tokens;
    }

    /** Asks for a decision; a revoked or expired token is renewed once and the call repeated. */
    WardenHttp.Reply decide(Map<String, Object> body) {
        WardenHttp.Reply r = http.post("/v1/decisions", token(), body);
        if (revoked(r)) {
            renew();
            r = http.post("/v1/decisions", token(), body);
        }
        return r;
    }

    /** Reports the outcome of an allowed call. */
    WardenHttp.Reply outcome(String decisionId, boolean failed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", failed ? "failed" : "completed");
        if (failed) {
            body.put("detail", "upstream answered 503");
        }
        WardenHttp.Reply r = http.post("/v1/decisions/" + decisionId + "/outcome", token(), body);
        if (r.status() == 401) {
            renew();
            r = http.post("/v1/decisions/" + decisionId + "/outcome", token(), body);
        }
        return r;
    }

    private static boolean revoked(WardenHttp.Reply r) {
        if (r.status() == 401) {
            return true;
        }
        if (!"deny".equals(r.get("decision"))) {
            return false;
        }
        List<Map<String, Object>> reasons = r.list("reasons");
        return reasons.stream().anyMatch(x -> "token_revoked".equals(x.get("code")) || "token_expired".equals(x.get("code")));
    }

    private String token() {
        if (token == null || !clock.instant().isBefore(expires.minusSeconds(30))) {
            renew();
        }
        return token;
    }

    private void renew() {
        if (issuer == null) {
            issuer = http.get("/.well-known/oauth-authorization-server", null).string("issuer");
        }
        Instant now = clock.instant();
        String assertion;
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(name).subject(name).audience(issuer)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60)))
                    .jwtID(name + "-" + (++assertions)).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new Ed25519Signer(key));
            assertion = jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a client assertion", e);
        }
        String form = "grant_type=client_credentials&client_assertion_type=" + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8)
                + "&client_assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8)
                + (token == null ? "" : "&previous_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        WardenHttp.Reply r = http.postForm("/v1/token", form);
        if (r.status() == 400 && token != null) {
            token = null; // a token Warden no longer accepts as the one this follows: start a new line of sessions
            renew();
            return;
        }
        if (r.status() != 200) {
            throw new IllegalStateException("token request of " + name + " refused: " + r.body());
        }
        token = r.string("access_token");
        expires = now.plusSeconds(((Number) r.get("expires_in")).longValue());
        tokens++;
    }
}
