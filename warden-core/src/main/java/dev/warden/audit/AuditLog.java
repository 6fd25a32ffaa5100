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
}
