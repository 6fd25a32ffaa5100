package dev.warden.behavior;

import java.util.Locale;
import java.util.Optional;

/**
 * A burst of reads of distinct resources (or, for calls naming none, of distinct arguments): at least {@code threshold} distinct resources read
 * within one minute (default 30), and, once the baseline counts, more than three times the usual.
 * A rule: it applies while the agent learns (an agent turning rogue may be new).
 */
public final class Enumeration implements Detector {
    /** The id. */
    public static final String ID = "enumeration";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean statistical() {
        return false;
    }

    @Override
    public Optional<Finding> inspect(Observation o) {
        if (!(o.event() instanceof BehaviorEvent.Decided d) || !d.read()) {
            return Optional.empty();
        }
        int distinct = o.baseline().distinctReadsThisMinute(o.at());
        double usual = o.baseline().distinctPerMinute();
        double limit = o.learned() ? Math.max(o.settings().threshold(), 3 * usual) : o.settings().threshold();
        if (distinct < limit) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Optional.empty(), distinct, Optional.of(usual), limit,
                String.format(Locale.ROOT, "%d distinct resources read within a minute (usually %.1f; limit %.0f)",
                        distinct, usual, limit)));
    }
}
