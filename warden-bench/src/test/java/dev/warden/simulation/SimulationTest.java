package dev.warden.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warden.behavior.Anomaly;
import dev.warden.behavior.AnomalySeverity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's own properties on a short run (20 agents, 10 days, a fixed seed), and the scorer's arithmetic. */
class SimulationTest {
    private static final SimulationConfig CONFIG = new SimulationConfig(42, 20, 10, 7, 2, SimulationConfig.DEFAULT_START);
    private static Scenario scenario;
    private static SimulationRun run;

    @BeforeAll
    static void drive() {
        scenario = TrafficModel.generate(CONFIG);
        run = Simulation.run(scenario, new DestructiveCallTarget());
    }

    /** The traffic of {@link #CONFIG} in any JVM; a deliberate change of the model changes it. */
    private static final String DIGEST = "67db0e0bf25c23901a949eca6cf649380547140239698dc12b465ba9327801ad";

    @Test
    void sameSeed_sameTraffic_inEveryJvm() {
        assertThat(scenario.digest()).isEqualTo(DIGEST);
    }

    @Test
    void sameSeed_sameTraffic_otherSeed_otherTraffic() {
        assertThat(TrafficModel.generate(CONFIG).digest()).isEqualTo(scenario.digest());
        SimulationConfig other = new SimulationConfig(43, 20, 10, 7, 2, SimulationConfig.DEFAULT_START);
        assertThat(TrafficModel.generate(other).digest()).isNotEqualTo(scenario.digest());
    }

    @Test
    void sameScenario_drivenTwice_sameDecisionIdsAndAnomalies() {
        Scenario small = TrafficModel.generate(new SimulationConfig(5, 4, 3, 2, 1, SimulationConfig.DEFAULT_START));
        SimulationRun first = Simulation.run(small, new DestructiveCallTarget());
        SimulationRun second = Simulation.run(small, new DestructiveCallTarget());
        assertThat(second.labels()).isEqualTo(first.labels());
        assertThat(second.anomalies()).isEqualTo(first.anomalies());
    }

    @Test
    void everyKindIsInjectedAfterLearning_andLabelledWithItsDecisions() {
        Set<AnomalyKind> kinds = EnumSet.noneOf(AnomalyKind.class);
        Set<String> seen = new HashSet<>();
        for (Label l : run.labels()) {
            kinds.add(l.injection().kind());
            assertThat(l.injection().start()).isAfterOrEqualTo(scenario.learningEnd());
            assertThat(l.decisionIds()).as(l.injection().toString()).isNotEmpty();
            assertThat(l.decisionIds()).allMatch(seen::add); // no decision belongs to two injections
        }
        assertThat(kinds).containsExactlyInAnyOrder(AnomalyKind.values());
        assertThat(run.decisions()).isEqualTo(scenario.calls().size());
        long injectedCalls = scenario.calls().stream().filter(c -> !c.benign()).count();
        assertThat(seen).hasSize((int) injectedCalls);
    }

    @Test
    void benignTraffic_followsEachProfilesRhythm() {
        Map<Profile, List<AgentSpec>> byProfile = scenario.agents().stream().collect(Collectors.groupingBy(AgentSpec::profile));
        assertThat(byProfile.keySet()).containsExactlyInAnyOrder(Profile.values());
        Map<String, Profile> profileOf = scenario.agents().stream().collect(Collectors.toMap(AgentSpec::name, AgentSpec::profile));
        Map<Profile, int[]> perHour = new java.util.EnumMap<>(Profile.class);
        for (Profile p : Profile.values()) {
            perHour.put(p, new int[24]);
        }
        for (SimulatedCall c : scenario.calls()) {
            if (c.benign()) {
                perHour.get(profileOf.get(c.agent()))[Instant.ofEpochMilli(c.at()).atZone(ZoneOffset.UTC).getHour()]++;
            }
        }
        int[] business = perHour.get(Profile.BUSINESS_HOURS);
        for (int h : new int[] {0, 1, 2, 3, 4, 5, 6, 19, 20, 21, 22, 23}) {
            assertThat(business[h]).as("business-hours agents at %d:00", h).isZero();
        }
        assertThat(business[12]).as("lunch dip").isLessThan(business[11] / 2);
        int[] batch = perHour.get(Profile.NIGHTLY_BATCH);
        assertThat(batch[1] + batch[2]).as("the nightly batch").isGreaterThan(10 * (batch[14] + batch[15] + 1));
        int[] steady = perHour.get(Profile.STEADY);
        assertThat(steady[3]).as("steady agents work at night").isGreaterThan(steady[10] / 2);
        int lowTotal = java.util.Arrays.stream(perHour.get(Profile.LOW_VOLUME)).sum();
        assertThat(lowTotal / (double) byProfile.get(Profile.LOW_VOLUME).size() / CONFIG.days()).as("low volume per day")
                .isBetween(5.0, 100.0);
        double failed = scenario.calls().stream().filter(SimulatedCall::benign).filter(SimulatedCall::fails).count();
        assertThat(failed / scenario.calls().size()).as("benign failure share").isBetween(0.002, 0.05);
        double denied = scenario.calls().stream().filter(SimulatedCall::benign)
                .filter(c -> c.tool().equals(SimulationCatalog.FORBIDDEN)).count();
        assertThat(denied / scenario.calls().size()).as("benign calls policy denies").isBetween(0.0005, 0.005);
    }

