package dev.warden.maturity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where promotion evidence ({@link EvidenceItem}) is kept. {@link PromotionEvidence} makes every
 * change with its audit record; {@link #withdraw} is an atomic compare-and-set.
 */
public interface EvidenceStore {
    /** Stores a new item. */
    void insert(EvidenceItem item);

    /** Removes an item (takes back an insert whose record failed); false when there was none. */
    boolean remove(String id);

    /** The item with this id. */
    Optional<EvidenceItem> find(String id);

    /** The items of an agent, oldest first. */
    List<EvidenceItem> listOfAgent(String agent);

    /** Withdraws an item not withdrawn yet; false (nothing changed) when it was withdrawn already or is unknown. */
    boolean withdraw(String id, String by, Instant at, String reason);

    /** Takes back a withdrawal whose record failed. */
    boolean unwithdraw(String id);
}
