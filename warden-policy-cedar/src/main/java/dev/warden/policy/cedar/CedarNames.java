package dev.warden.policy.cedar;

import com.cedarpolicy.value.EntityTypeName;
import dev.warden.catalog.EffectClass;

/** The names of the entity model (see {@link CedarPolicyEngine}); one place for all of them. */
final class CedarNames {
    static final String AGENT = "Agent";
    static final String ACTION = "Action";
    static final String RESOURCE = "Resource";
    static final String EFFECT_GROUP_PREFIX = "effect:";

    static final EntityTypeName AGENT_TYPE = type(AGENT);
    static final EntityTypeName ACTION_TYPE = type(ACTION);
    static final EntityTypeName RESOURCE_TYPE = type(RESOURCE);

    private CedarNames() {
    }

    /** The id of the action group of an effect class, e.g. {@code effect:read}. */
    static String effectGroup(EffectClass effect) {
        return EFFECT_GROUP_PREFIX + effect.wire();
    }

    private static EntityTypeName type(String name) {
        return EntityTypeName.parse(name).orElseThrow(() -> new IllegalStateException("bad entity type " + name));
    }
}
