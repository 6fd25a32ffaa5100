package dev.warden.alert;

import java.util.Objects;
import java.util.Optional;

/**
 * Where one copy of an alert goes.
 *
 * @param channel   the configured channel that carries it
 * @param recipient the owner's address when the copy is for the agent's owner (in the payload,
 *                  so a relay behind the channel can reach them)
 */
public record AlertRoute(String channel, Optional<String> recipient) {
    /** Validates. */
    public AlertRoute {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(recipient, "recipient");
    }

    /** The routing entry recorded on the alert: the channel, or {@code channel:address}. */
    public String describe() {
        return recipient.map(r -> channel + ":" + r).orElse(channel);
    }
}
