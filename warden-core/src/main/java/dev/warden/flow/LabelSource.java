package dev.warden.flow;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What gave a session a label: the read that brought the data in.
 *
 * @param decisionId the decision of the call whose output it was, when known
 * @param tool       the tool called
 * @param resource   the resource read
 * @param at         when the label was given
 * @param by         who judged it: {@code catalog} (the tool's {@code produces}) or the name of the
 *                   detector or hook that flagged the output (e.g. {@code scan:pii}, {@code mcp-output})
 */
public record LabelSource(Optional<String> decisionId, String tool, String resource, Instant at, String by) {
    /** Who labels from the catalog's {@code produces}. */
    public static final String CATALOG = "catalog";

    /** Checks the parts. */
    public LabelSource {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
    }

    /** The source as the audit record and the API show it. */
    public Map<String, Object> wire() {
        Map<String, Object> out = new LinkedHashMap<>();
        decisionId.ifPresent(d -> out.put("decision_id", d));
        out.put("tool", tool);
        out.put("resource", resource);
        out.put("at", at.toString());
        out.put("by", by);
        return out;
    }
}
