package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.warden.server.token.SigningKey;
import dev.warden.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attacks on agent authentication: forged, expired, replayed, revoked and misused credentials. */
class TokenAttackTest {
    @TempDir
    Path data;
    MutableClock clock;
    TestServer s;
    OctetKeyPair key;
    static final String READ = "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}";

    @BeforeEach
    void start() throws Exception {
        clock = new MutableClock(Instant.now());
        s = new TestServer(data, clock);
        key = s.seededKey("support-bot");
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @SuppressWarnings("unchecked")
    static List<Object> codes(TestServer.Reply r) {
        return ((List<Map<String, Object>>) r.get("reasons")).stream().map(m -> m.get("code")).toList();
    }

    @Test
    void token_validAssertion_issuesShortLivedEdDsaToken() throws Exception {
        TestServer.Reply r = s.tokenRequest(s.assertion("support-bot", key));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.get("token_type")).isEqualTo("Bearer");
        assertThat(r.get("expires_in")).isEqualTo(300L);
        SignedJWT jwt = SignedJWT.parse((String) r.get("access_token"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.EdDSA);
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("spiffe://warden.local/agent/support-bot");
        assertThat(jwt.getJWTClaimsSet().getStringClaim("project")).isEqualTo("shop");
        assertThat(s.get("/.well-known/jwks.json", null).body()).contains(jwt.getHeader().getKeyID()).doesNotContain("\"d\"");
    }

    @Test
    void token_replayedAssertion_rejected() throws Exception {
        String a = s.assertion("support-bot", key);
        assertThat(s.tokenRequest(a).status()).isEqualTo(200);
        TestServer.Reply replay = s.tokenRequest(a);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.get("error")).isEqualTo("assertion_replayed");
    }

