package dev.warden.server.console;

import dev.warden.operator.OperatorPrincipal;
import dev.warden.operator.Role;

/**
 * A console request's signed-in operator, with its roles as the operator store has them now.
 *
 * @param session   the browser's session
 * @param principal the operator and its roles
 * @param chrome    the frame of the pages this request renders
 */
public record SignedIn(ConsoleSession session, OperatorPrincipal principal, Chrome chrome) {
    /** The operator's name. */
    public String name() {
        return principal.name();
    }

    /** Whether the operator holds the role in any scope. */
    public boolean has(Role role) {
        return principal.has(role);
    }

    /** Whether the operator is an admin. */
    public boolean admin() {
        return principal.has(Role.ADMIN);
    }
}
