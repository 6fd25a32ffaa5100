package dev.warden.alert;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stored alerts and their delivery outbox. Implementations are thread-safe; a failure is a
 * {@link dev.warden.WardenException} with {@code store_unavailable}.
 */
public interface AlertStore {
    /** Stores a new alert and its outbox entries together. */
    void insert(Alert alert, List<AlertDelivery> deliveries);

    /** Replaces a stored alert (a repeat folded in, an acknowledgement). */
    void update(Alert alert);

    /** Removes an alert and its outbox entries (takes back an insert whose audit record failed). */
    void delete(String alertId);

    /** The alert with this id. */
    Optional<Alert> find(String id);

    /** A page of alerts, newest (highest id) first. */
    List<Alert> list(AlertQuery query);

    /** Undelivered outbox entries due at {@code now}, earliest due first. */
    List<AlertDelivery> due(Instant now, int limit);

    /** When the earliest undelivered outbox entry is due, if there is one. */
    Optional<Instant> nextDue();

    /** The outbox entries of an alert, oldest first. */
    List<AlertDelivery> deliveries(String alertId);

    /** Marks an entry delivered. */
    void delivered(String deliveryId, int attempts, Instant at);

    /** Records a failed attempt and when to try again. */
    void failed(String deliveryId, int attempts, Instant nextAttemptAt, String error);
}
