package dev.warden.alert;

import dev.warden.decision.Decision;
import dev.warden.decision.DecisionContext;
import dev.warden.decision.Guard;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers the {@code notify_owner} obligation: each allowed decision carrying it raises an
 * {@code owner.notify} notification (info) for the agent's owner, with the decision id as
 * evidence. A guard only to hear how the decision ends; it always passes and runs last, when
 * every obligation is known.
 */
public final class OwnerNotifications implements Guard {
    /** The obligation this delivers. */
    public static final String OBLIGATION = "notify_owner";
    private final Alerts alerts;

    /** Raises through {@code alerts}. */
    public OwnerNotifications(Alerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public Verdict check(DecisionContext decision) {
        if (!decision.obligations().contains(OBLIGATION)) {
            return Verdict.PASS;
        }
        String agent = decision.agent().name();
        String project = decision.agent().project();
        String tool = decision.tool().name();
        String level = decision.level();
        decision.onSettled(d -> {
            if (d instanceof Decision.Allow allow && allow.obligations().contains(OBLIGATION)) {
                alerts.raise(new AlertDraft(AlertSeverity.INFO, "owner.notify", Optional.of(agent), Optional.of(project),
                        "agent " + agent + " (" + level + ") was allowed " + tool,
                        Map.of("tool", tool, "level", level), List.of(d.id().value())));
            }
        });
        return Verdict.PASS;
    }
}
