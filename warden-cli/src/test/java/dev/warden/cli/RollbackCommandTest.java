package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden rollback plan|get|run} against a real server (own server). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollbackCommandTest {
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
        String[] base = {"decide", "--key", warden.seedKey("support-bot").toString(), "--url", warden.url()};
        String[] all = java.util.Arrays.copyOf(base, base.length + args.length);
        System.arraycopy(args, 0, all, base.length, args.length);
        return Cli.run(all);
    }

    @Test
    @Order(1)
    void badInput_clearMessageAndNonZeroExit() {
        Cli.Result since = warden.operator("rollback", "plan", "--agent", "support-bot", "--since", "yesterday");
        assertThat(since.exit()).as(since.toString()).isEqualTo(2);
        assertThat(since.err()).contains("Invalid value for --since: 'yesterday'").contains("30m, 2h or 7d");
        Cli.Result missing = warden.operator("rollback", "plan", "--agent", "support-bot");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--since");
        Cli.Result ghost = warden.operator("rollback", "plan", "--agent", "ghost", "--since", "1h");
        assertThat(ghost.exit()).as(ghost.toString()).isEqualTo(1);
        assertThat(ghost.err()).startsWith("warden: agent_not_found");
        Cli.Result longWindow = warden.operator("rollback", "plan", "--agent", "support-bot", "--since", "60d");
        assertThat(longWindow.exit()).isEqualTo(1);
        assertThat(longWindow.err()).startsWith("warden: invalid_field").contains("since");
        Cli.Result unknown = warden.operator("rollback", "run", "rbp_nope");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("warden: plan_not_found");
    }

    @Test
    @Order(2)
    void planThenRun_printsCompensationsAndEachItemsResult_secondRunRefused() {
        String args = "{\"order_id\":\"O-7\",\"amount\":49.99,\"currency\":\"USD\"}";
        String approval = decide("--action", "refund.process", "--args", args).json().get("approval_id").asText();
        assertThat(warden.operator("approvals", "approve", approval).exit()).isZero();
        String refund = decide("--action", "refund.process", "--args", args, "--approval-id", approval)
                .json().get("decision_id").asText();
        assertThat(Cli.run("outcome", refund, "--status", "completed", "--key", warden.seedKey("support-bot").toString(),
                "--url", warden.url()).exit()).isZero();

        Cli.Result plan = warden.operator("rollback", "plan", "--agent", "support-bot", "--since", "1h");

        assertThat(plan.exit()).as(plan.toString()).isZero();
        JsonNode item = plan.json().get("items").get(0);
        assertThat(item.get("decision_id").asText()).isEqualTo(refund);
        assertThat(item.get("compensation").get("tool").asText()).isEqualTo("refund.reverse");
        assertThat(item.get("compensation").get("args").toString())
                .isEqualTo("{\"order_id\":\"O-7\",\"amount\":49.99,\"currency\":\"USD\",\"reason\":\"rollback\"}");
        String id = plan.json().get("plan_id").asText();
        assertThat(plan.err()).contains("plan " + id + ": 1 action(s), 1 pending").contains("warden rollback run " + id);
        assertThat(warden.operator("rollback", "get", id).json().get("plan_id").asText()).isEqualTo(id);

        Cli.Result run = warden.operator("rollback", "run", id);

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode ran = run.json().get("items").get(0);
        assertThat(ran.get("state").asText()).isEqualTo("handed_to_owner");
        assertThat(ran.get("compensation_decision_id").asText()).startsWith("dec_");
        assertThat(run.json().get("owner_tasks").get(0).get("decision_id").asText())
                .isEqualTo(ran.get("compensation_decision_id").asText());
        assertThat(run.err()).contains("ran " + id + ": 1 action(s), 1 handed_to_owner").contains("alice@example.com");

        Cli.Result twice = warden.operator("rollback", "run", id);
        assertThat(twice.exit()).isEqualTo(1);
        assertThat(twice.err()).startsWith("warden: plan_already_run");
    }
}
