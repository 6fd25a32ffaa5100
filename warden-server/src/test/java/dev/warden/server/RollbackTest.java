package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Actor;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.Order;
import dev.warden.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rollback plans over the real server: what a plan lists, and running it through the decision point. */
class RollbackTest {
    @TempDir
    Path data;
    MutableClock clock;
    TestServer s;
    String token;

    @BeforeEach
    void start() throws Exception {
        clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        s = new TestServer(data, clock);
        token = s.token("support-bot");
    }

    @AfterEach
    void stop() {
        s.close();
    }

    /** An approved refund: its allowed decision id (the outcome is reported when given). */
    private String refund(String order, int amount, String outcome) {
        String body = "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"%s\",\"amount\":%d}}".formatted(order, amount);
        TestServer.Reply asked = s.decide(token, body);
        assertThat(asked.get("decision")).as(asked.body()).isEqualTo("approval_required");
        String approval = (String) asked.get("approval_id");
        assertThat(s.post("/v1/approvals/" + approval + "/approve", TestServer.ADMIN, "{}").status()).isEqualTo(200);
        TestServer.Reply allowed = s.decide(token, body.replace("{\"action\"", "{\"approval_id\":\"" + approval + "\",\"action\""));
        assertThat(allowed.get("decision")).as(allowed.body()).isEqualTo("allow");
        String id = (String) allowed.get("decision_id");
        if (outcome != null) {
            outcome(id, outcome);
        }
        return id;
    }

