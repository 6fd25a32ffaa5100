package dev.warden.server.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.id.IdGenerator;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * Issues and verifies Warden access tokens: EdDSA (Ed25519) JWTs of type {@code at+jwt} naming the
 * agent ({@code sub} is its SPIFFE id), session ({@code sid}), project, environment and the agent's
 * token epoch ({@code gen}); default lifetime 5 minutes.
 *
 * <p>Verified tokens are cached by their exact text until they expire, so the signature check is
 * paid once per token; expiry is re-checked against the clock on every use, and revocation is
 * enforced by the caller comparing {@code gen} with the registry.
 */
public final class AccessTokens {
    private static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

    private final OctetKeyPair key;
    private final Ed25519Signer signer;
    private final Ed25519Verifier verifier;
    private final String issuer;
    private final Duration ttl;
    private final Clock clock;
    private final IdGenerator ids;
    private final Cache<String, AccessClaims> verified = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterWrite(Duration.ofHours(1)).build();

    /** Creates the issuer with its signing key. */
    public AccessTokens(OctetKeyPair key, String issuer, Duration ttl, Clock clock, IdGenerator ids) {
        this.key = key;
        this.issuer = issuer;
        this.ttl = ttl;
        this.clock = clock;
        this.ids = ids;
        try {
            this.signer = new Ed25519Signer(key);
            this.verifier = new Ed25519Verifier(key.toPublicJWK());
        } catch (JOSEException e) {
            throw new IllegalStateException("unusable signing key", e);
        }
    }

    /** Mints a token for an agent, opening a new session. */
    public IssuedToken issue(Agent agent) {
        Instant now = clock.instant();
        Instant exp = now.plus(ttl);
        String session = ids.next("ses");
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(issuer).subject(agent.id().toString())
                .claim("client_id", agent.name()).claim("sid", session)
                .claim("project", agent.project()).claim("env", agent.environment()).claim("gen", agent.tokenEpoch())
                .issueTime(Date.from(now)).expirationTime(Date.from(exp)).jwtID(ids.next("jti"))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.getKeyID()).type(TYPE).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return new IssuedToken(jwt.serialize(), session, exp);
    }

    /**
     * Verifies a token's signature, type, issuer, audience and expiry.
     *
     * @throws WardenException {@code invalid_token} or {@code token_expired}
     */
    public AccessClaims verify(String token) {
        AccessClaims claims = verified.getIfPresent(token);
        if (claims == null) {
            claims = verifyUncached(token);
            verified.put(token, claims);
        }
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw new WardenException(ErrorCode.TOKEN_EXPIRED, "the access token has expired; request a new one");
        }
        return claims;
    }

    /**
     * Verifies a token as {@link #verify} does but accepts one that has expired: for a renewal that
     * names the token it follows, whose session's labels the new session carries on.
     *
     * @throws WardenException {@code invalid_token}
     */
    public AccessClaims verifyAllowingExpiry(String token) {
        AccessClaims claims = verified.getIfPresent(token);
        return claims != null ? claims : verifyUncached(token);
    }

    private AccessClaims verifyUncached(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            JWSHeader h = jwt.getHeader();
            if (!JWSAlgorithm.EdDSA.equals(h.getAlgorithm()) || !TYPE.equals(h.getType())
                    || !key.getKeyID().equals(h.getKeyID())) {
                throw invalid("unexpected token header (algorithm, type or key id)");
            }
            if (!jwt.verify(verifier)) {
                throw invalid("signature does not verify");
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            if (!issuer.equals(c.getIssuer()) || c.getAudience() == null || !c.getAudience().contains(issuer)) {
                throw invalid("wrong issuer or audience");
            }
            Date exp = c.getExpirationTime();
            String agent = c.getStringClaim("client_id");
            String sid = c.getStringClaim("sid");
            Long gen = c.getLongClaim("gen");
            if (exp == null || agent == null || sid == null || gen == null) {
                throw invalid("missing claims");
            }
            return new AccessClaims(agent, sid, c.getStringClaim("project"), c.getStringClaim("env"), gen, exp.toInstant());
        } catch (ParseException | JOSEException e) {
            throw invalid("malformed token");
        }
    }

    private static WardenException invalid(String why) {
        return new WardenException(ErrorCode.INVALID_TOKEN, "invalid access token: " + why);
    }

    /** The public JWK set ({@code /.well-known/jwks.json}). */
    public Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject(true);
    }

    /** The issuer (and audience) of tokens. */
    public String issuer() {
        return issuer;
    }

    /** The token lifetime. */
    public Duration ttl() {
        return ttl;
    }
}
