package dev.warden.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Detectors that are not part of {@link ContentDetectors#defaults()} and run only for the projects
 * and levels whose configuration names them (the {@code detectors:} key of the {@code data:}
 * section), such as the learned detectors of the {@code warden-scan-ml} module, which cost a model
 * load and milliseconds of CPU per text.
 *
 * <p>A module offers them as a {@link ServiceLoader} provider of this interface (a
 * {@code META-INF/services/dev.warden.scan.OptionalDetectors} entry), so Warden's core does not depend
 * on it. Creating a provider and asking for {@link #offered()} must be cheap: nothing heavy is loaded
 * until {@link #load} is called for an id some configuration enables.
 */
public interface OptionalDetectors {

    /** The ids offered, each with the classes its detector reports; loads nothing. */
    Map<String, Set<DataClass>> offered();

    /**
     * The detector with this id, loaded on the first call (this may take seconds) and the same
     * instance afterwards; thread-safe.
     *
     * @throws IllegalArgumentException for an id not {@link #offered()}
     * @throws RuntimeException         when the detector cannot be loaded
     */
    ContentDetector load(String id);

    /** No optional detectors. */
    static OptionalDetectors none() {
        return of(List.of());
    }

    /**
     * The providers on the class path ({@link ServiceLoader}), as one; the first provider offering an
     * id serves it.
     */
    static OptionalDetectors installed() {
        List<OptionalDetectors> found = new ArrayList<>();
        ServiceLoader.load(OptionalDetectors.class, OptionalDetectors.class.getClassLoader()).forEach(found::add);
        return of(found);
    }

    /** These providers as one; the first offering an id serves it. */
    static OptionalDetectors of(List<OptionalDetectors> providers) {
        List<OptionalDetectors> all = List.copyOf(providers);
        Map<String, OptionalDetectors> byId = new LinkedHashMap<>();
        Map<String, Set<DataClass>> offered = new LinkedHashMap<>();
        for (OptionalDetectors p : all) {
            p.offered().forEach((id, classes) -> {
                if (!byId.containsKey(id)) {
                    byId.put(id, p);
                    offered.put(id, Set.copyOf(classes));
                }
            });
        }
        Map<String, Set<DataClass>> view = java.util.Collections.unmodifiableMap(offered);
        return new OptionalDetectors() {
            @Override
            public Map<String, Set<DataClass>> offered() {
                return view;
            }

            @Override
            public ContentDetector load(String id) {
                OptionalDetectors p = byId.get(id);
                if (p == null) {
                    throw new IllegalArgumentException("no installed optional detector has id '" + id + "'"
                            + (byId.isEmpty() ? " (none is installed)" : " (installed: " + String.join(", ", byId.keySet()) + ")"));
                }
                return p.load(id);
            }
        };
    }
}
