package dev.warden.scan.ml;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.Finding;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A learned detector for one document-level class (prompt injection or toxicity): the text is cut
 * into model windows, each window embedded with all-MiniLM-L6-v2 and scored by a logistic-regression
 * head; the text's score is the highest window's. A text scoring at least the threshold gives one
 * finding spanning the whole text with that score.
 *
 * <p>Deterministic (the same text gives the same score on the same machine) and thread-safe. Cost:
 * one model run per window of 126 word pieces (see docs/detection.md for the measured latency),
 * unlike the rule detectors' linear scans: enable it where that cost is acceptable.
 */
public final class LearnedContentDetector implements ContentDetector {
    /** Version of the detector and its shipped heads; bumped whenever the heads are retrained. */
    public static final int VERSION = 1;

    private final String id;
    private final MiniLmEmbedder embedder;
    private final LinearHead head;

    /**
     * @param id       detector id, e.g. {@code minilm_injection}
     * @param embedder the shared embedding model
     * @param head     the head scoring the class; its threshold is the reporting threshold
     */
    public LearnedContentDetector(String id, MiniLmEmbedder embedder, LinearHead head) {
        this.id = Objects.requireNonNull(id, "id");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.head = Objects.requireNonNull(head, "head");
        if (head.dimension() != MiniLmEmbedder.DIMENSION) {
            throw new IllegalArgumentException("head reads " + head.dimension() + " values, the model gives " + MiniLmEmbedder.DIMENSION);
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public Set<DataClass> classes() {
        return Set.of(head.dataClass());
    }

    /** The class this detector reports. */
    public DataClass dataClass() {
        return head.dataClass();
    }

    /** The score from which a text is reported. */
    public double threshold() {
        return head.threshold();
    }

    /** This detector with another reporting threshold (same model, same head). */
    public LearnedContentDetector withThreshold(double threshold) {
        return new LearnedContentDetector(id, embedder, head.withThreshold(threshold));
    }

    /**
     * The probability, in 0..1, that the text is of this detector's class: the highest over its
     * windows; 0 for a blank text.
     */
    public double score(String text) {
        double best = 0.0;
        for (float[] window : embedder.embedWindows(text)) {
            best = Math.max(best, head.probability(window));
        }
        return best;
    }

    @Override
    public List<Finding> scan(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        double score = score(text);
        if (score < head.threshold()) {
            return List.of();
        }
        return List.of(new Finding(head.dataClass(), id, 0, text.length(), score));
    }

    @Override
    public String toString() {
        return id + " v" + VERSION + " (threshold " + head.threshold() + ")";
    }
}
