package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import dev.warden.flow.LabelSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quickstart's two information-flow rules (policies/flow.cedar) through the HTTP decision API:
 * a session labelled pii or secret is held before an external tool, one labelled untrusted before a
 * financial one; a held call is approved once and runs once; a plain forbid still denies.
 */
class FlowRulesTest {
    static final String REPLY = "{\"action\":\"customer.reply\",\"args\":{\"ticket_id\":\"t-1\",\"message\":\"here is the list\"}";
    @TempDir
    static Path data;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer(data, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    /** A token of a new session of support-bot, and the session's id. */
    static String[] session() throws Exception {
        TestServer.Reply r = s.tokenRequest(s.assertion("support-bot", s.seededKey("support-bot")));
        assertThat(r.status()).isEqualTo(200);
        return new String[] {(String) r.get("access_token"), (String) r.get("session_id")};
    }

    /** What a content scanner does when it finds these data classes in an output of the session. */
    static void scannerFinds(String session, String... labels) {
        s.server.warden().sessionLabels().label("support-bot", session, Set.of(labels),
                new LabelSource(Optional.of("dec_scanned"), "crm.export", "customers/all", s.clock.instant(), "scan:test"));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> reasons(TestServer.Reply r) {
        return (List<Map<String, Object>>) r.get("reasons");
    }

    @Test
    void aReplyAllowedBefore_isHeldOnceTheSessionReadPii_evenThoughAPermitAllowsIt_andAnApprovalRunsItOnce() throws Exception {
        String[] ses = session();
        assertThat(s.decide(ses[0], REPLY + "}").get("decision")).isEqualTo("allow"); // remembered by the verdict memo

        scannerFinds(ses[1], "pii");
        TestServer.Reply held = s.decide(ses[0], REPLY + "}");

        assertThat(held.get("decision")).as(held.body()).isEqualTo("approval_required");
        assertThat(reasons(held)).anySatisfy(r -> {
            assertThat(r.get("code")).isEqualTo("approval_hold");
            assertThat(r.get("policy_id")).isEqualTo("flow-sensitive-data-stays-in");
        });
        String approval = (String) held.get("approval_id");
        assertThat(s.post("/v1/approvals/" + approval + "/approve", TestServer.ADMIN, "{\"note\":\"the customer asked\"}")
                .status()).isEqualTo(200);
        TestServer.Reply allowed = s.decide(ses[0], REPLY + ",\"approval_id\":\"" + approval + "\"}");
        assertThat(allowed.get("decision")).as(allowed.body()).isEqualTo("allow");
        assertThat(reasons(allowed)).extracting(m -> m.get("code")).contains("approval_redeemed");
        TestServer.Reply replay = s.decide(ses[0], REPLY + ",\"approval_id\":\"" + approval + "\"}");
        assertThat(replay.get("decision")).isEqualTo("deny");
        assertThat(reasons(replay)).extracting(m -> m.get("code")).containsExactly("approval_used");

        // another session of the same agent read nothing: its reply is not held
        assertThat(s.decide(session()[0], REPLY + "}").get("decision")).isEqualTo("allow");
    }

    @Test
    void untrustedSession_isHeldBeforeARefund_butAPlainForbidStillDenies() throws Exception {
        String[] ses = session();
        scannerFinds(ses[1], "untrusted");

        TestServer.Reply small = s.decide(ses[0], "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"o-1\",\"amount\":20}}");
        TestServer.Reply large = s.decide(ses[0], "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"o-1\",\"amount\":500}}");

        assertThat(small.get("decision")).isEqualTo("approval_required");
        assertThat(reasons(small)).extracting(m -> m.get("policy_id")).contains("support-small-refunds", "flow-untrusted-no-harm");
        assertThat(large.get("decision")).isEqualTo("deny");
        assertThat(reasons(large)).extracting(m -> m.get("policy_id")).containsExactly("no-large-refunds");
        assertThat(s.decide(ses[0], "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}").get("decision"))
                .isEqualTo("allow");
    }

    @Test
    void aRenewedToken_thatNamesThePreviousOne_keepsItsSessionsLabels_andNoOneAttachesToAnotherAgentsSession() throws Exception {
        String[] ses = session();
        scannerFinds(ses[1], "pii");

        TestServer.Reply renewed = s.tokenRequest(s.assertion("support-bot", s.seededKey("support-bot")), ses[0]);
        assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
        TestServer.Reply held = s.decide((String) renewed.get("access_token"), REPLY + "}");

        assertThat(renewed.get("session_id")).isNotEqualTo(ses[1]);
        assertThat(held.get("decision")).as(held.body()).isEqualTo("approval_required");
        assertThat(s.get("/v1/sessions/" + renewed.get("session_id"), TestServer.ADMIN).body())
                .contains("\"tool\":\"session.carry\"", "\"resource\":\"" + ses[1] + "\"", "\"by\":\"token-renewal\"");

        OctetKeyPair key = new OctetKeyPairGenerator(Curve.Ed25519).keyID("k1").generate();
        assertThat(s.post("/v1/agents", TestServer.ADMIN, """
                {"name":"flow-other","purpose":"p","owner":"o","capabilities":["inventory.read"],"version":"1",
                 "config_digest":"sha256:0","project":"shop","environment":"prod","public_keys":[%s]}"""
                .formatted(key.toPublicJWK().toJSONString())).status()).isEqualTo(201);
        String otherAgent = (String) s.tokenRequest(s.assertion("flow-other", key)).get("access_token");
        TestServer.Reply foreign = s.tokenRequest(s.assertion("support-bot", s.seededKey("support-bot")), otherAgent);
        TestServer.Reply forged = s.tokenRequest(s.assertion("support-bot", s.seededKey("support-bot")), ses[0] + "x");
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body()).contains("invalid_field", "previous_token was issued to another agent");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).contains("previous_token");
    }

    @Test
    void operatorsSeeASessionsLabels_andTheReadsThatGaveThem() throws Exception {
        String[] ses = session();
        scannerFinds(ses[1], "secret", "pii");

        TestServer.Reply view = s.get("/v1/sessions/" + ses[1], TestServer.ADMIN);
        TestServer.Reply none = s.get("/v1/sessions/ses_unknown", TestServer.ADMIN);
        TestServer.Reply agent = s.get("/v1/agents/support-bot/sessions", TestServer.ADMIN);

        assertThat(view.status()).isEqualTo(200);
        assertThat(view.get("labels")).isEqualTo(List.of("pii", "secret"));
        assertThat(view.body()).contains("\"decision_id\":\"dec_scanned\"", "\"resource\":\"customers/all\"", "\"by\":\"scan:test\"");
        assertThat(none.get("labels")).isEqualTo(List.of());
        assertThat(agent.body()).contains(ses[1]);
        assertThat(s.get("/v1/sessions/" + ses[1], session()[0]).status()).isEqualTo(403); // agents do not read labels
    }
}
