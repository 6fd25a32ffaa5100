package dev.warden.catalog;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A catalog entry: an action an agent can ask to perform.
 *
 * @param name        the tool name, e.g. {@code refund.process}; used as the Cedar action id
 * @param description what the tool does, for humans
 * @param effects     effect classes; never empty
 * @param risk        risk tier
 * @param inputSchema schema the call arguments must satisfy
 * @param impactField the argument holding the action's impact (e.g. {@code amount}), if any
 * @param compensateWith the action that undoes a completed call of this tool, if one is declared
 * @param produces    the data labels an allowed call of this tool gives its session ({@code pii},
 *                    {@code customer}, {@code untrusted}, ...): lower-case identifiers
 *                    ({@link #LABEL}); empty for a tool that declares none
 */
public record Tool(String name, String description, Set<EffectClass> effects, RiskTier risk,
                   JsonSchema inputSchema, Optional<String> impactField, Optional<Compensation> compensateWith,
                   Set<String> produces) {

    /** What a data label looks like: a lower-case identifier of at most 64 characters. */
    public static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Validates and copies. */
    public Tool {
        if (effects.isEmpty()) {
            throw new IllegalArgumentException("tool " + name + ": effects must not be empty");
        }
        effects = Set.copyOf(effects);
        if (compensateWith.isPresent() && compensateWith.get().tool().equals(name)) {
            throw new IllegalArgumentException("tool " + name + ": a tool cannot compensate itself");
        }
        produces = Set.copyOf(produces);
        for (String label : produces) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("tool " + name + ": label '" + label
                        + "' is not a lower-case identifier (a-z, then a-z, 0-9 or _; at most 64)");
            }
        }
    }

    /** A tool that produces no labels. */
    public Tool(String name, String description, Set<EffectClass> effects, RiskTier risk, JsonSchema inputSchema,
                Optional<String> impactField, Optional<Compensation> compensateWith) {
        this(name, description, effects, risk, inputSchema, impactField, compensateWith, Set.of());
    }

    /** A tool without a declared compensation. */
    public Tool(String name, String description, Set<EffectClass> effects, RiskTier risk, JsonSchema inputSchema,
                Optional<String> impactField) {
        this(name, description, effects, risk, inputSchema, impactField, Optional.empty());
    }

    /** True when the tool's only effect is {@link EffectClass#READ}. */
    public boolean readOnly() {
        return effects.equals(Set.of(EffectClass.READ));
    }
}
