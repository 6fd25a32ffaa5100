package dev.warden.decision;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Holds other components place on catalog tools, enforced by the decision point: while a check
 * says a tool is held, every call to it is denied with the check's reason, and that deny is an
 * ordinary decision (decision id, audit record). The MCP gateway holds tools whose upstream
 * definition changed since an operator approved it.
 *
 * <p>Checks run on every decision for a known tool, so they must be fast and thread-safe. A check
 * that throws holds the tool (fails closed). As a {@link Guard} it runs right after the catalog guard.
 */
public final class ToolHolds implements Guard {
    /** Says why a tool is held, or empty when it is not. */
    @FunctionalInterface
    public interface Check {
        /** The reason {@code tool} is held, if it is. */
        Optional<Reason> held(String tool);
    }

    private final List<Check> checks = new CopyOnWriteArrayList<>();

    /** Adds a check; it applies from the next decision on. */
    public void add(Check check) {
        checks.add(Objects.requireNonNull(check, "check"));
    }

    @Override
    public Verdict check(DecisionContext decision) {
        if (checks.isEmpty()) {
            return Verdict.PASS;
        }
        Optional<Reason> hold = held(decision.tool().name());
        return hold.isPresent() ? Verdict.deny(hold.get()) : Verdict.PASS;
    }

    /** The first reason a check gives for holding {@code tool}. */
    public Optional<Reason> held(String tool) {
        for (Check c : checks) {
            Optional<Reason> r;
            try {
                r = c.held(tool);
            } catch (RuntimeException e) {
                return Optional.of(Reason.of("hold", "hold_check_failed", "the hold check for '" + tool + "' failed: " + e));
            }
            if (r != null && r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }
}
