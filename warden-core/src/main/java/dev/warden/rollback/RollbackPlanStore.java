package dev.warden.rollback;

import java.util.Optional;

/**
 * Persistence SPI of rollback plans. Implementations MUST be thread-safe, MUST make
 * {@link #markRun} and {@link #claim} atomic compare-and-set operations, and MUST surface store
 * failures as {@link dev.warden.WardenException} with {@code store_unavailable}.
 */
public interface RollbackPlanStore {

    /** Stores a new plan. */
    void create(RollbackPlan plan);

    /** Removes a plan whose creation could not be recorded (the undo of {@link #create}). */
    void delete(String planId);

    /** The plan with its items' current results. */
    Optional<RollbackPlan> find(String planId);

    /**
     * Marks the plan run by {@code by}.
     *
     * @return false when it was already run (or does not exist): nothing changed
     */
    boolean markRun(String planId, String by);

    /** Takes back {@link #markRun} whose record could not be stored. */
    void unmarkRun(String planId);

    /**
     * Moves an item from {@code pending} to {@code running}, unless an item of any plan for the
     * same original decision {@linkplain ItemState#holdsAction holds the action}.
     *
     * @return false when the item was not pending or another item holds the action: nothing changed
     */
    boolean claim(String planId, String decisionId);

    /** Stores an item's result. */
    void finish(String planId, String decisionId, ItemResult result);
}
