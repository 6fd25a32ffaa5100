package dev.warden.server.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.operator.IdentityCheck;
import dev.warden.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ID token checks against a local issuer, attacked. */
class IdTokenVerifierTest {
    private final MutableClock clock = new MutableClock(Instant.now());
    private LocalIssuer idp;
    private IdTokenVerifier verifier;

    @BeforeEach
    void start() throws Exception {
        idp = new LocalIssuer();
        verifier = verifier(idp.settings());
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    private IdTokenVerifier verifier(OidcSettings s) {
        return new IdTokenVerifier(s, new JwksSource(s, clock), clock);
    }

    private JWTClaimsSet.Builder claims() {
        return idp.claims(clock.instant(), "olivia");
    }

    private static void refused(IdentityCheck c, String reason) {
        assertThat(c).isInstanceOfSatisfying(IdentityCheck.Refused.class, r -> assertThat(r.reason()).as(r.message()).isEqualTo(reason));
    }

    @Test
    void tokensOfEachKeyType_verify_andNameTheSubject() throws Exception {
        for (var key : List.of(idp.rsa, idp.ec, idp.ed)) {
            IdentityCheck c = verifier.verify(LocalIssuer.sign(key, claims().build()));
            assertThat(c).as(key.getKeyType().toString())
                    .isEqualTo(new IdentityCheck.Verified("olivia", idp.issuer(), "olivia"));
        }
        assertThat(idp.discoveryFetches.get()).isEqualTo(1);
        assertThat(idp.jwksFetches.get()).isEqualTo(1);
    }

    @Test
    void theConfiguredClaim_namesTheOperator_andAnUnverifiedEmailIsRefused() throws Exception {
        IdTokenVerifier byEmail = verifier(idp.settings().withClaim("email"));
        String ok = LocalIssuer.sign(idp.rsa, claims().subject("00u1x").claim("email", "olivia@example.com")
                .claim("email_verified", true).build());
        assertThat(byEmail.verify(ok)).isEqualTo(new IdentityCheck.Verified("olivia@example.com", idp.issuer(), "00u1x"));
        refused(byEmail.verify(LocalIssuer.sign(idp.rsa, claims().claim("email", "olivia@example.com")
                .claim("email_verified", false).build())), "claim");
        refused(byEmail.verify(LocalIssuer.sign(idp.rsa, claims().build())), "claim");
    }

    @Test
    void aTokenSignedByAnotherKey_withTheSameKid_isRefused() throws Exception {
        RSAKey forged = new RSAKeyGenerator(2048).keyID(idp.rsa.getKeyID()).generate();
        refused(verifier.verify(LocalIssuer.sign(forged, claims().build())), "signature");
    }

    @Test
    void aTamperedPayload_isRefused() throws Exception {
        String good = LocalIssuer.sign(idp.ec, claims().build());
        String[] parts = good.split("\\.");
        String other = Base64URL.encode(claims().subject("admin-person").build().toString()).toString();
        refused(verifier.verify(parts[0] + "." + other + "." + parts[2]), "signature");
    }

    @Test
    void algNone_isRefused() {
        String unsigned = new PlainJWT(claims().build()).serialize();
        refused(verifier.verify(unsigned), "algorithm");
        // the same with the header spelled by hand and a kid the issuer has
        String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"rsa-1\"}").toString();
        String payload = Base64URL.encode(claims().build().toString()).toString();
        refused(verifier.verify(header + "." + payload + "."), "algorithm");
        refused(verifier.verify(header + "." + payload + ".c2ln"), "malformed");
    }

