package dev.warden.limits;

import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.audit.AuditStore;
import dev.warden.catalog.Tool;
import dev.warden.catalog.ToolCatalog;
import dev.warden.json.JsonReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds budgets after a restart from the audit log: each allowed decision within the longest
 * budget window is counted again at its recorded time. The audit log is the one durable record of
 * what was allowed, so the counters need no store of their own and cannot disagree with it.
 */
final class BudgetReplay {
    private static final System.Logger LOG = System.getLogger(BudgetReplay.class.getName());
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

    /**
     * The tools some budget of some agent counts, or null when a budget counts every tool (then
     * every allowed decision is read).
     */
    private Set<String> budgetedActions() {
        List<Budget> all = new ArrayList<>(guard.config().defaults().budgets().values());
        guard.config().agents().values().forEach(a -> all.addAll(a.budgets().values()));
        Set<String> names = new HashSet<>();
        for (Budget b : all) {
            if (b.tool().isEmpty() && b.effect().isEmpty()) {
                return null;
            }
            for (Tool t : catalog.tools()) {
                if (b.matches(t)) {
                    names.add(t.name());
                }
            }
        }
        return names;
    }

    /** Whether the canonical entry names one of these actions (a cheap test before parsing it). */
    private static boolean mentionsOneOf(String entry, Set<String> actions) {
        for (String a : actions) {
            if (entry.contains("\"action\":\"" + a + "\"")) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    long run(Instant now, Duration window) {
        if (window.isZero()) {
            return 0;
        }
        long started = System.nanoTime();
        Instant since = now.minus(window);
        long after = store.lastSeqBefore(since.minus(SKEW));
        long counted = 0;
        Set<String> actions = budgetedActions();
        while (true) {
            List<AuditRecord> page = store.read(new AuditQuery(after, PAGE, Optional.empty(), Optional.of("decision")));
            for (AuditRecord r : page) {
                after = r.seq();
                if (!"allow".equals(r.decision()) || r.agent() == null || r.time().isBefore(since)
                        || actions != null && !mentionsOneOf(r.entry(), actions)) {
                    continue; // parsing only the records that may count keeps a day of reads cheap to skip
                }
                Map<String, Object> entry = JsonReader.parseObject(r.entry());
                Optional<Tool> tool = catalog.find(String.valueOf(entry.get("action")));
                if (tool.isPresent() && entry.get("args") instanceof Map<?, ?> args) {
                    guard.replay(r.agent(), tool.get(), (Map<String, Object>) args, r.time().toEpochMilli());
                    counted++;
                }
            }
            if (page.size() < PAGE) {
                LOG.log(System.Logger.Level.INFO, "limits: " + counted + " allowed decisions of the last "
                        + window.toHours() + " h counted into budgets (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
                return counted;
            }
        }
    }
}
