package dev.warden.audit;

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
}