    @Test
    void injections_areWhatTheirKindSays() {
        Map<Integer, List<SimulatedCall>> byInjection = scenario.calls().stream().filter(c -> !c.benign())
                .collect(Collectors.groupingBy(SimulatedCall::injection));
        for (Injection i : scenario.injections()) {
            List<SimulatedCall> calls = byInjection.get(i.index());
            AgentSpec agent = scenario.agents().stream().filter(a -> a.name().equals(i.agent())).findFirst().orElseThrow();
            switch (i.kind()) {
                case ERROR_BURST -> assertThat(calls.stream().filter(SimulatedCall::fails).count() / (double) calls.size())
                        .as("failure share of %s", i).isGreaterThan(0.15);
                case VOLUME_SPIKE -> {
                    Instant at = i.start();
                    double usual = agent.rate(at.atZone(ZoneOffset.UTC).getHour() * 60, at.atZone(ZoneOffset.UTC).getDayOfWeek());
                    assertThat(calls.size() / 15.0).as("extra calls per minute of %s", i).isGreaterThan(2 * usual);
                }
                case DENY_SPIKE -> assertThat(calls).allMatch(c -> c.tool().equals(SimulationCatalog.FORBIDDEN)
                        || c.tool().equals(SimulationCatalog.UNCLAIMED));
                case ENUMERATION -> assertThat(calls.stream().map(SimulatedCall::resource).distinct().count()).isEqualTo(60);
                case ROGUE -> assertThat(calls.getLast().tool()).isEqualTo(SimulationCatalog.DELETE);
                case FIRST_TOOL -> assertThat(agent.toolMix()).doesNotContainKey(calls.getFirst().tool());
                case NEW_RESOURCE_CLASS -> assertThat(calls).allMatch(c -> c.resource().startsWith("employee:"));
                case OFF_HOURS -> assertThat(agent.profile().usuallyActive(i.start().atZone(ZoneOffset.UTC).getHour())).isFalse();
                case SLOW_ROLL -> assertThat(Duration.between(i.start(), i.end())).isGreaterThan(Duration.ofDays(2));
            }
        }
    }

    @Test
    void anomaliesFromTheSink_areScoredAgainstTheLabels() {
        Report report = Scorer.score(run);
        assertThat(report.detectors()).extracting(Report.DetectorScore::detector)
                .containsExactly(DestructiveCallTarget.DETECTOR, Scorer.ALL);
        Report.DetectorScore d = report.detectors().getFirst();
        // every rogue agent ends with records.delete, 30 s after 40 reads spread over 3 minutes
        Report.KindScore rogue = d.kinds().get(AnomalyKind.ROGUE);
        assertThat(rogue.detected()).isEqualTo(2).isEqualTo(rogue.injected());
        assertThat(rogue.ttdMaxSeconds()).isBetween(180.0, 240.0);
        // agents that delete as part of their job make the false alerts
        long benignDeletes = scenario.calls().stream()
                .filter(c -> c.benign() && c.tool().equals(SimulationCatalog.DELETE) && c.at() >= scenario.learningEnd().toEpochMilli())
                .count();
        assertThat(d.anomalies()).isEqualTo(run.anomalies().size() - report.learningAnomalies());
        assertThat(d.falseAlerts()).isPositive().isLessThanOrEqualTo((int) benignDeletes);
        assertThat(report.markdown()).contains("seed 42").contains("| " + DestructiveCallTarget.DETECTOR + " |");
        assertThat(report.json()).contains("\"seed\":42");
    }

