package dev.warden.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Actor;
import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.agent.Agent;
import dev.warden.agent.AgentId;
import dev.warden.agent.AgentStatus;
import dev.warden.agent.MaturityLevel;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.GroupCommitAuditLog;
import dev.warden.id.IdGenerator;
import dev.warden.store.memory.InMemoryAlertStore;
import dev.warden.testing.ControllableAuditStore;
import dev.warden.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertServiceTest {
    private static final Actor OPERATOR = Actor.operator("olivia");
    private final MutableClock clock = new MutableClock();
    private final ControllableAuditStore auditStore = new ControllableAuditStore();
    private final GroupCommitAuditLog log = new GroupCommitAuditLog(auditStore);
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final Agent bot = new Agent(new AgentId("warden.local", "support-bot"), "alice@example.com", "support",
            List.of(), "1", "d", "shop", "prod", MaturityLevel.JUNIOR, AgentStatus.ACTIVE, List.of(), 0, clock.instant());
    private final AlertService alerts = AlertService.onCallerThread(store, log, new IdGenerator(new Random(7)), clock,
            name -> name.equals("support-bot") ? Optional.of(bot) : Optional.empty());

    @AfterEach
    void close() {
        alerts.close();
        log.close();
    }

    private static AlertDraft limit(String decision) {
        return new AlertDraft(AlertSeverity.WARNING, "limit.exceeded", Optional.of("support-bot"), Optional.empty(),
                "refunds per day over 500", Map.of("limit", 500, "used", 520), List.of(decision));
    }

    private List<AuditRecord> records(String kind) {
        return auditStore.read(new AuditQuery(0, 1000, Optional.empty(), Optional.of(kind)));
    }

    @Test
    void raise_storesTheAlertWithItsAuditRecordAndQueuesOneDeliveryPerRoute() {
        alerts.routing((draft, owner) -> List.of(new AlertRoute("oncall", Optional.empty()),
                new AlertRoute("owners", owner)));

        alerts.raise(limit("dec_1"));

        List<Alert> all = alerts.list(AlertQuery.newest(10));
        assertThat(all).hasSize(1);
        Alert a = all.getFirst();
        assertThat(a.id()).startsWith("alr_");
        assertThat(a.project()).contains("shop"); // filled in from the agent
        assertThat(a.owner()).contains("alice@example.com");
        assertThat(a.raisedAt()).isEqualTo(clock.instant());
        assertThat(a.state()).isEqualTo(AlertState.OPEN);
        assertThat(a.routing()).containsExactly("oncall", "owners:alice@example.com");
        assertThat(store.deliveries(a.id())).extracting(AlertDelivery::channel).containsExactly("oncall", "owners");
        assertThat(store.due(clock.instant(), 10)).hasSize(2);
        List<AuditRecord> raised = records("alert.raised");
        assertThat(raised).hasSize(1);
        assertThat(raised.getFirst().agent()).isEqualTo("support-bot");
        assertThat(raised.getFirst().entry()).contains(a.id()).contains("\"evidence\":[\"dec_1\"]")
                .contains("limit.exceeded");
    }

    @Test
    void repeatsWithinTheWindow_foldIntoOneAlert_andAfterItANewAlertIsRaised() {
        alerts.routing((draft, owner) -> List.of(new AlertRoute("oncall", Optional.empty())));
        alerts.raise(limit("dec_1"));
        clock.advance(Duration.ofSeconds(10));
        alerts.raise(limit("dec_2"));
        clock.advance(Duration.ofSeconds(10));
        alerts.raise(limit("dec_3"));

        List<Alert> all = alerts.list(AlertQuery.newest(10));
        assertThat(all).hasSize(1);
        assertThat(all.getFirst().count()).isEqualTo(3);
        assertThat(all.getFirst().evidence()).containsExactly("dec_1", "dec_2", "dec_3");
        assertThat(all.getFirst().lastAt()).isEqualTo(clock.instant());
        assertThat(store.deliveries(all.getFirst().id())).hasSize(1); // sent once
        assertThat(records("alert.raised")).hasSize(1);

        clock.advance(AlertService.DEFAULT_COALESCE);
        alerts.raise(limit("dec_4"));
        assertThat(alerts.list(AlertQuery.newest(10))).hasSize(2);
    }

    @Test
    void differentSummaryOrAgent_isNotFolded() {
        alerts.raise(limit("dec_1"));
        alerts.raise(new AlertDraft(AlertSeverity.WARNING, "limit.exceeded", Optional.of("other-bot"), Optional.empty(),
                "refunds per day over 500", Map.of(), List.of("dec_2")));
        alerts.raise(new AlertDraft(AlertSeverity.WARNING, "limit.exceeded", Optional.of("support-bot"), Optional.empty(),
                "calls per minute over 60", Map.of(), List.of("dec_3")));

        assertThat(alerts.list(AlertQuery.newest(10))).hasSize(3);
    }

    @Test
    void ack_isAuditedAndASecondAckIsRefused_andTheNextRepeatIsANewAlert() {
        alerts.raise(limit("dec_1"));
        String id = alerts.list(AlertQuery.newest(1)).getFirst().id();
        clock.advance(Duration.ofSeconds(1));

        Alert acked = alerts.ack(id, OPERATOR);

        assertThat(acked.state()).isEqualTo(AlertState.ACKED);
        assertThat(acked.ackedBy()).contains("operator:olivia");
        assertThat(acked.ackedAt()).contains(clock.instant());
        assertThat(alerts.find(id)).contains(acked);
        assertThat(records("alert.acked")).singleElement().satisfies(r ->
                assertThat(r.entry()).contains(id).contains("operator:olivia"));
        assertThatThrownBy(() -> alerts.ack(id, OPERATOR)).isInstanceOfSatisfying(WardenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ALERT_ACKED));
        assertThatThrownBy(() -> alerts.ack("alr_nope", OPERATOR)).isInstanceOfSatisfying(WardenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ALERT_NOT_FOUND));

        alerts.raise(limit("dec_2"));
        assertThat(alerts.list(AlertQuery.newest(10))).hasSize(2);
    }

    @Test
    void auditLogDown_raiseDoesNotThrow_andTheAlertIsRecordedOnRetryOnceItIsBack() {
        auditStore.failAlways();

        alerts.raise(limit("dec_1")); // must not throw into the caller

        assertThat(store.list(AlertQuery.newest(10))).isEmpty();
        assertThat(alerts.retryPending()).isEqualTo(1);
        auditStore.recover();
        assertThat(alerts.retryPending()).isZero();
        assertThat(store.list(AlertQuery.newest(10))).singleElement()
                .satisfies(a -> assertThat(a.evidence()).containsExactly("dec_1"));
        assertThat(records("alert.raised")).hasSize(1);
    }

    @Test
    void numbersThatAreNotJson_areRecordedAsText_andHoldUpNothing() {
        alerts.raise(new AlertDraft(AlertSeverity.WARNING, "limit.exceeded", Optional.of("support-bot"), Optional.empty(),
                "window", Map.of("window", Duration.ofMinutes(1), "limit", 60), List.of()));
        alerts.raise(limit("dec_2"));

        assertThat(alerts.list(AlertQuery.newest(10))).extracting(Alert::summary)
                .containsExactlyInAnyOrder("window", "refunds per day over 500");
        assertThat(alerts.list(AlertQuery.newest(10))).filteredOn(a -> a.summary().equals("window")).singleElement()
                .satisfies(a -> assertThat(a.numbers()).containsEntry("window", "PT1M").containsEntry("limit", 60));
        assertThat(alerts.retryPending()).isZero();
    }

    @Test
    void routingThatThrows_stillRecordsTheAlert() {
        alerts.routing((draft, owner) -> {
            throw new IllegalStateException("boom");
        });

        alerts.raise(limit("dec_1"));

        assertThat(alerts.list(AlertQuery.newest(10))).singleElement()
                .satisfies(a -> assertThat(a.routing()).isEmpty());
    }

    @Test
    void list_filtersByAgentSeverityAndState_newestFirst_andPagesWithBefore() {
        alerts.raise(limit("dec_1"));
        clock.advance(Duration.ofSeconds(1));
        alerts.raise(new AlertDraft(AlertSeverity.CRITICAL, "agent.killed", Optional.of("other-bot"), Optional.empty(),
                "killed", Map.of(), List.of()));
        clock.advance(Duration.ofSeconds(1));
        alerts.raise(new AlertDraft(AlertSeverity.INFO, "owner.notify", Optional.of("support-bot"), Optional.empty(),
                "allowed", Map.of(), List.of("dec_3")));
        List<Alert> all = alerts.list(AlertQuery.newest(10));
        assertThat(all).extracting(Alert::kind).containsExactly("owner.notify", "agent.killed", "limit.exceeded");
        alerts.ack(all.get(1).id(), OPERATOR);

        assertThat(alerts.list(new AlertQuery(Optional.of("support-bot"), Optional.empty(), Optional.empty(),
                Optional.empty(), 10))).extracting(Alert::kind).containsExactly("owner.notify", "limit.exceeded");
        assertThat(alerts.list(new AlertQuery(Optional.empty(), Optional.of(AlertSeverity.CRITICAL), Optional.empty(),
                Optional.empty(), 10))).extracting(Alert::kind).containsExactly("agent.killed");
        assertThat(alerts.list(new AlertQuery(Optional.empty(), Optional.empty(), Optional.of(AlertState.OPEN),
                Optional.empty(), 10))).extracting(Alert::kind).containsExactly("owner.notify", "limit.exceeded");
        assertThat(alerts.list(new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(all.get(0).id()), 1))).extracting(Alert::kind).containsExactly("agent.killed");
    }
}
