package dev.warden.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditRecord;
import dev.warden.store.memory.InMemoryBaselineStore;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Baselines and detectors on synthetic event streams, on a clock the test moves. */
class BehaviorMonitorTest {
    private static final String READ = "inventory.read";
    private static final String UPDATE = "inventory.update";
    private MonitorFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    /** Weekdays busy 9:00-10:00 (600 calls), 6 calls an hour 7:00-20:00, idle at night; {@code days} days. */
    private void officeAgent(String agent, int days) {
        for (int d = 0; d < days; d++) {
            boolean weekday = f.clock.instant().atZone(ZoneOffset.UTC).getDayOfWeek().getValue() <= 5;
            for (int h = 0; h < 24; h++) {
                if (h == 9 && weekday) {
                    f.steady(agent, READ, 600, Duration.ofHours(1));
                } else if (h >= 7 && h < 20) {
                    f.steady(agent, READ, 6, Duration.ofHours(1));
                } else {
                    f.clock.advance(Duration.ofHours(1));
                }
            }
        }
    }

    private static List<String> detectors(List<Anomaly> anomalies) {
        return anomalies.stream().map(Anomaly::detector).toList();
    }

    @Test
    void baseline_learnsTheHourOfWeekRhythm_busyAtNineIsNotAnomalousAtNine_butAtThreeItIs() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        officeAgent("clerk", 14);
        assertThat(f.counted()).isEmpty();

        f.clock.advance(Duration.ofHours(9)); // Monday of week 3, 9:00
        f.steady("clerk", READ, 600, Duration.ofHours(1));
        assertThat(f.counted()).as("the usual 9:00 rush").isEmpty();

