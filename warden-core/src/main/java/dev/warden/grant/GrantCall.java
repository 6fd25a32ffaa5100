package dev.warden.grant;

import java.util.Map;
import java.util.Objects;

/**
 * What a grant is matched against: one call of an agent.
 *
 * @param agent    the agent's name
 * @param tool     the tool called
 * @param resource the resource acted on (the tool name when the call named none)
 * @param session  the session the call belongs to
 * @param args     the call's arguments
 */
public record GrantCall(String agent, String tool, String resource, String session, Map<String, Object> args) {
    /** Checks the parts are present. */
    public GrantCall {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(args, "args");
    }
}
