package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden breakers list | reset} against a real server (own server, the quickstart's default breakers). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BreakersCommandTest {
    @TempDir
    static Path data;
    static TestWarden warden;
    static String token;

    @BeforeAll
    static void start() throws IOException {
        warden = TestWarden.start(data);
        Cli.Result t = Cli.run("agent", "token", "--key", warden.seedKey("support-bot").toString());
        assertThat(t.exit()).as(t.toString()).isZero();
        token = t.out().strip();
    }

    @AfterAll
    static void stop() {
        warden.close();
    }

    private static String failedRead() {
        Cli.Result d = Cli.run("decide", "--token", token, "--url", warden.url(), "--action", "inventory.read",
                "--args", "{\"sku\":\"A-1\"}");
        assertThat(d.exit()).as(d.toString()).isZero();
        String id = d.json().get("decision_id").asText();
        if (d.json().get("decision").asText().equals("allow")) {
            Cli.Result o = Cli.run("outcome", id, "--status", "failed", "--token", token, "--url", warden.url());
            assertThat(o.exit()).as(o.toString()).isZero();
        }
        return d.json().get("decision").asText();
    }

    @Test
    @Order(1)
    void usageErrors_exitTwo_andAnUnknownBreakerExitsOne() {
        Cli.Result half = warden.operator("breakers", "reset", "--agent", "support-bot");
        assertThat(half.exit()).as(half.toString()).isEqualTo(2);
        assertThat(half.err()).contains("give --agent and --tool, or --upstream");
        Cli.Result both = warden.operator("breakers", "reset", "--upstream", "files", "--agent", "a", "--tool", "t");
        assertThat(both.exit()).as(both.toString()).isEqualTo(2);
        Cli.Result unknown = warden.operator("breakers", "reset", "--upstream", "files");
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("warden: breaker_not_found");
    }

    @Test
    @Order(2)
    void failedCalls_openTheBreaker_listShowsIt_andResetClosesIt() throws InterruptedException {
        String level = warden.operator("agent", "get", "support-bot").json().get("level").asText();
        for (int i = 0; i < 10; i++) {
            assertThat(failedRead()).isEqualTo("allow");
        }
        assertThat(failedRead()).isEqualTo("deny");

        Cli.Result list = warden.operator("breakers", "list", "--agent", "support-bot");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.json().get("breakers").get(0).get("state").asText()).isEqualTo("open");
        assertThat(list.json().get("breakers").get(0).get("tool").asText()).isEqualTo("inventory.read");
        assertThat(warden.operator("breakers", "list", "--agent", "nobody").json().get("breakers")).isEmpty();

        Cli.Result reset = warden.operator("breakers", "reset", "--agent", "support-bot", "--tool", "inventory.read");
        assertThat(reset.exit()).as(reset.toString()).isZero();
        assertThat(reset.json().get("from").asText()).isEqualTo("open");
        // Ten failures in ten outcomes also meet the quickstart's error-rate rule, a critical anomaly: its incident
        // quarantines the agent off the decision path and demotes it to intern (the maturity model's rule); the
        // breaker's reset ends neither, the operator's restore and level change do.
        await("status", "quarantined");
        await("level", "intern");
        Cli.Result restore = warden.operator("agent", "restore", "support-bot");
        assertThat(restore.exit()).as(restore.toString()).isZero();
        assertThat(failedRead()).isEqualTo("allow"); // an intern may still read
        Cli.Result back = warden.operator("agent", "level", "support-bot", level, "--reason", "breaker drill over");
        assertThat(back.exit()).as(back.toString()).isZero();
    }

    private static void await(String field, String value) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (warden.operator("agent", "get", "support-bot").json().get(field).asText().equals(value)) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(warden.operator("agent", "get", "support-bot").json().get(field).asText()).isEqualTo(value);
    }
}
