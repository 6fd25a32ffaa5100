package dev.warden.limits;

import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.json.JsonReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds budgets after a restart from the audit log: each allowed decision within the longest
 * budget window is counted again at its recorded time. The audit log is the one durable record of
 * what was allowed, so the counters need no store of their own and cannot disagree with it.
 */
final class BudgetReplay {
    /** Records may reach the log a little out of time order; look back this much further. */
    private static final Duration SKEW = Duration.ofMinutes(1);
    private static final int PAGE = 1000;

    private final LimitsGuard guard;
    private final AuditStore store;
    private final ToolCatalog catalog;

    BudgetReplay(LimitsGuard guard, AuditStore store, ToolCatalog catalog) {
        this.guard = guard;
        this.store = store;
        this.catalog = catalog;
    }

    @SuppressWarnings("unchecked")
    long run(Instant now, Duration window) {
        if (window.isZero()) {
            return 0;
        }
        Instant since = now.minus(window);
        long after = store.lastSeqBefore(since.minus(SKEW));
        long counted = 0;
        while (true) {
            List<AuditRecord> page = store.read(new AuditQuery(after, PAGE, Optional.empty(), Optional.of("decision")));
            for (AuditRecord r : page) {
                after = r.seq();
                if (!"allow".equals(r.decision()) || r.agent() == null || r.time().isBefore(since)) {
                    continue;
                }
                Map<String, Object> entry = JsonReader.parseObject(r.entry());
                Optional<Tool> tool = catalog.find(String.valueOf(entry.get("action")));
                if (tool.isPresent() && entry.get("args") instanceof Map<?, ?> args) {
                    guard.replay(r.agent(), tool.get(), (Map<String, Object>) args, r.time().toEpochMilli());
                    counted++;
                }
            }
            if (page.size() < PAGE) {
                return counted;
            }
        }
    }
}
