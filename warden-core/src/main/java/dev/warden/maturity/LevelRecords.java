package dev.warden.maturity;

import dev.warden.agent.Agent;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads an agent's audit records since it reached its current level, oldest first, up to a bound. */
final class LevelRecords {
    /** Records read at most for one report. */
    static final int MAX_RECORDS = 1_000_000;
    static final int PAGE = 1000;

    private LevelRecords() {
    }

    /**
     * Hands each of the agent's records at or after {@link Agent#levelSince()} to {@code each}.
     *
     * @return whether the reading stopped at {@link #MAX_RECORDS} (the figures are partial)
     */
    static boolean forEach(AuditStore records, Agent agent, Consumer<AuditRecord> each) {
        long after = records.lastSeqBefore(agent.levelSince());
        int read = 0;
        while (true) {
            List<AuditRecord> page = records.read(new AuditQuery(after, PAGE, Optional.of(agent.name()), Optional.empty()));
            for (AuditRecord r : page) {
                if (read++ == MAX_RECORDS) {
                    return true;
                }
                if (!r.time().isBefore(agent.levelSince())) {
                    each.accept(r);
                }
                after = r.seq();
            }
            if (page.size() < PAGE) {
                return false;
            }
        }
    }
}
