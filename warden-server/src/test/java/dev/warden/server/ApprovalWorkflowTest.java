package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.warden.policy.PolicyLoadException;
import dev.warden.server.config.ConfigException;
import dev.warden.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Approvals as a workflow, attacked over HTTP: a policy's deadline and approver group, expiry into a
 * deny, and the agent's long-poll.
 */
class ApprovalWorkflowTest {
    static final String REFUND = OperatorsApiTest.REFUND;
    static final String PASSWORD = OperatorsApiTest.PASSWORD;
    static final String GROUPS = """
            approvals:
              ttl_seconds: 3600
              groups:
                finance:
                  operators: [fran, frank]
            """;
    static final String OTHER_AGENT = """
              - name: other-bot
                owner: carol@example.com
                purpose: Another agent of the shop, for tests.
                capabilities: [inventory.read, refund.process]
                version: 1.0.0
                config_digest: sha256:0000000000000000000000000000000000000000000000000000000000000000
                project: shop
                environment: prod
                level: senior
                level_reason: a second agent for the tests
            """;

    @TempDir
    Path data;
    @TempDir
    Path config;
    TestServer s;
    MutableClock clock = new MutableClock(Instant.now());

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    /** The quickstart with the small-refunds policy on a 30-minute deadline for the finance group. */
    private void configure(String approvers, String groups) throws IOException {
        TestServer.quickstartCopy(config);
        Path policy = config.resolve("policies").resolve("support.cedar");
        Files.writeString(policy, Files.readString(policy).replace("@id(\"support-small-refunds\")\n@approval(\"required\")\n",
                "@id(\"support-small-refunds\")\n@approval(\"required\")\n@approval_ttl(\"30m\")\n@approvers(\"" + approvers + "\")\n"));
        Path yaml = config.resolve("warden.yaml");
        String text = Files.readString(yaml)
                .replace("approvals:\n  ttl_seconds: 3600         # an approval must be decided and used within an hour\n", groups)
                .replaceFirst("(    level: senior\n    level_reason: [^\n]*\n)", "$1" + OTHER_AGENT);
        Files.writeString(yaml, text);
    }

    private void start() throws IOException {
        configure("finance", GROUPS);
        s = new TestServer(config, data, clock);
        create("fran", "approver@shop:refund.*");
        create("nina", "approver@shop:refund.*");
    }

