package dev.warden.operator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stored operators and their credentials. Implementations are thread-safe; a failure is a
 * {@link dev.warden.WardenException} with {@code store_unavailable}.
 */
public interface OperatorStore {
    /**
     * Stores a new operator.
     *
     * @return false when an operator of that name exists (nothing was stored)
     */
    boolean insert(Operator operator);

    /** Replaces a stored operator (roles, disabled); false when there is none of that name. */
    boolean update(Operator operator);

    /** Removes an operator (takes back an insert whose audit record failed). */
    void delete(String name);

    /** The operator of this name. */
    Optional<Operator> find(String name);

    /** Every operator, by name. */
    List<Operator> list();

    /** Stores a new credential. */
    void insertCredential(OperatorCredential credential);

    /** Removes a credential (takes back an insert whose audit record failed). */
    void deleteCredential(String id);

    /** The credential whose secret has this hex SHA-256. */
    Optional<OperatorCredential> findCredential(String hash);

    /** The credentials of one operator of one kind, oldest first. */
    List<OperatorCredential> credentialsOf(String operator, OperatorCredential.Kind kind);

    /**
     * Marks a credential revoked at {@code at} if it is not yet.
     *
     * @return true if this call revoked it
     */
    boolean revokeCredential(String id, Instant at);

    /** Clears a revocation (takes back a revocation whose audit record failed). */
    void unrevokeCredential(String id);

    /** Removes tokens that expired before {@code now}; how many. */
    int purgeExpiredTokens(Instant now);
}
