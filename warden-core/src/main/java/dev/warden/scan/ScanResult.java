package dev.warden.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one scan found and concluded.
 *
 * @param findings every finding, in order of path then start (below-threshold ones included)
 * @param labels   the session labels the content gives: {@code pii} for any personal class,
 *                 {@code secret}, {@code untrusted} for an injection, plus each class id (only
 *                 findings at or above their class's threshold count)
 * @param verdict  pass, mask or block
 * @param rule     the rule that decided a mask or block, e.g. {@code data.classes.card=block}
 * @param code     for a block, why: {@code data_blocked}, {@code detector_failed}, {@code too_large},
 *                 {@code too_deep}, {@code invalid_utf8}, {@code binary}, or an output check's code
 * @param message  for a block or a refusal, a sentence for humans that never quotes the content
 * @param masked   the content with masked and hashed spans replaced (a String for text, plain JSON
 *                 for JSON); null for a block
 * @param failures detectors that threw or ran over their budget ({@code id: why}), whatever their classes' actions
 */
public record ScanResult(List<ScanFinding> findings, Set<String> labels, ScanVerdict verdict, Optional<String> rule,
                         Optional<String> code, Optional<String> message, Object masked, List<String> failures) {
    /** Copies the lists. */
    public ScanResult {
        findings = List.copyOf(findings);
        labels = Set.copyOf(new TreeSet<>(labels));
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        failures = List.copyOf(failures);
    }

    /** The labels, sorted. */
    public List<String> sortedLabels() {
        return List.copyOf(new TreeSet<>(labels));
    }

    /** The class ids found (at or above their thresholds), sorted. */
    public List<String> classes() {
        TreeSet<String> out = new TreeSet<>();
        for (String l : labels) {
            if (DataClass.byId(l).isPresent()) {
                out.add(l);
            }
        }
        return List.copyOf(out);
    }

    /** Whether the content must not pass. */
    public boolean blocked() {
        return verdict == ScanVerdict.BLOCK;
    }

    /**
     * What an audit record keeps of the scan: verdict, rule, code, labels and each finding's
     * class, detector, span and path; never a value.
     */
    public Map<String, Object> audit() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", verdict.wire());
        rule.ifPresent(r -> m.put("rule", r));
        code.ifPresent(c -> m.put("code", c));
        m.put("labels", sortedLabels());
        List<Map<String, Object>> f = new ArrayList<>(findings.size());
        for (ScanFinding x : findings) {
            f.add(x.wire());
        }
        m.put("findings", f);
        if (!failures.isEmpty()) {
            m.put("failures", failures);
        }
        return m;
    }
}
