package dev.warden.operator;

import dev.warden.Actor;
import java.util.List;
import java.util.Objects;

/**
 * An authenticated operator of one request, with the roles its credential carries.
 *
 * @param name       the operator
 * @param roles      the roles in force for this request (an API key's are a subset of its operator's)
 * @param credential how it signed in: {@code bootstrap} (the admin token), {@code token}, or
 *                   {@code key:<id>}
 */
public record OperatorPrincipal(String name, List<RoleGrant> roles, String credential) {
    /** The bootstrap admin's name, reserved: no operator account can take it. */
    public static final String BOOTSTRAP = "admin";

    /** Copies. */
    public OperatorPrincipal {
        Objects.requireNonNull(name, "name");
        roles = List.copyOf(roles);
        Objects.requireNonNull(credential, "credential");
    }

    /** The bootstrap admin of the admin token. */
    public static OperatorPrincipal bootstrap() {
        return new OperatorPrincipal(BOOTSTRAP, List.of(RoleGrant.of(Role.ADMIN)), "bootstrap");
    }

    /** The actor its actions are recorded under: {@code operator:<name>}. */
    public Actor actor() {
        return Actor.operator(name);
    }

    /** Whether it holds the role in any scope. */
    public boolean has(Role role) {
        return roles.stream().anyMatch(g -> g.role() == role);
    }

    /** Whether it may decide approvals of {@code tool} for an agent in {@code project}: admin, or an approver whose scope covers it. */
    public boolean mayApprove(String project, String tool) {
        return has(Role.ADMIN) || roles.stream().anyMatch(g -> g.role() == Role.APPROVER && g.covers(project, tool));
    }

    /** Whether it holds the owner role and is the agent's owner. */
    public boolean owns(String agentOwner) {
        return has(Role.OWNER) && name.equals(agentOwner);
    }
}
