package dev.warden.approval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Approval figures over the approvals opened in a window ending now: per approver (how often it
 * approves, how fast, how many a day) and per agent (how often its requests are accepted). The
 * maturity lifecycle reads an agent's figures ({@link #forAgent}) as evidence.
 *
 * <p>Counted from the approval store: an approval counts for the operator in its {@code decided_by}
 * ({@code operator:<name>}); one approved and then used counts as approved. Approvals denied by
 * Warden itself (a kill revokes what an agent waited for) are {@code revoked}, not an operator's
 * denial. With the two-person rule only the approver who completed the approval is counted.
 * Times to decide are the seconds from opened to decided; percentiles are nearest-rank.
 */
public final class ApprovalStatistics {
    /** The most approvals one computation reads; beyond, the figures cover the oldest this many and say so. */
    public static final int MAX_APPROVALS = 100_000;

    private final ApprovalStore store;
    private final Clock clock;

    /** Figures from {@code store}, windows ending at {@code clock}'s now. */
    public ApprovalStatistics(ApprovalStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * One approver's figures.
     *
     * @param operator        {@code operator:<name>}
     * @param approved        approvals it approved
     * @param denied          approvals it denied
     * @param approvalRate    approved / (approved + denied)
     * @param medianSeconds   median time from opened to its decision
     * @param p10Seconds      10th percentile of that time (its fastest decisions)
     * @param decisionsPerDay (approved + denied) / days of the window
     */
    public record ApproverFigures(String operator, int approved, int denied, double approvalRate, double medianSeconds,
                                  double p10Seconds, double decisionsPerDay) {
    }

    /**
     * One agent's figures: what became of its approval requests.
     *
     * @param agent          the agent
     * @param requested      approvals it opened in the window
     * @param approved       approved by an operator (used or not)
     * @param denied         denied by an operator
     * @param revoked        denied by Warden (a kill)
     * @param expired        never decided before their deadline
     * @param pending        still waiting
     * @param acceptanceRate approved / (approved + denied), empty when none was decided
     */
    public record AgentFigures(String agent, int requested, int approved, int denied, int revoked, int expired,
                               int pending, Optional<Double> acceptanceRate) {
    }

    /**
     * The figures of a window.
     *
     * @param since     start of the window (approvals opened since)
     * @param approvers per approver, by name
     * @param agents    per agent, by name
     * @param truncated true when the window held more than {@link #MAX_APPROVALS} approvals (the oldest counted)
     */
    public record Report(Instant since, List<ApproverFigures> approvers, List<AgentFigures> agents, boolean truncated) {
        /** Copies. */
        public Report {
            approvers = List.copyOf(approvers);
            agents = List.copyOf(agents);
        }
    }

    /** The figures of approvals opened in the last {@code window}. */
    public Report over(Duration window) {
        Instant now = clock.instant();
        Instant since = now.minus(window);
        List<Approval> all = store.createdSince(since, Optional.empty(), MAX_APPROVALS + 1);
        boolean truncated = all.size() > MAX_APPROVALS;
        if (truncated) {
            all = all.subList(0, MAX_APPROVALS);
        }
        Map<String, List<Approval>> byOperator = new TreeMap<>();
        Map<String, List<Approval>> byAgent = new TreeMap<>();
        for (Approval a : all) {
            byAgent.computeIfAbsent(a.agent(), k -> new ArrayList<>()).add(a);
            operatorDecision(a).ifPresent(op -> byOperator.computeIfAbsent(op, k -> new ArrayList<>()).add(a));
        }
        double days = Math.max(window.toMillis() / 86_400_000.0, 1e-9);
        List<ApproverFigures> approvers = new ArrayList<>();
        byOperator.forEach((op, list) -> approvers.add(approver(op, list, days)));
        List<AgentFigures> agents = new ArrayList<>();
        byAgent.forEach((agent, list) -> agents.add(agent(agent, list, now)));
        return new Report(since, approvers, agents, truncated);
    }

    /**
     * One agent's figures over the approvals it opened since {@code since} (at most
     * {@link #MAX_APPROVALS}, the oldest).
     */
    public AgentFigures forAgent(String agent, Instant since) {
        return agent(agent, store.createdSince(since, Optional.of(agent), MAX_APPROVALS), clock.instant());
    }

    /** The operator who approved or denied {@code a}, when an operator did. */
    static Optional<String> operatorDecision(Approval a) {
        boolean decided = a.state() == ApprovalState.APPROVED || a.state() == ApprovalState.USED
                || a.state() == ApprovalState.DENIED;
        return decided && a.decidedAt().isPresent() ? a.decidedBy().filter(by -> by.startsWith("operator:")) : Optional.empty();
    }

    private static boolean approved(Approval a) {
        return a.state() == ApprovalState.APPROVED || a.state() == ApprovalState.USED;
    }

    private static ApproverFigures approver(String operator, List<Approval> decided, double days) {
        int approved = 0;
        double[] seconds = new double[decided.size()];
        for (int i = 0; i < decided.size(); i++) {
            Approval a = decided.get(i);
            approved += approved(a) ? 1 : 0;
            seconds[i] = Duration.between(a.createdAt(), a.decidedAt().orElseThrow()).toMillis() / 1000.0;
        }
        java.util.Arrays.sort(seconds);
        int n = decided.size();
        return new ApproverFigures(operator, approved, n - approved, (double) approved / n, rank(seconds, 0.5),
                rank(seconds, 0.1), n / days);
    }

    /** The nearest-rank percentile of sorted values (not empty). */
    static double rank(double[] sorted, double p) {
        int k = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(k, 1) - 1];
    }

    private static AgentFigures agent(String agent, List<Approval> list, Instant now) {
        int approved = 0;
        int denied = 0;
        int revoked = 0;
        int expired = 0;
        int pending = 0;
        for (Approval a : list) {
            if (approved(a)) {
                approved++;
            } else if (a.state() == ApprovalState.DENIED) {
                if (operatorDecision(a).isPresent()) {
                    denied++;
                } else {
                    revoked++;
                }
            } else if (a.stateAt(now) == ApprovalState.EXPIRED) {
                expired++;
            } else if (a.state() == ApprovalState.PENDING) {
                pending++;
            }
        }
        int decided = approved + denied;
        return new AgentFigures(agent, list.size(), approved, denied, revoked, expired, pending,
                decided == 0 ? Optional.empty() : Optional.of((double) approved / decided));
    }
}
