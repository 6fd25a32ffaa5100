package dev.warden.incident;

import java.util.Locale;

/** An automatic response to an anomaly; the wire form is lower case ({@code require_approval}). */
public enum ResponseAction {
    /** Raise an alert (the incident's opening always raises one). */
    ALERT,
    /** Cut the agent's call rate to its baseline (times the throttle factor); over it calls are denied {@code throttled}. */
    THROTTLE,
    /** Re-verification: calls of the agent to the tool need a human approval until an operator lifts it. */
    REQUIRE_APPROVAL,
    /** Revoke the agent's tokens (and so its MCP sessions) without stopping it: it must get a new token. */
    REVOKE_SESSIONS,
    /** Quarantine the agent: every call is denied until an operator restores it. */
    QUARANTINE,
    /** Demote the agent one maturity level (graceful degradation). */
    DEMOTE,
    /** Demote the agent to Intern (the maturity model's answer to a critical incident). */
    DEMOTE_TO_INTERN,
    /** Kill the agent: every call denied, every token revoked. */
    KILL;

    /** The wire form, e.g. {@code revoke_sessions}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether an operator can undo it (revoked tokens stay revoked; a raised alert stays raised). */
    public boolean undoable() {
        return this != ALERT && this != REVOKE_SESSIONS;
    }

    /**
     * Parses the wire form.
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static ResponseAction parse(String wire) {
        for (ResponseAction a : values()) {
            if (a.wire().equals(wire)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown response '" + wire + "': expected one of alert, throttle,"
                + " require_approval, revoke_sessions, quarantine, demote, demote_to_intern, kill");
    }
}
