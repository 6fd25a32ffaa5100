package dev.warden.simulation;

import dev.warden.Actor;
import dev.warden.Warden;
import dev.warden.agent.AgentKey;
import dev.warden.agent.AgentRegistration;
import dev.warden.agent.MaturityLevel;
import dev.warden.agent.Projects;
import dev.warden.behavior.Anomaly;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.outcome.OutcomeReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.random.RandomGenerator;

/**
 * Drives a {@link Scenario} through a real embedded Warden: in-memory stores, the simulation
 * catalog and policy, every agent registered at level Principal with the simulation's
 * capabilities. The clock is set to each call's time before it is decided; allowed calls get
 * their outcome reported at the same instant. Anomalies reach the run through the target's sink.
 */
public final class Simulation {
    private static final String PROJECT = "sim";
    private static final String ENVIRONMENT = "prod";

    private Simulation() {
    }

    /** Runs the scenario against the target. */
    public static SimulationRun run(Scenario scenario, DetectionTarget target) {
        SimulationClock clock = new SimulationClock(scenario.config().start());
        ConcurrentLinkedQueue<Anomaly> anomalies = new ConcurrentLinkedQueue<>();
        Warden.Builder builder = Warden.builder()
                .catalog(SimulationCatalog.catalog())
                .projects(new Projects(Map.of(PROJECT, Set.of(ENVIRONMENT))))
                .policyEngine(SimulationCatalog.policies())
                .clock(clock)
                .random(new Seeded(scenario.config().seed()));
        target.attach(builder, clock, anomalies::add);
        List<List<String>> ids = new ArrayList<>();
        scenario.injections().forEach(i -> ids.add(new ArrayList<>()));
        long decisions = 0;
        long allowed = 0;
        long outcomes = 0;
        long started = System.nanoTime();
        try (Warden warden = builder.build()) {
            target.started(warden);
            register(warden, scenario);
            long minute = Long.MIN_VALUE;
            for (SimulatedCall c : scenario.calls()) {
                if (c.at() / 60_000 != minute) {
                    if (minute != Long.MIN_VALUE) {
                        target.settle(warden);
                    }
                    minute = c.at() / 60_000;
                }
                clock.set(Instant.ofEpochMilli(c.at()));
                Caller caller = new Caller(c.agent(), c.session(), 0);
                Decision d = warden.decisions().decide(new DecisionRequest(caller, c.tool(), Optional.of(c.resource()), c.args(),
                        Optional.empty(), Optional.empty()));
                decisions++;
                if (!c.benign()) {
                    ids.get(c.injection()).add(d.id().value());
                }
                if (d instanceof Decision.Allow) {
                    allowed++;
                    warden.outcomes().record(caller, d.id(),
                            new OutcomeReport(c.fails() ? "failed" : "completed", Optional.empty(), Optional.empty()));
                    outcomes++;
                }
            }
            clock.set(scenario.end());
            target.settle(warden);
            List<ObservedIncident> incidents = target.incidents(warden);
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            List<Label> labels = new ArrayList<>();
            for (Injection i : scenario.injections()) {
                labels.add(new Label(i, ids.get(i.index())));
            }
            return new SimulationRun(scenario, target.name(), labels, List.copyOf(anomalies), incidents, decisions, allowed,
                    outcomes, wall);
        }
    }

    private static void register(Warden warden, Scenario scenario) {
        SplittableRandom keys = new SplittableRandom(scenario.config().seed() ^ 0x5eedL);
        for (AgentSpec a : scenario.agents()) {
            byte[] publicKey = new byte[32];
            keys.nextBytes(publicKey);
            AgentKey key = new AgentKey("sim-1", Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey));
            warden.agents().register(new AgentRegistration(a.name(), "owner@sim", "simulated " + a.profile().name(),
                    SimulationCatalog.CAPABILITIES, "1.0", "sha256:" + "0".repeat(64), PROJECT, ENVIRONMENT,
                    Optional.of(MaturityLevel.PRINCIPAL), List.of(key)), Actor.system("simulation"));
        }
    }

    /** Seeded ids (runs are repeatable), safe to share with Warden's background threads. */
    private static final class Seeded implements RandomGenerator {
        private final SplittableRandom random;

        Seeded(long seed) {
            this.random = new SplittableRandom(seed);
        }

        @Override
        public synchronized long nextLong() {
            return random.nextLong();
        }
    }
}
