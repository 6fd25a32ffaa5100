package dev.warden.grant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where grants are kept. {@link #use} and {@link #revoke} are atomic compare-and-sets, so concurrent
 * uses can never take a grant past its maximum, and a revoked grant is never used again. The
 * {@link GrantService} makes every change with its audit record.
 */
public interface GrantStore {

    /** Stores a new grant. */
    void insert(Grant grant);

    /** Removes a grant (taking back an insert whose record failed); false when there was none. */
    boolean remove(GrantId id);

    /** The grant with this id. */
    Optional<Grant> find(GrantId id);

    /** The grants of an agent, oldest first. */
    List<Grant> listOfAgent(String agent);

    /** Grants, newest first, at most {@code limit}. */
    List<Grant> list(int limit);

    /** The grants neither revoked nor expired at {@code now} (used-up ones included), oldest first. */
    List<Grant> listUnexpired(Instant now);

    /**
     * Counts one use: adds one to {@code uses} only when the grant is not revoked and, with a
     * maximum, has uses left; false (nothing changed) otherwise.
     */
    boolean use(GrantId id);

    /** Takes back one use (a use whose record failed); false when there was none to take back. */
    boolean unuse(GrantId id);

    /** Revokes an unrevoked grant; false (nothing changed) when it was revoked already or is unknown. */
    boolean revoke(GrantId id, String by, Instant at);

    /** Takes back a revocation whose record failed. */
    boolean unrevoke(GrantId id);
}
