package dev.warden.alert;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the delivery outbox: an alert to hand to one channel. It is written with the alert
 * and kept until delivered, so a restart or a receiver that is down loses nothing; every attempt
 * carries the same {@link #id} and alert id, so a receiver can drop what it already has.
 *
 * @param id            {@code dlv_} and 32 hex digits
 * @param alertId       the alert
 * @param channel       the configured channel name
 * @param recipient     the owner's address, for a delivery routed to the agent's owner
 * @param attempts      attempts made so far
 * @param nextAttemptAt when the next attempt is due
 * @param deliveredAt   when the receiver accepted it (2xx), if it has
 * @param lastError     what went wrong on the last failed attempt (never a secret or a URL)
 * @param createdAt     when it was queued
 */
public record AlertDelivery(String id, String alertId, String channel, Optional<String> recipient, int attempts,
                            Instant nextAttemptAt, Optional<Instant> deliveredAt, Optional<String> lastError,
                            Instant createdAt) {
    /** Validates. */
    public AlertDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(deliveredAt, "deliveredAt");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new entry due at once. */
    public static AlertDelivery queued(String id, String alertId, AlertRoute route, Instant now) {
        return new AlertDelivery(id, alertId, route.channel(), route.recipient(), 0, now, Optional.empty(),
                Optional.empty(), now);
    }
}
