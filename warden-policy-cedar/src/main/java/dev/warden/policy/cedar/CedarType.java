package dev.warden.policy.cedar;

import java.util.Map;

/**
 * The Cedar type of an argument attribute, derived from a tool's JSON Schema. It drives both the
 * generated Cedar schema and the conversion of call arguments, so the two always agree.
 */
sealed interface CedarType {

    /** Cedar {@code Long}: JSON Schema {@code integer}. */
    record LongType() implements CedarType {
    }

    /** Cedar {@code decimal} extension type: JSON Schema {@code number}. */
    record DecimalType() implements CedarType {
    }

    /** Cedar {@code String}. */
    record StringType() implements CedarType {
    }

    /** Cedar {@code Bool}. */
    record BoolType() implements CedarType {
    }

    /** Cedar {@code Set} of one element type: JSON Schema {@code array} with typed {@code items}. */
    record SetType(CedarType element) implements CedarType {
    }

    /**
     * Cedar {@code Record}: JSON Schema {@code object}. Only the attributes listed are visible to
     * policies; others in a value are dropped.
     */
    record RecordType(Map<String, Attribute> attributes) implements CedarType {
        /** Copies the map (keeping its order). */
        public RecordType {
            attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        }
    }

    /**
     * One record attribute.
     *
     * @param type     its type
     * @param required whether every value has it (JSON Schema {@code required} and not nullable)
     */
    record Attribute(CedarType type, boolean required) {
    }
}
