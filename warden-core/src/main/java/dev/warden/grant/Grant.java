package dev.warden.grant;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A scoped, time-boxed pre-approval: an approver's permission for the calls of one agent that match
 * it to be allowed where they would need a human approval. It covers one tool, or a tool group by a
 * name prefix ending in {@code *} ({@code refund.*}); optionally one resource and one session
 * exactly; optionally only arguments that satisfy every {@link ArgCondition}; at most
 * {@code maxUses} calls when set; and only until {@code expiresAt}, unless revoked first.
 *
 * @param id         {@code grt_...}
 * @param agent      the agent's name
 * @param tool       a tool name or a prefix pattern ending in {@code *}
 * @param resource   the one resource it covers, or empty for any
 * @param session    the one session it covers, or empty for any
 * @param conditions constraints every covered call's arguments satisfy (all of them)
 * @param maxUses    how many calls it may allow, or empty for any number until it expires
 * @param uses       how many calls it has allowed so far
 * @param createdBy  who granted it ({@code operator:<name>})
 * @param createdAt  when
 * @param expiresAt  when it stops applying (exclusive)
 * @param revokedAt  when it was revoked, if it was
 * @param revokedBy  who revoked it, if anybody did
 * @param reason     why it was granted
 */
public record Grant(GrantId id, String agent, String tool, Optional<String> resource, Optional<String> session,
                    List<ArgCondition> conditions, OptionalLong maxUses, long uses, String createdBy,
                    Instant createdAt, Instant expiresAt, Optional<Instant> revokedAt, Optional<String> revokedBy,
                    String reason) {
    /** Checks and copies. */
    public Grant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(session, "session");
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(maxUses, "maxUses");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(revokedBy, "revokedBy");
        Objects.requireNonNull(reason, "reason");
        if (uses < 0) {
            throw new IllegalArgumentException("uses must not be negative");
        }
    }

    /** Whether a tool name falls under this grant's tool (exactly, or by its prefix pattern). */
    public boolean coversTool(String name) {
        return tool.endsWith("*") ? name.startsWith(tool.substring(0, tool.length() - 1)) : tool.equals(name);
    }

    /** Where the grant stands at {@code now}: revoked first, then used up, then expired. */
    public GrantState stateAt(Instant now) {
        if (revokedAt.isPresent()) {
            return GrantState.REVOKED;
        }
        if (maxUses.isPresent() && uses >= maxUses.getAsLong()) {
            return GrantState.USED_UP;
        }
        return now.isBefore(expiresAt) ? GrantState.ACTIVE : GrantState.EXPIRED;
    }

    /** Whether the grant applies to a call at {@code now}: every part of its scope must match, and it must be active. */
    public GrantMatch match(GrantCall call, Instant now) {
        if (!agent.equals(call.agent())) {
            return new GrantMatch.Skipped("agent");
        }
        if (!coversTool(call.tool())) {
            return new GrantMatch.Skipped("tool");
        }
        if (resource.isPresent() && !resource.get().equals(call.resource())) {
            return new GrantMatch.Skipped("resource");
        }
        if (session.isPresent() && !session.get().equals(call.session())) {
            return new GrantMatch.Skipped("session");
        }
        GrantState state = stateAt(now);
        if (state != GrantState.ACTIVE) {
            return new GrantMatch.Skipped(state.wire());
        }
        for (ArgCondition c : conditions) {
            if (!c.test(call.args())) {
                return new GrantMatch.Skipped("condition " + c);
            }
        }
        return new GrantMatch.Applies(this);
    }

    /** The grant with one more use. */
    Grant used() {
        return new Grant(id, agent, tool, resource, session, conditions, maxUses, uses + 1, createdBy, createdAt,
                expiresAt, revokedAt, revokedBy, reason);
    }

    /** The grant with one use fewer (a use whose record failed). */
    Grant unused() {
        return new Grant(id, agent, tool, resource, session, conditions, maxUses, Math.max(0, uses - 1), createdBy,
                createdAt, expiresAt, revokedAt, revokedBy, reason);
    }

    /** The wire form, as the HTTP API and the audit records carry it, with the state at {@code now}. */
    public Map<String, Object> wire(Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id.value());
        m.put("agent", agent);
        m.put("tool", tool);
        resource.ifPresent(r -> m.put("resource", r));
        session.ifPresent(s -> m.put("session", s));
        m.put("when", conditions.stream().map(ArgCondition::wire).toList());
        if (maxUses.isPresent()) {
            m.put("max_uses", maxUses.getAsLong());
        }
        m.put("uses", uses);
        m.put("state", stateAt(now).wire());
        m.put("created_by", createdBy);
        m.put("created_at", createdAt.toString());
        m.put("expires_at", expiresAt.toString());
        revokedAt.ifPresent(t -> m.put("revoked_at", t.toString()));
        revokedBy.ifPresent(b -> m.put("revoked_by", b));
        m.put("reason", reason);
        return m;
    }
}
