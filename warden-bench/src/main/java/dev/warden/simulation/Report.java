package dev.warden.simulation;

import dev.warden.json.CanonicalJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one scored run: per detector and per injected kind, and for incidents.
 *
 * @param config          what was simulated (the seed the figures are for)
 * @param target          the detection target
 * @param calls           calls driven
 * @param injected        injections per kind
 * @param benignAgentDays agent-days after learning without injected calls
 * @param learningAnomalies anomalies detected during the learning period (not scored)
 * @param detectors       one row per detector id, and a last row for all detectors together
 * @param incidents       incident figures
 */
public record Report(SimulationConfig config, String target, long calls, Map<AnomalyKind, Integer> injected,
                     long benignAgentDays, int learningAnomalies, List<DetectorScore> detectors, IncidentScore incidents) {

    /** Copies. */
    public Report {
        injected = Map.copyOf(injected);
        detectors = List.copyOf(detectors);
    }

    /**
     * One detector's figures.
     *
     * @param detector          detector id
     * @param anomalies         anomalies it reported after learning
     * @param injected          injections (all kinds)
     * @param detected          injections it detected
     * @param kinds             per injected kind
     * @param falseAlerts       its anomalies that match no injection
     * @param falsePerAgentDay  false alerts per benign agent-day
     * @param precision         matching anomalies / all its anomalies (NaN without anomalies)
     * @param ttdP50Seconds     median time from the first anomalous call to its first matching anomaly
     * @param ttdMaxSeconds     the longest such time
     */
    public record DetectorScore(String detector, int anomalies, int injected, int detected, Map<AnomalyKind, KindScore> kinds,
                                int falseAlerts, double falsePerAgentDay, double precision, double ttdP50Seconds,
                                double ttdMaxSeconds) {
        /** Copies. */
        public DetectorScore {
            kinds = Map.copyOf(kinds);
        }

        /** Detected / injected over every kind. */
        public double detectionRate() {
            return injected == 0 ? Double.NaN : (double) detected / injected;
        }
    }

    /**
     * One kind's figures for one detector.
     *
     * @param injected      injections of the kind
     * @param detected      of which the detector matched
     * @param ttdP50Seconds median time to detect over the detected ones (NaN when none)
     * @param ttdMaxSeconds the longest time to detect (NaN when none)
     * @param chance        the detection rate the detector's false alerts alone would give: the mean over
     *                      these injections of 1 - exp(-false alerts per agent-day x the match window in days)
     */
    public record KindScore(int injected, int detected, double ttdP50Seconds, double ttdMaxSeconds, double chance) {
        /** Detected / injected. */
        public double rate() {
            return injected == 0 ? Double.NaN : (double) detected / injected;
        }
    }

    /**
     * Incident figures.
     *
     * @param incidents              incidents opened
     * @param falsePositive          incidents none of whose anomalies matches an injection
     * @param falsePositiveShare     falsePositive / incidents (target < 5%)
     * @param falsePer20AgentDays    false-positive incidents per 20 benign agent-days (target < 1)
     * @param falseWhileLearning     of the false positives, those opened in the learning period
     * @param falsePer20AllDays      false-positive incidents per 20 benign agent-days of the whole run
     *                               (the learning period's agent-days too, as its incidents count)
     */
    public record IncidentScore(int incidents, int falsePositive, double falsePositiveShare, double falsePer20AgentDays,
                                int falseWhileLearning, double falsePer20AllDays) {
    }

    /** The figures as a markdown table, headed by the seed they are for. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Detection figures for seed %d (%s), target %s: %d agents, %d days (%d learning), "
                        + "%,d calls, %d injections, %d benign agent-days, %d anomalies during learning (not scored)%n%n",
                config.seed(), seedRole(config.seed()), target, config.agents(), config.days(), config.learningDays(), calls,
                injected.values().stream().mapToInt(Integer::intValue).sum(), benignAgentDays, learningAnomalies));
        List<AnomalyKind> kinds = kinds();
        out.append("| detector | anomalies | detected | false / agent-day | precision | TTD p50 s | TTD max s |");
        kinds.forEach(k -> out.append(' ').append(k.wire()).append(" |"));
        out.append('\n').append("|---|---:|---:|---:|---:|---:|---:|");
        // per kind: detected/injected (time to detect p50/max), and the chance level when false alerts alone would often match
        kinds.forEach(k -> out.append("---:|"));
        out.append('\n');
        for (DetectorScore d : detectors) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d/%d (%s) | %s | %s | %s | %s |", d.detector(), d.anomalies(),
                    d.detected(), d.injected(), pct(d.detectionRate()), num(d.falsePerAgentDay(), 3), pct(d.precision()),
                    num(d.ttdP50Seconds(), 1), num(d.ttdMaxSeconds(), 1)));
            for (AnomalyKind k : kinds) {
                KindScore s = d.kinds().get(k);
                out.append(' ').append(s == null ? "-" : s.detected() + "/" + s.injected()
                        + (s.detected() == 0 ? "" : " (" + num(s.ttdP50Seconds(), 0) + "/" + num(s.ttdMaxSeconds(), 0) + " s)")
                        + (s.chance() >= 0.05 ? " chance " + pct(s.chance()) : "")).append(" |");
            }
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "%nIncidents: %d, false positive %d (%s of incidents; %s per 20 benign agent-days "
                        + "after learning, %s per 20 over the whole run; %d of them opened in the learning period)%n",
                incidents.incidents(), incidents.falsePositive(), pct(incidents.falsePositiveShare()),
                num(incidents.falsePer20AgentDays(), 2), num(incidents.falsePer20AllDays(), 2), incidents.falseWhileLearning()));
        return out.toString();
    }

    /** The figures as JSON (NaN figures are null). */
    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("seed", config.seed());
        root.put("seed_role", seedRole(config.seed()));
        root.put("target", target);
        root.put("agents", config.agents());
        root.put("days", config.days());
        root.put("learning_days", config.learningDays());
        root.put("calls", calls);
        Map<String, Object> inj = new LinkedHashMap<>();
        kinds().forEach(k -> inj.put(k.wire(), injected.get(k)));
        root.put("injected", inj);
        root.put("benign_agent_days", benignAgentDays);
        root.put("learning_anomalies", learningAnomalies);
        List<Object> rows = new ArrayList<>();
        for (DetectorScore d : detectors) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("detector", d.detector());
            row.put("anomalies", d.anomalies());
            row.put("injected", d.injected());
            row.put("detected", d.detected());
            row.put("detection_rate", dec(d.detectionRate()));
            row.put("false_alerts", d.falseAlerts());
            row.put("false_alerts_per_agent_day", dec(d.falsePerAgentDay()));
            row.put("precision", dec(d.precision()));
            row.put("ttd_p50_seconds", dec(d.ttdP50Seconds()));
            row.put("ttd_max_seconds", dec(d.ttdMaxSeconds()));
            Map<String, Object> perKind = new LinkedHashMap<>();
            for (AnomalyKind k : kinds()) {
                KindScore s = d.kinds().get(k);
                if (s != null) {
                    Map<String, Object> kind = new LinkedHashMap<>();
                    kind.put("injected", s.injected());
                    kind.put("detected", s.detected());
                    kind.put("ttd_p50_seconds", dec(s.ttdP50Seconds()));
                    kind.put("ttd_max_seconds", dec(s.ttdMaxSeconds()));
                    kind.put("chance", dec(s.chance()));
                    perKind.put(k.wire(), kind);
                }
            }
            row.put("kinds", perKind);
            rows.add(row);
        }
        root.put("detectors", rows);
        Map<String, Object> inc = new LinkedHashMap<>();
        inc.put("incidents", incidents.incidents());
        inc.put("false_positive", incidents.falsePositive());
        inc.put("false_positive_share", dec(incidents.falsePositiveShare()));
        inc.put("false_positive_per_20_agent_days", dec(incidents.falsePer20AgentDays()));
        inc.put("false_positive_while_learning", incidents.falseWhileLearning());
        inc.put("false_positive_per_20_agent_days_whole_run", dec(incidents.falsePer20AllDays()));
        root.put("incidents", inc);
        return CanonicalJson.write(root);
    }

    /** Which role a seed plays: figures on the tuning seed are not the reported ones. */
    public static String seedRole(long seed) {
        if (seed == SimulationConfig.TUNING_SEED) {
            return "tuning seed: thresholds were tuned on it, do not report these figures";
        }
        return seed == SimulationConfig.REPORTING_SEED ? "reporting seed" : "other seed";
    }

    private List<AnomalyKind> kinds() {
        return List.of(AnomalyKind.values()).stream().filter(injected::containsKey).toList();
    }

    private static Object dec(double v) {
        return Double.isNaN(v) ? null : BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String num(double v, int digits) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
