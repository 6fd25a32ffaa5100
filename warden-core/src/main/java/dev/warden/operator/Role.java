package dev.warden.operator;

import java.util.Locale;

/** What an operator may do; a {@link RoleGrant} scopes it. */
public enum Role {
    /** Configuration, agents, levels, kill switches, operators. */
    ADMIN,
    /** Lists and decides approvals within a project and tool scope. */
    APPROVER,
    /** Reads everything an operator can read (audit, proofs, exports, incidents, alerts, KPIs); changes nothing. */
    AUDITOR,
    /** The agents whose {@code owner} is this operator: reads them, kills or quarantines them. */
    OWNER;

    /** Lower-case wire form. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire form; an unknown role is an {@link IllegalArgumentException} naming the valid ones. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.wire().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "' (admin, approver, auditor, owner)");
    }
}
