package dev.warden.operator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named human who runs Warden.
 *
 * @param name         unique name (an agent's {@code owner} names its owner this way)
 * @param roles        what the operator may do
 * @param passwordHash the encoded password hash ({@link PasswordHasher}); empty for an operator
 *                     who signs in with API keys only
 * @param disabled     a disabled operator cannot sign in, and its tokens and keys stop working
 * @param createdAt    when the operator was created
 * @param changedAt    when the operator was last changed
 */
public record Operator(String name, List<RoleGrant> roles, Optional<String> passwordHash, boolean disabled,
                       Instant createdAt, Instant changedAt) {
    /** Operator names: letters, digits and {@code . _ @ + -}, up to 128 characters (e-mail addresses fit). */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._@+\\-]{0,127}";

    /** Checks and copies. */
    public Operator {
        Objects.requireNonNull(name, "name");
        roles = List.copyOf(roles);
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(changedAt, "changedAt");
    }

    /** The same operator with other roles. */
    public Operator withRoles(List<RoleGrant> newRoles, Instant at) {
        return new Operator(name, newRoles, passwordHash, disabled, createdAt, at);
    }

    /** The same operator, disabled. */
    public Operator disabledAt(Instant at) {
        return new Operator(name, roles, passwordHash, true, createdAt, at);
    }

    /** Never shows the password hash. */
    @Override
    public String toString() {
        return "Operator[" + name + ", " + roles + (disabled ? ", disabled" : "") + "]";
    }
}