        f.clock.advance(Duration.ofHours(17)); // Tuesday 3:00
        f.steady("clerk", READ, 600, Duration.ofHours(1));
        List<Anomaly> night = f.counted();
        assertThat(detectors(night)).contains(VolumeSpike.ID, OffHours.ID);
        Anomaly spike = night.stream().filter(a -> a.detector().equals(VolumeSpike.ID)).findFirst().orElseThrow();
        assertThat(spike.severity()).isEqualTo(AnomalySeverity.MAJOR);
        assertThat(spike.version()).isEqualTo(2);
        assertThat(spike.observed()).isGreaterThan(spike.threshold());
        assertThat(spike.baseline()).isPresent();
        assertThat(spike.summary()).containsPattern("calls in [125] min");
        assertThat(spike.evidence()).isNotEmpty();
        assertThat(spike.at().atZone(ZoneOffset.UTC).getHour()).isEqualTo(3);
    }

    @Test
    void volumeSpike_aStrongSpike_isSeenWithinAMinuteOfItsStart() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        officeAgent("clerk", 8); // Tuesday of week 2, 0:00
        f.clock.advance(Duration.ofHours(14)); // 14:00: usually 6 calls an hour
        java.time.Instant start = f.clock.instant();
        f.steady("clerk", READ, 60, Duration.ofMinutes(5)); // 12 a minute: 120 times the usual rate

        Anomaly spike = f.counted().stream().filter(a -> a.detector().equals(VolumeSpike.ID)).findFirst().orElseThrow();
        assertThat(Duration.between(start, spike.at())).isLessThan(Duration.ofMinutes(1));
        assertThat(spike.summary()).contains("calls in 1 min");
    }

    @Test
    void volumeSpike_threeCallsWhereOneIsUsual_couldBeChance_soStaysQuiet() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        officeAgent("clerk", 8);
        f.clock.advance(Duration.ofHours(14)); // 14:00: 6 calls an hour, 0.5 in 5 min
        f.steady("clerk", READ, 3, Duration.ofMinutes(5)); // 600% of the usual, but 3 in 5 min happen by chance

        assertThat(detectors(f.counted())).doesNotContain(VolumeSpike.ID);
    }

    @Test
    void rhythm_mondayMorning_isJudgedByWeekdays_notByTheWeekendBeforeIt() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        officeAgent("clerk", 7); // one week: weekends idle but for 6 calls an hour
        f.clock.advance(Duration.ofHours(9)); // Monday of week 2, 9:00: the hour of week was seen once only
        f.steady("clerk", READ, 600, Duration.ofHours(1));

        assertThat(detectors(f.counted())).doesNotContain(VolumeSpike.ID, VolumeDeviation.ID);
    }

    @Test
    void denySpike_countsRefusalsOfAuthority_notWardensOwnContainment() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        officeAgent("clerk", 8);
        f.clock.advance(Duration.ofHours(10));
        for (int i = 0; i < 40; i++) { // a throttled and then quarantined agent: Warden's doing
            f.decideWith("clerk", READ, "sku:1", "deny", i < 20 ? "throttled" : "agent_quarantined");
            f.clock.advance(Duration.ofSeconds(5));
        }
        assertThat(detectors(f.counted())).doesNotContain(DenySpike.ID);

        f.clock.advance(Duration.ofMinutes(20));
        for (int i = 0; i < 40; i++) { // an agent asking for what no policy permits: probing
            f.decideWith("clerk", READ, "sku:1", "deny", "no_permit");
            f.clock.advance(Duration.ofSeconds(5));
        }
        assertThat(detectors(f.counted())).contains(DenySpike.ID);
    }

    @Test
    void volumeSpike_fires_once_perWindow_notPerCall() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        officeAgent("clerk", 8);
        f.clock.advance(Duration.ofHours(3));
        f.steady("clerk", READ, 300, Duration.ofMinutes(4)); // 300 calls in 4 minutes of an idle hour

        List<Anomaly> spikes = f.counted().stream().filter(a -> a.detector().equals(VolumeSpike.ID)).toList();
        assertThat(spikes).hasSize(1);
    }

    @Test
    void benignNoise_onAWeekdayRhythm_raisesNoAnomalyAfterLearning() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        Random noise = new Random(42);
        for (int d = 0; d < 21; d++) {
            DayOfWeek day = f.clock.instant().atZone(ZoneOffset.UTC).getDayOfWeek();
            for (int h = 0; h < 24; h++) {
                int base = day.getValue() <= 5 && h >= 8 && h < 18 ? 240 : 20;
                int n = (int) Math.round(base * (0.8 + 0.4 * noise.nextDouble()));
                f.steady("steady", noise.nextInt(10) == 0 ? UPDATE : READ, n, Duration.ofHours(1));
            }
        }
        assertThat(f.counted()).isEmpty();
    }

    @Test
    void learning_statisticalFindingsAreOnlyRecorded_asMinor() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        f.steady("newbie", READ, 50, Duration.ofMinutes(10));
        for (int i = 0; i < 30; i++) {
            f.decide("newbie", UPDATE, "sku:1", "deny");
        }
        List<Anomaly> all = f.all();
        assertThat(all).extracting(Anomaly::detector).contains(DenySpike.ID);
        assertThat(all).allSatisfy(a -> {
            assertThat(a.learning()).isTrue();
            assertThat(a.severity()).isEqualTo(AnomalySeverity.MINOR);
            assertThat(a.summary()).contains("while learning");
        });
        assertThat(f.monitor.baseline("newbie").orElseThrow()).containsEntry("learning", true);
    }

    @Test
    void learning_endsAfterTheConfiguredOperations_orDays() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS.learning(Duration.ofDays(7), 100));
        f.steady("quick", READ, 99, Duration.ofMinutes(30));
        f.monitor.drain();
        assertThat(f.monitor.baseline("quick").orElseThrow()).containsEntry("learning", true);
        f.steady("quick", READ, 1, Duration.ofMinutes(1));
        f.monitor.drain();
        assertThat(f.monitor.baseline("quick").orElseThrow()).containsEntry("learning", false);

        f.steady("slow", READ, 5, Duration.ofHours(1));
        f.clock.advance(Duration.ofDays(7));
        f.monitor.drain();
        assertThat(f.monitor.baseline("slow").orElseThrow()).containsEntry("learning", false);
    }

    @Test
    void errorRate_aboveFifteenPercent_andBeyondChance_isCritical_evenWhileLearning() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        List<String> failedIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String d = f.decide("worker", UPDATE, "sku:1", "allow");
            boolean fail = i % 5 == 0 || i % 5 == 2; // 8 of 20: 40%
            if (fail) {
                failedIds.add(d);
            }
            f.outcome("worker", d, UPDATE, fail);
            f.clock.advance(Duration.ofSeconds(1));
        }
        List<Anomaly> found = f.all().stream().filter(a -> a.detector().equals(ErrorRate.ID)).toList();
        assertThat(found).hasSize(1);
        Anomaly a = found.get(0);
        assertThat(a.severity()).isEqualTo(AnomalySeverity.CRITICAL);
        assertThat(a.learning()).isFalse();
        assertThat(a.observed()).isEqualTo(0.4);
        assertThat(a.threshold()).isEqualTo(0.15);
        assertThat(a.summary()).isEqualTo("8 of the latest 20 outcomes failed (40%, limit 15%; 0.0% is usual)");
        assertThat(a.evidence()).contains(failedIds.get(failedIds.size() - 1));
    }

    @Test
    void errorRate_slowAgentsBurst_isJudgedOnItsLatestOutcomes_reachingBackAnHour() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        java.time.Instant start = f.clock.instant();
        // 2 outcomes a minute: a 5-minute window never holds the 20 the rule needs
        for (int i = 0; i < 45; i++) {
            String d = f.decide("worker", UPDATE, "sku:1", "allow");
            f.outcome("worker", d, UPDATE, i % 5 == 0 || i % 5 == 2); // 40% fail
            f.clock.advance(Duration.ofSeconds(30));
        }
        List<Anomaly> found = f.all().stream().filter(a -> a.detector().equals(ErrorRate.ID)).toList();
        assertThat(found).isNotEmpty();
        assertThat(found.get(0).summary()).isEqualTo("8 of the latest 20 outcomes failed (40%, limit 15%; 0.0% is usual)");
        assertThat(found.get(0).at()).as("judged at its 20th outcome, 9.5 min in").isEqualTo(start.plusSeconds(19 * 30));
        for (int i = 1; i < found.size(); i++) { // a burst that goes on is reported again once a window, not per outcome
            assertThat(Duration.between(found.get(i - 1).at(), found.get(i).at())).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void errorRate_slowAgentsFourFailuresInTwenty_needTwiceTheSample() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        // 2 outcomes a minute: 4 of the first 20 fail (20%), then 20 complete: 10% of the stretched window's 40
        for (int i = 0; i < 40; i++) {
            String d = f.decide("worker", UPDATE, "sku:1", "allow");
            f.outcome("worker", d, UPDATE, i < 20 && i % 5 == 0);
            f.clock.advance(Duration.ofSeconds(30));
        }
        assertThat(f.all()).noneMatch(a -> a.detector().equals(ErrorRate.ID));
    }

    @Test
    void errorRate_fourFailuresInTwenty_couldBeChance_soStayQuiet() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        for (int i = 0; i < 20; i++) {
            String d = f.decide("worker", UPDATE, "sku:1", "allow");
            f.outcome("worker", d, UPDATE, i % 5 == 0); // 20%, but 4 in 20 at a 2% usual rate happens by chance
        }
        assertThat(detectors(f.all())).doesNotContain(ErrorRate.ID);
    }

    @Test
    void errorRate_oneFailureInThreeCalls_isNotThirtyThreePercent() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        for (int i = 0; i < 3; i++) {
            String d = f.decide("worker", UPDATE, "sku:1", "allow");
            f.outcome("worker", d, UPDATE, i == 2);
        }
        assertThat(f.all()).isEmpty();
    }

    @Test
    void errorRate_tenPercentOfTwenty_staysQuiet() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        for (int i = 0; i < 20; i++) {
            String d = f.decide("worker", UPDATE, "sku:1", "allow");
            f.outcome("worker", d, UPDATE, i % 10 == 0);
        }
        assertThat(detectors(f.all())).doesNotContain(ErrorRate.ID);
    }

    @Test
    void accessPattern_aNewToolOrResourceClassAfterLearning_requiresAttention_knownOnesDoNot() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS.learning(Duration.ofDays(7), 100));
        f.steady("reader", READ, 200, Duration.ofHours(2));
        f.decide("reader", READ, "sku:9", "allow");
        assertThat(f.counted()).isEmpty();

        f.decide("reader", UPDATE, "sku:1", "allow");
        f.decide("reader", READ, "payroll:7", "allow");
        List<Anomaly> found = f.counted();
        assertThat(found).extracting(Anomaly::detector).containsExactly(AccessPattern.ID, AccessPattern.ID);
        assertThat(found.get(0).summary()).startsWith("first call to tool inventory.update");
        assertThat(found.get(1).summary()).startsWith("first access to resource class payroll");
        assertThat(found.get(0).tool()).contains(UPDATE);
    }

    @Test
    void accessPattern_whileLearning_onlyLearns() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        f.steady("reader", READ, 20, Duration.ofHours(1));
        f.decide("reader", UPDATE, "orders:1", "allow");
        assertThat(f.all()).isEmpty();
    }

    @Test
    void enumeration_aBurstOfDistinctReads_fires_once_repeatedReadsOfOneResourceDoNot() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        for (int i = 0; i < 40; i++) {
            f.decide("calm", READ, "sku:1", "allow");
        }
        assertThat(f.all()).isEmpty();

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            ids.add(f.decide("rogue", READ, "customer:" + i, "allow"));
        }
        List<Anomaly> found = f.all();
        assertThat(found).extracting(Anomaly::detector).containsExactly(Enumeration.ID);
        assertThat(found.get(0).observed()).isEqualTo(30.0);
        assertThat(found.get(0).evidence()).endsWith(ids.get(29));
    }

    @Test
    void volumeDeviation_andDenySpike_fireOnTheirPattern_afterLearning() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS.learning(Duration.ofDays(7), 500));
        for (int h = 0; h < 48; h++) {
            f.steady("steady", READ, 120, Duration.ofHours(1));
        }
        assertThat(f.counted()).isEmpty();
        f.steady("steady", READ, 200, Duration.ofMinutes(10)); // 600/h against 120/h
        for (int i = 0; i < 25; i++) {
            f.decide("steady", UPDATE, "sku:1", "deny");
        }
        assertThat(detectors(f.counted())).contains(VolumeDeviation.ID, DenySpike.ID);
    }

    @Test
    void errorRateDeviation_firesAboveTheUsualShare() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS.learning(Duration.ofDays(7), 500)
                .with(ErrorRate.ID, BehaviorConfig.DEFAULTS.detector(ErrorRate.ID).withEnabled(false)));
        for (int h = 0; h < 24; h++) {
            f.steady("steady", READ, 60, Duration.ofHours(1));
        }
        for (int i = 0; i < 30; i++) {
            String d = f.decide("steady", READ, "sku:1", "allow");
            f.outcome("steady", d, READ, i % 3 == 0);
        }
        assertThat(detectors(f.counted())).contains(ErrorRateDeviation.ID).doesNotContain(ErrorRate.ID);
    }

    @Test
    void errorRateDeviation_twoFailuresInTwenty_whereOnePercentIsUsual_isNoSpike() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS.learning(Duration.ofDays(7), 500)
                .with(ErrorRate.ID, BehaviorConfig.DEFAULTS.detector(ErrorRate.ID).withEnabled(false)));
        for (int h = 0; h < 24; h++) {
            f.steady("steady", READ, 60, Duration.ofHours(1));
        }
        f.clock.advance(Duration.ofMinutes(20)); // the window holds only what follows
        // 10% of 20 is 4 normal-approximation sigmas above 1%, yet 2 or more in 20 happen 17% of the time
        for (int i = 0; i < 20; i++) {
            String d = f.decide("steady", READ, "sku:1", "allow");
            f.outcome("steady", d, READ, i % 10 == 0);
        }
        assertThat(detectors(f.counted())).doesNotContain(ErrorRateDeviation.ID);
    }

    @Test
    void detector_thatThrows_isIsolated_counted_andTheOthersGoOn() {
        Detector broken = new Detector() {
            @Override
            public String id() {
                return VolumeSpike.ID; // runs with volume_spike's settings
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public boolean statistical() {
                return false;
            }

            @Override
            public Optional<Finding> inspect(Observation o) {
                throw new IllegalStateException("broken detector");
            }
        };
        f = new MonitorFixture(BehaviorConfig.DEFAULTS, List.of(broken, new Enumeration()), new InMemoryBaselineStore());
        for (int i = 0; i < 30; i++) {
            f.decide("rogue", READ, "customer:" + i, "allow");
        }
        assertThat(f.all()).extracting(Anomaly::detector).containsExactly(Enumeration.ID);
        assertThat(f.monitor.detectorFailures(VolumeSpike.ID)).isEqualTo(30);
        assertThat(f.monitor.stats()).containsEntry("processed", 30L);
    }

    @Test
    void anomaly_isAudited_beforeItReachesTheSink() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        for (int i = 0; i < 30; i++) {
            f.decide("rogue", READ, "customer:" + i, "allow");
        }
        Anomaly a = f.all().get(0);
        List<AuditRecord> records = f.auditStore.read(new AuditQuery(0, 1000, Optional.empty(),
                Optional.of("anomaly.detected")));
        assertThat(records).hasSize(1);
        assertThat(records.get(0).agent()).isEqualTo("rogue");
        assertThat(records.get(0).entry()).contains("\"anomaly_id\":\"" + a.id() + "\"")
                .contains("\"detector\":\"enumeration\"").contains("\"severity\":\"critical\"");
    }

    @Test
    void fullQueue_dropsAndCounts_neverBlocks() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        f = new MonitorFixture(BehaviorConfig.DEFAULTS.queueCapacity(4));
        f.monitor.sink(a -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 30; i++) {
            f.decide("rogue", READ, "customer:" + i, "allow"); // the 30th read raises; the sink then blocks
        }
        f.monitor.drain();
        for (int i = 0; i < 20; i++) {
            f.decide("rogue", READ, "customer:x" + i, "allow");
        }
        assertThat(f.monitor.dropped()).isGreaterThanOrEqualTo(15);
        release.countDown();
        f.monitor.drain();
        assertThat(f.monitor.baseline("rogue").orElseThrow().get("monitor")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey("dropped");
    }

    @Test
    void restart_keepsTheBaseline() {
        InMemoryBaselineStore store = new InMemoryBaselineStore();
        f = new MonitorFixture(BehaviorConfig.DEFAULTS.learning(Duration.ofDays(7), 100), Detectors.all(), store);
        f.steady("clerk", READ, 150, Duration.ofHours(3));
        f.monitor.drain();
        Map<String, Object> before = f.monitor.baseline("clerk").orElseThrow();
        f.close();

        f = new MonitorFixture(BehaviorConfig.DEFAULTS.learning(Duration.ofDays(7), 100), Detectors.all(), store);
        f.clock.advance(Duration.ofHours(3));
        Map<String, Object> after = f.monitor.baseline("clerk").orElseThrow();
        assertThat(after).containsEntry("learning", false).containsEntry("operations", 150L)
                .containsEntry("active_hours", before.get("active_hours"));
        f.decide("clerk", UPDATE, "sku:1", "allow");
        assertThat(f.counted()).extracting(Anomaly::detector).containsExactly(AccessPattern.ID);
    }

    @Test
    void config_refusesUnknownDetectors_andImpossibleThresholds() {
        DetectorSettings share = BehaviorConfig.DEFAULTS.detector(ErrorRate.ID);
        assertThatThrownBy(() -> BehaviorConfig.DEFAULTS.with("volume_spikes", share))
                .hasMessageContaining("unknown detector volume_spikes");
        assertThatThrownBy(() -> BehaviorConfig.DEFAULTS.with(ErrorRate.ID, share.withThreshold(1.5)))
                .hasMessageContaining("share");
        assertThatThrownBy(() -> share.withThreshold(-1)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> BehaviorConfig.DEFAULTS.with(VolumeSpike.ID, share.withThreshold(0.5)))
                .hasMessageContaining("ratio");
    }

    @Test
    void baseline_staysBounded_withManyResourcesAndTools() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        for (int i = 0; i < 5_000; i++) {
            f.decide("wide", "tool." + i, "class" + i + ":" + i, "allow");
            f.clock.advance(Duration.ofSeconds(30));
        }
        f.monitor.drain();
        Map<String, Object> view = f.monitor.baseline("wide").orElseThrow();
        assertThat((Map<?, ?>) view.get("tools")).hasSize(AgentBaseline.MAX_TOOLS);
        assertThat((List<?>) view.get("resource_classes")).hasSize(AgentBaseline.MAX_CLASSES);
        f.monitor.snapshot();
        assertThat(f.store.loadAll().get("wide").length).isLessThan(40_000);
    }

    @Test
    void snapshots_writeOnlyChangedBaselines_andRetryAfterAStoreFailure() {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<java.util.Set<String>> written = new java.util.concurrent.CopyOnWriteArrayList<>();
        BaselineStore flaky = new BaselineStore() {
            @Override
            public void save(Map<String, byte[]> snapshots) {
                if (down.get()) {
                    throw new IllegalStateException("database unavailable");
                }
                written.add(java.util.Set.copyOf(snapshots.keySet()));
            }

            @Override
            public Map<String, byte[]> loadAll() {
                return Map.of();
            }
        };
        f = new MonitorFixture(BehaviorConfig.DEFAULTS, Detectors.all(), flaky);
        f.steady("a", READ, 5, Duration.ofMinutes(1));
        f.steady("b", READ, 5, Duration.ofMinutes(1));
        f.monitor.drain();
        f.monitor.snapshot(); // fails: both stay to be written
        down.set(false);
        f.steady("a", READ, 1, Duration.ofMinutes(1));
        f.monitor.drain();
        f.monitor.snapshot();
        f.monitor.snapshot(); // nothing changed since
        assertThat(written).containsExactly(java.util.Set.of("a", "b"));
    }

    @Test
    void baseline_measuresTheActionLatency_fromDecisionToOutcome() {
        f = new MonitorFixture(BehaviorConfig.DEFAULTS);
        String d = f.decide("worker", UPDATE, "sku:1", "allow");
        f.clock.advance(Duration.ofMillis(1500));
        f.outcome("worker", d, UPDATE, false);
        f.monitor.drain();
        assertThat(f.monitor.baseline("worker").orElseThrow()).containsEntry("action_latency_ms", 1500.0);
    }
}
