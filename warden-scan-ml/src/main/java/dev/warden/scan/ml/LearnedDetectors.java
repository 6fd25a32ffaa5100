package dev.warden.scan.ml;

import dev.warden.scan.DataClass;
import java.util.List;

/**
 * The learned detectors of this module, built on one shared embedding model.
 *
 * <ul>
 *   <li>{@value #INJECTION_ID}: prompt injection ({@link DataClass#INJECTION});
 *   <li>{@value #TOXICITY_ID}: abusive or threatening language ({@link DataClass#TOXICITY}).
 * </ul>
 *
 * <p>Each reports from the threshold stored with its head, chosen on the {@code tune} split so that
 * at most 2% of the tune texts without that class are reported (see docs/detection.md).
 */
public final class LearnedDetectors {
    /** Id of the learned injection detector. */
    public static final String INJECTION_ID = "minilm_injection";
    /** Id of the learned toxicity detector. */
    public static final String TOXICITY_ID = "minilm_toxicity";

    private LearnedDetectors() {
    }

    /**
     * Loads the model and the shipped heads from the classpath and returns the injection and the
     * toxicity detector, in that order. Takes about a second; call once and share the detectors.
     */
    public static List<LearnedContentDetector> load() {
        return load(MiniLmEmbedder.load(), HeadFile.shipped());
    }

    /** The detectors over a loaded model with the given heads (injection, then toxicity). */
    public static List<LearnedContentDetector> load(MiniLmEmbedder embedder, HeadFile heads) {
        return List.of(
                new LearnedContentDetector(INJECTION_ID, embedder, heads.head(DataClass.INJECTION)),
                new LearnedContentDetector(TOXICITY_ID, embedder, heads.head(DataClass.TOXICITY)));
    }
}
