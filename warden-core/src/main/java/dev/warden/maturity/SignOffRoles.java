package dev.warden.maturity;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may act in each {@link SignOffRole}: operator names by role, from {@code maturity:
 * sign_off_roles}. A role that is not configured has no member: nobody can sign it (fail closed).
 * Members of {@code business_owner} may also sign as {@code stakeholder}.
 *
 * @param members the operator names of each configured role
 */
public record SignOffRoles(Map<SignOffRole, List<String>> members) {
    /** Nobody in any role. */
    public static final SignOffRoles NONE = new SignOffRoles(Map.of());
    /** The configuration key roles are read from, for messages. */
    public static final String KEY = "maturity.sign_off_roles";

    /** Copies. */
    public SignOffRoles {
        Map<SignOffRole, List<String>> copy = new EnumMap<>(SignOffRole.class);
        members.forEach((role, names) -> copy.put(role, List.copyOf(names)));
        members = java.util.Collections.unmodifiableMap(copy);
    }

    /** Whether anyone is configured for the role (for stakeholder: stakeholder or business owner). */
    public boolean configured(SignOffRole role) {
        return !of(role).isEmpty()
                || (role == SignOffRole.STAKEHOLDER && !of(SignOffRole.BUSINESS_OWNER).isEmpty());
    }

    /** Whether {@code operator} may act in {@code role}. */
    public boolean mayAct(SignOffRole role, String operator) {
        return of(role).contains(operator)
                || (role == SignOffRole.STAKEHOLDER && of(SignOffRole.BUSINESS_OWNER).contains(operator));
    }

    /** The configured members of the role (empty when it is not configured). */
    public List<String> of(SignOffRole role) {
        return Optional.ofNullable(members.get(role)).orElse(List.of());
    }

    /** Who may act in the role, for a message: the names, or that it is not configured. */
    String who(SignOffRole role) {
        if (!configured(role)) {
            return "nobody can: " + KEY + "." + role.wire() + " is not configured";
        }
        List<String> names = new java.util.ArrayList<>(of(role));
        if (role == SignOffRole.STAKEHOLDER) {
            names.addAll(of(SignOffRole.BUSINESS_OWNER));
        }
        return role.wire() + ": " + String.join(", ", names);
    }
}
