package dev.warden.scan;

import dev.warden.catalog.JsonSchema;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The checks on one tool's output (ATF D-4): its JSON Schema, its largest size and the data classes
 * it must never carry. A violation withholds the output, naming the rule.
 *
 * @param schema   the schema the output's structured content must match, if any
 * @param maxBytes the largest output (UTF-8 of its text, or of its JSON), if limited
 * @param forbid   classes whose finding (at or above the class's threshold) withholds the output,
 *                 whatever the class's action
 * @param source   where it was configured, e.g. {@code tools.yaml:tools[3].output}
 */
public record OutputRule(Optional<JsonSchema> schema, OptionalLong maxBytes, Set<DataClass> forbid, String source) {
    /** Copies the classes. */
    public OutputRule {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(maxBytes, "maxBytes");
        forbid = forbid.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(forbid));
        Objects.requireNonNull(source, "source");
    }
}
