package dev.warden.catalog;

import java.util.Optional;
import java.util.Set;

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
 */
public record Tool(String name, String description, Set<EffectClass> effects, RiskTier risk,
                   JsonSchema inputSchema, Optional<String> impactField, Optional<Compensation> compensateWith) {

    /** Validates and copies. */
    public Tool {
        if (effects.isEmpty()) {
            throw new IllegalArgumentException("tool " + name + ": effects must not be empty");
        }
        effects = Set.copyOf(effects);
        if (compensateWith.isPresent() && compensateWith.get().tool().equals(name)) {
            throw new IllegalArgumentException("tool " + name + ": a tool cannot compensate itself");
        }
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
