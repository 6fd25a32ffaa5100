package dev.warden.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.agent.KillScope;
import dev.warden.agent.MaturityLevel;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.testing.WardenFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The alerts an embedded Warden raises by itself: kills, quarantines, demotions, owner notifications. */
class WardenAlertsTest {
    private final WardenFixture f = WardenFixture.withAlerts();

    @AfterEach
    void close() {
        f.close();
    }

    private List<Alert> alerts() throws InterruptedException {
        f.warden.alerts().awaitQueued(Duration.ofSeconds(5));
        return f.warden.alerts().list(AlertQuery.newest(100));
    }

    @Test
    void kill_raisesACriticalAlertWithTheOperatorAndReason() throws InterruptedException {
        f.register("bot", MaturityLevel.JUNIOR);

        f.warden.agents().kill("bot", WardenFixture.OPERATOR, "refund loop");

        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("agent.killed");
            assertThat(a.severity()).isEqualTo(AlertSeverity.CRITICAL);
            assertThat(a.agent()).contains("bot");
            assertThat(a.summary()).contains("operator:olivia").contains("refund loop");
            assertThat(a.numbers()).containsEntry("reason", "refund loop").containsEntry("actor", "operator:olivia");
        });
        assertThat(f.records("alert.raised")).hasSize(1);
    }

    @Test
    void scopedKill_raisesOneAlertPerAgentKilled() throws InterruptedException {
        f.register("a1", MaturityLevel.JUNIOR);
        f.register("a2", MaturityLevel.JUNIOR);

        f.warden.agents().kill(new KillScope.All(), WardenFixture.OPERATOR, "incident 7");

        assertThat(alerts()).extracting(a -> a.agent().orElseThrow()).containsExactlyInAnyOrder("a1", "a2");
    }

    @Test
    void quarantineAndDemotion_raiseWarnings_promotionRaisesNothing() throws InterruptedException {
        f.register("bot", MaturityLevel.SENIOR);

        f.warden.agents().setLevel("bot", MaturityLevel.PRINCIPAL, WardenFixture.OPERATOR, "earned");
        f.warden.agents().setLevel("bot", MaturityLevel.JUNIOR, WardenFixture.OPERATOR, "mistakes");
        f.warden.agents().quarantine("bot", WardenFixture.OPERATOR, "odd calls");

        assertThat(alerts()).extracting(Alert::kind).containsExactlyInAnyOrder("agent.quarantined", "agent.demoted");
        assertThat(alerts()).allSatisfy(a -> assertThat(a.severity()).isEqualTo(AlertSeverity.WARNING));
    }

    @Test
    void allowWithNotifyOwner_raisesAnOwnerNotificationWithTheDecisionAsEvidence() throws InterruptedException {
        f.policies.permit("inventory.update", "p-update");
        Caller c = f.register("senior", MaturityLevel.SENIOR);

        Decision d = f.decide(c, "inventory.update", Map.of("sku", "A-1", "qty", 3L));

        assertThat(d).isInstanceOf(Decision.Allow.class);
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("owner.notify");
            assertThat(a.severity()).isEqualTo(AlertSeverity.INFO);
            assertThat(a.evidence()).containsExactly(d.id().value());
            assertThat(a.owner()).isPresent();
        });
    }

    @Test
    void allowWithoutNotifyOwner_andDeny_raiseNothing() throws InterruptedException {
        f.policies.permit("inventory.read", "p-read");
        Caller c = f.register("junior", MaturityLevel.JUNIOR);

        f.decide(c, "inventory.read", Map.of("sku", "A-1"));
        f.decide(c, "inventory.update", Map.of("sku", "A-1", "qty", 3L));

        assertThat(alerts()).isEmpty();
    }
}
