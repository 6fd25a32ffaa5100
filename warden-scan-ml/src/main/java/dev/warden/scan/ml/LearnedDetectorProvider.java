package dev.warden.scan.ml;

import dev.warden.scan.ContentDetector;
import dev.warden.scan.DataClass;
import dev.warden.scan.OptionalDetectors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Offers this module's detectors ({@value LearnedDetectors#INJECTION_ID},
 * {@value LearnedDetectors#TOXICITY_ID}) to Warden as {@link OptionalDetectors}, found through
 * {@link java.util.ServiceLoader}. Creating it loads nothing: the model and heads are loaded on the
 * first {@link #load}, once for both detectors.
 */
public final class LearnedDetectorProvider implements OptionalDetectors {
    private static final Map<String, Set<DataClass>> OFFERED = offeredIds();

    private List<LearnedContentDetector> loaded;

    /** The provider; cheap. */
    public LearnedDetectorProvider() {
    }

    private static Map<String, Set<DataClass>> offeredIds() {
        Map<String, Set<DataClass>> m = new LinkedHashMap<>();
        m.put(LearnedDetectors.INJECTION_ID, Set.of(DataClass.INJECTION));
        m.put(LearnedDetectors.TOXICITY_ID, Set.of(DataClass.TOXICITY));
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public Map<String, Set<DataClass>> offered() {
        return OFFERED;
    }

    @Override
    public ContentDetector load(String id) {
        if (!OFFERED.containsKey(id)) {
            throw new IllegalArgumentException("warden-scan-ml has no detector '" + id + "'");
        }
        List<LearnedContentDetector> all;
        synchronized (this) {
            if (loaded == null) {
                loaded = LearnedDetectors.load();
            }
            all = loaded;
        }
        return all.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }
}
