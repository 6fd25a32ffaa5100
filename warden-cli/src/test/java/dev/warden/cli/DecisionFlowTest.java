package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden decide}, {@code outcome}, {@code approvals} and {@code audit} against a real server. */
class DecisionFlowTest {
    @TempDir
    static Path data;
    static TestWarden warden;

    @BeforeAll
    static void start() throws IOException {
        warden = TestWarden.start(data);
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    private static Cli.Result decide(String... args) {
        String[] base = {"decide", "--key", warden.seedKey("support-bot").toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + args.length);
        System.arraycopy(args, 0, all, base.length, args.length);
        return Cli.run(all);
    }

    @Test
    void allowedActionWithKeyFile() {
        Cli.Result r = decide("--action", "inventory.read", "--args", "{\"sku\":\"A-1\"}", "--rationale", "customer asked");
        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode d = r.json();
        assertThat(d.get("decision").asText()).isEqualTo("allow");
        assertThat(d.get("decision_id").asText()).isNotBlank();
        assertThat(r.out()).startsWith("{\n  \"decision\": \"allow\",");
    }

    @Test
    void deniedActionIsANormalAnswer() {
        Cli.Result r = decide("--action", "payment.read", "--args", "{\"customer_id\":\"C-9\"}");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().get("decision").asText()).isEqualTo("deny");
        assertThat(r.json().get("reasons")).isNotEmpty();
    }

