package dev.warden.maturity;

import dev.warden.agent.Agent;
import dev.warden.demotion.Demotion;
import dev.warden.demotion.DemotionStore;
import java.util.List;
import java.util.Objects;

/**
 * The {@code demotions_closed} check of the incident-record gate (4): it passes when none of the
 * agent's demotion records is open, i.e. every demotion went through the ATF process to its
 * reactivation (root cause recorded) or was undone. The number is the count of open records.
 */
public final class DemotionsCheck {
    /** The check's name in the gate. */
    public static final String NAME = "demotions_closed";
    private final DemotionStore demotions;

    /** Reads the records from {@code demotions}. */
    public DemotionsCheck(DemotionStore demotions) {
        this.demotions = Objects.requireNonNull(demotions, "demotions");
    }

    /** The check for {@code agent}. */
    public GateCheck check(Agent agent) {
        List<String> open = demotions.open(agent.name()).stream().map(Demotion::id).toList();
        return GateCheck.atMost(NAME, "demotions", open.size(), 0, open.size() + " demotion records open"
                + (open.isEmpty() ? "" : " " + open) + ", none allowed: each closes when its root cause is recorded and the"
                + " agent reactivated, or when the demotion is undone");
    }
}
