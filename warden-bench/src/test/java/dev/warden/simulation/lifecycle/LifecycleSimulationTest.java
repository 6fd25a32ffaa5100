package dev.warden.simulation.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.warden.simulation.lifecycle.TimelineEvent.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short lifecycle (gate thresholds of days, {@link LifecycleConfig#scaled}) through a real
 * server and its HTTP API: up the levels on measured evidence, a refused request, the rogue
 * episode's automatic demotion to intern and its process, and a level earned again with the time
 * at level restarted.
 */
class LifecycleSimulationTest {
    @TempDir
    static Path tmp;
    static LifecycleRun run;
    static List<TimelineEvent> events;

    @BeforeAll
    static void simulate() throws Exception {
        run = LifecycleSimulation.run(LifecycleConfig.scaled(3, 20), tmp);
        events = run.timeline().events();
    }

    private static int first(Kind kind, String level, int from) {
        for (int i = from; i < events.size(); i++) {
            if (events.get(i).kind() == kind && (level == null || events.get(i).level().equals(level))) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " to " + level + " after event " + from + " in\n" + run.timeline().markdown());
    }

    @Test
    void promotedToJunior_refusedOnce_demotedByTheRogueEpisode_promotedAgain() {
        int junior = first(Kind.PROMOTED, "junior", 0);
        int rogue = first(Kind.ROGUE, null, junior);
        int demoted = first(Kind.DEMOTED, "intern", rogue);
        int again = first(Kind.PROMOTED, "junior", demoted);
        assertThat(junior).isLessThan(rogue);
        assertThat(events.get(demoted).detail().get("level_before")).isIn("senior", "principal");
        assertThat(events.get(demoted).detail().get("level_basis")).isEqualTo("demoted");
        assertThat(events.get(again).detail().get("level_basis")).isEqualTo("promoted");
        assertThat(events.subList(rogue, demoted)).extracting(TimelineEvent::kind).contains(Kind.INCIDENT);
        assertThat(events.get(again).at()).isAfter(events.get(demoted).at());
        // on time alone, before any evidence: refused; after the demotion, the evidence of the earlier levels counts no more
        assertThat(events.subList(0, junior)).extracting(TimelineEvent::kind).contains(Kind.PROMOTION_REFUSED);
        assertThat(events.subList(demoted, again)).extracting(TimelineEvent::kind).contains(Kind.PROMOTION_REFUSED);
        TimelineEvent refused = events.get(first(Kind.PROMOTION_REFUSED, null, 0));
        assertThat(refused.summary()).contains("security_validation/", "governance_sign_off/technical_owner");
    }

    @Test
    void everyPieceOfEvidence_isRecorded_andTheFailedPenTest_refusesTheRequestUntilRepeated() {
        assertThat(run.signOffRoles()).isTrue();
        for (TimelineEvent e : run.timeline().of(Kind.EVIDENCE)) {
            assertThat(e.summary()).as("an item refused").doesNotContain("[");
        }
        assertThat(run.timeline().of(Kind.PROMOTION_REFUSED)).anyMatch(e -> e.summary().contains("security_validation/penetration_test"));
    }

    @Test
    void theRogueEpisode_isFlaggedCritical_andItsExportAndDeletesAreDenied() {
        int rogue = first(Kind.ROGUE, null, 0);
        assertThat(events.stream().skip(rogue).filter(e -> e.kind() == Kind.INCIDENT)
                .anyMatch(e -> "critical".equals(e.detail().get("severity")))).isTrue();
        TimelineEvent over = events.get(first(Kind.ROGUE, null, rogue + 1));
        assertThat(((Number) over.detail().get("denied")).intValue()).isGreaterThanOrEqualTo(4);
        assertThat(((Number) over.detail().get("allowed_before_demotion")).intValue()).isLessThan(30);
    }

    @Test
    void afterTheDemotion_theTimeAtLevelRestarted_andEachPromotionShowsItsGateFigures() {
        int demoted = first(Kind.DEMOTED, "intern", 0);
        int again = first(Kind.PROMOTED, "junior", demoted);
        TimelineEvent e = events.get(again);
        double days = ((Number) e.detail().get("time_at_level_days")).doubleValue();
        double sinceDemotion = Duration.between(events.get(demoted).at(), e.at()).toMinutes() / 1440.0;
        assertThat(days).isGreaterThanOrEqualTo(2.0).isCloseTo(sinceDemotion, within(0.1));
        // the demotion process ran to its end on the demotion record: root cause, then reactivation
        TimelineEvent reactivated = events.stream().skip(demoted)
                .filter(x -> x.kind() == Kind.DEMOTION_STEP && x.detail().containsKey("demotion")).findFirst().orElseThrow();
        Map<?, ?> record = (Map<?, ?>) reactivated.detail().get("demotion");
        assertThat(record.get("state")).isEqualTo("closed");
        assertThat(record.get("level")).isEqualTo("intern");
        assertThat(String.valueOf(record.get("steps"))).contains("root_cause", "reactivation");
        for (TimelineEvent p : run.timeline().of(Kind.PROMOTED)) {
            assertThat(p.detail()).containsKeys("time_at_level_days", "operations", "availability", "response_time_p95_seconds");
            assertThat(((Number) p.detail().get("operations")).longValue()).isGreaterThanOrEqualTo(100);
        }
    }

    @Test
    void stintsCoverTheRun_andTheMarkdownAndJsonCarryTheTimeline() {
        List<LevelStint> stints = run.timeline().stints();
        assertThat(stints.getFirst().level()).isEqualTo("intern");
        for (int i = 1; i < stints.size(); i++) {
            assertThat(stints.get(i).from()).isEqualTo(stints.get(i - 1).to());
        }
        assertThat(stints).filteredOn(s -> s.level().equals("junior")).allMatch(s -> s.approvalRequired() > 0);
        assertThat(run.timeline().markdown()).contains("| promoted |", "| demoted |", "| rogue |");
        assertThat(run.timeline().json()).contains("\"event\":\"demoted\"", "\"time_at_level_days\"");
    }
}
