package dev.warden.policy.cedar;

import static dev.warden.policy.cedar.Fixtures.INVENTORY;
import static dev.warden.policy.cedar.Fixtures.SUPPORT_BOT;
import static dev.warden.policy.cedar.Fixtures.query;
import static dev.warden.policy.cedar.Fixtures.refund;

import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Not a test: a plain loop measuring the cost of one evaluation on a warmed engine with eight
 * policies. Run with the test class path, e.g. {@code java -cp ... dev.warden.policy.cedar.EvaluationCostMain}.
 */
public final class EvaluationCostMain {
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private EvaluationCostMain() {
    }

    /** Prints microseconds per evaluation for a few query shapes. */
    public static void main(String[] args) {
        CedarPolicyEngine engine = Fixtures.engine(
                "@id(\"refund-needs-approval\") @approval(\"required\") permit(principal, action == Action::\"refund.process\", resource)"
                        + " when { context.args.amount.lessThan(decimal(\"100.0\")) };",
                "@id(\"refund-cap\") forbid(principal, action == Action::\"refund.process\", resource)"
                        + " when { context.args.amount.greaterThanOrEqual(decimal(\"100.0\")) };",
                "@id(\"reads\") permit(principal, action in Action::\"effect:read\", resource);",
                "@id(\"no-interns-writing\") forbid(principal, action in Action::\"effect:write\", resource) when { principal.level == \"intern\" };",
                "@id(\"no-destructive\") forbid(principal, action in Action::\"effect:destructive\", resource) unless { principal.level_rank >= 4 };",
                "@id(\"email\") permit(principal, action == Action::\"email.send\", resource) when { context.args.to like \"*@example.com\" };",
                "@id(\"billing-only\") forbid(principal, action in Action::\"effect:financial\", resource) when { principal.project == \"marketing\" };",
                "@id(\"critical\") forbid(principal, action, resource) when { context.risk_rank > 3 && principal.level_rank < 2 };");
        List<PolicyQuery> queries = List.of(
                refund(SUPPORT_BOT, new BigDecimal("99.5")),
                refund(SUPPORT_BOT, 250L),
                query(SUPPORT_BOT, INVENTORY, Map.of("sku", "A-1")));
        for (PolicyQuery q : queries) {
            PolicyVerdict verdict = engine.evaluate(q);
            measure(engine, q, 20_000);
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            double micros = measure(engine, q, 100_000);
            double cpuMicros = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1000.0 / 100_000;
            System.out.printf("%-16s %-90s %7.1f us/op wall, %7.1f us/op cpu%n", q.tool().name(), verdict, micros, cpuMicros);
        }
    }

    private static double measure(CedarPolicyEngine engine, PolicyQuery q, int n) {
        long start = System.nanoTime();
        int permits = 0;
        for (int i = 0; i < n; i++) {
            if (engine.evaluate(q) instanceof PolicyVerdict.Permit) {
                permits++;
            }
        }
        long elapsed = System.nanoTime() - start;
        if (permits < 0) {
            System.out.println(permits);
        }
        return elapsed / 1000.0 / n;
    }
}
