package dev.warden.scan.toxicity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.scan.ContentDetectors;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToxicityDetectorTest {
    private final ToxicityDetector detector = new ToxicityDetector();

    @Test
    void describesItself() {
        assertThat(detector.id()).isEqualTo("toxicity_lexicon");
        assertThat(detector.classes()).containsExactly(DataClass.TOXICITY);
        assertThat(ContentDetectors.byId("toxicity_lexicon")).isPresent();
    }

    @Test
    void scan_oneFindingSpanningTheTextWithTheScore() {
        String text = "You are a complete idiot.";
        List<Finding> findings = detector.scan(text);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.dataClass()).isEqualTo(DataClass.TOXICITY);
            assertThat(f.start()).isZero();
            assertThat(f.end()).isEqualTo(text.length());
            assertThat(f.score()).isGreaterThanOrEqualTo(ToxicityDetector.BLOCK_THRESHOLD);
        });
    }

    @Test
    void scan_cleanText_givesNoFinding() {
        assertThat(detector.scan("Could you please check the status of my order 48213?")).isEmpty();
        assertThat(detector.scan("Kill the process with task manager and restart the app.")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Listen you useless moron, fix my account now.",
        "Fuck you and your garbage company.",
        "I know where you live.",
        "Go kill yourself.",
        "I'm going to beat the crap out of the driver.",
        "You are a waste of space.",
        "what an a**hole you are",
        "You are an 1d10t",
        "f u c k  y o u",
    })
    void score_directedAbuseAndThreats_reachTheBlockThreshold(String text) {
        assertThat(detector.score(text)).as(text).isGreaterThanOrEqualTo(ToxicityDetector.BLOCK_THRESHOLD);
    }

    @Test
    void score_secondPersonTargetingScoresHigherThanThirdPerson() {
        assertThat(detector.score("You are an idiot.")).isGreaterThan(detector.score("The policy writer is an idiot."));
    }

    @Test
    void score_reportedOrQuotedAbuseScoresLowerThanTheAbuseItself() {
        double direct = detector.score("You useless moron.");
        double reported = detector.score("Incident report: the customer called me a useless moron and hung up.");
        assertThat(reported).isLessThan(direct).isLessThan(0.5);
    }

    @Test
    void score_negationLowersTheScore() {
        assertThat(detector.score("You're not an idiot for asking.")).isLessThan(detector.score("You're an idiot for asking."))
                .isLessThan(0.5);
    }

    @Test
    void score_swearingAimedAtNobodyStaysUnderTheBlockThreshold() {
        assertThat(detector.score("Holy shit, that fixed it! Thanks!")).isLessThan(0.5);
        assertThat(detector.score("This damn printer jammed again, what the fuck.")).isLessThan(ToxicityDetector.BLOCK_THRESHOLD);
    }

    @Test
    void score_strongButPoliteComplaint_isClean() {
        assertThat(detector.score("I am extremely disappointed and will take legal action if this is not fixed by Friday."))
                .isLessThan(ToxicityDetector.FLOOR);
    }

    @Test
    void score_maskedSlurIsFound() {
        assertThat(detector.score("typical f*g behaviour")).isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void maskedWords_matchVisibleLettersAndMaskRuns() {
        assertThat(MaskedWords.matches("f***", "fuck")).isTrue();
        assertThat(MaskedWords.matches("sh*t", "shit")).isTrue();
        assertThat(MaskedWords.matches("a**hole", "asshole")).isTrue();
        assertThat(MaskedWords.matches("f***", "idiot")).isFalse();
        assertThat(MaskedWords.matches("p*s", "piss")).isTrue();
        assertThat(MaskedWords.matches("x*y", "piss")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"idiot ", "you ", "f*** ", "a b c d ", "k i l l ", "*", "you idiot you idiot ", "\u200b"})
    void scan_adversarialInputOf200kChars_completesWithAScoreInRange(String unit) {
        String text = unit.repeat(200_000 / unit.length() + 1);
        assertThat(detector.score(text)).isBetween(0.0, 1.0);
        assertThat(detector.scan(text).size()).isLessThanOrEqualTo(1);
    }

    @Test
    void scan_isDeterministic() {
        String text = "you f***ing clown, I'll find you";
        assertThat(detector.scan(text)).isEqualTo(new ToxicityDetector().scan(text));
    }
}
