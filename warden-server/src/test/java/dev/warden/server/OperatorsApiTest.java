package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Operator accounts, sign-in, API keys and roles per endpoint, attacked over HTTP. */
class OperatorsApiTest {
    static final String REFUND = "{\"action\":\"refund.process\",\"resource\":\"order/%1$s\","
            + "\"args\":{\"order_id\":\"%1$s\",\"amount\":20}}";
    static final String PASSWORD = "correct-horse-battery-staple";

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

    private void start(String sod) throws IOException {
        TestServer.quickstartCopy(config);
        if (sod != null) {
            Files.writeString(config.resolve("warden.yaml"), "\n" + sod + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
        s = new TestServer(config, data, clock);
    }

    private void create(String name, String... roles) {
        String list = String.join(",", Stream.of(roles).map(r -> "\"" + r + "\"").toList());
        TestServer.Reply r = s.post("/v1/operators", TestServer.ADMIN,
                "{\"name\":\"%s\",\"roles\":[%s],\"password\":\"%s\"}".formatted(name, list, PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private TestServer.Reply login(String name, String password) {
        return s.post("/v1/login", null, "{\"name\":\"%s\",\"password\":\"%s\"}".formatted(name, password));
    }

    private String token(String name) {
        TestServer.Reply r = login(name, PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return (String) r.get("token");
    }

    private String approvalFor(String order) throws Exception {
        TestServer.Reply d = s.decide(s.token("support-bot"), REFUND.formatted(order));
        assertThat(d.get("decision")).as(d.body()).isEqualTo("approval_required");
        return (String) d.get("approval_id");
    }

    /** The entries of a kind once there are {@code n} (records not waited for are written a moment later). */
    private List<AuditTrail.Entry> entries(String kind, int n) throws Exception {
        List<AuditTrail.Entry> found = AuditTrail.after(s, 0, kind);
        for (int i = 0; i < 100 && found.size() < n; i++) {
            Thread.sleep(20);
            found = AuditTrail.after(s, 0, kind);
        }
        return found;
    }

    private static void refused(TestServer.Reply r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.get("error")).as(r.body()).isEqualTo(code);
    }

    @Test
    void signIn_wrongPasswordOrUnknownName_isOneAnswer_andBothAreAudited_withoutThePassword() throws Exception {
        start(null);
        create("olivia", "auditor");
        refused(login("olivia", "wrong-password-123"), 401, "invalid_credentials");
        refused(login("nobody", "wrong-password-123"), 401, "invalid_credentials");
        TestServer.Reply ok = login("olivia", PASSWORD);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat((String) ok.get("token")).startsWith("wdn_ot_");
        assertThat(Instant.parse((String) ok.get("expires_at"))).isEqualTo(clock.instant().plus(Duration.ofHours(1)));

        List<AuditTrail.Entry> failed = entries("operator.login_failed", 2);
        assertThat(failed).extracting(e -> e.get("reason")).containsExactly("wrong_password", "unknown_operator");
        assertThat(AuditTrail.after(s, 0, "operator.login")).singleElement()
                .satisfies(e -> assertThat(e.get("actor")).isEqualTo("operator:olivia"));
        assertThat(AuditTrail.after(s, 0, null)).allSatisfy(e -> assertThat(e.text())
                .doesNotContain(PASSWORD).doesNotContain("wrong-password-123").doesNotContain((String) ok.get("token")));
    }

    @Test
    void disabledOperator_cannotSignIn_andItsTokenAndKeyStopWorking() throws Exception {
        start(null);
        create("dave", "auditor");
        String token = token("dave");
        String key = (String) s.post("/v1/operators/dave/keys", token, "{}").get("key");
        assertThat(s.get("/v1/incidents", token).status()).isEqualTo(200);
        assertThat(s.get("/v1/incidents", key).status()).isEqualTo(200);

        TestServer.Reply off = s.post("/v1/operators/dave/disable", TestServer.ADMIN, "");
        assertThat(off.get("disabled")).as(off.body()).isEqualTo(true);
        refused(s.get("/v1/incidents", token), 401, "operator_disabled");
        refused(s.get("/v1/incidents", key), 401, "operator_disabled");
        refused(login("dave", PASSWORD), 401, "invalid_credentials");
        assertThat(AuditTrail.after(s, 0, "operator.disabled")).singleElement()
                .satisfies(e -> assertThat(e.get("actor")).isEqualTo("operator:admin"));
    }

    @Test
    void expiredOperatorToken_is401_tokenExpired() throws Exception {
        start(null);
        create("erin", "auditor");
        String token = token("erin");
        clock.advance(Duration.ofMinutes(59));
        assertThat(s.get("/v1/kpis", token).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        refused(s.get("/v1/kpis", token), 401, "token_expired");
        refused(s.get("/v1/kpis", "wdn_ot_made-up-token"), 401, "invalid_token");
    }

    @Test
    void auditor_readsAuditAndIncidents_butCannotKill_approve_orManageOperators() throws Exception {
        start(null);
        create("ann", "auditor");
        String t = token("ann");
        String approval = approvalFor("o-1");
        for (String read : List.of("/v1/audit/entries?limit=1", "/v1/audit/checkpoint", "/v1/incidents", "/v1/alerts",
                "/v1/kpis", "/v1/agents/support-bot", "/v1/approvals?state=pending")) {
            assertThat(s.get(read, t).status()).as(read).isEqualTo(200);
        }
        refused(s.post("/v1/agents/support-bot/kill", t, "{\"reason\":\"x\"}"), 403, "forbidden_role");
        refused(s.post("/v1/kill", t, "{\"all\":true,\"reason\":\"x\"}"), 403, "forbidden_role");
        refused(s.post("/v1/approvals/" + approval + "/approve", t, ""), 403, "forbidden_role");
        refused(s.get("/v1/operators", t), 403, "forbidden_role");
        refused(s.post("/v1/operators", t, "{\"name\":\"mallory\",\"roles\":[\"admin\"],\"password\":\"" + PASSWORD + "\"}"),
                403, "forbidden_role");
        assertThat(s.get("/v1/agents/support-bot", TestServer.ADMIN).get("status")).isEqualTo("active");
        List<AuditTrail.Entry> refusals = entries("operator.refused", 5);
        assertThat(refusals).hasSize(5).allSatisfy(e -> {
            assertThat(e.get("actor")).isEqualTo("operator:ann");
            assertThat(e.get("code")).isEqualTo("forbidden_role");
        });
        assertThat(refusals.getFirst().get("request")).isEqualTo("POST /v1/agents/support-bot/kill");
    }

    @Test
    void approver_decidesInItsScopeOnly_andTheAuditNamesTheApprover() throws Exception {
        start(null);
        create("fred", "approver@shop:product.*");
        create("fiona", "approver@shop:refund.*");
        String approval = approvalFor("o-2");
        refused(s.post("/v1/approvals/" + approval + "/approve", token("fred"), ""), 403, "forbidden_role");
        refused(s.get("/v1/approvals/" + approval, token("fred")), 403, "forbidden_role");
        assertThat(s.get("/v1/approvals?state=pending", token("fred")).get("approvals")).asList().isEmpty();
        refused(s.post("/v1/agents/support-bot/kill", token("fred"), ""), 403, "forbidden_role");
        refused(s.post("/v1/approvals/" + approval + "/approve", s.token("support-bot"), ""), 403, "forbidden");

        String fiona = token("fiona");
        assertThat(s.get("/v1/approvals?state=pending", fiona).get("approvals")).asList().hasSize(1);
        TestServer.Reply ok = s.post("/v1/approvals/" + approval + "/approve", fiona, "{\"note\":\"ok\"}");
        assertThat(ok.get("state")).as(ok.body()).isEqualTo("approved");
        assertThat(AuditTrail.after(s, 0, "approval.approved")).singleElement()
                .satisfies(e -> assertThat(e.get("actor")).isEqualTo("operator:fiona"));
    }

    @Test
    void owner_killsOwnAgentOnly_andCannotApproveItsRequests() throws Exception {
        start(null);
        create("alice@example.com", "owner", "approver");
        create("bob", "owner");
        String alice = token("alice@example.com");
        String approval = approvalFor("o-3");
        refused(s.post("/v1/approvals/" + approval + "/approve", alice, ""), 403, "sod_own_agent");
        assertThat(entries("operator.refused", 1)).singleElement()
                .satisfies(e -> assertThat(e.get("code")).isEqualTo("sod_own_agent"));
        assertThat(s.get("/v1/approvals/" + approval, TestServer.ADMIN).get("state")).isEqualTo("pending");

        refused(s.post("/v1/agents/support-bot/kill", token("bob"), "{\"reason\":\"not mine\"}"), 403, "forbidden_role");
        refused(s.get("/v1/agents/support-bot", token("bob")), 403, "forbidden_role");
        assertThat(s.get("/v1/agents", token("bob")).get("agents")).asList().isEmpty();
        assertThat(s.get("/v1/agents", alice).get("agents")).asList().hasSize(1);
        TestServer.Reply kill = s.post("/v1/agents/support-bot/quarantine", alice, "{\"reason\":\"checking\"}");
        assertThat(kill.get("status")).as(kill.body()).isEqualTo("quarantined");
        assertThat(AuditTrail.after(s, 0, "agent.quarantined")).singleElement()
                .satisfies(e -> assertThat(e.get("actor")).isEqualTo("operator:alice@example.com"));
    }

    @Test
    void ownerRule_canBeTurnedOffPerProject() throws Exception {
        start("sod:\n  projects:\n    shop: {owner_cannot_approve: false}");
        create("alice@example.com", "owner", "approver");
        String approval = approvalFor("o-4");
        TestServer.Reply ok = s.post("/v1/approvals/" + approval + "/approve", token("alice@example.com"), "");
        assertThat(ok.get("state")).as(ok.body()).isEqualTo("approved");
    }

    @Test
    void twoPersonRule_needsTwoDifferentApprovers() throws Exception {
        start("sod:\n  two_person_risk: medium");
        create("gina", "approver@shop");
        create("hank", "approver");
        String gina = token("gina");
        String approval = approvalFor("o-5");
        TestServer.Reply first = s.post("/v1/approvals/" + approval + "/approve", gina, "");
        assertThat(first.get("state")).as(first.body()).isEqualTo("pending");
        assertThat(first.get("signed_off_by")).isEqualTo(List.of("operator:gina"));
        refused(s.post("/v1/approvals/" + approval + "/approve", gina, ""), 403, "sod_same_approver");
        String key = (String) s.post("/v1/operators/gina/keys", gina, "{\"roles\":[\"approver@shop\"]}").get("key");
        refused(s.post("/v1/approvals/" + approval + "/approve", key, ""), 403, "sod_same_approver");

        TestServer.Reply second = s.post("/v1/approvals/" + approval + "/approve", token("hank"), "");
        assertThat(second.get("state")).as(second.body()).isEqualTo("approved");
        assertThat(AuditTrail.after(s, 0, "approval.approved")).singleElement()
                .satisfies(e -> assertThat(e.json().get("approvers")).isEqualTo(List.of("operator:gina", "operator:hank")));
    }

    @Test
    void bruteForce_isRateLimitedPerName_evenForTheRightPassword_andAudited() throws Exception {
        start(null);
        create("ivan", "auditor");
        for (int i = 0; i < 5; i++) {
            refused(login("ivan", "guess-number-" + i), 401, "invalid_credentials");
        }
        refused(login("ivan", PASSWORD), 429, "too_many_attempts");
        assertThat(entries("operator.login_failed", 6)).hasSize(6).last()
                .satisfies(e -> assertThat(e.get("reason")).isEqualTo("rate_limited"));
        clock.advance(Duration.ofMinutes(16));
        assertThat(login("ivan", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void apiKeys_carryASubsetOfRoles_areRevocable_andNoStoredFileHoldsAPasswordOrKey() throws Exception {
        start(null);
        create("jo", "admin", "auditor");
        String jo = token("jo");
        refused(s.post("/v1/operators/jo/keys", jo, "{\"roles\":[\"owner\"]}"), 403, "forbidden_role");
        TestServer.Reply k = s.post("/v1/operators/jo/keys", jo, "{\"roles\":[\"auditor\"],\"expires_in\":3600}");
        assertThat(k.status()).as(k.body()).isEqualTo(201);
        String key = (String) k.get("key");
        assertThat(key).startsWith("wdn_key_");
        assertThat(s.get("/v1/kpis", key).status()).isEqualTo(200);
        refused(s.post("/v1/agents/support-bot/kill", key, "{\"reason\":\"x\"}"), 403, "forbidden_role");
        refused(s.post("/v1/operators/jo/keys", s.token("support-bot"), "{}"), 403, "forbidden");
        refused(s.post("/v1/operators/jo/keys", key, "{\"roles\":[\"admin\"]}"), 403, "forbidden_role");
        TestServer.Reply minted = s.post("/v1/operators/jo/keys", key, "{}");
        assertThat(minted.get("roles")).as(minted.body()).isEqualTo(List.of("auditor"));

        assertThat(s.get("/v1/operators/jo/keys", jo).body()).doesNotContain(key);
        TestServer.Reply revoked = s.post("/v1/operators/jo/keys/" + k.get("key_id") + "/revoke", jo, "");
        assertThat(revoked.get("revoked_at")).as(revoked.body()).isNotNull();
        refused(s.get("/v1/kpis", key), 401, "token_revoked");
        assertThat(AuditTrail.after(s, 0, null)).extracting(e -> e.get("kind")).contains("operator.created",
                "operator.login", "operator.api_key_created", "operator.api_key_revoked");

        s.close();
        s = null;
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(f.toString()).doesNotContain(PASSWORD).doesNotContain(key).doesNotContain(jo);
            }
        }
    }

    @Test
    void operators_listAndChangeRoles_adminOnly_andTheBootstrapNameIsReserved() throws Exception {
        start(null);
        create("kim", "approver@shop:refund.process");
        refused(s.post("/v1/operators", TestServer.ADMIN, "{\"name\":\"admin\",\"roles\":[\"auditor\"]}"), 409, "operator_exists");
        refused(s.post("/v1/operators", TestServer.ADMIN, "{\"name\":\"kim\",\"roles\":[\"auditor\"]}"), 409, "operator_exists");
        refused(s.post("/v1/operators", TestServer.ADMIN, "{\"name\":\"x\",\"roles\":[\"root\"]}"), 400, "invalid_field");
        refused(s.post("/v1/operators", TestServer.ADMIN, "{\"name\":\"y\",\"roles\":[\"auditor\"],\"password\":\"short\"}"),
                400, "invalid_field");
        String kim = token("kim");
        refused(s.post("/v1/operators/kim/roles", kim, "{\"roles\":[\"admin\"]}"), 403, "forbidden_role");
        TestServer.Reply changed = s.post("/v1/operators/kim/roles", TestServer.ADMIN, "{\"roles\":[\"auditor\"]}");
        assertThat(changed.get("roles")).as(changed.body()).isEqualTo(List.of("auditor"));
        assertThat(s.get("/v1/audit/entries?limit=1", kim).status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> all = (List<Map<String, Object>>) s.get("/v1/operators", TestServer.ADMIN).get("operators");
        assertThat(all).singleElement().satisfies(o -> {
            assertThat(o).containsEntry("name", "kim").containsEntry("password", true).doesNotContainKey("password_hash");
        });
        assertThat(AuditTrail.after(s, 0, "operator.roles_changed")).singleElement().satisfies(e ->
                assertThat(e.json()).containsEntry("roles_before", List.of("approver@shop:refund.process")));
    }

    @Test
    void approversRacing_oneDecisionWins_theOthersAre409_andOnlyOneIsRecorded() throws Exception {
        start(null);
        create("lena", "approver@shop:refund.*");
        create("marc", "approver@shop:refund.*");
        create("nina", "approver@shop:refund.*");
        List<String> tokens = List.of(token("lena"), token("marc"), token("nina"));
        for (int round = 0; round < 5; round++) {
            String approval = approvalFor("race-" + round);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.CompletableFuture<TestServer.Reply>> replies = new java.util.ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                String path = "/v1/approvals/" + approval + (i == 2 ? "/deny" : "/approve");
                String t = tokens.get(i);
                replies.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        return s.post(path, t, "");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            go.countDown();
            List<Integer> statuses = replies.stream().map(f -> f.join().status()).sorted().toList();
            assertThat(statuses).as("round " + round).containsExactly(200, 409, 409);
        }
        long decided = AuditTrail.after(s, 0, null).stream()
                .filter(e -> "approval.approved".equals(e.get("kind")) || "approval.denied".equals(e.get("kind"))).count();
        assertThat(decided).isEqualTo(5);
    }

    @Test
    void anApprover_cannotCreateOperators_grantRoles_orMintAKeyForSomeoneElse() throws Exception {
        start(null);
        create("olga", "approver@shop:refund.*");
        create("pete", "auditor");
        String olga = token("olga");
        refused(s.post("/v1/operators", olga, "{\"name\":\"eve\",\"roles\":[\"admin\"],\"password\":\"" + PASSWORD + "\"}"),
                403, "forbidden_role");
        refused(s.post("/v1/operators/olga/roles", olga, "{\"roles\":[\"approver\"]}"), 403, "forbidden_role");
        refused(s.post("/v1/operators/pete/keys", olga, "{}"), 403, "forbidden_role");
        refused(s.post("/v1/operators/olga/keys", olga, "{\"roles\":[\"approver\"]}"), 403, "forbidden_role");
        assertThat(entries("operator.refused", 4)).hasSize(4)
                .allSatisfy(e -> assertThat(e.get("actor")).isEqualTo("operator:olga"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> all = (List<Map<String, Object>>) s.get("/v1/operators", TestServer.ADMIN).get("operators");
        assertThat(all).extracting(o -> o.get("name")).containsExactlyInAnyOrder("olga", "pete");
    }
}
