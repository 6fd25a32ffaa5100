package dev.warden.server.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.operator.IdentityCheck;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Checks an OpenID Connect ID token of the configured issuer: an asymmetric signature by one of the
 * issuer's published keys ({@link JwksSource}) with an algorithm of the configured list (never
 * {@code none}, never HMAC: the only keys held are public ones), {@code iss} exactly the issuer,
 * {@code aud} containing the audience (and {@code azp} the audience when there are several),
 * {@code exp}, {@code nbf} and {@code iat} within the clock skew, and the configured claim present
 * as a string (for {@code email}, not marked {@code email_verified: false}). The answer is a value,
 * never an exception; no answer repeats the token.
 */
public final class IdTokenVerifier {
    /** The longest ID token read. */
    static final int MAX_CHARS = 16 * 1024;

    private final OidcSettings settings;
    private final JwksSource keys;
    private final Clock clock;

    /** A verifier of {@code settings}' issuer's tokens, with keys from {@code keys}. */
    public IdTokenVerifier(OidcSettings settings, JwksSource keys, Clock clock) {
        this.settings = settings;
        this.keys = keys;
        this.clock = clock;
    }

    /** The settings checked against. */
    public OidcSettings settings() {
        return settings;
    }

    /** Checks a compact-serialized ID token. */
    public IdentityCheck verify(String idToken) {
        if (idToken.length() > MAX_CHARS) {
            return refused("malformed", "the id_token is longer than " + MAX_CHARS + " characters");
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(idToken);
        } catch (ParseException e) {
            return refused("malformed", "the id_token is not a compact JWT");
        }
        if (jwt instanceof PlainJWT) {
            return refused("algorithm", "an unsigned token (alg none) is never accepted");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            return refused("malformed", "encrypted ID tokens are not accepted; send the signed token");
        }
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        if (!settings.algorithms().contains(alg)) {
            return refused("algorithm", "the token's algorithm is not one of " + settings.algorithms());
        }
        JOSEObjectType typ = signed.getHeader().getType();
        if (typ != null && !typ.getType().equalsIgnoreCase("JWT")) {
            return refused("malformed", "the token's typ is not JWT (an ID token is wanted, not an access or other token)");
        }
        Optional<IdentityCheck> refusal = signature(signed, alg);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            return refused("malformed", "the token's claims are not a JSON object of registered claim types");
        }
        return claims(claims);
    }

    /**
     * Checks a compact-serialized ID token as {@link #verify(String)} does, and that its
     * {@code nonce} claim is {@code nonce} (compared in constant time): the token was issued for the
     * sign-in that sent that nonce, not replayed from another.
     */
    public IdentityCheck verify(String idToken, String nonce) {
        IdentityCheck check = verify(idToken);
        if (!(check instanceof IdentityCheck.Verified)) {
            return check;
        }
        Object claim;
        try {
            claim = JWTParser.parse(idToken).getJWTClaimsSet().getClaim("nonce");
        } catch (ParseException e) {
            return refused("malformed", "the id_token is not a compact JWT");
        }
        if (!(claim instanceof String got) || !java.security.MessageDigest.isEqual(
                got.getBytes(java.nio.charset.StandardCharsets.UTF_8), nonce.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return refused("nonce", "the token's nonce is not the one this sign-in sent");
        }
        return check;
    }

    /** Checks the signature: empty when it verifies, else the refusal (or the keys' unavailability). */
    private Optional<IdentityCheck> signature(SignedJWT signed, JWSAlgorithm alg) {
        JwksSource.Lookup lookup = keys.keys(Optional.ofNullable(signed.getHeader().getKeyID()), alg);
        return switch (lookup) {
            case JwksSource.Lookup.Unavailable u -> Optional.of(new IdentityCheck.Unavailable(u.message()));
            case JwksSource.Lookup.Unknown u -> Optional.of(refused("unknown_key",
                    "no key of the issuer matches the token's kid and algorithm"));
            case JwksSource.Lookup.Found f -> verifiesWithAny(signed, f.keys()) ? Optional.empty()
                    : Optional.of(refused("signature", "the signature does not verify with the issuer's key"));
        };
    }

    private static boolean verifiesWithAny(SignedJWT signed, List<JWK> candidates) {
        for (JWK key : candidates) {
            try {
                Optional<JWSVerifier> v = verifier(key);
                if (v.isPresent() && signed.verify(v.get())) {
                    return true;
                }
            } catch (JOSEException | IllegalStateException e) {
                // a key that cannot verify this token: try the next
            }
        }
        return false;
    }

    /** A verifier for one public key; empty for a key type or size that is not accepted. */
    private static Optional<JWSVerifier> verifier(JWK key) throws JOSEException {
        return switch (key) {
            case RSAKey rsa -> rsa.size() < 2048 ? Optional.empty() : Optional.of(new RSASSAVerifier(rsa.toRSAPublicKey()));
            case ECKey ec -> Optional.of(new ECDSAVerifier(ec.toECPublicKey()));
            case OctetKeyPair okp -> Optional.of(new Ed25519Verifier(okp.toPublicJWK()));
            default -> Optional.empty();
        };
    }

    private IdentityCheck claims(JWTClaimsSet c) {
        String issuer = settings.issuer().toString();
        if (!issuer.equals(c.getIssuer())) {
            return refused("issuer", "the token's iss is not the configured issuer " + issuer);
        }
        List<String> aud = c.getAudience();
        if (aud == null || !aud.contains(settings.audience())) {
            return refused("audience", "the token's aud does not contain " + settings.audience());
        }
        Object azp = c.getClaim("azp");
        if (aud.size() > 1 && azp != null && !settings.audience().equals(azp)) {
            return refused("audience", "the token was issued to another party (azp)");
        }
        Instant now = clock.instant();
        Date exp = c.getExpirationTime();
        if (exp == null) {
            return refused("malformed", "the token has no exp");
        }
        if (!now.isBefore(exp.toInstant().plus(settings.clockSkew()))) {
            return refused("expired", "the token expired at " + exp.toInstant());
        }
        Date nbf = c.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(settings.clockSkew()))) {
            return refused("not_yet_valid", "the token is not valid before " + nbf.toInstant());
        }
        Date iat = c.getIssueTime();
        if (iat == null) {
            return refused("malformed", "the token has no iat");
        }
        if (now.isBefore(iat.toInstant().minus(settings.clockSkew()))) {
            return refused("not_yet_valid", "the token was issued in the future (" + iat.toInstant() + ")");
        }
        if (c.getSubject() == null) {
            return refused("malformed", "the token has no sub");
        }
        Object name = c.getClaim(settings.claim());
        if (!(name instanceof String operator) || operator.isEmpty()) {
            return refused("claim", "the token has no string claim '" + settings.claim() + "'");
        }
        if (settings.claim().equals("email") && Boolean.FALSE.equals(c.getClaim("email_verified"))) {
            return refused("claim", "the token's email is not verified (email_verified: false)");
        }
        return new IdentityCheck.Verified(operator, issuer, c.getSubject());
    }

    private static IdentityCheck refused(String reason, String message) {
        return new IdentityCheck.Refused(reason, message);
    }
}
