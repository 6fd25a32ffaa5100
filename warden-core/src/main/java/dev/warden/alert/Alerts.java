package dev.warden.alert;

/**
 * Where components raise alerts: limits crossed, breakers opened, kills, owner notifications.
 * Raising never blocks a decision for long and never throws for a delivery problem: the alert is
 * recorded and delivered apart from the caller.
 */
@FunctionalInterface
public interface Alerts {
    /** Alerts that go nowhere (an embedded Warden with no alert service). */
    Alerts NONE = draft -> { };

    /** Raises an alert. */
    void raise(AlertDraft draft);
}
