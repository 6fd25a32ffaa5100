package dev.warden.scan.injection;

import dev.warden.scan.text.FoldedText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every signal source over a text and combines what they find. Decoded or extracted content
 * (a base64 segment, an HTML comment, tag characters) is analysed again one level deeper, so the
 * work per text is bounded by a constant number of passes over it.
 */
final class InjectionAnalysis {
    /** How deep decoded content is analysed again (the text itself is depth 0). */
    static final int MAX_DEPTH = 2;

    private final PhraseSignals phrases = new PhraseSignals();
    private final DirectiveSignals directives = new DirectiveSignals();
    private final MarkupSignals markup = new MarkupSignals();
    private final HiddenTextSignals hidden = new HiddenTextSignals(this);
    private final EncodedPayloads encoded = new EncodedPayloads(this);
    private final CjkPhrases cjk = new CjkPhrases();

    /** The signals in a text; spans in its own coordinates. */
    List<Signal> signals(String text, int depth) {
        return signals(FoldedText.of(text), depth);
    }

    /** The signals in a folded text; spans in the coordinates of its original. */
    List<Signal> signals(FoldedText folded, int depth) {
        List<Signal> out = new ArrayList<>();
        phrases.collect(folded, out);
        directives.collect(folded, out);
        markup.collect(folded, out);
        cjk.collect(folded, out);
        hidden.collect(folded, depth, out);
        if (depth < MAX_DEPTH) {
            encoded.collect(folded, depth, out);
        }
        return out;
    }

    /** The combined score of a text analysed as nested content. */
    double nestedScore(String text, int depth) {
        return combine(signals(text, depth + 1));
    }

    /**
     * The document score: the strongest signal of each family, combined as independent evidence
     * (1 minus the product of the complements), so one strong signal or several weak ones of
     * different kinds reach the threshold but repeats of one weak kind do not.
     */
    static double combine(List<Signal> signals) {
        Map<Family, Double> best = new EnumMap<>(Family.class);
        for (Signal s : signals) {
            best.merge(s.family(), s.score(), Math::max);
        }
        double miss = 1.0;
        for (double v : best.values()) {
            miss *= 1.0 - v;
        }
        return 1.0 - miss;
    }
}
