package dev.warden.alert;

import java.util.List;
import java.util.Optional;

/** Decides who receives an alert (the server's {@code alerts.routes} configuration). */
@FunctionalInterface
public interface AlertRouting {
    /** Routes nothing: alerts are recorded and listed, not sent. */
    AlertRouting NONE = (draft, owner) -> List.of();

    /**
     * The copies to send for a new alert, without duplicates.
     *
     * @param draft the alert as raised (its project filled in from the agent when it had none)
     * @param owner the agent's owner, when the alert concerns a known agent
     */
    List<AlertRoute> route(AlertDraft draft, Optional<String> owner);
}
