package dev.warden.incident;

import dev.warden.behavior.AnomalySeverity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Anomalies of one agent grouped together while the incident is open or acknowledged, with what
 * was done about them.
 *
 * @param id        {@code inc_} and 32 hex digits, ordered by time
 * @param agent     the agent
 * @param openedAt  when its first anomaly was recorded
 * @param severity  the highest severity of its anomalies
 * @param state     open, acknowledged, resolved or false positive
 * @param closedAt  when it was resolved or marked a false positive
 * @param timeline  anomalies, responses and operator actions, oldest first
 * @param responses the responses applied, numbered from 1
 */
public record Incident(String id, String agent, Instant openedAt, AnomalySeverity severity, IncidentState state,
                       Optional<Instant> closedAt, List<TimelineEntry> timeline, List<AppliedResponse> responses) {
    /** Validates and copies. */
    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(closedAt, "closedAt");
        timeline = List.copyOf(timeline);
        responses = List.copyOf(responses);
    }

    /** This incident with one more timeline entry and its severity raised to {@code seen}. */
    public Incident with(TimelineEntry entry, AnomalySeverity seen) {
        List<TimelineEntry> t = new ArrayList<>(timeline);
        t.add(entry);
        AnomalySeverity max = seen.compareTo(severity) > 0 ? seen : severity;
        return new Incident(id, agent, openedAt, max, state, closedAt, t, responses);
    }

    /** This incident with a response applied (and its timeline entry). */
    public Incident with(AppliedResponse response, TimelineEntry entry) {
        List<AppliedResponse> r = new ArrayList<>(responses);
        r.add(response);
        List<TimelineEntry> t = new ArrayList<>(timeline);
        t.add(entry);
        return new Incident(id, agent, openedAt, severity, state, closedAt, t, r);
    }

    /** This incident with response {@code n} replaced by {@code undone} (and its timeline entry). */
    public Incident undone(AppliedResponse undone, TimelineEntry entry) {
        List<AppliedResponse> r = new ArrayList<>(responses);
        r.set(undone.n() - 1, undone);
        List<TimelineEntry> t = new ArrayList<>(timeline);
        t.add(entry);
        return new Incident(id, agent, openedAt, severity, state, closedAt, t, r);
    }

    /** This incident moved to {@code next} (closed at {@code at} when {@code next} is not active). */
    public Incident moved(IncidentState next, TimelineEntry entry) {
        List<TimelineEntry> t = new ArrayList<>(timeline);
        t.add(entry);
        return new Incident(id, agent, openedAt, severity, next, next.isActive() ? closedAt : Optional.of(entry.at()), t, responses);
    }

    /** The response numbered {@code n}. */
    public Optional<AppliedResponse> response(int n) {
        return n >= 1 && n <= responses.size() ? Optional.of(responses.get(n - 1)) : Optional.empty();
    }

    /** Whether one of its responses is still in force. */
    public boolean hasResponsesInForce() {
        return responses.stream().anyMatch(r -> r.inForce() && r.action().undoable());
    }

    /** The wire and storage form: plain JSON values. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("incident_id", id);
        m.put("agent", agent);
        m.put("opened_at", openedAt.toString());
        m.put("severity", severity.wire());
        m.put("state", state.wire());
        m.put("closed_at", closedAt.map(Instant::toString).orElse(null));
        m.put("responses", responses.stream().map(Incident::responseMap).toList());
        m.put("timeline", timeline.stream().map(e -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("at", e.at().toString());
            x.put("type", e.type());
            x.put("summary", e.summary());
            x.put("detail", e.detail());
            return x;
        }).toList());
        return m;
    }

    private static Map<String, Object> responseMap(AppliedResponse r) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("n", r.n());
        x.put("action", r.action().wire());
        x.put("at", r.at().toString());
        x.put("anomaly_id", r.anomalyId());
        x.put("detector", r.detector());
        x.put("tool", r.tool().orElse(null));
        x.put("detail", r.detail());
        x.put("in_force", r.inForce());
        x.put("undone_by", r.undoneBy().orElse(null));
        x.put("undone_at", r.undoneAt().map(Instant::toString).orElse(null));
        return x;
    }

    /**
     * Reads the form {@link #toMap} writes.
     *
     * @throws IllegalArgumentException when it is not that form
     */
    @SuppressWarnings("unchecked")
    public static Incident fromMap(Map<String, Object> m) {
        try {
            List<AppliedResponse> responses = new ArrayList<>();
            for (Object o : (List<Object>) m.get("responses")) {
                Map<String, Object> x = (Map<String, Object>) o;
                responses.add(new AppliedResponse(((Number) x.get("n")).intValue(), ResponseAction.parse((String) x.get("action")),
                        Instant.parse((String) x.get("at")), (String) x.get("anomaly_id"), (String) x.get("detector"),
                        Optional.ofNullable((String) x.get("tool")), (Map<String, Object>) x.get("detail"),
                        Optional.ofNullable((String) x.get("undone_by")),
                        Optional.ofNullable((String) x.get("undone_at")).map(Instant::parse)));
            }
            List<TimelineEntry> timeline = new ArrayList<>();
            for (Object o : (List<Object>) m.get("timeline")) {
                Map<String, Object> x = (Map<String, Object>) o;
                timeline.add(new TimelineEntry(Instant.parse((String) x.get("at")), (String) x.get("type"),
                        (String) x.get("summary"), (Map<String, Object>) x.get("detail")));
            }
            return new Incident((String) m.get("incident_id"), (String) m.get("agent"), Instant.parse((String) m.get("opened_at")),
                    AnomalySeverity.parse((String) m.get("severity")), IncidentState.parse((String) m.get("state")),
                    Optional.ofNullable((String) m.get("closed_at")).map(Instant::parse), timeline, responses);
        } catch (ClassCastException | NullPointerException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a stored incident: " + e, e);
        }
    }
}
