package dev.warden.server.console;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import dev.warden.incident.IncidentState;
import java.util.List;
import java.util.Optional;

/**
 * The status filter of the incidents page ({@code ?status=}): one state, the active ones (open or
 * acknowledged, the default) or all.
 */
public enum IncidentStatusFilter {
    /** Open or acknowledged: what still needs someone. */
    ACTIVE("active", "Open or acknowledged", List.of(Optional.of(IncidentState.OPEN), Optional.of(IncidentState.ACKNOWLEDGED))),
    /** Open only. */
    OPEN("open", "Open", List.of(Optional.of(IncidentState.OPEN))),
    /** Acknowledged only. */
    ACKNOWLEDGED("acknowledged", "Acknowledged", List.of(Optional.of(IncidentState.ACKNOWLEDGED))),
    /** Resolved only. */
    RESOLVED("resolved", "Resolved", List.of(Optional.of(IncidentState.RESOLVED))),
    /** False positives only. */
    FALSE_POSITIVE("false_positive", "False positive", List.of(Optional.of(IncidentState.FALSE_POSITIVE))),
    /** Every incident. */
    ALL("all", "All", List.of(Optional.empty()));

    private final String wire;
    private final String label;
    private final List<Optional<IncidentState>> states;

    IncidentStatusFilter(String wire, String label, List<Optional<IncidentState>> states) {
        this.wire = wire;
        this.label = label;
        this.states = states;
    }

    /** The query parameter's value, e.g. {@code false_positive}. */
    public String wire() {
        return wire;
    }

    /** What the page calls it. */
    public String label() {
        return label;
    }

    /** One store query per entry: a state, or empty for any state. */
    List<Optional<IncidentState>> states() {
        return states;
    }

    /**
     * Parses the query parameter; absent or blank is {@link #ACTIVE}.
     *
     * @throws WardenException {@code invalid_field} naming the allowed values
     */
    public static IncidentStatusFilter parse(String wire) {
        if (wire == null || wire.isBlank()) {
            return ACTIVE;
        }
        for (IncidentStatusFilter f : values()) {
            if (f.wire.equals(wire)) {
                return f;
            }
        }
        throw new WardenException(ErrorCode.INVALID_FIELD,
                "status must be active, open, acknowledged, resolved, false_positive or all");
    }
}