    @Test
    void hs256_signedWithTheIssuersPublicKeyBytes_isRefused() throws Exception {
        JWTClaimsSet c = claims().build();
        for (byte[] secret : List.of(idp.rsa.toRSAPublicKey().getEncoded(), idp.rsa.toPublicJWK().toJSONString().getBytes())) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), c);
            jwt.sign(new MACSigner(secret));
            refused(verifier.verify(jwt.serialize()), "algorithm");
        }
    }

    @Test
    void anAlgorithmOutsideTheConfiguredList_isRefused_evenWithTheRightKey() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS512).keyID("rsa-1").build(), claims().build());
        jwt.sign(new RSASSASigner(idp.rsa));
        refused(verifier.verify(jwt.serialize()), "algorithm");
    }

    @Test
    void wrongIssuer_wrongAudience_orAnotherAuthorizedParty_areRefused() throws Exception {
        refused(verifier.verify(LocalIssuer.sign(idp.rsa, claims().issuer("https://evil.example").build())), "issuer");
        refused(verifier.verify(LocalIssuer.sign(idp.rsa, claims().issuer(idp.issuer() + "/").build())), "issuer");
        refused(verifier.verify(LocalIssuer.sign(idp.rsa, claims().audience("another-app").build())), "audience");
        refused(verifier.verify(LocalIssuer.sign(idp.rsa, claims().audience(List.of("warden", "x")).claim("azp", "x").build())),
                "audience");
        assertThat(verifier.verify(LocalIssuer.sign(idp.rsa, claims().audience(List.of("x", "warden")).build())))
                .isInstanceOf(IdentityCheck.Verified.class);
    }

    @Test
    void expired_notYetValid_orIssuedInTheFuture_areRefused_beyondTheSkew() throws Exception {
        Instant now = clock.instant();
        String expiring = LocalIssuer.sign(idp.rsa, claims().expirationTime(Date.from(now.plusSeconds(10))).build());
        clock.advance(Duration.ofSeconds(69));
        assertThat(verifier.verify(expiring)).as("within the 60 s skew").isInstanceOf(IdentityCheck.Verified.class);
        clock.advance(Duration.ofSeconds(1));
        refused(verifier.verify(expiring), "expired");

        clock.set(now);
        refused(verifier.verify(LocalIssuer.sign(idp.rsa, claims().notBeforeTime(Date.from(now.plusSeconds(61))).build())),
                "not_yet_valid");
        assertThat(verifier.verify(LocalIssuer.sign(idp.rsa, claims().notBeforeTime(Date.from(now.plusSeconds(59))).build())))
                .isInstanceOf(IdentityCheck.Verified.class);
        refused(verifier.verify(LocalIssuer.sign(idp.rsa, claims().issueTime(Date.from(now.plusSeconds(300))).build())),
                "not_yet_valid");
        refused(verifier.verify(LocalIssuer.sign(idp.rsa, claims().expirationTime(null).build())), "malformed");
    }

    @Test
    void anAccessToken_orGarbage_isRefused() throws Exception {
        SignedJWT at = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .type(new JOSEObjectType("at+jwt")).build(), claims().build());
        at.sign(new RSASSASigner(idp.rsa));
        refused(verifier.verify(at.serialize()), "malformed");
        refused(verifier.verify("not.a.token"), "malformed");
        refused(verifier.verify("x".repeat(20_000)), "malformed");
    }

    @Test
    void unknownKid_refetchesOnce_thenRefuses_andABurstOfMadeUpKids_costsOneFetchPerInterval() throws Exception {
        assertThat(verifier.verify(LocalIssuer.sign(idp.rsa, claims().build()))).isInstanceOf(IdentityCheck.Verified.class);
        clock.advance(Duration.ofSeconds(31));
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("made-up-0").generate();
        refused(verifier.verify(LocalIssuer.sign(stranger, claims().build())), "unknown_key");
        assertThat(idp.jwksFetches.get()).as("one refetch for the unknown kid").isEqualTo(2);
        for (int i = 1; i <= 50; i++) {
            RSAKey k = new RSAKey.Builder(stranger).keyID("made-up-" + i).build();
            refused(verifier.verify(LocalIssuer.sign(k, claims().build())), "unknown_key");
        }
        assertThat(idp.jwksFetches.get()).as("no refetch within 30 s").isEqualTo(2);
        clock.advance(Duration.ofSeconds(30));
        for (int i = 51; i <= 60; i++) {
            refused(verifier.verify(LocalIssuer.sign(new RSAKey.Builder(stranger).keyID("made-up-" + i).build(),
                    claims().build())), "unknown_key");
        }
        assertThat(idp.jwksFetches.get()).as("one more after the interval").isEqualTo(3);
    }

    @Test
    void aRotatedInKey_isFetchedOnItsFirstToken() throws Exception {
        assertThat(verifier.verify(LocalIssuer.sign(idp.rsa, claims().build()))).isInstanceOf(IdentityCheck.Verified.class);
        RSAKey next = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        idp.published.add(next.toPublicJWK());
        clock.advance(Duration.ofSeconds(30));
        assertThat(verifier.verify(LocalIssuer.sign(next, claims().build()))).isInstanceOf(IdentityCheck.Verified.class);
        assertThat(idp.jwksFetches.get()).isEqualTo(2);
    }

    @Test
    void keysUnreachable_refusesEverything_andAnExpiredCacheIsNotUsed() throws Exception {
        assertThat(verifier.verify(LocalIssuer.sign(idp.rsa, claims().build()))).isInstanceOf(IdentityCheck.Verified.class);
        idp.close();
        clock.advance(Duration.ofSeconds(31));
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("made-up").generate();
        assertThat(verifier.verify(LocalIssuer.sign(stranger, claims().build()))).as("the early refetch fails")
                .isInstanceOf(IdentityCheck.Unavailable.class);
        assertThat(verifier.verify(LocalIssuer.sign(idp.rsa, claims().build()))).as("cached keys, within their 10 min")
                .isInstanceOf(IdentityCheck.Verified.class);
        clock.advance(Duration.ofMinutes(10));
        assertThat(verifier.verify(LocalIssuer.sign(idp.rsa, claims().build()))).isInstanceOf(IdentityCheck.Unavailable.class);
        assertThat(verifier.verify(LocalIssuer.sign(idp.rsa, claims().build()))).isInstanceOf(IdentityCheck.Unavailable.class);
    }

    @Test
    void keysNeverFetched_refuses() throws Exception {
        idp.close();
        assertThat(verifier(idp.settings()).verify(LocalIssuer.sign(idp.rsa, claims().build())))
                .isInstanceOf(IdentityCheck.Unavailable.class);
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuer_isNotTrusted() throws Exception {
        idp.discoveryNamesIssuer("https://evil.example");
        assertThat(verifier.verify(LocalIssuer.sign(idp.rsa, claims().build()))).isInstanceOf(IdentityCheck.Unavailable.class);
        assertThat(idp.jwksFetches.get()).isZero();
    }

    @Test
    void refusals_neverRepeatTheToken() throws Exception {
        String expired = LocalIssuer.sign(idp.rsa, claims().expirationTime(Date.from(clock.instant().minusSeconds(600))).build());
        IdentityCheck c = verifier.verify(expired);
        refused(c, "expired");
        String message = ((IdentityCheck.Refused) c).message();
        for (String part : expired.split("\\.")) {
            assertThat(message).doesNotContain(part);
        }
    }
}
