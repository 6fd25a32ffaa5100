package dev.warden.policy.cedar;

import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimLong;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.warden.agent.Agent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the principal and resource of a request (see {@link CedarPolicyEngine} for the model). */
final class CedarEntities {
    private CedarEntities() {
    }

    /** {@code Agent::"<name>"}. */
    static EntityUID agentUid(Agent agent) {
        return CedarNames.AGENT_TYPE.of(agent.name());
    }

    /** {@code Resource::"<resource>"}. */
    static EntityUID resourceUid(String resource) {
        if (resource == null) {
            throw new IllegalArgumentException("the resource is missing");
        }
        return CedarNames.RESOURCE_TYPE.of(resource);
    }

    /**
     * The principal entity with its attributes. Agents have no parents.
     *
     * @throws IllegalArgumentException if an attribute is missing (the caller must deny)
     */
    static Entity principal(Agent agent) {
        Map<String, Value> attrs = new HashMap<>(16);
        attrs.put("name", string(agent.name(), "name"));
        attrs.put("owner", string(agent.owner(), "owner"));
        attrs.put("project", string(agent.project(), "project"));
        attrs.put("environment", string(agent.environment(), "environment"));
        attrs.put("level", string(require(agent.level(), "level").wire(), "level"));
        attrs.put("level_rank", new PrimLong(agent.level().ordinal() + 1L));
        attrs.put("version", string(agent.version(), "version"));
        attrs.put("capabilities", strings(agent.capabilities()));
        return new Entity(agentUid(agent), attrs, Set.of());
    }

    private static CedarList strings(List<String> values) {
        CedarList out = new CedarList();
        for (String v : values) {
            out.add(string(v, "capabilities"));
        }
        return out;
    }

    private static PrimString string(String value, String attribute) {
        return new PrimString(require(value, attribute));
    }

    private static <T> T require(T value, String attribute) {
        if (value == null) {
            throw new IllegalArgumentException("agent attribute '" + attribute + "' is missing");
        }
        return value;
    }
}
