package dev.warden.maturity;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A business-value statement to record (gate 3): the agent's success metrics, each with its
 * baseline and, once measured, its current value, and optionally a return on investment.
 *
 * @param metrics at least one, names unique
 * @param roi     the return on investment
 * @param note    a comment
 */
public record BusinessValue(List<Metric> metrics, Optional<Roi> roi, Optional<String> note) {
    /** Validates and copies. */
    public BusinessValue {
        metrics = List.copyOf(metrics);
        if (metrics.isEmpty()) {
            throw new WardenException(ErrorCode.MISSING_FIELD, "metrics: at least one metric is required");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < metrics.size(); i++) {
            if (!names.add(metrics.get(i).name())) {
                throw new WardenException(ErrorCode.INVALID_FIELD, "metrics[" + i + "].name: '" + metrics.get(i).name()
                        + "' is named twice");
            }
        }
        Objects.requireNonNull(roi, "roi");
        Objects.requireNonNull(note, "note");
    }

    /**
     * A success metric.
     *
     * @param name      unique in the statement
     * @param unit      what it counts
     * @param baseline  its value before the agent
     * @param current   its value now, if measured
     * @param increase  whether better is higher ({@code increase}) or lower ({@code decrease})
     */
    public record Metric(String name, String unit, BigDecimal baseline, Optional<BigDecimal> current, boolean increase) {
        /** Validates. */
        public Metric {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(baseline, "baseline");
            Objects.requireNonNull(current, "current");
        }

        /** Whether {@code current} is better than {@code baseline} in the metric's direction. */
        public boolean improved() {
            return current.map(c -> increase ? c.compareTo(baseline) > 0 : c.compareTo(baseline) < 0).orElse(false);
        }

        /** Parses {@code increase} or {@code decrease}; {@code field} names it in the error. */
        public static boolean parseDirection(String field, String text) {
            return switch (text == null ? "" : text) {
                case "increase" -> true;
                case "decrease" -> false;
                default -> throw new WardenException(ErrorCode.INVALID_FIELD, field + ": must be increase or decrease");
            };
        }

        Map<String, Object> wire() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("unit", unit);
            m.put("baseline", baseline);
            m.put("current", current.orElse(null));
            m.put("direction", increase ? "increase" : "decrease");
            return m;
        }
    }

    /**
     * A return on investment, with where its calculation is.
     *
     * @param ratio          value returned per unit spent
     * @param evidenceRef    where the calculation is
     * @param evidenceDigest {@code sha256:} and 64 hex digits
     */
    public record Roi(BigDecimal ratio, String evidenceRef, String evidenceDigest) {
        /** Validates. */
        public Roi {
            Objects.requireNonNull(ratio, "ratio");
            evidenceRef = Attestation.ref("roi.evidence_ref", evidenceRef);
            evidenceDigest = Attestation.digest("roi.evidence_digest", evidenceDigest);
        }

        Map<String, Object> wire() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ratio", ratio);
            m.put("evidence_ref", evidenceRef);
            m.put("evidence_digest", evidenceDigest);
            return m;
        }
    }

    Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metrics", metrics.stream().map(Metric::wire).toList());
        m.put("roi", roi.map(Roi::wire).orElse(null));
        m.put("note", note.orElse(null));
        return m;
    }

    /** Reads the statement back from a stored item's fields; empty when they hold no metric. */
    static Optional<BusinessValue> fromFields(Map<String, Object> f) {
        List<Metric> metrics = new java.util.ArrayList<>();
        if (f.get("metrics") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> m = (Map<?, ?>) o;
                metrics.add(new Metric(String.valueOf(m.get("name")), String.valueOf(m.get("unit")), number(m.get("baseline")),
                        Optional.ofNullable(m.get("current")).map(BusinessValue::number), "increase".equals(m.get("direction"))));
            }
        }
        Optional<Roi> roi = Optional.empty();
        if (f.get("roi") instanceof Map<?, ?> r) {
            roi = Optional.of(new Roi(number(r.get("ratio")), String.valueOf(r.get("evidence_ref")),
                    String.valueOf(r.get("evidence_digest"))));
        }
        if (metrics.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BusinessValue(metrics, roi, Optional.ofNullable((String) f.get("note"))));
    }

    private static BigDecimal number(Object o) {
        return o instanceof BigDecimal d ? d : new BigDecimal(String.valueOf(o));
    }
}
