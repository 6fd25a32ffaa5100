package dev.warden.demotion;

import dev.warden.agent.MaturityLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of one lowering of an agent's level, step by step (ATF §4.2).
 *
 * @param id          its id ({@code dem_...}, ordered by time)
 * @param agent       the agent's name
 * @param levelBefore the level the agent had
 * @param level       the level it was demoted to
 * @param openedAt    when the level was lowered
 * @param state       open, closed (reactivated) or undone
 * @param closedAt    when it was closed or undone
 * @param steps       the steps recorded, in order
 */
public record Demotion(String id, String agent, MaturityLevel levelBefore, MaturityLevel level, Instant openedAt,
                       DemotionState state, Optional<Instant> closedAt, List<DemotionStep> steps) {
    /** Validates and copies. */
    public Demotion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(levelBefore, "levelBefore");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(closedAt, "closedAt");
        steps = List.copyOf(steps);
    }

    /** Whether it is open. */
    public boolean isOpen() {
        return state == DemotionState.OPEN;
    }

    /** The latest step of this name. */
    public Optional<DemotionStep> step(String name) {
        for (int k = steps.size() - 1; k >= 0; k--) {
            if (steps.get(k).step().equals(name)) {
                return Optional.of(steps.get(k));
            }
        }
        return Optional.empty();
    }

    /** Whether a step of this name was recorded. */
    public boolean has(String name) {
        return step(name).isPresent();
    }

    /** The process steps ({@link DemotionStep#PROCESS}) not recorded yet; empty once it is closed or undone. */
    public List<String> pending() {
        return isOpen() ? DemotionStep.PROCESS.stream().filter(s -> !has(s)).toList() : List.of();
    }

    /** This record with one more step. */
    public Demotion with(DemotionStep step) {
        List<DemotionStep> more = new ArrayList<>(steps);
        more.add(step);
        return new Demotion(id, agent, levelBefore, level, openedAt, state, closedAt, more);
    }

    /** This record with one more step that ends it in {@code end} (closed or undone). */
    public Demotion ended(DemotionState end, DemotionStep step) {
        Demotion d = with(step);
        return new Demotion(id, agent, levelBefore, level, openedAt, end, Optional.of(step.at()), d.steps());
    }

    /** The stored and wire form. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("agent", agent);
        m.put("level_before", levelBefore.wire());
        m.put("level", level.wire());
        m.put("state", state.wire());
        m.put("opened_at", openedAt.toString());
        m.put("closed_at", closedAt.map(Instant::toString).orElse(null));
        m.put("steps", steps.stream().map(DemotionStep::toMap).toList());
        return m;
    }

    /**
     * Reads the form {@link #toMap} writes.
     *
     * @throws IllegalArgumentException when it is not that form
     */
    @SuppressWarnings("unchecked")
    public static Demotion fromMap(Map<String, Object> m) {
        try {
            List<DemotionStep> steps = new ArrayList<>();
            for (Object o : (List<Object>) m.get("steps")) {
                steps.add(DemotionStep.fromMap((Map<String, Object>) o));
            }
            return new Demotion((String) m.get("id"), (String) m.get("agent"), MaturityLevel.parse((String) m.get("level_before")),
                    MaturityLevel.parse((String) m.get("level")), Instant.parse((String) m.get("opened_at")),
                    DemotionState.parse((String) m.get("state")),
                    Optional.ofNullable((String) m.get("closed_at")).map(Instant::parse), steps);
        } catch (ClassCastException | NullPointerException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a stored demotion record: " + e, e);
        }
    }
}
