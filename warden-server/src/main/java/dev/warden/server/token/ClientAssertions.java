package dev.warden.server.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentKey;
import dev.warden.agent.AgentRegistry;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.NonceStore;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies {@code private_key_jwt} client assertions (RFC 7523 section 3, as profiled by
 * OpenID Connect): an EdDSA-signed JWT whose {@code iss} and {@code sub} are the agent's name,
 * whose {@code aud} names Warden, with an expiry at most five minutes ahead, no {@code iat} or
 * {@code nbf} in the future and a {@code jti} never seen before; each time allows 30 seconds of
 * clock skew. The key is looked up by {@code kid} among the agent's registered keys; an unknown
 * agent, an unknown key and a wrong signature are answered alike, after the same work.
 */
public final class ClientAssertions {
    /** The only accepted {@code client_assertion_type}. */
    public static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
    private static final Duration SKEW = Duration.ofSeconds(30);
    /**
     * The one answer to an assertion no registered key verifies, whether its agent or kid is unknown
     * or the signature is wrong, so the token endpoint does not tell who is registered.
     */
    private static final String UNVERIFIED = "the signature does not verify with a key registered for the named agent under this kid";

    private final AgentRegistry agents;
    private final NonceStore nonces;
    private final Set<String> audiences;
    private final Clock clock;
    private final String decoyKey = SigningKey.generate(null).getX().toString();

    /**
     * Creates the verifier.
     *
     * @param audiences accepted {@code aud} values (the issuer and the token endpoint URL)
     */
    public ClientAssertions(AgentRegistry agents, NonceStore nonces, Set<String> audiences, Clock clock) {
        this.agents = agents;
        this.nonces = nonces;
        this.audiences = Set.copyOf(audiences);
        this.clock = clock;
    }

    /**
     * Verifies an assertion and returns the authenticated agent.
     *
     * @param clientId the {@code client_id} form field, if sent; must match the assertion
     * @throws WardenException {@code invalid_client_assertion}, {@code assertion_replayed} or
     *                         {@code agent_not_active}
     */
    public Agent verify(String assertion, Optional<String> clientId) {
        SignedJWT jwt;
        JWTClaimsSet c;
        try {
            jwt = SignedJWT.parse(assertion);
            c = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("client_assertion is not a signed JWT");
        }
        if (!JWSAlgorithm.EdDSA.equals(jwt.getHeader().getAlgorithm()) && !JWSAlgorithm.Ed25519.equals(jwt.getHeader().getAlgorithm())) {
            throw invalid("client_assertion must be signed with EdDSA (Ed25519)");
        }
        String name = c.getIssuer();
        if (name == null || !name.equals(c.getSubject())) {
            throw invalid("iss and sub must both be the agent's name");
        }
        if (clientId.isPresent() && !clientId.get().equals(name)) {
            throw invalid("client_id does not match the assertion's subject");
        }
        String kid = jwt.getHeader().getKeyID();
        if (kid == null || kid.isBlank()) {
            throw invalid("the kid header is required; it names one of the agent's registered keys");
        }
        Optional<Agent> found = agents.find(name);
        Optional<AgentKey> key = found.flatMap(a -> a.key(kid));
        // an unknown agent or kid is checked against a decoy key: every failure costs one signature check and answers alike
        boolean verified = verifies(jwt, key.map(AgentKey::x).orElse(decoyKey), kid);
        if (!verified || key.isEmpty()) {
            throw invalid(UNVERIFIED);
        }
        Agent agent = found.get();
        if (c.getAudience() == null || c.getAudience().stream().noneMatch(audiences::contains)) {
            throw invalid("aud must be one of " + audiences);
        }
        Instant now = clock.instant();
        Instant exp = toInstant(c.getExpirationTime()).orElseThrow(() -> invalid("exp is required"));
        if (!now.isBefore(exp.plus(SKEW))) {
            throw invalid("the assertion has expired");
        }
        if (exp.isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
            throw invalid("exp must be at most 5 minutes ahead");
        }
        Optional<Instant> iat = toInstant(c.getIssueTime());
        if (iat.isPresent() && iat.get().isAfter(now.plus(SKEW))) {
            throw invalid("iat is in the future");
        }
        Optional<Instant> nbf = toInstant(c.getNotBeforeTime());
        if (nbf.isPresent() && nbf.get().isAfter(now.plus(SKEW))) {
            throw invalid("nbf is in the future");
        }
        String jti = c.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > 256) {
            throw invalid("jti is required (at most 256 characters)");
        }
        if (!nonces.remember(name + "|" + jti, exp.plus(SKEW), now)) {
            throw new WardenException(ErrorCode.ASSERTION_REPLAYED, "this client assertion (jti) was already used");
        }
        if (agent.status() != AgentStatus.ACTIVE) {
            throw new WardenException(ErrorCode.AGENT_NOT_ACTIVE, "agent '" + name + "' is " + agent.status().wire());
        }
        return agent;
    }

    private static boolean verifies(SignedJWT jwt, String x, String kid) {
        try {
            return jwt.verify(new Ed25519Verifier(new OctetKeyPair.Builder(Curve.Ed25519, new Base64URL(x)).keyID(kid).build()));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static Optional<Instant> toInstant(Date d) {
        return Optional.ofNullable(d).map(Date::toInstant);
    }

    private static WardenException invalid(String why) {
        return new WardenException(ErrorCode.INVALID_CLIENT_ASSERTION, why);
    }
}
