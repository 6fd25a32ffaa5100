package dev.warden.audit;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The append side of the audit trail: the one choke point every decision and event passes.
 */
public interface AuditLog {

    /**
     * Queues an event. The future completes once the record is durable, or exceptionally with a
     * {@link dev.warden.WardenException} ({@code store_unavailable}) if it could not be stored.
     */
    CompletableFuture<AuditReceipt> append(AuditEvent event);

    /**
     * Appends and waits until the record is durable.
     *
     * @throws dev.warden.WardenException with {@code store_unavailable} if the record could not be
     *                                    stored in time
     */
    AuditReceipt appendDurably(AuditEvent event);

    /**
     * Queues an event nobody waits for, such as the outcome of a call already answered: it is
     * written with the next batch of {@link #append} or {@link #appendDurably} events, or on its
     * own after a short flush interval when none come, so it costs no commit of its own under load.
     * The future completes as for {@link #append}. The default writes it like {@link #append}.
     */
    default CompletableFuture<AuditReceipt> appendDeferred(AuditEvent event) {
        return append(event);
    }

    /**
     * Makes a change and appends its record as one: the change is in force only once the record
     * is durable, and when the record cannot be stored the change is not in force either (see
     * {@link AuditedChange}). Every state change Warden audits goes through here.
     *
     * <p>The default applies the change, appends the record with {@link #appendDurably(AuditEvent)}
     * and reverts the change if that fails; {@link GroupCommitAuditLog} applies it inside the
     * record's batch instead, one change at a time.
     *
     * @return the receipt, or empty when the change no longer applied: nothing was changed and
     *         nothing written
     * @throws dev.warden.WardenException with {@code store_unavailable} if the record could not be
     *                                    stored; the change is then not in force
     */
    default Optional<AuditReceipt> appendDurably(AuditEvent event, AuditedChange change) {
        if (!change.apply()) {
            return Optional.empty();
        }
        try {
            return Optional.of(appendDurably(event));
        } catch (RuntimeException e) {
            try {
                change.revert();
            } catch (RuntimeException revertFailed) {
                e.addSuppressed(revertFailed);
            }
            throw e;
        }
    }
}
