package dev.warden.scan;

import dev.warden.Warden;
import dev.warden.agent.Agent;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.decision.Caller;
import dev.warden.flow.LabelSource;
import dev.warden.flow.SessionLabels;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Scans tool outputs for a caller: the rules of the agent's project and level, the tool's output
 * checks, the session labels of what was found, and a durable {@value #EVENT} audit record of every
 * mask and block (classes, detectors, paths and spans, the rule; never a value). Shared by the MCP
 * gateway's output hook and the outcome endpoint of the HTTP API.
 */
public final class OutputScans {
    /** The audit event kind of a masked or blocked output. */
    public static final String EVENT = "data.output";

    private final DataGovernance data;
    private final SessionLabels labels;
    private final AuditLog audit;
    private final Function<String, Optional<Agent>> agents;
    private final Clock clock;

    /** Output scans with {@code data}, labelling in {@code labels}, recording in {@code audit}. */
    public OutputScans(DataGovernance data, SessionLabels labels, AuditLog audit, Function<String, Optional<Agent>> agents,
                       Clock clock) {
        this.data = Objects.requireNonNull(data, "data");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.agents = Objects.requireNonNull(agents, "agents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The output scans of a Warden with data governance.
     *
     * @throws IllegalArgumentException when it has none
     */
    public static OutputScans of(Warden warden, Clock clock) {
        return new OutputScans(warden.data().orElseThrow(() -> new IllegalArgumentException("Warden has no data governance")),
                warden.sessionLabels(), warden.auditLog(), name -> warden.agents().find(name), clock);
    }

    /**
     * Scans one output.
     *
     * @param caller           whose call it was
     * @param tool             the tool's catalog name
     * @param decisionId       the decision that allowed the call, or null
     * @param resource         what the call read
     * @param content          what to scan (text, or JSON holding all of the output)
     * @param text             the output's text for the size and schema checks, or null
     * @param structured       the output's JSON for the size and schema checks, or null
     * @param labelWhenBlocked whether a blocked output labels the session too (it does when the agent
     *                         holds the output already, as an HTTP agent reporting it does)
     * @throws dev.warden.WardenException {@code store_unavailable} when a record could not be written
     */
    public ScanResult scan(Caller caller, String tool, String decisionId, String resource, Object content, String text,
                           Object structured, boolean labelWhenBlocked) {
        Optional<Agent> agent = agents.apply(caller.agent());
        String project = agent.map(Agent::project).orElse(null);
        String level = agent.map(a -> a.level().wire()).orElse(null);
        ScanResult r = data.scanOutput(tool, content, text, structured, project, level);
        boolean record = r.verdict() != ScanVerdict.PASS;
        boolean label = !r.labels().isEmpty() && caller.sessionId() != null && (labelWhenBlocked || !r.blocked());
        // the resource as records keep it, scanned only when something is recorded
        String recordedResource = resource == null || !(record || label) ? resource : data.forRecord(resource, project, level);
        if (record) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("tool", tool);
            fields.put("resource", recordedResource);
            fields.put("where", "output");
            fields.put("data", r.audit());
            audit.appendDurably(new AuditEvent(EVENT, clock.instant(), caller.agent(), caller.sessionId(), decisionId, null,
                    fields));
        }
        if (label) {
            labels.label(caller.agent(), caller.sessionId(), r.labels(),
                    new LabelSource(Optional.ofNullable(decisionId), tool, recordedResource, clock.instant(), "scan:output"));
        }
        return r;
    }
}
