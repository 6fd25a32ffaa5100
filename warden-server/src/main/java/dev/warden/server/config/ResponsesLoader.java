package dev.warden.server.config;

import dev.warden.behavior.AnomalySeverity;
import dev.warden.incident.ResponseAction;
import dev.warden.incident.ResponsePolicy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code responses:} section of {@code warden.yaml}: {@code throttle_factor} and, per
 * detector id, the responses per severity. A detector named here replaces its seed entry whole (a
 * severity it leaves out is recorded only); detectors not named keep the seed's. A detector id must
 * be one of Warden's detectors, or {@code default}.
 */
final class ResponsesLoader {
    static final Set<String> KEYS = Set.of("throttle_factor", "detectors");
    /** The ids a response may name: Warden's detectors and {@code default}. */
    private static final List<String> DETECTORS = java.util.stream.Stream.concat(
            dev.warden.behavior.Detectors.all().stream().map(dev.warden.behavior.Detector::id), java.util.stream.Stream.of("default"))
            .toList();
    private static final Set<String> SEVERITIES = Set.of("minor", "major", "critical");

    private ResponsesLoader() {
    }

    static ResponsePolicy load(YamlNode node) {
        node.allowOnly(KEYS);
        double factor = node.get("throttle_factor").map(ResponsesLoader::factor).orElse(1.0);
        Map<String, Map<AnomalySeverity, List<ResponseAction>>> detectors = new LinkedHashMap<>();
        node.get("detectors").ifPresent(d -> {
            for (String id : d.keys()) {
                if (!DETECTORS.contains(id)) {
                    throw d.errorAtKey(id, "unknown detector '" + id + "' (known: " + String.join(", ", DETECTORS) + ")");
                }
                YamlNode entry = d.require(id);
                entry.allowOnly(SEVERITIES);
                Map<AnomalySeverity, List<ResponseAction>> bySeverity = new EnumMap<>(AnomalySeverity.class);
                for (String severity : entry.keys()) {
                    List<ResponseAction> actions = new ArrayList<>();
                    for (YamlNode item : entry.require(severity).items()) {
                        ResponseAction action;
                        try {
                            action = ResponseAction.parse(item.string());
                        } catch (IllegalArgumentException e) {
                            throw item.error(e.getMessage());
                        }
                        if (actions.contains(action)) {
                            throw item.error("'" + action.wire() + "' is listed twice");
                        }
                        actions.add(action);
                    }
                    bySeverity.put(AnomalySeverity.parse(severity), actions);
                }
                detectors.put(id, bySeverity);
            }
        });
        return ResponsePolicy.seedWith(detectors, factor);
    }

    private static double factor(YamlNode n) {
        double v;
        try {
            v = Double.parseDouble(n.text().trim());
        } catch (NumberFormatException e) {
            throw n.error("must be a number");
        }
        if (!(v > 0) || v > 100) {
            throw n.error("must be greater than 0 and at most 100 (the throttled rate is the baseline times this)");
        }
        return v;
    }
}
