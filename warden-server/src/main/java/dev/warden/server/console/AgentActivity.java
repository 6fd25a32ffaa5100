package dev.warden.server.console;

import dev.warden.audit.AuditStore;
import dev.warden.behavior.BehaviorMonitor;
import dev.warden.behavior.ExpectedRate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * An agent's decisions per hour over the last {@link #HOURS} hours (allowed, denied, held for
 * approval) and what its behaviour baseline expects in each of those hours. The decisions are
 * counted by the audit store in one query over an index of decisions by agent and time, at most {@link #MAX_COUNTED} of
 * them (the newest): a busier agent's oldest hours show what was counted and the answer says it was
 * truncated.
 */
public final class AgentActivity {
    /** Hours shown: the last seven days, the current hour included. */
    static final int HOURS = 7 * 24;
    /** Decisions counted at most. */
    static final int MAX_COUNTED = 50_000;

    private final AuditStore audit;
    private final Optional<BehaviorMonitor> monitor;
    private final Clock clock;

    /** Counts in {@code audit}; {@code monitor} holds the baselines (empty: none configured). */
    public AgentActivity(AuditStore audit, Optional<BehaviorMonitor> monitor, Clock clock) {
        this.audit = audit;
        this.monitor = monitor;
        this.clock = clock;
    }

    /**
     * One agent's activity.
     *
     * @param agent     the agent
     * @param hours     each hour's start, oldest first
     * @param allowed   allowed decisions per hour
     * @param denied    denied decisions per hour
     * @param held      decisions held for approval per hour
     * @param expected  calls the baseline expects per hour (empty: the monitor never saw the agent)
     * @param sigma     their standard deviation per hour
     * @param learning  whether the baseline is still learning (empty: no baseline)
     * @param truncated whether only the newest {@link #MAX_COUNTED} decisions were counted
     */
    public record Activity(String agent, List<Instant> hours, long[] allowed, long[] denied, long[] held,
                           Optional<double[]> expected, Optional<double[]> sigma, Optional<Boolean> learning,
                           boolean truncated) {
        /** Decisions of the last {@code n} hours with this value ({@code allowed}, {@code denied}, {@code held}). */
        long last(long[] series, int n) {
            long sum = 0;
            for (int i = Math.max(0, series.length - n); i < series.length; i++) {
                sum += series[i];
            }
            return sum;
        }

        /** The JSON the chart script reads: times in epoch seconds, one array per series. */
        public Map<String, Object> wire() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("agent", agent);
            m.put("bucket_seconds", 3600);
            m.put("hours", hours.stream().map(Instant::getEpochSecond).toList());
            m.put("allowed", longs(allowed));
            m.put("denied", longs(denied));
            m.put("held", longs(held));
            m.put("expected", expected.map(AgentActivity::doubles).orElse(null));
            m.put("band_low", expected.map(e -> band(e, sigma.orElseThrow(), -1)).orElse(null));
            m.put("band_high", expected.map(e -> band(e, sigma.orElseThrow(), 1)).orElse(null));
            m.put("learning", learning.orElse(null));
            Map<String, Object> totals = new LinkedHashMap<>();
            totals.put("allowed", last(allowed, HOURS));
            totals.put("denied", last(denied, HOURS));
            totals.put("held", last(held, HOURS));
            m.put("totals", totals);
            m.put("truncated", truncated);
            return m;
        }

        /** The key figures the page shows as a table (the chart's numbers without JavaScript). */
        public List<Figure> figures() {
            List<Figure> out = new ArrayList<>();
            out.add(new Figure("allowed_7d", "Allowed, last 7 days", Long.toString(last(allowed, HOURS))));
            out.add(new Figure("denied_7d", "Denied, last 7 days", Long.toString(last(denied, HOURS))));
            out.add(new Figure("held_7d", "Held for approval, last 7 days", Long.toString(last(held, HOURS))));
            out.add(new Figure("decisions_24h", "Decisions, last 24 hours",
                    Long.toString(last(allowed, 24) + last(denied, 24) + last(held, 24))));
            out.add(new Figure("decisions_hour", "Decisions, this hour",
                    Long.toString(last(allowed, 1) + last(denied, 1) + last(held, 1))));
            out.add(new Figure("expected_hour", "Expected this hour (baseline)", expected
                    .map(e -> String.format(Locale.ROOT, "%.1f ± %.1f", e[e.length - 1], sigma.orElseThrow()[e.length - 1]))
                    .orElse("no baseline")));
            out.add(new Figure("baseline", "Baseline", learning.map(l -> l ? "learning" : "learned").orElse("no baseline")));
            if (truncated) {
                out.add(new Figure("truncated", "Counted", "the newest " + MAX_COUNTED + " decisions only"));
            }
            return out;
        }
    }

    /** The activity of {@code agent} up to now. */
    public Activity of(String agent) {
        Instant first = clock.instant().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1));
        SortedMap<Instant, Map<String, Integer>> counts = audit.hourlyDecisionCounts(agent, first, MAX_COUNTED);
        List<Instant> hours = new ArrayList<>(HOURS);
        long[] allowed = new long[HOURS];
        long[] denied = new long[HOURS];
        long[] held = new long[HOURS];
        long total = 0;
        for (int i = 0; i < HOURS; i++) {
            Instant h = first.plus(Duration.ofHours(i));
            hours.add(h);
            Map<String, Integer> c = counts.getOrDefault(h, Map.of());
            allowed[i] = c.getOrDefault("allow", 0);
            denied[i] = c.getOrDefault("deny", 0);
            held[i] = c.getOrDefault("approval_required", 0);
            total += allowed[i] + denied[i] + held[i];
        }
        Optional<List<ExpectedRate>> rates = monitor.flatMap(m -> m.expectedRates(agent, first, HOURS));
        Optional<double[]> expected = rates.map(r -> r.stream().mapToDouble(ExpectedRate::calls).toArray());
        Optional<double[]> sigma = rates.map(r -> r.stream().mapToDouble(ExpectedRate::sigma).toArray());
        Optional<Boolean> learning = monitor.flatMap(m -> m.learned(agent)).map(l -> !l);
        return new Activity(agent, hours, allowed, denied, held, expected, sigma, learning, total >= MAX_COUNTED);
    }

    private static List<Long> longs(long[] a) {
        List<Long> out = new ArrayList<>(a.length);
        for (long v : a) {
            out.add(v);
        }
        return out;
    }

    private static List<Double> doubles(double[] a) {
        List<Double> out = new ArrayList<>(a.length);
        for (double v : a) {
            out.add(round(v));
        }
        return out;
    }

    private static List<Double> band(double[] mean, double[] sigma, int side) {
        List<Double> out = new ArrayList<>(mean.length);
        for (int i = 0; i < mean.length; i++) {
            out.add(round(Math.max(0, mean[i] + side * 2 * sigma[i])));
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
