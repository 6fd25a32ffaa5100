package dev.warden.simulation;

import dev.warden.behavior.Anomaly;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores what detectors found against the ground truth.
 *
 * <p>An anomaly <em>matches</em> an injection when it is about the same agent and either names
 * one of the injection's decisions in its evidence or was detected between the injection's first
 * call and {@code grace} after its last. Only anomalies detected after the learning period are
 * scored (those before are counted apart). A <em>benign agent-day</em> is a day after the learning
 * period on which no injection of that agent had a call.
 */
public final class Scorer {
    /** The default grace after an injection's last call within which a detection still counts. */
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(15);
    /** The name of the row that takes every detector together. */
    public static final String ALL = "(any detector)";

    private Scorer() {
    }

    /** Scores a run with the default grace. */
    public static Report score(SimulationRun run) {
        return score(run.scenario(), run.target(), run.labels(), run.anomalies(), run.incidents(), DEFAULT_GRACE);
    }

    /** Scores anomalies and incidents against labels. */
    public static Report score(Scenario scenario, String target, List<Label> labels, Collection<Anomaly> anomalies,
                               List<ObservedIncident> incidents, Duration grace) {
        Instant learningEnd = scenario.learningEnd();
        List<Anomaly> scored = anomalies.stream().filter(a -> !a.at().isBefore(learningEnd)).toList();
        int learning = anomalies.size() - scored.size();
        long benignAgentDays = benignAgentDays(scenario, labels);

        Map<String, List<Anomaly>> byDetector = new TreeMap<>();
        for (Anomaly a : scored) {
            byDetector.computeIfAbsent(a.detector(), d -> new ArrayList<>()).add(a);
        }
        Map<String, List<Anomaly>> rows = new LinkedHashMap<>(byDetector);
        rows.put(ALL, scored);
        List<Report.DetectorScore> detectors = new ArrayList<>();
        Set<String> matchedIds = new HashSet<>();
        for (Map.Entry<String, List<Anomaly>> row : rows.entrySet()) {
            detectors.add(detector(row.getKey(), row.getValue(), labels, benignAgentDays, grace, matchedIds));
        }
        long allDays = benignAgentDays + (long) scenario.agents().size() * scenario.config().learningDays(); // nothing is injected while learning
        Report.IncidentScore incidentScore = incidents(incidents, matchedIds, benignAgentDays, allDays, learningEnd);
        Map<AnomalyKind, Integer> injected = new EnumMap<>(AnomalyKind.class);
        labels.forEach(l -> injected.merge(l.injection().kind(), 1, Integer::sum));
        return new Report(scenario.config(), target, scenario.calls().size(), injected, benignAgentDays, learning,
                detectors, incidentScore);
    }

