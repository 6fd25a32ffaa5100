package dev.warden.simulation.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An agent's readiness as {@code GET /v1/agents/{name}/readiness} (or a promotion answer's
 * {@code readiness}) gives it: its gates with their checks, and the next level's controls.
 */
final class ReadinessView {
    private final Map<String, Object> json;

    ReadinessView(Map<String, Object> json) {
        this.json = json;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> gates() {
        return json.get("gates") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> checks(Map<String, Object> gate) {
        return gate.get("checks") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** Whether {@code gate} is listed and passed. */
    boolean gatePassed(String gate) {
        return gates().stream().anyMatch(g -> gate.equals(g.get("gate")) && Boolean.TRUE.equals(g.get("passed")));
    }

    /** Whether the check {@code name} of {@code gate} is listed and passed. */
    boolean checkPassed(String gate, String name) {
        return gates().stream().filter(g -> gate.equals(g.get("gate"))).flatMap(g -> checks(g).stream())
                .anyMatch(c -> name.equals(c.get("name")) && Boolean.TRUE.equals(c.get("passed")));
    }

    /** Whether every control of the next level is in force. */
    boolean controlsPassed() {
        return json.get("controls") instanceof Map<?, ?> c && Boolean.TRUE.equals(c.get("passed"));
    }

    /** The controls of the next level not in force. */
    List<?> controlsMissing() {
        return json.get("controls") instanceof Map<?, ?> c && c.get("missing") instanceof List<?> l ? l : List.of();
    }

    /** Every check that did not pass, as a promotion refusal names it ({@code gate, check, why}). */
    List<Map<String, Object>> failures() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> g : gates()) {
            for (Map<String, Object> c : checks(g)) {
                if (!Boolean.TRUE.equals(c.get("passed"))) {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("gate", g.get("gate"));
                    f.put("check", c.get("name"));
                    f.put("why", String.valueOf(c.get("why")));
                    out.add(f);
                }
            }
        }
        return out;
    }

    /**
     * Gate 1's observed figures, in the units of the timeline: {@code time_at_level_days},
     * {@code operations}, {@code accuracy} and {@code availability} (shares) and
     * {@code response_time_p95_seconds}; a figure with nothing observed is left out.
     */
    Map<String, Object> figures() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, Object> g : gates()) {
            if (!"performance".equals(g.get("gate"))) {
                continue;
            }
            for (Map<String, Object> c : checks(g)) {
                if (!(c.get("observed") instanceof Number n)) {
                    continue;
                }
                switch (String.valueOf(c.get("name"))) {
                    case "time_at_level" -> out.put("time_at_level_days", round(n.doubleValue() / 86_400, 1));
                    case "operations" -> out.put("operations", n.longValue());
                    case "accuracy" -> out.put("accuracy", round(n.doubleValue(), 4));
                    case "availability" -> out.put("availability", round(n.doubleValue(), 5));
                    case "response_time_p95" -> out.put("response_time_p95_seconds", round(n.doubleValue(), 1));
                    default -> { }
                }
            }
        }
        return out;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
