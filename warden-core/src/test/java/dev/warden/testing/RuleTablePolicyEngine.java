package dev.warden.testing;

import dev.warden.policy.PolicyEngine;
import dev.warden.policy.PolicyQuery;
import dev.warden.policy.PolicyVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A tiny policy engine for core tests: a table from tool name to a rule. A tool without a rule
 * gets {@link PolicyVerdict.NoPermit} (deny by default). Rules can be replaced while running.
 */
public final class RuleTablePolicyEngine implements PolicyEngine {
    private final Map<String, Function<PolicyQuery, PolicyVerdict>> rules = new ConcurrentHashMap<>();
    private final AtomicInteger evaluations = new AtomicInteger();

    public RuleTablePolicyEngine rule(String tool, Function<PolicyQuery, PolicyVerdict> rule) {
        rules.put(tool, rule);
        return this;
    }

    public RuleTablePolicyEngine permit(String tool, String policyId) {
        return rule(tool, q -> new PolicyVerdict.Permit(List.of(policyId), List.of()));
    }

    public RuleTablePolicyEngine permitWithApproval(String tool, String policyId) {
        return rule(tool, q -> new PolicyVerdict.Permit(List.of(policyId), List.of(policyId)));
    }

    public RuleTablePolicyEngine forbid(String tool, String policyId) {
        return rule(tool, q -> new PolicyVerdict.Forbid(List.of(policyId)));
    }

    public RuleTablePolicyEngine noPermit(String tool) {
        return rule(tool, q -> new PolicyVerdict.NoPermit());
    }

    public RuleTablePolicyEngine failed(String tool, String policyId, String message) {
        return rule(tool, q -> new PolicyVerdict.Failed(List.of(policyId), message));
    }

    /** Uses {@code then} when the predicate on the arguments holds, otherwise {@code otherwise}. */
    public RuleTablePolicyEngine when(String tool, Predicate<Map<String, Object>> onArgs, PolicyVerdict then,
                                      PolicyVerdict otherwise) {
        return rule(tool, q -> onArgs.test(q.args()) ? then : otherwise);
    }

    /** How many times {@link #evaluate} ran. */
    public int evaluations() {
        return evaluations.get();
    }

    @Override
    public PolicyVerdict evaluate(PolicyQuery query) {
        evaluations.incrementAndGet();
        Function<PolicyQuery, PolicyVerdict> rule = rules.get(query.tool().name());
        return rule == null ? new PolicyVerdict.NoPermit() : rule.apply(query);
    }

    @Override
    public List<String> policyIds() {
        return new ArrayList<>(rules.keySet());
    }
}
