package dev.warden.decision;

import dev.warden.agent.Agent;
import dev.warden.catalog.Tool;

/**
 * Maturity ceiling ({@link MaturityCeiling}): denies what the agent's level may not do, asks for a
 * human approval where the level needs one, and obliges an owner notification where the level
 * acts within guardrails. No policy can lift it: it runs before the policy guard, and its deny or
 * approval stands whatever the policies say. It also tells the decision what the next level's
 * ceiling would say (shadow mode, {@link DecisionContext#shadow}), enforcing nothing of it.
 */
public final class MaturityCeilingGuard implements Guard {
    @Override
    public Verdict check(DecisionContext decision) {
        Agent agent = decision.agent();
        Tool tool = decision.tool();
        MaturityCeiling.Verdict here = MaturityCeiling.check(agent.level(), tool);
        agent.level().next().ifPresent(next -> decision.shadow(next, here, MaturityCeiling.check(next, tool)));
        switch (here) {
            case DENIED -> {
                return Verdict.deny(Reason.of("maturity", "maturity_ceiling",
                        "level " + decision.level() + " may only use read-only tools; '" + tool.name() + "' has effects "
                                + tool.effects().stream().map(e -> e.wire()).sorted().toList()));
            }
            case APPROVAL -> decision.requireApproval(Reason.of("maturity", "maturity_approval", "level "
                    + decision.level() + " needs a human approval for " + tool.risk().wire() + "-risk '" + tool.name() + "'"));
            case WITHIN_NOTIFY -> decision.oblige("notify_owner");
            case WITHIN -> { }
        }
        return Verdict.PASS;
    }
}