    @Test
    void token_assertionSignedWithAnotherKey_rejected() throws Exception {
        OctetKeyPair attacker = new OctetKeyPair.Builder(SigningKey.generate(null)).keyID(key.getKeyID()).build();
        TestServer.Reply r = s.tokenRequest(s.assertion("support-bot", attacker));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.get("error")).isEqualTo("invalid_client_assertion");
    }

    @Test
    void token_wrongAudienceExpiredOrLongLived_rejected() throws Exception {
        Instant now = clock.instant();
        String jti = UUID.randomUUID().toString();
        assertThat(s.tokenRequest(s.assertion("support-bot", key, "https://evil.example", now.plusSeconds(60), jti)).get("error"))
                .isEqualTo("invalid_client_assertion");
        assertThat(s.tokenRequest(s.assertion("support-bot", key, s.server.config().issuer(), now.minusSeconds(120), "a")).body())
                .contains("expired");
        assertThat(s.tokenRequest(s.assertion("support-bot", key, s.server.config().issuer(), now.plusSeconds(3600), "b")).body())
                .contains("at most 5 minutes");
    }

    /** The claims of a valid assertion of support-bot's, for a test to change one of. */
    private JWTClaimsSet.Builder claims() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer("support-bot").subject("support-bot").audience(s.server.config().issuer())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60))).jwtID(UUID.randomUUID().toString());
    }

    @Test
    void token_assertionNotValidBeforeAnHourFromNow_rejected() throws Exception {
        Date inAnHour = Date.from(clock.instant().plus(Duration.ofHours(1)));
        TestServer.Reply r = s.tokenRequest(TestServer.assertion(key, claims().notBeforeTime(inAnHour).build()));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.get("error")).isEqualTo("invalid_client_assertion");
        assertThat((String) r.get("message")).isEqualTo("nbf is in the future");
        assertThat(r.json()).doesNotContainKey("access_token");
    }

    @Test
    void token_notBefore_allowsTheSameClockSkewAsIatAndExp() throws Exception {
        Instant now = clock.instant();
        assertThat(s.tokenRequest(TestServer.assertion(key, claims().notBeforeTime(Date.from(now.plusSeconds(30))).build()))
                .status()).as("30 s ahead: within the skew").isEqualTo(200);
        assertThat(s.tokenRequest(TestServer.assertion(key, claims().notBeforeTime(Date.from(now.plusSeconds(31))).build()))
                .get("message")).as("31 s ahead").isEqualTo("nbf is in the future");
        assertThat(s.tokenRequest(TestServer.assertion(key, claims().notBeforeTime(Date.from(now.minusSeconds(10))).build()))
                .status()).as("already valid").isEqualTo(200);
    }

    @Test
    void token_assertionIssuedInTheFuture_rejected() throws Exception {
        Date inAnHour = Date.from(clock.instant().plus(Duration.ofHours(1)));
        TestServer.Reply r = s.tokenRequest(TestServer.assertion(key, claims().issueTime(inAnHour).build()));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.get("message")).isEqualTo("iat is in the future");
        assertThat(s.tokenRequest(TestServer.assertion(key, claims().issueTime(Date.from(clock.instant().plusSeconds(31))).build()))
                .get("message")).isEqualTo("iat is in the future");
    }

    @Test
    void token_unknownAgentUnknownKidAndWrongKey_answeredByteForByteAlike() throws Exception {
        OctetKeyPair attacker = SigningKey.generate("attacker-key");
        OctetKeyPair attackerWithRealKid = new OctetKeyPair.Builder(SigningKey.generate(null)).keyID(key.getKeyID()).build();
        String jti = "probe"; // the same claims but for iss/sub, so only what the server knows can differ
        TestServer.Reply unknownAgent = s.tokenRequest(TestServer.assertion(attacker, claims().issuer("no-such-bot")
                .subject("no-such-bot").jwtID(jti).build()));
        TestServer.Reply unknownKid = s.tokenRequest(TestServer.assertion(attacker, claims().jwtID(jti).build()));
        TestServer.Reply wrongKey = s.tokenRequest(TestServer.assertion(attackerWithRealKid, claims().jwtID(jti).build()));
        TestServer.Reply unknownAgentRealKid = s.tokenRequest(TestServer.assertion(attackerWithRealKid,
                claims().issuer("no-such-bot").subject("no-such-bot").jwtID(jti).build()));

        assertThat(unknownAgent.status()).isEqualTo(401);
        assertThat(unknownAgent.get("error")).isEqualTo("invalid_client_assertion");
        for (TestServer.Reply r : List.of(unknownKid, wrongKey, unknownAgentRealKid)) {
            assertThat(r.status()).isEqualTo(unknownAgent.status());
            assertThat(r.body()).isEqualTo(unknownAgent.body());
        }
        assertThat(unknownAgent.body()).doesNotContain("no-such-bot").doesNotContain(key.getKeyID());
    }

    @Test
    void token_noKid_answeredAlikeForKnownAndUnknownAgents() throws Exception {
        OctetKeyPair noKid = SigningKey.generate(null);
        TestServer.Reply known = s.tokenRequest(TestServer.assertion(noKid, claims().jwtID("k").build()));
        TestServer.Reply unknown = s.tokenRequest(TestServer.assertion(noKid,
                claims().issuer("no-such-bot").subject("no-such-bot").jwtID("k").build()));
        assertThat(known.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(known.body());
    }

    @Test
    void token_unsignedAssertion_rejected() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("support-bot").subject("support-bot")
                .audience(s.server.config().issuer()).expirationTime(Date.from(clock.instant().plusSeconds(60)))
                .jwtID("x").build();
        TestServer.Reply r = s.tokenRequest(new PlainJWT(new PlainHeader(), claims).serialize());
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void decide_forgedAccessToken_rejected() throws Exception {
        OctetKeyPair forger = SigningKey.generate("warden-forged");
        JWTClaimsSet claims = SignedJWT.parse(s.token("support-bot")).getJWTClaimsSet();
        String realKid = SignedJWT.parse(s.token("support-bot")).getHeader().getKeyID();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID(realKid)
                .type(new JOSEObjectType("at+jwt")).build(), claims);
        forged.sign(new Ed25519Signer(forger));
        TestServer.Reply r = s.decide(forged.serialize(), READ);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.get("error")).isEqualTo("invalid_token");
    }

    @Test
    void decide_clientAssertionUsedAsAccessToken_rejected() throws Exception {
        TestServer.Reply r = s.decide(s.assertion("support-bot", key), READ);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.get("error")).isEqualTo("invalid_token");
    }

    @Test
    void decide_expiredAccessToken_rejected() throws Exception {
        String token = s.token("support-bot");
        assertThat(s.decide(token, READ).get("decision")).isEqualTo("allow");
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        TestServer.Reply r = s.decide(token, READ);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.get("error")).isEqualTo("token_expired");
    }

    @Test
    void decide_killedAgentWithUnexpiredToken_deniedAndTokensRevoked() throws Exception {
        String token = s.token("support-bot");
        assertThat(s.post("/v1/agents/support-bot/kill", TestServer.ADMIN, "{\"reason\":\"leaked prompt\"}").get("status"))
                .isEqualTo("killed");
        TestServer.Reply r = s.decide(token, READ);
        assertThat(r.get("decision")).isEqualTo("deny");
        assertThat(codes(r)).containsExactly("token_revoked");
        TestServer.Reply fresh = s.tokenRequest(s.assertion("support-bot", key));
        assertThat(fresh.status()).isEqualTo(403);
        assertThat(fresh.get("error")).isEqualTo("agent_not_active");

        s.post("/v1/agents/support-bot/restore", TestServer.ADMIN, "{}");
        assertThat(codes(s.decide(token, READ))).as("a kill revokes tokens for good").containsExactly("token_revoked");
        assertThat(s.decide(s.token("support-bot"), READ).get("decision")).isEqualTo("allow");
    }

    @Test
    void restore_aboveTheLevelItHad_isRefusedAndLeavesTheAgentKilled_withoutALevel_itComesBackOneBelow() throws Exception {
        String reply = "{\"action\":\"customer.reply\",\"args\":{\"ticket_id\":\"t\",\"message\":\"m\"}}";
        s.post("/v1/agents/support-bot/kill", TestServer.ADMIN, "{\"reason\":\"incident\"}");

        TestServer.Reply promote = s.post("/v1/agents/support-bot/restore", TestServer.ADMIN, "{\"level\":\"principal\"}");
        assertThat(promote.status()).isEqualTo(400);
        assertThat(promote.get("error")).isEqualTo("invalid_field");
        assertThat((String) promote.get("message")).startsWith("level");
        TestServer.Reply still = s.get("/v1/agents/support-bot", TestServer.ADMIN);
        assertThat(still.get("status")).isEqualTo("killed");
        assertThat(still.get("level")).isEqualTo("senior");

        TestServer.Reply restored = s.post("/v1/agents/support-bot/restore", TestServer.ADMIN, "{\"reason\":\"fixed\"}");
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.get("status")).isEqualTo("active");
        assertThat(restored.get("level")).isEqualTo("junior");
        assertThat(s.decide(s.token("support-bot"), reply).get("decision")).as("junior: a reply needs approval")
                .isEqualTo("approval_required");
    }

    @Test
    void restore_atAnExplicitLowerLevel_comesBackAtIt() throws Exception {
        s.post("/v1/agents/support-bot/quarantine", TestServer.ADMIN, "{}");

        TestServer.Reply r = s.post("/v1/agents/support-bot/restore", TestServer.ADMIN,
                "{\"level\":\"intern\",\"reason\":\"start over\"}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.get("level")).isEqualTo("intern");
        assertThat(r.get("status")).isEqualTo("active");
        assertThat(s.post("/v1/agents/support-bot/restore", TestServer.ADMIN, "{\"level\":\"boss\"}").get("error"))
                .isEqualTo("invalid_field");
    }

    @Test
    void decide_quarantinedAgent_deniedUntilRestored() throws Exception {
        String token = s.token("support-bot");
        s.post("/v1/agents/support-bot/quarantine", TestServer.ADMIN, "{\"reason\":\"anomaly\"}");
        assertThat(codes(s.decide(token, READ))).containsExactly("agent_quarantined");
        s.post("/v1/agents/support-bot/restore", TestServer.ADMIN, "{}");
        assertThat(s.decide(token, READ).get("decision")).isEqualTo("allow");
    }

    @Test
    void decide_demotedAgentWithOldToken_ceilingAppliesAtOnce() throws Exception {
        String token = s.token("support-bot");
        String reply = "{\"action\":\"customer.reply\",\"args\":{\"ticket_id\":\"t\",\"message\":\"m\"}}";
        assertThat(s.decide(token, reply).get("decision")).isEqualTo("allow");
        assertThat(s.post("/v1/agents/support-bot/level", TestServer.ADMIN, "{\"level\":\"intern\",\"reason\":\"incident\"}")
                .get("level")).isEqualTo("intern");
        TestServer.Reply r = s.decide(token, reply);
        assertThat(r.get("decision")).isEqualTo("deny");
        assertThat(codes(r)).containsExactly("maturity_ceiling");
        assertThat(s.decide(token, READ).get("decision")).as("reads stay allowed for an intern").isEqualTo("allow");
        s.post("/v1/agents/support-bot/level", TestServer.ADMIN, "{\"level\":\"junior\",\"reason\":\"test\"}");
        assertThat(s.decide(token, reply).get("decision")).isEqualTo("approval_required");
    }

    @Test
    void outcome_otherAgentsDecision_forbidden() throws Exception {
        String token = s.token("support-bot");
        String decision = (String) s.decide(token, READ).get("decision_id");
        OctetKeyPair other = SigningKey.withThumbprintId(SigningKey.generate(null), "other");
        TestServer.Reply reg = s.post("/v1/agents", TestServer.ADMIN, """
                {"name":"other-bot","owner":"bob@example.com","purpose":"testing","capabilities":["inventory.read"],
                 "version":"1","config_digest":"sha256:00","project":"shop","environment":"prod",
                 "public_keys":[{"kty":"OKP","crv":"Ed25519","kid":"%s","x":"%s"}]}""".formatted(other.getKeyID(), other.getX()));
        assertThat(reg.status()).isEqualTo(201);
        String otherToken = (String) s.tokenRequest(s.assertion("other-bot", other)).get("access_token");
        TestServer.Reply r = s.post("/v1/decisions/" + decision + "/outcome", otherToken, "{\"status\":\"completed\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.get("error")).isEqualTo("foreign_decision");
    }

    @Test
    void operatorEndpoints_agentTokenOrNoToken_refused() throws Exception {
        String token = s.token("support-bot");
        TestServer.Reply agentTry = s.post("/v1/agents/support-bot/level", token, "{\"level\":\"principal\"}");
        assertThat(agentTry.status()).isEqualTo(403);
        assertThat(s.get("/v1/approvals", token).status()).isEqualTo(403);
        assertThat(s.get("/v1/audit/entries", null).status()).isEqualTo(401);
        assertThat(s.get("/v1/agents", "wrong-operator-token").get("error")).isEqualTo("unauthenticated");
        assertThat(s.get("/v1/agents/support-bot", TestServer.ADMIN).get("level")).isEqualTo("senior");
    }
}