    private void create(String name, String role) {
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[\"%s\"],\"password\":\"%s\"}".formatted(name, role, PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private String token(String name) {
        TestServer.Reply r = s.post("/v1/login", null, "{\"name\":\"%s\",\"password\":\"%s\"}".formatted(name, PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (String) r.get("token");
    }

    private String approvalFor(String agentToken, String order) {
        TestServer.Reply d = s.decide(agentToken, REFUND.formatted(order));
        assertThat(d.get("decision")).as(d.body()).isEqualTo("approval_required");
        return (String) d.get("approval_id");
    }

    private static void refused(TestServer.Reply r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.get("error")).as(r.body()).isEqualTo(code);
    }

    private List<AuditTrail.Entry> entries(String kind, int n) throws Exception {
        List<AuditTrail.Entry> found = AuditTrail.after(s, 0, kind);
        for (int i = 0; i < 150 && found.size() < n; i++) {
            Thread.sleep(20);
            found = AuditTrail.after(s, 0, kind);
        }
        return found;
    }

    private CompletableFuture<TestServer.Reply> longPoll(String id, String token, String wait) {
        return CompletableFuture.supplyAsync(() -> s.get("/v1/approvals/" + id + "?wait=" + wait, token));
    }

    @Test
    void policyDeadline_andGroup_areOnTheApproval() throws Exception {
        start();
        String agent = s.token("support-bot");
        TestServer.Reply d = s.decide(agent, REFUND.formatted("o-1"));

        TestServer.Reply a = s.get("/v1/approvals/" + d.get("approval_id"), TestServer.ADMIN);
        Instant created = Instant.parse((String) a.get("created_at"));
        assertThat(Instant.parse((String) a.get("expires_at"))).isEqualTo(created.plus(Duration.ofMinutes(30)));
        assertThat(Instant.parse((String) d.get("approval_expires_at"))).isEqualTo(created.plus(Duration.ofMinutes(30)));
        assertThat(a.get("approver_groups")).isEqualTo(List.of("finance"));
        assertThat(s.server.approverGroups().group("finance").orElseThrow().operators()).containsExactly("fran", "frank");
    }

    @Test
    void nonMember_approvingAGroupApproval_is403_andAudited_memberApproves() throws Exception {
        start();
        String id = approvalFor(s.token("support-bot"), "o-2");

        refused(s.post("/v1/approvals/" + id + "/approve", token("nina"), ""), 403, "not_in_approver_group");
        refused(s.post("/v1/approvals/" + id + "/approve", TestServer.ADMIN, ""), 403, "not_in_approver_group");
        List<AuditTrail.Entry> refusals = entries("operator.refused", 2);
        assertThat(refusals).hasSize(2).allSatisfy(e -> assertThat(e.get("code")).isEqualTo("not_in_approver_group"));
        assertThat(refusals).extracting(e -> e.get("actor")).containsExactly("operator:nina", "operator:admin");
        assertThat(s.get("/v1/approvals/" + id, TestServer.ADMIN).get("state")).isEqualTo("pending");

        TestServer.Reply ok = s.post("/v1/approvals/" + id + "/approve", token("fran"), "");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.get("state")).isEqualTo("approved");
        assertThat(ok.get("decided_by")).isEqualTo("operator:fran");
    }

    @Test
    void aGrant_neverStandsInForAnApprovalWhosePolicyNamesApproverGroups() throws Exception {
        start();
        TestServer.Reply g = s.post("/v1/grants", token("nina"), """
                {"agent":"support-bot","tool":"refund.process","when":[{"arg":"amount","op":"<","value":50}],
                 "expires_in":"2h","reason":"outage"}""");
        assertThat(g.status()).as(g.body()).isEqualTo(201);

        TestServer.Reply d = s.decide(s.token("support-bot"), REFUND.formatted("o-g"));
        assertThat(d.get("decision")).as("nina is not in finance: her grant cannot approve for it").isEqualTo("approval_required");
        assertThat(s.get("/v1/grants/" + g.get("id"), TestServer.ADMIN).get("uses")).isEqualTo(0L);
    }

    @Test
    void adminOrApproverOutsideTheGroup_mayStillDeny() throws Exception {
        start();
        String agent = s.token("support-bot");
        String first = approvalFor(agent, "o-3");
        String second = approvalFor(agent, "o-4");

        TestServer.Reply byAdmin = s.post("/v1/approvals/" + first + "/deny", TestServer.ADMIN, "{\"note\":\"no\"}");
        TestServer.Reply byNina = s.post("/v1/approvals/" + second + "/deny", token("nina"), "");

        assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(200);
        assertThat(byAdmin.get("state")).isEqualTo("denied");
        assertThat(byNina.status()).as(byNina.body()).isEqualTo(200);
        assertThat(byNina.get("state")).isEqualTo("denied");
    }

    @Test
    void afterTheDeadline_theSweepExpiresIt_approveIs409_andRedeemIsDenied() throws Exception {
        start();
        String agent = s.token("support-bot");
        String pending = approvalFor(agent, "o-5");
        String approved = approvalFor(agent, "o-6");
        assertThat(s.post("/v1/approvals/" + approved + "/approve", token("fran"), "").status()).isEqualTo(200);
        String fran = token("fran");

        clock.advance(Duration.ofMinutes(30));
        List<AuditTrail.Entry> expired = entries("approval.expired", 2);

        assertThat(expired).extracting(e -> e.get("approval_id")).containsExactlyInAnyOrder(pending, approved);
        assertThat(expired).extracting(e -> e.get("state_before")).containsExactlyInAnyOrder("pending", "approved");
        assertThat(expired).allSatisfy(e -> assertThat(e.json()).containsKeys("action", "resource", "agent", "deadline"));
        assertThat(s.get("/v1/approvals?state=expired", TestServer.ADMIN).get("approvals")).asList().hasSize(2);
        refused(s.post("/v1/approvals/" + pending + "/approve", fran, ""), 409, "approval_not_pending");
        refused(s.post("/v1/approvals/" + pending + "/deny", TestServer.ADMIN, ""), 409, "approval_not_pending");

        TestServer.Reply redeem = s.decide(s.token("support-bot"), REFUND.formatted("o-6").replaceFirst("\\{",
                "{\"approval_id\":\"" + approved + "\","));
        assertThat(redeem.get("decision")).as(redeem.body()).isEqualTo("deny");
        assertThat(redeem.body()).contains("approval_expired");
    }

    @Test
    void longPoll_returnsPromptlyOnApproval_withTheAgentView() throws Exception {
        start();
        String agent = s.token("support-bot");
        String id = approvalFor(agent, "o-7");
        String fran = token("fran");

        CompletableFuture<TestServer.Reply> poll = longPoll(id, agent, "30s");
        Thread.sleep(300);
        assertThat(poll).isNotDone();
        long start = System.nanoTime();
        assertThat(s.post("/v1/approvals/" + id + "/approve", fran, "{\"note\":\"fine, says fran\"}").status()).isEqualTo(200);
        TestServer.Reply r = poll.get(10, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json()).containsOnlyKeys("approval_id", "state", "decision", "expires_at", "decided_at")
                .containsEntry("approval_id", id).containsEntry("state", "approved").containsEntry("decision", "allow");
        assertThat(r.body()).doesNotContain("fran").doesNotContain("o-7").doesNotContain("note");
    }

    @Test
    void longPoll_returnsPromptlyOnExpiry_asADeny() throws Exception {
        start();
        String agent = s.token("support-bot");
        String id = approvalFor(agent, "o-8");

        CompletableFuture<TestServer.Reply> poll = longPoll(id, agent, "60s");
        Thread.sleep(300);
        assertThat(poll).isNotDone();
        long start = System.nanoTime();
        clock.advance(Duration.ofMinutes(30));
        TestServer.Reply r = poll.get(15, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.json()).containsEntry("state", "expired").containsEntry("decision", "deny");
        assertThat((String) r.get("reason")).startsWith("approval_expired").contains("deadline");
    }

    @Test
    void longPoll_ofAnotherAgentsApproval_isNotFound_andAnUnknownIdLooksTheSame() throws Exception {
        start();
        String id = approvalFor(s.token("support-bot"), "o-9");
        String other = s.token("other-bot");

        TestServer.Reply foreign = s.get("/v1/approvals/" + id + "?wait=5s", other);
        TestServer.Reply unknown = s.get("/v1/approvals/apr_00000000000000000000000000000000?wait=5s", other);

        refused(foreign, 404, "approval_not_found");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain("support-bot").doesNotContain("o-9");
    }

    @Test
    void longPoll_withAnExpiredOrForeignCredential_isRefused() throws Exception {
        start();
        String agent = s.token("support-bot");
        String id = approvalFor(agent, "o-13");

        refused(s.get("/v1/approvals/" + id + "?wait=1s", "not-a-token"), 401, "unauthenticated");
        clock.advance(Duration.ofSeconds(301));
        refused(s.get("/v1/approvals/" + id + "?wait=1s", agent), 401, "token_expired");
        assertThat(s.get("/v1/approvals/" + id, s.token("support-bot")).get("decision")).isEqualTo("pending");
    }

    @Test
    void operator_keepsTheFullView_withOrWithoutWaiting() throws Exception {
        start();
        String id = approvalFor(s.token("support-bot"), "o-10");

        TestServer.Reply now = s.get("/v1/approvals/" + id, TestServer.ADMIN);
        TestServer.Reply waited = s.get("/v1/approvals/" + id + "?wait=1", token("fran"));

        assertThat(now.status()).as(now.body()).isEqualTo(200);
        assertThat(now.json()).containsKeys("agent", "args", "fingerprint", "policy_ids").containsEntry("state", "pending");
        assertThat(waited.status()).as(waited.body()).isEqualTo(200);
        assertThat(waited.json()).containsKeys("agent", "args").containsEntry("state", "pending");
    }

    @Test
    void badWait_is400_namingWait() throws Exception {
        start();
        String agent = s.token("support-bot");
        String id = approvalFor(agent, "o-11");

        for (String bad : List.of("61s", "2m", "abc", "-1", "1.5s", "30x", "")) {
            TestServer.Reply r = s.get("/v1/approvals/" + id + "?wait=" + bad, agent);
            refused(r, 400, "invalid_field");
            assertThat((String) r.get("message")).as(bad).startsWith("wait ");
        }
        assertThat(s.get("/v1/approvals/" + id + "?wait=0s", agent).get("decision")).isEqualTo("pending");
        assertThat(s.get("/v1/approvals/" + id + "?wait=0", agent).get("decision")).isEqualTo("pending");
    }

    @Test
    void twentyLongPolls_doNotStarveTheServer_aDecisionStillAnswers() throws Exception {
        start();
        String agent = s.token("support-bot");
        String id = approvalFor(agent, "o-12");
        String fran = token("fran");
        List<CompletableFuture<TestServer.Reply>> polls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            polls.add(CompletableFuture.supplyAsync(() -> s.get("/v1/approvals/" + id + "?wait=30s", agent),
                    java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
        }
        Thread.sleep(500);
        assertThat(polls).noneMatch(CompletableFuture::isDone);

        long start = System.nanoTime();
        TestServer.Reply read = s.decide(agent, "{\"action\":\"inventory.read\",\"args\":{\"sku\":\"A-1\"}}");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(read.get("decision")).as(read.body()).isEqualTo("allow");
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(s.post("/v1/approvals/" + id + "/approve", fran, "").status()).isEqualTo(200);
        for (CompletableFuture<TestServer.Reply> p : polls) {
            assertThat(p.get(10, TimeUnit.SECONDS).get("decision")).isEqualTo("allow");
        }
    }

    @Test
    void groups_withNotifyChannelsOfTheAlertsSection_load() throws Exception {
        configure("finance", GROUPS.replace("      operators: [fran, frank]\n",
                "      operators: [fran, alice@example.com, admin]\n      notify: [finance-desk]\n")
                + "alerts:\n  channels:\n    finance-desk: {url: 'https://hooks.example.com/finance'}\n");

        dev.warden.approval.ApproverGroups groups = dev.warden.server.config.ApproverGroupsLoader.load(config);

        assertThat(groups.group("finance").orElseThrow().operators()).containsExactly("fran", "alice@example.com", "admin");
        assertThat(groups.notifyChannels("finance")).containsExactly("finance-desk");
        assertThat(dev.warden.server.config.ConfigLoader.load(config).approvalTtl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aPolicyNamingAnUndefinedGroup_stopsTheStart_namingThePolicyLine() throws Exception {
        configure("treasury", GROUPS);

        Throwable e = catchThrowable(() -> new TestServer(config, data, clock));

        assertThat(e).isInstanceOf(PolicyLoadException.class).hasMessageContaining("support.cedar:16")
                .hasMessageContaining("'treasury'").hasMessageContaining("approvals.groups");
    }

    @Test
    void badGroupConfig_isAConfigError_withFileAndLine() throws Exception {
        configure("finance", GROUPS.replace("      operators: [fran, frank]\n",
                "      operators: [fran]\n      notify: [nowhere]\n"));

        Throwable e = catchThrowable(() -> new TestServer(config, data, clock));

        assertThat(e).isInstanceOf(ConfigException.class).hasMessageContaining("warden.yaml:")
                .hasMessageContaining("'nowhere' is not a channel under alerts.channels");

        configure("finance", GROUPS.replace("[fran, frank]", "[]"));
        assertThat(catchThrowable(() -> new TestServer(config, data, clock))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least one operator");
    }
}