    @Test
    void decideWithAnAccessToken() {
        Cli.Result token = Cli.run("agent", "token", "--key", warden.seedKey("support-bot").toString());
        assertThat(token.exit()).as(token.toString()).isZero();
        Cli.Result r = Cli.run("decide", "--token", token.out().strip(), "--url", warden.url(),
                "--action", "inventory.read", "--args", "{\"sku\":\"B-2\"}");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().get("decision").asText()).isEqualTo("allow");
    }

    @Test
    void malformedArgsAreAUsageError() {
        Cli.Result r = decide("--action", "inventory.read", "--args", "{sku: A-1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid value for --args: not valid JSON").contains("Usage: warden decide");

        Cli.Result array = decide("--action", "inventory.read", "--args", "[1]");
        assertThat(array.exit()).isEqualTo(2);
        assertThat(array.err()).contains("must be a JSON object");
    }

    @Test
    void keyAndTokenAreExclusive() {
        Cli.Result none = Cli.run("decide", "--action", "inventory.read", "--url", warden.url());
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("exactly one of --key FILE and --token TOKEN");

        Cli.Result both = decide("--token", "abc", "--action", "inventory.read");
        assertThat(both.exit()).isEqualTo(2);
    }

    @Test
    void badTokenIsRefused() {
        Cli.Result r = Cli.run("decide", "--token", "not.a.token", "--url", warden.url(), "--action", "inventory.read");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("warden: invalid_token");
    }

    @Test
    void approvalFlow() {
        String args = "{\"order_id\":\"O-1001\",\"amount\":25.00,\"currency\":\"USD\"}";
        Cli.Result first = decide("--action", "refund.process", "--args", args, "--rationale", "damaged item");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.json().get("decision").asText()).isEqualTo("approval_required");
        String approvalId = first.json().get("approval_id").asText();

        Cli.Result pending = warden.operator("approvals", "list");
        assertThat(pending.exit()).as(pending.toString()).isZero();
        JsonNode listed = find(pending.json().get("approvals"), approvalId);
        assertThat(listed.get("state").asText()).isEqualTo("pending");
        assertThat(listed.get("action").asText()).isEqualTo("refund.process");
        assertThat(listed.get("rationale").asText()).isEqualTo("damaged item");

        // without the approval the agent is still asked to wait
        Cli.Result early = decide("--action", "refund.process", "--args", args, "--approval-id", approvalId);
        assertThat(early.json().get("decision").asText()).isNotEqualTo("allow");

        Cli.Result approve = warden.operator("approvals", "approve", approvalId, "--note", "ok, small amount");
        assertThat(approve.exit()).as(approve.toString()).isZero();
        assertThat(approve.json().get("state").asText()).isEqualTo("approved");
        assertThat(approve.json().get("note").asText()).isEqualTo("ok, small amount");

        Cli.Result get = warden.operator("approvals", "get", approvalId);
        assertThat(get.json().get("state").asText()).isEqualTo("approved");
        Cli.Result approvedList = warden.operator("approvals", "list", "--state", "approved");
        assertThat(find(approvedList.json().get("approvals"), approvalId)).isNotNull();

        Cli.Result allowed = decide("--action", "refund.process", "--args", args, "--approval-id", approvalId);
        assertThat(allowed.exit()).as(allowed.toString()).isZero();
        assertThat(allowed.json().get("decision").asText()).isEqualTo("allow");
        String decisionId = allowed.json().get("decision_id").asText();

        Cli.Result again = decide("--action", "refund.process", "--args", args, "--approval-id", approvalId);
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.json().get("decision").asText()).isEqualTo("deny");

        Cli.Result outcome = Cli.run("outcome", decisionId, "--status", "completed",
                "--result-digest", "sha256:" + "0f".repeat(32), "--detail", "refunded",
                "--key", warden.seedKey("support-bot").toString());
        assertThat(outcome.exit()).as(outcome.toString()).isZero();
        assertThat(outcome.json().get("decision_id").asText()).isEqualTo(decisionId);
        assertThat(outcome.json().get("audit_seq").asLong()).isPositive();

        Cli.Result twice = Cli.run("outcome", decisionId, "--status", "failed",
                "--key", warden.seedKey("support-bot").toString());
        assertThat(twice.exit()).isEqualTo(1);
        assertThat(twice.err()).startsWith("warden: outcome_exists");
    }

    @Test
    void denyAnApproval() {
        String args = "{\"sku\":\"A-1\",\"description\":\"Now with 20% more stock\"}";
        Cli.Result first = decide("--action", "product.update_description", "--args", args);
        String approvalId = first.json().get("approval_id").asText();

        Cli.Result deny = warden.operator("approvals", "deny", approvalId, "--note", "no marketing copy");
        assertThat(deny.exit()).as(deny.toString()).isZero();
        assertThat(deny.json().get("state").asText()).isEqualTo("denied");

        Cli.Result again = warden.operator("approvals", "approve", approvalId);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("warden: approval_not_pending");

        Cli.Result redeem = decide("--action", "product.update_description", "--args", args, "--approval-id", approvalId);
        assertThat(redeem.json().get("decision").asText()).isEqualTo("deny");
    }

    @Test
    void approvalsOptionsAreChecked() {
        Cli.Result state = warden.operator("approvals", "list", "--state", "maybe");
        assertThat(state.exit()).isEqualTo(2);
        assertThat(state.err()).contains("--state").contains("pending, approved");

        Cli.Result all = warden.operator("approvals", "list", "--state", "all", "--limit", "5");
        assertThat(all.exit()).as(all.toString()).isZero();
        assertThat(all.json().get("approvals").isArray()).isTrue();

        Cli.Result unknown = warden.operator("approvals", "approve", "apr_does_not_exist");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("warden: ");
    }

    @Test
    void outcomeOptionsAreChecked() {
        Cli.Result status = Cli.run("outcome", "dec_x", "--status", "done", "--token", "t", "--url", warden.url());
        assertThat(status.exit()).isEqualTo(2);
        Cli.Result digest = Cli.run("outcome", "dec_x", "--status", "completed", "--result-digest", "md5:00",
                "--token", "t", "--url", warden.url());
        assertThat(digest.exit()).isEqualTo(2);
        assertThat(digest.err()).contains("--result-digest");
    }

    @Test
    void auditEntriesShowDecisions() {
        decide("--action", "inventory.read", "--args", "{\"sku\":\"AUD-1\"}");

        Cli.Result all = warden.operator("audit", "entries", "--limit", "1000");
        assertThat(all.exit()).as(all.toString()).isZero();
        JsonNode entries = all.json().get("entries");
        assertThat(entries).isNotEmpty();
        assertThat(entries.get(0).get("seq").asLong()).isPositive();
        assertThat(all.out()).contains("policy.loaded").contains("AUD-1");

        Cli.Result page = warden.operator("audit", "entries", "--after", "1", "--limit", "2");
        assertThat(page.exit()).as(page.toString()).isZero();
        assertThat(page.json().get("entries")).hasSizeLessThanOrEqualTo(2);
        assertThat(page.json().get("entries").get(0).get("seq").asLong()).isEqualTo(2);

        Cli.Result filtered = warden.operator("audit", "entries", "--agent", "support-bot", "--kind", "token.issued");
        assertThat(filtered.exit()).as(filtered.toString()).isZero();
        assertThat(filtered.json().get("entries")).isNotEmpty();
        assertThat(filtered.out()).doesNotContain("policy.loaded");

        Cli.Result badLimit = warden.operator("audit", "entries", "--limit", "0");
        assertThat(badLimit.exit()).isEqualTo(2);
        Cli.Result notNumber = warden.operator("audit", "entries", "--after", "ten");
        assertThat(notNumber.exit()).isEqualTo(2);
        assertThat(notNumber.err()).contains("--after");
    }

    private static JsonNode find(JsonNode approvals, String id) {
        for (JsonNode a : approvals) {
            if (a.get("approval_id").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("approval " + id + " not in " + approvals);
    }
}
