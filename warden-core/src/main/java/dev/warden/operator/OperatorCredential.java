package dev.warden.operator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A bearer credential of an operator, stored by the SHA-256 of its secret (never the secret): an
 * operator token from a sign-in, or an API key.
 *
 * @param id        public id (names the key in listings, revocation and the audit trail)
 * @param operator  whose credential it is
 * @param kind      token or API key
 * @param hash      hex SHA-256 of the secret
 * @param roles     an API key's roles, a subset of its operator's; empty for a token (all of the operator's)
 * @param createdAt when it was issued
 * @param expiresAt when it stops working, if it does
 * @param revokedAt when it was revoked, if it was
 */
public record OperatorCredential(String id, String operator, Kind kind, String hash, List<RoleGrant> roles,
                                 Instant createdAt, Optional<Instant> expiresAt, Optional<Instant> revokedAt) {

    /** What a credential is. */
    public enum Kind {
        /** A short-lived operator token from {@code POST /v1/login}. */
        TOKEN,
        /** An API key for automation. */
        KEY;

        /** Lower-case wire form. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Checks and copies. */
    public OperatorCredential {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hash, "hash");
        roles = List.copyOf(roles);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    /** Whether it works at {@code now}: not revoked and not expired. */
    public boolean validAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }

    /** Never shows the hash. */
    @Override
    public String toString() {
        return "OperatorCredential[" + id + ", " + operator + ", " + kind.wire() + "]";
    }
}