    @Test
    void scorer_arithmetic_onAHandMadeCase() {
        Instant t0 = SimulationConfig.DEFAULT_START;
        SimulationConfig config = new SimulationConfig(7, 4, 3, 1, 1, t0);
        Instant day1 = t0.plus(Duration.ofDays(1));
        Instant day2 = t0.plus(Duration.ofDays(2));
        List<AgentSpec> agents = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            agents.add(new AgentSpec(name, Profile.STEADY, 1, Map.of(SimulationCatalog.CRM_READ, 1.0), Map.of(), 0));
        }
        Injection spike = new Injection(0, "a", AnomalyKind.VOLUME_SPIKE, day1.plusSeconds(3600), day1.plusSeconds(3600 + 900), "");
        Injection burst = new Injection(1, "b", AnomalyKind.ERROR_BURST, day2.plusSeconds(3600), day2.plusSeconds(3600 + 1800), "");
        Injection enumeration = new Injection(2, "c", AnomalyKind.ENUMERATION, day2.plusSeconds(7200), day2.plusSeconds(7500), "");
        List<SimulatedCall> calls = List.of(
                call(spike.start(), "a", 0), call(burst.start(), "b", 1), call(enumeration.start(), "c", 2));
        Scenario s = new Scenario(config, agents, calls, List.of(spike, burst, enumeration), "hand");
        List<Label> labels = List.of(new Label(spike, List.of("dec_a1", "dec_a2")), new Label(burst, List.of("dec_b1")),
                new Label(enumeration, List.of("dec_c1")));
        List<Anomaly> anomalies = List.of(
                anomaly("x1", "vol", "a", spike.start().plusSeconds(4), List.of("dec_a2")),   // by evidence, 4 s
                anomaly("x2", "vol", "a", spike.start().plusSeconds(30), List.of()),          // by time window, same label
                anomaly("x3", "err", "b", burst.end().plusSeconds(600), List.of()),           // within the 15 min grace, 2400 s
                anomaly("x4", "err", "b", burst.end().plusSeconds(3600), List.of()),          // after the grace: false
                anomaly("x5", "vol", "d", day1.plusSeconds(100), List.of()),                  // a benign agent: false
                anomaly("x6", "vol", "c", t0.plusSeconds(100), List.of()));                   // during learning: not scored
        List<ObservedIncident> incidents = List.of(
                new ObservedIncident("inc1", "a", spike.start().plusSeconds(5), List.of("x1", "x2")),
                new ObservedIncident("inc2", "d", day1.plusSeconds(101), List.of("x5")),
                new ObservedIncident("inc3", "c", t0.plusSeconds(101), List.of("x6")));
        Report r = Scorer.score(s, "hand", labels, anomalies, incidents, Scorer.DEFAULT_GRACE);

        // 4 agents x 2 evaluation days = 8, minus a@1, b@2, c@2
        assertThat(r.benignAgentDays()).isEqualTo(5);
        assertThat(r.learningAnomalies()).isEqualTo(1);
        Report.DetectorScore vol = r.detectors().get(1);
        assertThat(vol.detector()).isEqualTo("vol");
        assertThat(vol.anomalies()).isEqualTo(3);
        assertThat(vol.detected()).isEqualTo(1);
        assertThat(vol.kinds().get(AnomalyKind.VOLUME_SPIKE)).isEqualTo(new Report.KindScore(1, 1, 4.0, 4.0, 1 - Math.exp(-0.2 * 1800 / 86_400.0)));
        assertThat(vol.kinds().get(AnomalyKind.ENUMERATION).detected()).isZero();
        assertThat(vol.kinds().get(AnomalyKind.ENUMERATION).ttdP50Seconds()).isNaN();
        assertThat(vol.falseAlerts()).isEqualTo(1);
        assertThat(vol.falsePerAgentDay()).isCloseTo(0.2, within(1e-9));
        assertThat(vol.precision()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(vol.ttdP50Seconds()).isEqualTo(4.0);
        Report.DetectorScore err = r.detectors().getFirst();
        assertThat(err.detector()).isEqualTo("err");
        assertThat(err.detected()).isEqualTo(1);
        assertThat(err.precision()).isCloseTo(0.5, within(1e-9));
        assertThat(err.ttdMaxSeconds()).isEqualTo(2400.0);
        assertThat(err.kinds().get(AnomalyKind.ERROR_BURST)).isEqualTo(new Report.KindScore(1, 1, 2400.0, 2400.0, 1 - Math.exp(-0.2 * 2700 / 86_400.0)));
        Report.DetectorScore all = r.detectors().getLast();
        assertThat(all.detector()).isEqualTo(Scorer.ALL);
        assertThat(all.anomalies()).isEqualTo(5);
        assertThat(all.detected()).isEqualTo(2);
        assertThat(all.detectionRate()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(all.falseAlerts()).isEqualTo(2);
        assertThat(all.falsePerAgentDay()).isCloseTo(0.4, within(1e-9));
        assertThat(all.ttdP50Seconds()).isEqualTo(4.0); // nearest rank of {4, 2400}
        assertThat(all.ttdMaxSeconds()).isEqualTo(2400.0);
        assertThat(r.incidents()).isEqualTo(new Report.IncidentScore(3, 2, 2.0 / 3, 8.0, 1, 20.0 * 2 / 9)); // 9: 5 benign days after learning, 4 while learning
    }

    private static SimulatedCall call(Instant at, String agent, int injection) {
        return new SimulatedCall(at.toEpochMilli(), agent, "ses", SimulationCatalog.CRM_READ, "customer:c1", Map.of(), false, injection);
    }

    private static Anomaly anomaly(String id, String detector, String agent, Instant at, List<String> evidence) {
        return new Anomaly(id, at, agent, Optional.empty(), detector, 1, AnomalySeverity.MAJOR, 1, Optional.empty(), 1, "test",
                evidence);
    }
}