    private void outcome(String decisionId, String status) {
        TestServer.Reply r = s.post("/v1/decisions/" + decisionId + "/outcome", token, "{\"status\":\"" + status + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private String reply(String ticket) {
        TestServer.Reply r = s.decide(token, "{\"action\":\"customer.reply\",\"args\":{\"ticket_id\":\"%s\",\"message\":\"hi\"}}"
                .formatted(ticket));
        assertThat(r.get("decision")).isEqualTo("allow");
        String id = (String) r.get("decision_id");
        outcome(id, "completed");
        return id;
    }

    private TestServer.Reply plan(String since) {
        return s.post("/v1/rollback/plans", TestServer.ADMIN, "{\"agent\":\"support-bot\",\"since\":\"" + since + "\"}");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(TestServer.Reply r) {
        return (List<Map<String, Object>>) r.get("items");
    }

    private static Map<String, Object> item(TestServer.Reply r, String decisionId) {
        return items(r).stream().filter(i -> decisionId.equals(i.get("decision_id"))).findFirst()
                .orElseThrow(() -> new AssertionError(decisionId + " not in " + r.body()));
    }

    @Test
    void plan_listsTheWindowsActions_compensationsForCompletedOnes_noneWithTheReason() throws Exception {
        String before = refund("o-0", 10, "completed");
        clock.advance(Duration.ofHours(3));
        token = s.token("support-bot");
        String completed = refund("o-1", 40, "completed");
        String failed = refund("o-2", 20, "failed");
        String missing = refund("o-3", 30, null);
        String replied = reply("t-1");
        assertThat(s.decide(token, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}").get("decision")).isEqualTo("allow");
        assertThat(s.decide(token, "{\"action\":\"refund.process\",\"args\":{\"order_id\":\"o-9\",\"amount\":500}}")
                .get("decision")).isEqualTo("deny");
        long head = AuditTrail.head(s);

        TestServer.Reply r = plan("2h");

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat((String) r.get("plan_id")).startsWith("rbp_");
        assertThat(r.get("truncated")).isEqualTo(false);
        assertThat(items(r)).extracting(i -> i.get("decision_id"))
                .as("newest first; the read, the denied refund and the refund before the window are left out")
                .containsExactly(replied, missing, failed, completed);
        assertThat(item(r, completed).get("compensation")).isEqualTo(Map.of("tool", "refund.reverse",
                "args", Map.of("order_id", "o-1", "amount", 40L, "reason", "rollback")));
        assertThat(item(r, completed).get("state")).isEqualTo("pending");
        assertThat(item(r, failed).get("none")).isEqualTo("outcome_failed");
        assertThat(item(r, missing).get("none")).isEqualTo("outcome_missing");
        assertThat(item(r, replied).get("none")).isEqualTo("no_compensation");
        assertThat(item(r, replied).get("state")).isEqualTo("none");
        assertThat(items(r)).noneMatch(i -> before.equals(i.get("decision_id")));

        List<AuditTrail.Entry> planned = AuditTrail.after(s, head, "rollback.planned");
        assertThat(planned).hasSize(1);
        assertThat(planned.getFirst().json().get("decision_ids")).isEqualTo(List.of(replied, missing, failed, completed));
        assertThat(planned.getFirst().get("plan_id")).isEqualTo(r.get("plan_id"));
        assertThat(planned.getFirst().get("actor")).isEqualTo("operator:admin");

        TestServer.Reply shown = s.get("/v1/rollback/plans/" + r.get("plan_id"), TestServer.ADMIN);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json()).isEqualTo(r.json());
    }

    @Test
    void run_killedAgentsCompensation_decidedAsOrdered_auditedAndLinked_handedToOwner() throws Exception {
        String refunded = refund("o-1", 40, "completed");
        String replied = reply("t-1");
        s.post("/v1/kill", TestServer.ADMIN, "{\"agent\":\"support-bot\",\"reason\":\"runaway refunds\"}");
        String planId = (String) plan("1h").get("plan_id");
        long head = AuditTrail.head(s);

        TestServer.Reply run = s.post("/v1/rollback/plans/" + planId + "/run", TestServer.ADMIN, "");

        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.get("ran_by")).isEqualTo("operator:admin");
        Map<String, Object> item = item(run, refunded);
        assertThat(item.get("state")).isEqualTo("handed_to_owner");
        String compensation = (String) item.get("compensation_decision_id");
        assertThat(compensation).startsWith("dec_");
        assertThat(item(run, replied).get("state")).isEqualTo("none");
        assertThat(run.get("owner_tasks")).isEqualTo(List.of(Map.of("owner", "alice@example.com", "decision_id", compensation,
                "compensates", refunded, "tool", "refund.reverse",
                "args", Map.of("order_id", "o-1", "amount", 40L, "reason", "rollback"))));

        List<AuditTrail.Entry> decisions = AuditTrail.after(s, head, "decision");
        assertThat(decisions).hasSize(1);
        AuditTrail.Entry d = decisions.getFirst();
        assertThat(d.get("decision_id")).isEqualTo(compensation);
        assertThat(d.get("decision")).isEqualTo("allow");
        assertThat(d.get("agent")).isEqualTo("support-bot");
        assertThat(d.get("action")).isEqualTo("refund.reverse");
        assertThat(d.get("ordered_by")).isEqualTo("operator:admin");
        assertThat(d.get("plan_id")).isEqualTo(planId);
        assertThat(d.get("compensates")).isEqualTo(refunded);
        List<AuditTrail.Entry> items = AuditTrail.after(s, head, "rollback.item");
        assertThat(items).singleElement().satisfies(e -> {
            assertThat(e.get("compensates")).isEqualTo(refunded);
            assertThat(e.get("compensation_decision_id")).isEqualTo(compensation);
            assertThat(e.get("state")).isEqualTo("handed_to_owner");
        });
        assertThat(AuditTrail.after(s, head, "rollback.run")).hasSize(1);
    }

    @Test
    void attack_runningAPlanTwice_orASecondPlanOfTheSameActions_compensatesOnce() throws Exception {
        String refunded = refund("o-1", 40, "completed");
        String first = (String) plan("1h").get("plan_id");
        String second = (String) plan("1h").get("plan_id");
        assertThat(s.post("/v1/rollback/plans/" + first + "/run", TestServer.ADMIN, "").status()).isEqualTo(200);
        long head = AuditTrail.head(s);

        TestServer.Reply again = s.post("/v1/rollback/plans/" + first + "/run", TestServer.ADMIN, "");
        TestServer.Reply other = s.post("/v1/rollback/plans/" + second + "/run", TestServer.ADMIN, "");

        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.get("error")).isEqualTo("plan_already_run");
        assertThat(other.status()).as(other.body()).isEqualTo(200);
        assertThat(item(other, refunded).get("state")).isEqualTo("already_compensated");
        assertThat(item(other, refunded)).doesNotContainKey("compensation_decision_id");
        assertThat(AuditTrail.after(s, head, "decision")).as("no second compensation decided").isEmpty();
    }

    @Test
    void attack_killedAgentCallingTheCompensatingToolItself_isDenied_andAForgedOrderToo() throws Exception {
        String refunded = refund("o-1", 40, "completed");
        String reverse = "{\"action\":\"refund.reverse\",\"args\":{\"order_id\":\"o-1\",\"amount\":40,\"reason\":\"rollback\"}}";
        TestServer.Reply own = s.decide(token, reverse);
        assertThat(own.get("decision")).as("active: not in its manifest, no policy permits it on its own").isEqualTo("deny");
        s.post("/v1/kill", TestServer.ADMIN, "{\"agent\":\"support-bot\",\"reason\":\"r\"}");
        String planId = (String) plan("1h").get("plan_id");
        assertThat(s.decide(token, reverse).get("decision")).isEqualTo("deny");

        // an order naming the plan, but not while the plan's item runs (in-process, as no wire form carries one)
        long epoch = s.server.warden().agents().require("support-bot").tokenEpoch();
        Decision forged = s.server.warden().decisions().decide(new DecisionRequest(new Caller("support-bot", "x", epoch),
                "refund.reverse", Optional.empty(), Map.of("order_id", "o-1", "amount", 40L, "reason", "rollback"),
                Optional.empty(), Optional.empty(), Optional.of(new Order(Actor.operator("admin"), planId, refunded))));
        assertThat(forged).isInstanceOf(Decision.Deny.class);
        assertThat(forged.reasons()).extracting(r -> r.code()).containsExactly("order_not_authorized");

        TestServer.Reply run = s.post("/v1/rollback/plans/" + planId + "/run", TestServer.ADMIN, "");
        assertThat(item(run, refunded).get("state")).as("the genuine order still works").isEqualTo("handed_to_owner");
    }

    @Test
    void plan_isStoredDurably_andRunsAfterARestart() throws Exception {
        String refunded = refund("o-1", 40, "completed");
        TestServer.Reply made = plan("1h");
        String planId = (String) made.get("plan_id");
        s.close();
        s = new TestServer(data, clock);

        TestServer.Reply shown = s.get("/v1/rollback/plans/" + planId, TestServer.ADMIN);
        assertThat(shown.json()).isEqualTo(made.json());
        TestServer.Reply run = s.post("/v1/rollback/plans/" + planId + "/run", TestServer.ADMIN, "");
        assertThat(item(run, refunded).get("state")).isEqualTo("handed_to_owner");
        s.close();
        s = new TestServer(data, clock);
        assertThat(item(s.get("/v1/rollback/plans/" + planId, TestServer.ADMIN), refunded).get("state")).isEqualTo("handed_to_owner");
        assertThat(s.post("/v1/rollback/plans/" + planId + "/run", TestServer.ADMIN, "").get("error")).isEqualTo("plan_already_run");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{\"since\":\"1h\"}                                   | 400 | missing_field | agent",
            "{\"agent\":\"support-bot\"}                          | 400 | missing_field | since",
            "{\"agent\":\"support-bot\",\"since\":\"yesterday\"}  | 400 | invalid_field | since must be an ISO-8601 time",
            "{\"agent\":\"support-bot\",\"since\":\"-2h\"}        | 400 | invalid_field | since",
            "{\"agent\":\"support-bot\",\"since\":\"2099-01-01T00:00:00Z\"} | 400 | invalid_field | since must not be after",
            "{\"agent\":\"support-bot\",\"since\":\"90d\"}        | 400 | invalid_field | at most 30 days",
            "{\"agent\":\"support-bot\",\"since\":\"1h\",\"until\":\"x\"} | 400 | invalid_field | until",
            "{\"agent\":\"support-bot\",\"since\":\"1h\",\"all\":true}  | 400 | invalid_field | all",
            "{\"agent\":7,\"since\":\"1h\"}                       | 400 | invalid_field | agent",
            "{\"agent\":\"nobody\",\"since\":\"1h\"}              | 404 | agent_not_found | nobody",
    })
    void plan_badInput_namesTheField(String body, int status, String error, String mentions) {
        TestServer.Reply r = s.post("/v1/rollback/plans", TestServer.ADMIN, body);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.get("error")).isEqualTo(error);
        assertThat((String) r.get("message")).contains(mentions);
    }

    @Test
    void unknownPlan_404_andOnlyOperatorsMayPlanOrRun() {
        assertThat(s.get("/v1/rollback/plans/rbp_nope", TestServer.ADMIN).get("error")).isEqualTo("plan_not_found");
        TestServer.Reply run = s.post("/v1/rollback/plans/rbp_nope/run", TestServer.ADMIN, "");
        assertThat(run.status()).isEqualTo(404);
        assertThat(run.get("error")).isEqualTo("plan_not_found");
        assertThat(s.post("/v1/rollback/plans", null, "{\"agent\":\"support-bot\",\"since\":\"1h\"}").status()).isEqualTo(401);
        assertThat(s.post("/v1/rollback/plans", token, "{\"agent\":\"support-bot\",\"since\":\"1h\"}").status()).isEqualTo(403);
    }
}
