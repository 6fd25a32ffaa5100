package dev.warden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Agent authentication: a {@code private_key_jwt} client assertion (RFC 7523) signed with the key
 * file's Ed25519 key, exchanged at {@code POST /v1/token} for an access token.
 */
final class AgentAuth {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final Duration ASSERTION_LIFETIME = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private AgentAuth() {
    }

    /** Fetches a fresh access token for the key file's agent. */
    static String accessToken(WardenClient client, KeyFile key) {
        JsonNode metadata = client.get("/.well-known/oauth-authorization-server", null);
        JsonNode issuer = metadata.get("issuer");
        if (issuer == null || !issuer.isTextual() || issuer.asText().isBlank()) {
            throw new CliException("unexpected response from " + client.baseUrl()
                    + ": the authorization-server metadata has no issuer", 1);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_assertion_type", ASSERTION_TYPE);
        form.put("client_assertion", assertion(key, issuer.asText(), Instant.now()));
        JsonNode token = client.postForm("/v1/token", form).get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new CliException("unexpected response from " + client.baseUrl() + ": no access_token", 1);
        }
        return token.asText();
    }

    /** A signed client assertion: iss = sub = agent, aud = issuer, 60 s lifetime, random jti. */
    static String assertion(KeyFile key, String audience, Instant now) {
        byte[] jti = new byte[16];
        RANDOM.nextBytes(jti);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(key.agent()).subject(key.agent()).audience(audience)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
                .jwtID(HexFormat.of().formatHex(jti))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(key.kid()).build(), claims);
        try {
            jwt.sign(new Ed25519Signer(key.key()));
        } catch (JOSEException e) {
            throw new CliException("key file " + key.file() + ": cannot sign with this key (" + e.getMessage() + ")", 2);
        }
        return jwt.serialize();
    }
}
