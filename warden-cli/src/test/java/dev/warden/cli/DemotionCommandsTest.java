package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden agent demotions|root-cause|reactivate}: the demotion process from the command line. */
class DemotionCommandsTest {
    @TempDir
    Path data;
    TestWarden warden;

    @BeforeEach
    void start() throws Exception {
        warden = TestWarden.start(data);
    }

    @AfterEach
    void stop() {
        warden.close();
    }

    @Test
    void anOperatorsDemotion_isListed_reactivationWaitsForTheRootCause_thenClosesIt() {
        assertThat(warden.operator("agent", "demotions", "support-bot").out()).contains("support-bot: no demotion records");
        Cli.Result down = warden.operator("agent", "level", "support-bot", "junior", "--reason", "refund mistakes");
        assertThat(down.exit()).as(down.toString()).isZero();

        Cli.Result list = warden.operator("agent", "demotions", "support-bot");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).contains(" OPEN: support-bot senior -> junior at ")
                .contains(" trigger by operator:admin: operator (refund mistakes)")
                .contains(" new_level by operator:admin: senior -> junior")
                .contains("pending: isolation, root_cause, reactivation");
        String id = warden.operator("agent", "demotions", "support-bot", "--json").json().get("demotions").get(0).get("id").asText();

        Cli.Result early = warden.operator("agent", "reactivate", "support-bot", id, "--reason", "fixed");
        assertThat(early.exit()).isEqualTo(1);
        assertThat(early.err()).startsWith("warden: root_cause_missing: ");

        Cli.Result rca = warden.operator("agent", "root-cause", "support-bot", id, "--note", "prompt skipped the order check",
                "--remediation", "prompt fixed");
        assertThat(rca.exit()).as(rca.toString()).isZero();
        assertThat(rca.out()).contains("root_cause by operator:admin: prompt skipped the order check; remediation: prompt fixed");

        Cli.Result done = warden.operator("agent", "reactivate", "support-bot", id, "--reason", "fixed");
        assertThat(done.exit()).as(done.toString()).isZero();
        assertThat(done.out()).contains(" CLOSED: ").contains("isolation by system:demotions: not_needed")
                .contains("reactivation by operator:admin: active at junior (fixed)");
    }

    @Test
    void aMissingNote_isRefusedByTheCommandLine() {
        Cli.Result r = warden.operator("agent", "root-cause", "support-bot", "dem_x");
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--note");
    }
}
