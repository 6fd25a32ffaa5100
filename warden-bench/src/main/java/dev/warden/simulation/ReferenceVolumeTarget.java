package dev.warden.simulation;

import dev.warden.Warden;
import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySeverity;
import dev.warden.behavior.AnomalySink;
import dev.warden.decision.Guard;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A deliberately naive detector that exercises the harness end to end before Warden's own
 * detectors exist: per agent, calls that reach the policy in one clock minute; after the learning
 * period, a minute with more than {@code factor} times the busiest learned minute (plus a small
 * floor) is an anomaly. It is not one of Warden's detectors and is not tuned.
 */
public final class ReferenceVolumeTarget implements DetectionTarget {
    /** The detector id of its anomalies. */
    public static final String DETECTOR = "reference_volume";

    private final Instant learningEnd;
    private final double factor;

    /** A detector learning until {@code learningEnd}, firing above {@code factor} x the learned busiest minute. */
    public ReferenceVolumeTarget(Instant learningEnd, double factor) {
        this.learningEnd = learningEnd;
        this.factor = factor;
    }

    @Override
    public String name() {
        return "reference-volume";
    }

    @Override
    public void attach(Warden.Builder builder, Clock clock, AnomalySink sink) {
        Map<String, Window> windows = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger seq = new java.util.concurrent.atomic.AtomicInteger();
        builder.guard(decision -> {
            String agent = decision.request().caller().agent();
            long minute = decision.now().getEpochSecond() / 60;
            Window w = windows.computeIfAbsent(agent, a -> new Window());
            synchronized (w) {
                if (w.minute != minute) {
                    if (decision.now().isBefore(learningEnd)) {
                        w.learnedMax = Math.max(w.learnedMax, w.ids.size());
                    }
                    w.minute = minute;
                    w.ids.clear();
                    w.fired = false;
                }
                w.ids.add(decision.id().value());
                double threshold = factor * w.learnedMax + 3;
                if (!w.fired && !decision.now().isBefore(learningEnd) && w.ids.size() > threshold) {
                    w.fired = true;
                    sink.accept(new Anomaly(String.format(Locale.ROOT, "anm_ref_%06d", seq.incrementAndGet()), decision.now(), agent,
                            Optional.empty(), DETECTOR, 1, AnomalySeverity.MAJOR, w.ids.size(), Optional.of((double) w.learnedMax),
                            threshold, agent + " made " + w.ids.size() + " calls in one minute; its busiest learned minute had "
                            + w.learnedMax, w.ids));
                }
            }
            return Guard.Verdict.PASS;
        });
    }

    /** One agent's current minute. */
    private static final class Window {
        long minute = Long.MIN_VALUE;
        int learnedMax;
        boolean fired;
        final List<String> ids = new ArrayList<>();
    }
}
