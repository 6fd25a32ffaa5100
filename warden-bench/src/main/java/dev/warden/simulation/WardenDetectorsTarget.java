package dev.warden.simulation;

import dev.warden.Actor;
import dev.warden.Warden;
import dev.warden.WardenException;
import dev.warden.behavior.AnomalySink;
import dev.warden.behavior.BehaviorConfig;
import dev.warden.behavior.BehaviorMonitor;
import dev.warden.incident.AppliedResponse;
import dev.warden.incident.Incident;
import dev.warden.incident.IncidentQuery;
import dev.warden.incident.IncidentState;
import dev.warden.incident.TimelineEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Warden's own behaviour monitor, detectors and incident service (with the seed's responses), as
 * configured, measured by the simulation. An on-call operator reviews each incident
 * {@code review} after it opened: undoes the responses still in force (the agent is back to active)
 * and resolves it, so that one incident does not swallow every later anomaly of its agent and a
 * quarantine does not silence an agent for the rest of the run.
 */
public final class WardenDetectorsTarget implements DetectionTarget {
    /** How long the simulated operator takes to review an incident by default. */
    public static final Duration DEFAULT_REVIEW = Duration.ofMinutes(30);
    private static final Actor OPERATOR = Actor.operator("on-call");
    private static final int PAGE = 10_000;

    private final BehaviorConfig config;
    private final Duration review;
    private Clock clock;

    /** Measures the detectors under {@code config}, incidents reviewed after {@link #DEFAULT_REVIEW}. */
    public WardenDetectorsTarget(BehaviorConfig config) {
        this(config, DEFAULT_REVIEW);
    }

    /**
     * Measures the detectors under {@code config} (the seed table: {@link BehaviorConfig#DEFAULTS}),
     * incidents reviewed {@code review} after they open.
     */
    public WardenDetectorsTarget(BehaviorConfig config, Duration review) {
        this.config = Objects.requireNonNull(config, "config");
        this.review = Objects.requireNonNull(review, "review");
    }

    @Override
    public String name() {
        return "warden";
    }

    @Override
    public void attach(Warden.Builder builder, Clock clock, AnomalySink sink) {
        this.clock = clock;
        builder.behavior(config).anomalySink(sink);
    }

    @Override
    public void settle(Warden warden) {
        warden.behavior().ifPresent(BehaviorMonitor::drain);
        Instant now = clock.instant();
        for (Incident i : warden.incidents().list(new IncidentQuery(Optional.empty(), Optional.of(IncidentState.OPEN),
                Optional.empty(), PAGE))) {
            if (!i.openedAt().plus(review).isAfter(now)) {
                close(warden, i);
            }
        }
    }

    private static void close(Warden warden, Incident i) {
        for (AppliedResponse r : i.responses()) {
            if (r.inForce() && r.action().undoable()) {
                try {
                    warden.incidents().undo(i.id(), r.n(), OPERATOR);
                } catch (WardenException e) {
                    // the agent was restored by an earlier undo (agent_active): nothing left to do
                }
            }
        }
        warden.incidents().resolve(i.id(), OPERATOR, "reviewed by the simulated on-call operator");
    }

    @Override
    public List<ObservedIncident> incidents(Warden warden) {
        List<ObservedIncident> out = new ArrayList<>();
        for (Incident i : warden.incidents().list(IncidentQuery.newest(PAGE))) {
            List<String> anomalies = new ArrayList<>();
            for (TimelineEntry e : i.timeline()) {
                if ("anomaly".equals(e.type()) && e.detail().get("anomaly_id") instanceof String id) {
                    anomalies.add(id);
                }
            }
            out.add(new ObservedIncident(i.id(), i.agent(), i.openedAt(), anomalies));
        }
        return out;
    }
}
