package dev.warden.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tool's compensating action, declared in the catalog ({@code compensate_with}): the tool that
 * undoes a completed call, and where each of its arguments comes from.
 *
 * @param tool the compensating tool's name
 * @param args for each argument of the compensating tool, its source
 */
public record Compensation(String tool, Map<String, Source> args) {

    /** Copies the mapping, keeping its order. */
    public Compensation {
        Objects.requireNonNull(tool, "tool");
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    }

    /** Where one argument of the compensating call comes from. */
    public sealed interface Source {
    }

    /** The value of the original call's argument {@code name}. */
    public record FromArgument(String name) implements Source {
    }

    /** A fixed value (a plain Java JSON value). */
    public record Constant(Object value) implements Source {
    }

    /**
     * The compensating call's arguments for an original call's arguments. An argument whose source
     * argument the original call did not carry is left out (the compensating tool's schema then
     * decides whether the call is complete).
     */
    public Map<String, Object> argumentsFor(Map<String, Object> original) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Source> e : args.entrySet()) {
            switch (e.getValue()) {
                case FromArgument from -> {
                    if (original.containsKey(from.name())) {
                        out.put(e.getKey(), original.get(from.name()));
                    }
                }
                case Constant c -> out.put(e.getKey(), c.value());
            }
        }
        return out;
    }
}
