package dev.warden.scan.injection;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import dev.warden.scan.text.ScannedText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Finds prompt injection: text, typically inside a document, e-mail, web page or tool output, that
 * tries to steer the AI agent reading it. The text is folded first (NFKC, lower case, no accents or
 * invisible characters, look-alike letters and leetspeak mapped back) so obfuscation does not hide
 * a phrase. Signals of eleven families are found (instruction override in English and 20 other
 * languages, fake system turns and chat-template tokens, jailbreak personas and modes, text that
 * addresses the AI, prompt-leak requests, exfiltration requests and data-carrying URLs, concealment,
 * tool-call look-alikes, hidden text, encoded payloads that decode to instructions, orders about the
 * reader's own answer), plus structural evidence read from clause shape rather than wording (an AI
 * named as addressee and then given an order, tool invocations and data moved to an address, role
 * redefinition with rules lifted, secrecy towards the user), each weighed
 * down when quoted, introduced as an example, negated or in a text that discusses injection, and
 * combined per document: the strongest signal of each family, as independent evidence.
 *
 * <p>When the combined score reaches {@link #THRESHOLD}, every signal becomes an
 * {@link DataClass#INJECTION} finding over its span, all carrying the document score; below it the
 * text gives no finding. At most {@link #MAX_FINDINGS} findings are reported, the strongest signals first. Linear in the text: a bounded number of passes, decoded segments bounded in
 * number, length and nesting depth.
 */
public final class PromptInjectionDetector implements ContentDetector {
    /** The stable id. */
    public static final String ID = "prompt_injection";
    /** The document score from which a text is reported as injection. */
    public static final double THRESHOLD = 0.5;
    /** At most this many findings per text (the strongest signals), however often a phrase repeats. */
    public static final int MAX_FINDINGS = 256;
    private static final int VERSION = 2;

    private final InjectionAnalysis analysis = new InjectionAnalysis();

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
        return Set.of(DataClass.INJECTION);
    }

    @Override
    public List<Finding> scan(String text) {
        return scan(new ScannedText(text));
    }

    /** Scans a text, reading the scan's shared folding of it. */
    @Override
    public List<Finding> scan(ScannedText scanned) {
        String text = scanned.text();
        List<Signal> signals = analysis.signals(scanned.folded(), 0);
        double score = InjectionAnalysis.combine(signals);
        if (score < THRESHOLD) {
            return List.of();
        }
        double reported = Math.min(1.0, Math.round(score * 1000) / 1000.0);
        List<Finding> out = new ArrayList<>();
        signals.stream()
                .filter(s -> s.score() >= 0.1)
                .sorted(Comparator.comparingDouble(Signal::score).reversed())
                .limit(MAX_FINDINGS)
                .sorted(Comparator.comparingInt(Signal::start).thenComparingInt(Signal::end))
                .forEach(s -> {
                    int start = Math.max(0, Math.min(s.start(), text.length()));
                    int end = Math.max(start, Math.min(s.end(), text.length()));
                    Finding f = new Finding(DataClass.INJECTION, ID, start, end, reported);
                    if (!out.contains(f)) {
                        out.add(f);
                    }
                });
        return List.copyOf(out);
    }

    /** The document score of a text in 0..1 (reported as injection from {@link #THRESHOLD}). */
    public double score(String text) {
        return InjectionAnalysis.combine(analysis.signals(text, 0));
    }
}
