package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden approvals show} (the approver's view, readable) and {@code approvals stats} against a real server. */
class ApprovalReviewCommandTest {
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

    private static String ask(String description) {
        Cli.Result r = Cli.run("decide", "--key", warden.seedKey("support-bot").toString(), "--action",
                "product.update_description", "--args", "{\"sku\":\"A-7\",\"description\":\"" + description + "\"}",
                "--rationale", "the supplier changed the material");
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.json().get("approval_id").asText();
    }

    @Test
    void show_printsTheReviewForAHuman_andStatsCountTheDecision() {
        String first = ask("Now in oak");
        Cli.Result shown = warden.operator("approvals", "show", first);
        assertThat(shown.exit()).as(shown.toString()).isZero();
        assertThat(shown.out()).startsWith("Approval " + first + "  PENDING")
                .contains("Agent        support-bot  level", "project shop")
                .contains("Call         product.update_description")
                .contains("Rationale    the supplier changed the material")
                .contains("Risk         medium")
                .contains("policies support-update-description")
                .contains("Last 7 days  ", "held for approval")
                .contains("Same call    never approved before");
        Cli.Result json = warden.operator("approvals", "show", first, "--json");
        assertThat(json.json().get("review").get("risk").asText()).isEqualTo("medium");

        assertThat(warden.operator("approvals", "approve", first).exit()).isZero();
        String second = ask("Now in oak");
        assertThat(warden.operator("approvals", "show", second).out())
                .contains("Same call    approved 1 time(s) before, last " + first);

        Cli.Result stats = warden.operator("approvals", "stats", "--days", "7");
        assertThat(stats.exit()).as(stats.toString()).isZero();
        JsonNode approvers = stats.json().get("approvers");
        assertThat(approvers).anySatisfy(a -> {
            assertThat(a.get("operator").asText()).isEqualTo("operator:admin");
            assertThat(a.get("approved").asInt()).isPositive();
        });
        Cli.Result bad = warden.operator("approvals", "stats", "--days", "0");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--days");
    }
}
