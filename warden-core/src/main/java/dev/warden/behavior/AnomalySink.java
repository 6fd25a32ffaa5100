package dev.warden.behavior;

/**
 * Where detected anomalies go once their audit record is written: the incident service groups
 * them per agent and applies the configured responses. Called on the monitor's thread, never on
 * the decision path; must not block for long.
 */
@FunctionalInterface
public interface AnomalySink {
    /** Anomalies that go nowhere. */
    AnomalySink NONE = anomaly -> { };

    /** Takes one recorded anomaly. */
    void accept(Anomaly anomaly);
}
