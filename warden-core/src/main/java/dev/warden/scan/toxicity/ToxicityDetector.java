package dev.warden.scan.toxicity;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import dev.warden.scan.text.FoldedText;
import dev.warden.scan.text.PhraseBook;
import dev.warden.scan.text.ScannedText;
import dev.warden.scan.text.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a text's toxicity in 0..1 from a lexicon of insults, slurs, threats, harassment and
 * profanity, read on the folded text so disguised spellings ({@code id10t}, Cyrillic look-alikes,
 * letters spaced apart) and masked ones ({@code f***ing}, {@code a**hole}) still match. Each match is
 * weighed by context: aimed at the reader ("you idiot") it counts for more; negated ("you are not an
 * idiot"), quoted, or reported ("the customer called me an idiot") it counts for less; swearing aimed
 * at nobody stays low. Matches combine as independent evidence.
 *
 * <p>One {@link DataClass#TOXICITY} finding spanning the whole text carries the score; texts scoring
 * under {@link #FLOOR} give none. Warden's default block threshold is {@link #BLOCK_THRESHOLD}.
 */
public final class ToxicityDetector implements ContentDetector {
    /** The stable id. */
    public static final String ID = "toxicity_lexicon";
    /** Scores under this give no finding. */
    public static final double FLOOR = 0.1;
    /** The score from which a text is blocked by default. */
    public static final double BLOCK_THRESHOLD = 0.7;
    private static final int VERSION = 1;

    private static final Map<String, Term> WORDS = ToxicityLexicon.words();
    private static final PhraseBook<Term> PHRASES = ToxicityLexicon.phrases();
    private static final Set<String> SECOND_PERSON = Set.of("you", "your", "youre", "u", "ur", "ya", "yourself", "yourselves",
            "thou", "yall", "youve", "youll", "youd");
    private static final Set<String> SELF = Set.of("i", "im", "me", "my", "myself", "ive", "id");
    private static final Set<String> NEGATIONS = Set.of("not", "never", "isnt", "arent", "wasnt", "werent", "dont", "didnt",
            "doesnt", "no", "nor", "hardly", "wont", "cant", "cannot", "shouldnt", "wouldnt", "aint", "nothing");
    private static final Set<String> REPORTING = Set.of("called", "calling", "call", "said", "says", "say", "told", "tells",
            "wrote", "writes", "written", "shouted", "yelled", "screamed", "swore", "cursed", "used", "uses", "quote", "quoted",
            "quoting", "reported", "reports", "reporting", "complained", "accused", "alleged", "alleges", "claimed", "claims",
            "threatened", "threatening", "insulted", "abused", "harassed", "messaged", "left", "sent", "typed", "posted",
            "commented", "replied", "verbatim", "transcript", "flagged", "escalated", "incident", "ticket", "review");
    private static final Set<String> THIRD_PARTY = Set.of("customer", "customers", "caller", "callers", "user", "users", "client",
            "clients", "he", "she", "they", "someone", "somebody", "guest", "buyer", "member", "agent", "colleague", "manager",
            "person", "visitor", "player", "tenant", "patient", "driver", "passenger", "him", "her", "them");
    private static final Set<String> INTENSIFIERS = Set.of("total", "complete", "absolute", "utter", "such", "fucking",
            "bloody", "massive", "real", "stupid", "pathetic", "useless", "fat", "lazy", "incompetent", "worthless", "lying",
            "little", "dumb", "freaking", "goddamn", "damn", "brainless", "what");
    private static final Set<String> FIRST_OBJECT = Set.of("me", "us");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public Set<DataClass> classes() {
        return Set.of(DataClass.TOXICITY);
    }

    @Override
    public List<Finding> scan(String text) {
        return scan(new ScannedText(text));
    }

    /** Scans a text, reading the scan's shared folding of it. */
    @Override
    public List<Finding> scan(ScannedText scanned) {
        String text = scanned.text();
        double s = score(scanned.folded());
        if (s < FLOOR) {
            return List.of();
        }
        return List.of(new Finding(DataClass.TOXICITY, ID, 0, text.length(), Math.round(s * 1000) / 1000.0));
    }

    /** The toxicity of a text in 0..1. */
    public double score(String text) {
        return score(FoldedText.of(text));
    }

    private static double score(FoldedText folded) {
        List<Token> tokens = folded.tokens();
        List<double[]> hits = new ArrayList<>(); // {first token, end token, weight, harm ordinal}
        for (int i = 0; i < tokens.size(); i++) {
            Term t = WORDS.get(tokens.get(i).value());
            if (t == null && !tokens.get(i).alternative().equals(tokens.get(i).value())) {
                t = WORDS.get(tokens.get(i).alternative());
            }
            if (t != null) {
                hits.add(new double[] {i, i + 1, t.weight(), t.harm().ordinal()});
            }
        }
        for (PhraseBook.Hit<Term> h : PHRASES.scan(tokens)) {
            hits.add(new double[] {h.first(), h.end(), h.value().weight(), h.value().harm().ordinal()});
        }
        List<Double> weights = new ArrayList<>();
        for (double[] h : hits) {
            weights.add(weigh(folded, tokens, (int) h[0], (int) h[1], h[2], Harm.values()[(int) h[3]]));
        }
        for (double w : MaskedWords.scores(folded, WORDS)) {
            weights.add(w);
        }
        double miss = 1.0;
        double max = 0;
        boolean onlyProfanity = true;
        boolean aimed = false;
        for (int k = 0; k < weights.size(); k++) {
            miss *= 1.0 - weights.get(k);
            max = Math.max(max, weights.get(k));
        }
        for (int k = 0; k < hits.size(); k++) {
            onlyProfanity &= Harm.values()[(int) hits.get(k)[3]] == Harm.PROFANITY;
            aimed |= weights.get(k) > hits.get(k)[2];
        }
        double s = 1.0 - miss;
        // repeats add less than distinct strong evidence: keep the total near the strongest match
        s = Math.min(s, max + 0.25);
        if (onlyProfanity && !hits.isEmpty()) {
            s = Math.min(s, aimed ? 0.6 : 0.45); // swearing aimed at nobody stays under the block threshold
        }
        return Math.max(0, Math.min(1, s));
    }

    private static double weigh(FoldedText folded, List<Token> tokens, int first, int end, double weight, Harm harm) {
        int sentenceStart = first;
        while (sentenceStart > 0 && !tokens.get(sentenceStart).breakBefore() && first - sentenceStart < 25) {
            sentenceStart--;
        }
        int sentenceEnd = end;
        while (sentenceEnd < tokens.size() && !tokens.get(sentenceEnd).breakBefore() && sentenceEnd - end < 25) {
            sentenceEnd++;
        }
        boolean second = false;
        for (int k = Math.max(sentenceStart, first - 3); k < Math.min(sentenceEnd, end + 3); k++) {
            second |= SECOND_PERSON.contains(tokens.get(k).value());
        }
        boolean negated = false;
        for (int k = Math.max(sentenceStart, first - 3); k < first; k++) {
            negated |= NEGATIONS.contains(tokens.get(k).value());
        }
        boolean reported = false;
        boolean thirdParty = false;
        boolean firstObject = false;
        boolean self = false;
        for (int k = sentenceStart; k < sentenceEnd; k++) {
            String v = tokens.get(k).value();
            reported |= REPORTING.contains(v);
            thirdParty |= THIRD_PARTY.contains(v);
            firstObject |= FIRST_OBJECT.contains(v);
        }
        for (int k = Math.max(sentenceStart, first - 4); k < first; k++) {
            String v = tokens.get(k).value();
            self |= SELF.contains(v) && (!v.equals("my") || k == first - 1);
        }
        boolean quoted = quoted(folded.text(), tokens.get(first).start());
        double w = weight;
        boolean intensified = false;
        for (int k = Math.max(sentenceStart, first - 2); k < first; k++) {
            intensified |= INTENSIFIERS.contains(tokens.get(k).value());
        }
        if (intensified && harm == Harm.INSULT) {
            w = Math.min(1.0, w * 1.25);
        }
        if (harm == Harm.PROFANITY || harm == Harm.INSULT) {
            if (second) {
                w = Math.min(1.0, w * (harm == Harm.PROFANITY ? 1.8 : 1.45));
            } else if (self && harm == Harm.INSULT) {
                w *= 0.4; // "I'm such an idiot"
            }
        }
        if (negated && harm != Harm.HARASSMENT) {
            w *= 0.3;
        }
        if (quoted) {
            w *= 0.5;
        }
        if (reported && (thirdParty || firstObject) || thirdParty && firstObject && harm == Harm.THREAT) {
            w *= 0.35;
        }
        return w;
    }

    private static boolean quoted(String text, int at) {
        int k = at - 1;
        while (k >= 0 && text.charAt(k) == ' ') {
            k--;
        }
        return k >= 0 && "\"'`«»".indexOf(text.charAt(k)) >= 0;
    }
}
