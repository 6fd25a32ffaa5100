package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden alerts list|ack} against a real server: a kill raises an alert the operator lists and acknowledges. */
class AlertsCommandTest {
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

    private static JsonNode alerts(String... filters) throws InterruptedException {
        String[] args = new String[filters.length + 2];
        args[0] = "alerts";
        args[1] = "list";
        System.arraycopy(filters, 0, args, 2, filters.length);
        Cli.Result r = warden.operator(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r.json().get("alerts");
    }

    @Test
    void killRaisesAnAlert_listedFiltered_ackedOnce() throws Exception {
        assertThat(warden.operator("kill", "--agent", "support-bot", "--reason", "refund loop").exit()).isZero();
        JsonNode list = alerts("--severity", "critical");
        for (int i = 0; i < 100 && list.isEmpty(); i++) { // the alert is recorded off the kill's path
            Thread.sleep(50);
            list = alerts("--severity", "critical");
        }
        assertThat(list).hasSize(1);
        JsonNode alert = list.get(0);
        assertThat(alert.get("kind").asText()).isEqualTo("agent.killed");
        assertThat(alert.get("summary").asText()).contains("refund loop");
        String id = alert.get("alert_id").asText();
        assertThat(alerts("--agent", "support-bot", "--state", "open")).hasSize(1);
        assertThat(alerts("--agent", "nobody")).isEmpty();
        assertThat(alerts("--severity", "info")).isEmpty();

        Cli.Result ack = warden.operator("alerts", "ack", id);
        assertThat(ack.exit()).as(ack.toString()).isZero();
        assertThat(ack.json().get("state").asText()).isEqualTo("acked");
        assertThat(alerts("--state", "acked")).hasSize(1);
        assertThat(alerts("--state", "open")).isEmpty();

        Cli.Result again = warden.operator("alerts", "ack", id);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("warden: alert_acked");
        Cli.Result unknown = warden.operator("alerts", "ack", "alr_0123456789abcdef0123456789abcdef");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("warden: alert_not_found");
    }

    @Test
    void badOptions_exitTwoNamingTheOption() {
        Cli.Result severity = warden.operator("alerts", "list", "--severity", "urgent");
        assertThat(severity.exit()).as(severity.toString()).isEqualTo(2);
        assertThat(severity.err()).contains("--severity").contains("info, warning, critical");
        Cli.Result state = warden.operator("alerts", "list", "--state", "closed");
        assertThat(state.exit()).isEqualTo(2);
        assertThat(state.err()).contains("--state");
        Cli.Result limit = warden.operator("alerts", "list", "--limit", "0");
        assertThat(limit.exit()).isEqualTo(2);
        Cli.Result noId = warden.operator("alerts", "ack");
        assertThat(noId.exit()).isEqualTo(2);
    }
}
