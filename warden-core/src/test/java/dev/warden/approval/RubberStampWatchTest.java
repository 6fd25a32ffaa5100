package dev.warden.approval;

import static dev.warden.testing.Fixtures.REFUND;
import static dev.warden.testing.WardenFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Actor;
import dev.warden.agent.MaturityLevel;
import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertSeverity;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.testing.WardenFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Approving too fast or in bulk raises approval.rubber_stamp, once per window per operator. */
class RubberStampWatchTest {
    private final WardenFixture f = new WardenFixture();
    private final List<AlertDraft> raised = new CopyOnWriteArrayList<>();
    private Caller payer;
    private int orders;

    @BeforeEach
    void setUp() {
        f.policies.permitWithApproval(REFUND, "p-refund-approval");
        payer = f.register("payer", MaturityLevel.PRINCIPAL);
        f.warden.approvals().listen(new RubberStampWatch(raised::add, ReviewSettings.DEFAULTS,
                name -> f.warden.agents().find(name).map(a -> a.project())));
    }

    @AfterEach
    void close() {
        f.close();
    }

    private ApprovalId ask() {
        Decision d = f.decide(payer, REFUND, Map.of("order_id", "o-" + ++orders, "amount", 12L));
        return ((Decision.ApprovalRequired) d).approvalId();
    }

    /** Asks, waits {@code after}, approves as {@code by}. */
    private ApprovalId approveAfter(Duration after, Actor by) {
        ApprovalId id = ask();
        f.clock.advance(after);
        f.warden.approvals().approve(id, by, Optional.empty());
        return id;
    }

    private List<AlertDraft> ofCheck(String check) {
        return raised.stream().filter(d -> d.kind().equals(RubberStampWatch.KIND) && check.equals(d.numbers().get("check")))
                .toList();
    }

    @Test
    void approvingUnderTheFloor_raisesAFastAlert_namingOperatorFiguresAndApproval() {
        ApprovalId id = approveAfter(Duration.ofSeconds(3), OPERATOR);

        assertThat(raised).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo("approval.rubber_stamp");
            assertThat(d.severity()).isEqualTo(AlertSeverity.WARNING);
            assertThat(d.numbers()).containsEntry("check", "fast").containsEntry("operator", "operator:olivia")
                    .containsEntry("seconds_to_decide", 3.0).containsEntry("min_decision_seconds", 10.0)
                    .containsEntry("approval_ids", List.of(id.value()));
            assertThat(d.summary()).contains("operator:olivia", id.value(), "3 s", "10 s");
        });
    }

    @Test
    void aConsideredApproval_orAFastDenial_raisesNothing() {
        approveAfter(Duration.ofSeconds(11), OPERATOR);
        ApprovalId denied = ask();
        f.clock.advance(Duration.ofSeconds(1));
        f.warden.approvals().deny(denied, OPERATOR, Optional.empty());
        approveAfter(Duration.ofSeconds(10), OPERATOR); // at the floor is not under it

        assertThat(raised).isEmpty();
    }

    @Test
    void twentyOneApprovalsInTheWindow_raiseExactlyOneBulkAlert_andAnotherOnlyInTheNextWindow() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(approveAfter(Duration.ofSeconds(11), OPERATOR).value());
        }
        approveAfter(Duration.ofSeconds(11), Actor.operator("bob")); // another operator's count is its own
        assertThat(raised).isEmpty();

        ids.add(approveAfter(Duration.ofSeconds(11), OPERATOR).value());
        for (int i = 0; i < 5; i++) {
            approveAfter(Duration.ofSeconds(11), OPERATOR); // the same run: suppressed
        }

        assertThat(ofCheck("bulk")).singleElement().satisfies(d -> {
            assertThat(d.numbers()).containsEntry("operator", "operator:olivia").containsEntry("approvals_in_window", 21)
                    .containsEntry("bulk_count", 20).containsEntry("window_seconds", 600L)
                    .containsEntry("approval_ids", ids);
            assertThat(d.project()).contains("shop");
        });
        assertThat(ofCheck("fast")).isEmpty();

        f.clock.advance(Duration.ofMinutes(11));
        for (int i = 0; i < 21; i++) {
            approveAfter(Duration.ofSeconds(11), OPERATOR);
        }
        assertThat(ofCheck("bulk")).hasSize(2);
    }

    @Test
    void aRunOfFastApprovals_raisesOneFastAlertPerWindow() {
        for (int i = 0; i < 5; i++) {
            approveAfter(Duration.ofSeconds(1), OPERATOR);
        }
        assertThat(ofCheck("fast")).hasSize(1);
        f.clock.advance(Duration.ofMinutes(10));
        approveAfter(Duration.ofSeconds(1), OPERATOR);
        assertThat(ofCheck("fast")).hasSize(2);
    }
}