    private static Report.DetectorScore detector(String name, List<Anomaly> anomalies, List<Label> labels, long benignAgentDays,
                                                 Duration grace, Set<String> matchedIds) {
        Map<AnomalyKind, int[]> perKind = new EnumMap<>(AnomalyKind.class); // [injected, detected]
        Map<AnomalyKind, List<Long>> kindDelays = new EnumMap<>(AnomalyKind.class);
        List<Long> delays = new ArrayList<>();
        Set<String> matching = new HashSet<>();
        for (Label l : labels) {
            int[] counts = perKind.computeIfAbsent(l.injection().kind(), k -> new int[2]);
            counts[0]++;
            Set<String> evidence = new HashSet<>(l.decisionIds());
            Instant first = null;
            for (Anomaly a : anomalies) {
                if (matches(a, l, evidence, grace)) {
                    matching.add(a.id());
                    if (first == null || a.at().isBefore(first)) {
                        first = a.at();
                    }
                }
            }
            if (first != null) {
                counts[1]++;
                long delay = Math.max(0, Duration.between(l.injection().start(), first).toMillis());
                delays.add(delay);
                kindDelays.computeIfAbsent(l.injection().kind(), k -> new ArrayList<>()).add(delay);
            }
        }
        matchedIds.addAll(matching);
        int falseAlerts = anomalies.size() - matching.size();
        double falseRate = benignAgentDays == 0 ? 0 : (double) falseAlerts / benignAgentDays;
        Map<AnomalyKind, Double> chance = new EnumMap<>(AnomalyKind.class);
        for (Label l : labels) {
            double windowDays = Duration.between(l.injection().start(), l.injection().end().plus(grace)).toMillis() / 86_400_000.0;
            chance.merge(l.injection().kind(), (1 - Math.exp(-falseRate * windowDays)) / perKind.get(l.injection().kind())[0],
                    Double::sum);
        }
        Map<AnomalyKind, Report.KindScore> kinds = new EnumMap<>(AnomalyKind.class);
        int injected = 0;
        int detected = 0;
        for (Map.Entry<AnomalyKind, int[]> e : perKind.entrySet()) {
            List<Long> d = kindDelays.getOrDefault(e.getKey(), List.of()).stream().sorted().toList();
            kinds.put(e.getKey(), new Report.KindScore(e.getValue()[0], e.getValue()[1],
                    d.isEmpty() ? Double.NaN : percentile(d, 0.5) / 1000.0, d.isEmpty() ? Double.NaN : d.getLast() / 1000.0,
                    chance.get(e.getKey())));
            injected += e.getValue()[0];
            detected += e.getValue()[1];
        }
        delays.sort(null);
        return new Report.DetectorScore(name, anomalies.size(), injected, detected, kinds, falseAlerts,
                benignAgentDays == 0 ? Double.NaN : (double) falseAlerts / benignAgentDays,
                anomalies.isEmpty() ? Double.NaN : (double) matching.size() / anomalies.size(),
                delays.isEmpty() ? Double.NaN : percentile(delays, 0.5) / 1000.0,
                delays.isEmpty() ? Double.NaN : delays.getLast() / 1000.0);
    }

    /** Whether anomaly {@code a} is a detection of label {@code l}. */
    static boolean matches(Anomaly a, Label l, Set<String> evidence, Duration grace) {
        if (!a.agent().equals(l.injection().agent())) {
            return false;
        }
        if (a.evidence().stream().anyMatch(evidence::contains)) {
            return true;
        }
        return !a.at().isBefore(l.injection().start()) && !a.at().isAfter(l.injection().end().plus(grace));
    }

    private static Report.IncidentScore incidents(List<ObservedIncident> incidents, Set<String> matchedAnomalies,
                                                  long benignAgentDays, long allDays, Instant learningEnd) {
        int falsePositive = 0;
        int whileLearning = 0;
        for (ObservedIncident i : incidents) {
            if (i.anomalyIds().stream().noneMatch(matchedAnomalies::contains)) {
                falsePositive++;
                if (i.opened().isBefore(learningEnd)) {
                    whileLearning++;
                }
            }
        }
        return new Report.IncidentScore(incidents.size(), falsePositive,
                incidents.isEmpty() ? Double.NaN : (double) falsePositive / incidents.size(),
                benignAgentDays == 0 ? Double.NaN : 20.0 * falsePositive / benignAgentDays, whileLearning,
                allDays == 0 ? Double.NaN : 20.0 * falsePositive / allDays);
    }

    /** Agent-days after learning without any injected call of that agent. */
    static long benignAgentDays(Scenario scenario, List<Label> labels) {
        long startMs = scenario.config().start().toEpochMilli();
        Set<String> injectedDays = new HashSet<>();
        for (SimulatedCall c : scenario.calls()) {
            if (!c.benign()) {
                injectedDays.add(c.agent() + "@" + (c.at() - startMs) / 86_400_000L);
            }
        }
        labels.forEach(l -> injectedDays.add(l.injection().agent() + "@"
                + (l.injection().start().toEpochMilli() - startMs) / 86_400_000L));
        long evalDays = (long) scenario.config().days() - scenario.config().learningDays();
        return scenario.agents().size() * evalDays - injectedDays.size();
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, double p) {
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
