package dev.warden.simulation;

import dev.warden.Warden;
import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySeverity;
import dev.warden.behavior.AnomalySink;
import dev.warden.catalog.EffectClass;
import dev.warden.decision.Guard;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A trivial detector for the harness's own test: every destructive call that reaches the policy is an anomaly. */
final class DestructiveCallTarget implements DetectionTarget {
    static final String DETECTOR = "destructive_call";

    @Override
    public String name() {
        return "destructive-call";
    }

    @Override
    public void attach(Warden.Builder builder, Clock clock, AnomalySink sink) {
        AtomicInteger seq = new AtomicInteger();
        builder.guard(decision -> {
            if (decision.tool().effects().contains(EffectClass.DESTRUCTIVE)) {
                String agent = decision.request().caller().agent();
                sink.accept(new Anomaly("anm_t" + seq.incrementAndGet(), decision.now(), agent, Optional.of(decision.tool().name()),
                        DETECTOR, 1, AnomalySeverity.CRITICAL, 1, Optional.empty(), 0, agent + " called a destructive tool",
                        List.of(decision.id().value())));
            }
            return Guard.Verdict.PASS;
        });
    }
}
