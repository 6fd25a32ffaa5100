package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/** Grants (pre-approvals) over HTTP, with the quickstart's Cedar policies: refunds under $100 need approval. */
class GrantsApiTest {
    private static final String REFUND = "{\"action\":\"refund.process\",\"resource\":\"order/%1$s\","
            + "\"args\":{\"order_id\":\"%1$s\",\"amount\":%2$s}}";
    private static final String PASSWORD = "correct-horse-battery-staple";
    private static final String SMALL_REFUNDS = "{\"agent\":\"support-bot\",\"tool\":\"refund.process\","
            + "\"when\":[{\"arg\":\"amount\",\"op\":\"<\",\"value\":50}],\"max_uses\":2,\"expires_in\":\"2h\","
            + "\"reason\":\"outage: small refunds\"}";

    @TempDir
    Path data;
    @TempDir
    Path config;
    TestServer s;
    MutableClock clock = new MutableClock(Instant.now());

    @BeforeEach
    void start() throws IOException {
        TestServer.quickstartCopy(config);
        s = new TestServer(config, data, clock);
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    private String operator(String name, String... roles) {
        String list = String.join(",", Stream.of(roles).map(r -> "\"" + r + "\"").toList());
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[%s],\"password\":\"%s\"}".formatted(name, list, PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        TestServer.Reply login = s.post("/v1/login", null, "{\"name\":\"%s\",\"password\":\"%s\"}".formatted(name, PASSWORD));
        return (String) login.get("token");
    }

    private static void refused(TestServer.Reply r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.get("error")).as(r.body()).isEqualTo(code);
    }

    @Test
    void approverGrants_matchingRefundsAreAllowedNamingTheGrant_untilItsCountRunsOut() throws Exception {
        String fiona = operator("fiona", "approver@shop:refund.*");
        String bot = s.token("support-bot");
        assertThat(s.decide(bot, REFUND.formatted("o-0", "20")).get("decision")).isEqualTo("approval_required");

        TestServer.Reply created = s.post("/v1/grants", fiona, SMALL_REFUNDS);

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = (String) created.get("id");
        assertThat(id).startsWith("grt_");
        assertThat(created.json()).containsEntry("state", "active").containsEntry("created_by", "operator:fiona")
                .containsEntry("max_uses", 2L);
        TestServer.Reply first = s.decide(bot, REFUND.formatted("o-1", "20"));
        assertThat(first.get("decision")).as(first.body()).isEqualTo("allow");
        assertThat(first.body()).contains("grant_used").contains(id);
        assertThat(s.decide(bot, REFUND.formatted("o-2", "60")).get("decision")).isEqualTo("approval_required");
        assertThat(s.decide(bot, REFUND.formatted("o-3", "49.5")).get("decision")).isEqualTo("allow");
        assertThat(s.decide(bot, REFUND.formatted("o-4", "10")).get("decision")).isEqualTo("approval_required");

        List<AuditTrail.Entry> uses = AuditTrail.after(s, 0, "decision").stream()
                .filter(e -> id.equals(e.get("grant_id"))).toList();
        assertThat(uses).hasSize(2).allSatisfy(e -> assertThat(e.get("decision")).isEqualTo("allow"));
        assertThat(AuditTrail.after(s, 0, "grant.created")).singleElement()
                .satisfies(e -> assertThat(e.get("actor")).isEqualTo("operator:fiona"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) s.get("/v1/grants?agent=support-bot&state=all", fiona)
                .get("grants");
        assertThat(listed).singleElement().satisfies(g -> assertThat(g).containsEntry("uses", 2L).containsEntry("state", "used_up"));
        assertThat((List<?>) s.get("/v1/grants?state=active", TestServer.ADMIN).get("grants")).isEmpty();
    }

    @Test
    void revokedOrExpiredGrant_allowsNothing() throws Exception {
        String bot = s.token("support-bot");
        TestServer.Reply created = s.post("/v1/grants", TestServer.ADMIN, SMALL_REFUNDS.replace("\"max_uses\":2,", ""));
        String id = (String) created.get("id");
        assertThat(s.decide(bot, REFUND.formatted("o-1", "20")).get("decision")).isEqualTo("allow");

        TestServer.Reply revoked = s.post("/v1/grants/" + id + "/revoke", TestServer.ADMIN, "{\"note\":\"outage over\"}");

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json()).containsEntry("state", "revoked").containsEntry("revoked_by", "operator:admin");
        assertThat(s.decide(bot, REFUND.formatted("o-2", "20")).get("decision")).isEqualTo("approval_required");
        refused(s.post("/v1/grants/" + id + "/revoke", TestServer.ADMIN, ""), 409, "grant_revoked");
        assertThat(AuditTrail.after(s, 0, "grant.revoked")).hasSize(1);

        s.post("/v1/grants", TestServer.ADMIN, SMALL_REFUNDS);
        clock.advance(Duration.ofHours(2));
        String fresh = s.token("support-bot");
        assertThat(s.decide(fresh, REFUND.formatted("o-3", "20")).get("decision")).isEqualTo("approval_required");
    }

    @Test
    void attack_auditorOutOfScopeApproverOrOwner_cannotGrant_andEachRefusalIsAudited() throws Exception {
        String ann = operator("ann", "auditor");
        String ivan = operator("ivan", "approver@shop:inventory.*");
        // the agent's owner, where the project forbids owners approving (the default)
        String alice = operator("alice@example.com", "approver@shop", "owner");

        refused(s.post("/v1/grants", ann, SMALL_REFUNDS), 403, "forbidden_role");
        refused(s.post("/v1/grants", ivan, SMALL_REFUNDS), 403, "forbidden_role");
        refused(s.post("/v1/grants", alice, SMALL_REFUNDS), 403, "sod_own_agent");
        // customer.delete is critical: two approvers would be needed, so no single approver pre-approves it
        String bob = operator("bob", "approver@shop");
        refused(s.post("/v1/grants", bob, SMALL_REFUNDS.replace("refund.process", "customer.delete")), 403, "forbidden_role");

        assertThat(AuditTrail.after(s, 0, "grant.created")).isEmpty();
        List<AuditTrail.Entry> refusals = AuditTrail.after(s, 0, "operator.refused");
        for (int i = 0; i < 100 && refusals.size() < 4; i++) {
            Thread.sleep(20);
            refusals = AuditTrail.after(s, 0, "operator.refused");
        }
        assertThat(refusals).hasSize(4);
        String bot = s.token("support-bot");
        assertThat(s.decide(bot, REFUND.formatted("o-1", "20")).get("decision")).isEqualTo("approval_required");
        refused(s.get("/v1/grants", bot), 403, "forbidden");
    }

    @Test
    void badInput_is400NamingTheField() {
        refused(s.post("/v1/grants", TestServer.ADMIN, SMALL_REFUNDS.replace("\"2h\"", "\"8d\"")), 400, "invalid_field");
        assertThat(s.post("/v1/grants", TestServer.ADMIN, SMALL_REFUNDS.replace("\"2h\"", "\"soon\"")).body()).contains("expires_in");
        assertThat(s.post("/v1/grants", TestServer.ADMIN, SMALL_REFUNDS.replace("\"<\"", "\"~\"")).body()).contains("when[0]");
        assertThat(s.post("/v1/grants", TestServer.ADMIN, SMALL_REFUNDS.replace("\"max_uses\":2", "\"max_uses\":0")).body())
                .contains("max_uses");
        assertThat(s.post("/v1/grants", TestServer.ADMIN, SMALL_REFUNDS.replace("\"max_uses\":2", "\"max_uses\":\"2\"")).body())
                .contains("max_uses");
        refused(s.post("/v1/grants", TestServer.ADMIN, SMALL_REFUNDS.replace("\"reason\"", "\"color\"")), 400, "invalid_field");
        refused(s.post("/v1/grants", TestServer.ADMIN, SMALL_REFUNDS.replace("refund.process", "refund.nothing")), 400, "invalid_field");
        refused(s.post("/v1/grants", TestServer.ADMIN, SMALL_REFUNDS.replace("support-bot", "ghost")), 404, "agent_not_found");
        refused(s.post("/v1/grants", TestServer.ADMIN, "[]"), 400, "invalid_request");
        refused(s.get("/v1/grants?state=soon", TestServer.ADMIN), 400, "invalid_field");
        refused(s.post("/v1/grants/grt_nope/revoke", TestServer.ADMIN, ""), 400, "invalid_field");
        refused(s.get("/v1/grants/grt_" + "0".repeat(32), TestServer.ADMIN), 404, "grant_not_found");
    }
}
