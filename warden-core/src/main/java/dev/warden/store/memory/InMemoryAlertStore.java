package dev.warden.store.memory;

import dev.warden.alert.Alert;
import dev.warden.alert.AlertDelivery;
import dev.warden.alert.AlertQuery;
import dev.warden.alert.AlertStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@link AlertStore} in memory (embedded use and tests); thread-safe. */
public final class InMemoryAlertStore implements AlertStore {
    private final TreeMap<String, Alert> alerts = new TreeMap<>();
    private final Map<String, AlertDelivery> deliveries = new LinkedHashMap<>();

    @Override
    public synchronized void insert(Alert alert, List<AlertDelivery> queued) {
        alerts.put(alert.id(), alert);
        queued.forEach(d -> deliveries.put(d.id(), d));
    }

    @Override
    public synchronized void update(Alert alert) {
        alerts.put(alert.id(), alert);
    }

    @Override
    public synchronized void delete(String alertId) {
        alerts.remove(alertId);
        deliveries.values().removeIf(d -> d.alertId().equals(alertId));
    }

    @Override
    public synchronized Optional<Alert> find(String id) {
        return Optional.ofNullable(alerts.get(id));
    }

    @Override
    public synchronized List<Alert> list(AlertQuery query) {
        return alerts.descendingMap().values().stream().filter(query::matches).limit(query.limit()).toList();
    }

    @Override
    public synchronized List<AlertDelivery> due(Instant now, int limit) {
        return deliveries.values().stream()
                .filter(d -> d.deliveredAt().isEmpty() && !d.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(AlertDelivery::nextAttemptAt)).limit(limit).toList();
    }

    @Override
    public synchronized Optional<Instant> nextDue() {
        return deliveries.values().stream().filter(d -> d.deliveredAt().isEmpty())
                .map(AlertDelivery::nextAttemptAt).min(Comparator.naturalOrder());
    }

    @Override
    public synchronized List<AlertDelivery> deliveries(String alertId) {
        return deliveries.values().stream().filter(d -> d.alertId().equals(alertId)).toList();
    }

    @Override
    public synchronized void delivered(String deliveryId, int attempts, Instant at) {
        deliveries.computeIfPresent(deliveryId, (k, d) -> new AlertDelivery(d.id(), d.alertId(), d.channel(), d.recipient(),
                attempts, d.nextAttemptAt(), Optional.of(at), d.lastError(), d.createdAt()));
    }

    @Override
    public synchronized void failed(String deliveryId, int attempts, Instant nextAttemptAt, String error) {
        deliveries.computeIfPresent(deliveryId, (k, d) -> new AlertDelivery(d.id(), d.alertId(), d.channel(), d.recipient(),
                attempts, nextAttemptAt, Optional.empty(), Optional.of(error), d.createdAt()));
    }
}
