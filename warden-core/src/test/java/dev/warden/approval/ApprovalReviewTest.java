package dev.warden.approval;

import static dev.warden.testing.Fixtures.READ;
import static dev.warden.testing.Fixtures.REFUND;
import static dev.warden.testing.Fixtures.UPDATE;
import static dev.warden.testing.WardenFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Actor;
import dev.warden.agent.MaturityLevel;
import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertSeverity;
import dev.warden.behavior.AnomalySeverity;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.incident.Incident;
import dev.warden.incident.IncidentState;
import dev.warden.testing.MutableClock;
import dev.warden.testing.WardenFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notifications of opened approvals, the approver's review of one, and the approval statistics, on a scripted history. */
class ApprovalReviewTest {
    private static final Map<String, Object> ARGS = Map.of("order_id", "o-17", "amount", 40L);
    private static final Actor BOB = Actor.operator("bob");

    private final WardenFixture f = new WardenFixture();
    private final List<AlertDraft> raised = new CopyOnWriteArrayList<>();
    private Caller payer;

    @BeforeEach
    void setUp() {
        f.policies.permitWithApproval(REFUND, "p-refund-approval").permit(READ, "p-read");
        payer = f.register("payer", MaturityLevel.PRINCIPAL);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private ApprovalId ask(Caller caller, Map<String, Object> args) {
        Decision d = f.decide(caller, REFUND, args);
        assertThat(d).isInstanceOf(Decision.ApprovalRequired.class);
        return ((Decision.ApprovalRequired) d).approvalId();
    }

    private static Map<String, Object> order(int n) {
        return Map.of("order_id", "o-" + n, "amount", 10L + n);
    }

    private void listen() {
        f.warden.approvals().listen(new ApprovalAlerts(raised::add,
                tool -> f.warden.rules().catalog().find(tool).map(dev.warden.catalog.Tool::risk),
                new ApprovalLinks("https://warden.example.com/")));
    }

    @Test
    void anOpenedApproval_raisesOneRequestAlert_namingTheCallWithLinks_andNothingForDeniesOrRedemptions() {
        listen();
        ApprovalId id = ask(payer, ARGS);

        List<AlertDraft> requested = raised.stream().filter(d -> d.kind().equals(ApprovalAlerts.REQUESTED)).toList();
        assertThat(requested).hasSize(1);
        AlertDraft d = requested.getFirst();
        Approval a = f.warden.approvals().require(id);
        assertThat(d.severity()).isEqualTo(AlertSeverity.WARNING); // payments.refund is high risk
        assertThat(d.agent()).contains("payer");
        assertThat(d.evidence()).containsExactly(a.decisionId());
        assertThat(d.numbers()).containsEntry("approval_id", id.value()).containsEntry("action", REFUND)
                .containsEntry("resource", REFUND).containsEntry("risk", "high")
                .containsEntry("expires_at", a.expiresAt().toString()).containsEntry("args", ARGS)
                .containsEntry("policy_ids", List.of("p-refund-approval"))
                .containsEntry("console_url", "https://warden.example.com/console/approvals/" + id.value())
                .containsEntry("api_url", "https://warden.example.com/v1/approvals/" + id.value());
        assertThat(d.summary()).contains("payer", REFUND, id.value());

        raised.clear();
        assertThat(f.decide(payer, UPDATE, Map.of("sku", "a", "qty", 1L))).isInstanceOf(Decision.Deny.class);
        f.warden.approvals().approve(id, OPERATOR, Optional.empty());
        assertThat(f.redeem(payer, REFUND, ARGS, id)).isInstanceOf(Decision.Allow.class);
        assertThat(raised).extracting(AlertDraft::kind).containsExactly(ApprovalAlerts.DECIDED);
        assertThat(raised.getFirst().severity()).isEqualTo(AlertSeverity.INFO);
    }

    @Test
    void anAgentFloodingApprovers_getsItsFirstRequestsOfAMinuteNotifiedOneByOne_andTheRestAsOneRepeatedNotice() {
        f.warden.approvals().listen(new ApprovalAlerts(raised::add,
                tool -> f.warden.rules().catalog().find(tool).map(dev.warden.catalog.Tool::risk),
                () -> new ApprovalLinks("https://warden.example.com"), 3));
        for (int i = 0; i < 5; i++) {
            ask(payer, order(i));
        }
        assertThat(raised).hasSize(5);
        assertThat(raised.subList(0, 3)).allSatisfy(d -> assertThat(d.numbers()).containsKey("approval_id"));
        assertThat(raised.subList(3, 5)).allSatisfy(d -> {
            assertThat(d.kind()).isEqualTo(ApprovalAlerts.REQUESTED);
            assertThat(d.numbers()).doesNotContainKey("approval_id").containsEntry("notices_per_minute", 3);
            assertThat(d.summary()).isEqualTo(raised.get(3).summary()).contains("payer", "more than 3");
        });
        assertThat(f.warden.approvals().list(Optional.of(ApprovalState.PENDING), 10)).hasSize(5);

        f.clock.advance(Duration.ofMinutes(1));
        ask(payer, order(9));
        assertThat(raised.getLast().numbers()).containsKey("approval_id");
    }

    @Test
    void aFailingListener_changesNeitherTheDecisionNorTheApproval_andTheOthersStillHear() {
        f.warden.approvals().listen(new ApprovalListener() {
            @Override
            public void opened(OpenedApproval opened) {
                throw new IllegalStateException("channel down");
            }

            @Override
            public void decided(Approval decided) {
                throw new IllegalStateException("channel down");
            }
        });
        listen();
        ApprovalId id = ask(payer, ARGS);

        assertThat(f.warden.approvals().require(id).state()).isEqualTo(ApprovalState.PENDING);
        assertThat(f.warden.approvals().approve(id, OPERATOR, Optional.empty()).state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(raised).extracting(AlertDraft::kind).containsExactly(ApprovalAlerts.REQUESTED, ApprovalAlerts.DECIDED);
    }

    @Test
    void review_countsTheAgentsWeek_namesWhy_andFindsTheSameCallApprovedBefore() {
        Instant start = f.clock.instant();
        assertThat(f.decide(payer, READ, Map.of("sku", "old"))).isInstanceOf(Decision.Allow.class); // 8 days ago: outside
        f.clock.advance(Duration.ofDays(8));
        Instant t1 = f.clock.instant();
        for (int i = 0; i < 2; i++) {
            assertThat(f.decide(payer, READ, Map.of("sku", "a" + i))).isInstanceOf(Decision.Allow.class);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(f.decide(payer, UPDATE, Map.of("sku", "a", "qty", (long) i))).isInstanceOf(Decision.Deny.class);
        }
        ApprovalId first = ask(payer, ARGS);
        f.clock.advance(Duration.ofSeconds(30));
        f.warden.approvals().approve(first, OPERATOR, Optional.of("fine"));
        Instant approvedAt = f.clock.instant();
        assertThat(f.redeem(payer, REFUND, ARGS, first)).isInstanceOf(Decision.Allow.class);
        ApprovalId other = ask(payer, order(2));
        f.warden.approvals().deny(other, BOB, Optional.empty());
        f.clock.advance(Duration.ofMinutes(1));
        ApprovalId again = ask(payer, ARGS);
        var incidents = f.warden.incidents().store();
        incidents.insert(incident("inc_" + "0".repeat(31) + "1", "payer", start)); // outside the week
        incidents.insert(incident("inc_" + "0".repeat(31) + "2", "payer", t1.minus(Duration.ofDays(3))));
        incidents.insert(incident("inc_" + "0".repeat(31) + "3", "someone-else", t1));

        ApprovalReviews reviews = f.warden.approvalReviews();
        ApprovalReview r = reviews.review(f.warden.approvals().require(again));

        assertThat(r.agent()).contains(new ApprovalReview.AgentView("principal", "alice@example.com", "shop", "active"));
        assertThat(r.record()).isEqualTo(new ApprovalReview.RecentRecord(f.clock.instant().minus(Duration.ofDays(7)),
                9, 3, 3, 3, 1, false)); // allowed: 2 reads and the redemption; held: three approvals opened
        assertThat(r.risk()).contains("high");
        assertThat(r.reasons()).anySatisfy(reason -> assertThat(reason).containsEntry("policy_id", "p-refund-approval"));
        assertThat(r.sameCall()).isEqualTo(new ApprovalReview.SameCall(1, 0, Optional.of(first.value()),
                Optional.of(approvedAt), Optional.of("operator:olivia")));
        ApprovalReview ofOther = reviews.review(f.warden.approvals().require(other));
        assertThat(ofOther.sameCall()).isEqualTo(new ApprovalReview.SameCall(0, 0, Optional.empty(), Optional.empty(),
                Optional.empty()));
    }

    private static Incident incident(String id, String agent, Instant at) {
        return new Incident(id, agent, at, AnomalySeverity.MAJOR, IncidentState.OPEN, Optional.empty(), List.of(), List.of());
    }

    @Test
    void statistics_perApproverAndPerAgent_areExact() {
        int[] olivia = {20, 40, 60, 100}; // the third is a denial
        for (int i = 0; i < olivia.length; i++) {
            ApprovalId id = ask(payer, order(i));
            f.clock.advance(Duration.ofSeconds(olivia[i]));
            if (i == 2) {
                f.warden.approvals().deny(id, OPERATOR, Optional.empty());
            } else {
                f.warden.approvals().approve(id, OPERATOR, Optional.empty());
            }
        }
        ApprovalId byBob = ask(payer, order(10));
        f.clock.advance(Duration.ofSeconds(5));
        f.warden.approvals().deny(byBob, BOB, Optional.empty());
        ask(payer, order(11));
        f.clock.advance(Duration.ofHours(2)); // that one expires undecided
        ask(payer, order(12)); // still pending
        Caller other = f.register("other", MaturityLevel.PRINCIPAL);
        ask(other, order(13));
        f.warden.agents().kill("other", OPERATOR, "test"); // revokes it

        ApprovalStatistics.Report report = f.warden.approvalStatistics().over(Duration.ofDays(30));

        assertThat(report.approvers()).containsExactly(
                new ApprovalStatistics.ApproverFigures("operator:bob", 0, 1, 0.0, 5.0, 5.0, 1 / 30.0),
                new ApprovalStatistics.ApproverFigures("operator:olivia", 3, 1, 0.75, 40.0, 20.0, 4 / 30.0));
        ApprovalStatistics.AgentFigures payerFigures = new ApprovalStatistics.AgentFigures("payer", 7, 3, 2, 0, 1, 1,
                Optional.of(0.6));
        assertThat(report.agents()).containsExactly(
                new ApprovalStatistics.AgentFigures("other", 1, 0, 0, 1, 0, 0, Optional.empty()), payerFigures);
        assertThat(report.truncated()).isFalse();
        assertThat(f.warden.approvalStatistics().forAgent("payer", MutableClock.START)).isEqualTo(payerFigures);
        assertThat(f.warden.approvalStatistics().forAgent("payer", f.clock.instant().plusSeconds(1)).requested()).isZero();
        assertThat(f.warden.approvalStatistics().over(Duration.ofMinutes(30)).approvers()).isEmpty(); // all opened earlier
    }
}
