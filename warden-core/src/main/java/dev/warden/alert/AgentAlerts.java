package dev.warden.alert;

import dev.warden.agent.AgentChange;
import dev.warden.agent.AgentStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Raises an alert for each agent stopped or demoted ({@link dev.warden.agent.AgentRegistry}
 * change listener): a kill is {@code agent.killed} (critical), a quarantine
 * {@code agent.quarantined} (warning), a lower level {@code agent.demoted} (warning); each with
 * who did it and why.
 */
public final class AgentAlerts implements Consumer<AgentChange> {
    private final Alerts alerts;

    /** Raises through {@code alerts}. */
    public AgentAlerts(Alerts alerts) {
        this.alerts = alerts;
    }

    @Override
    public void accept(AgentChange c) {
        String name = c.after().name();
        Map<String, Object> numbers = new LinkedHashMap<>();
        numbers.put("actor", c.actor());
        numbers.put("reason", c.reason());
        numbers.put("level", c.after().level().wire());
        numbers.put("level_before", c.before().level().wire());
        String by = " by " + c.actor() + (c.reason().isBlank() ? "" : ": " + c.reason());
        AlertSeverity severity;
        String kind;
        String summary;
        if (c.after().status() == AgentStatus.KILLED && c.before().status() != AgentStatus.KILLED) {
            severity = AlertSeverity.CRITICAL;
            kind = "agent.killed";
            summary = "agent " + name + " was killed" + by;
        } else if (c.after().status() == AgentStatus.QUARANTINED && c.before().status() != AgentStatus.QUARANTINED) {
            severity = AlertSeverity.WARNING;
            kind = "agent.quarantined";
            summary = "agent " + name + " was quarantined" + by;
        } else if (c.after().level().compareTo(c.before().level()) < 0) {
            severity = AlertSeverity.WARNING;
            kind = "agent.demoted";
            summary = "agent " + name + " was demoted from " + c.before().level().wire() + " to " + c.after().level().wire() + by;
        } else {
            return;
        }
        alerts.raise(new AlertDraft(severity, kind, Optional.of(name), Optional.of(c.after().project()), summary, numbers,
                List.of()));
    }
}
