package dev.warden.scan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A finding of a scan: a detector's {@link Finding}, placed.
 *
 * @param dataClass what was found
 * @param detector  the detector id
 * @param start     first char of the span in the text (or in the JSON string at {@code path})
 * @param end       one past the last char
 * @param score     confidence 0..1
 * @param path      for JSON content, the RFC 6901 pointer of the string holding the span (an object
 *                  key is addressed as its member's pointer followed by {@code #key}); empty for text
 */
public record ScanFinding(DataClass dataClass, String detector, int start, int end, double score, Optional<String> path) {
    /** Checks the parts. */
    public ScanFinding {
        Objects.requireNonNull(dataClass, "dataClass");
        Objects.requireNonNull(detector, "detector");
        Objects.requireNonNull(path, "path");
    }

    /** The wire form: class, detector, start, end, score and path when there is one; never the value. */
    public Map<String, Object> wire() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class", dataClass.id());
        m.put("detector", detector);
        m.put("start", start);
        m.put("end", end);
        m.put("score", score);
        path.ifPresent(p -> m.put("path", p));
        return m;
    }
}
