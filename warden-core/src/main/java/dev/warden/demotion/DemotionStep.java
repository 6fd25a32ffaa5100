package dev.warden.demotion;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a demotion record, as it happened.
 *
 * @param step   which: {@value #TRIGGER}, {@value #ISOLATION}, {@value #ROOT_CAUSE}, {@value #NEW_LEVEL},
 *               {@value #CONTROLS}, {@value #REACTIVATION} or {@value #UNDONE}
 * @param at     when it was recorded
 * @param actor  who took it ({@code kind:name}, e.g. {@code system:incidents}, {@code operator:alice})
 * @param detail its facts (see docs/api.md, "Demotion records")
 */
public record DemotionStep(String step, Instant at, String actor, Map<String, Object> detail) {
    /** Step 1: what caused the demotion. */
    public static final String TRIGGER = "trigger";
    /** Step 2: whether the agent was isolated (quarantined or killed), or that it was not needed. */
    public static final String ISOLATION = "isolation";
    /** Step 3: the root-cause analysis an operator recorded. */
    public static final String ROOT_CAUSE = "root_cause";
    /** Step 4: the level the agent was demoted to. */
    public static final String NEW_LEVEL = "new_level";
    /** Step 5: the governance controls the new level requires, and which were not in force. */
    public static final String CONTROLS = "controls";
    /** Step 6: the agent reactivated at the new level; closes the record. */
    public static final String REACTIVATION = "reactivation";
    /** The demotion was undone by an operator; closes the record as undone. */
    public static final String UNDONE = "undone";
    /** The process steps in ATF order. */
    public static final List<String> PROCESS = List.of(TRIGGER, ISOLATION, ROOT_CAUSE, NEW_LEVEL, CONTROLS, REACTIVATION);

    /** Validates and copies. */
    public DemotionStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail == null ? Map.of() : detail));
    }

    /** The stored and wire form. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("at", at.toString());
        m.put("actor", actor);
        m.put("detail", detail);
        return m;
    }

    /** Reads the form {@link #toMap} writes. */
    @SuppressWarnings("unchecked")
    static DemotionStep fromMap(Map<String, Object> m) {
        return new DemotionStep((String) m.get("step"), Instant.parse((String) m.get("at")), (String) m.get("actor"),
                (Map<String, Object>) m.get("detail"));
    }
}
