package dev.warden.approval;

import dev.warden.alert.AlertRoute;
import dev.warden.alert.AlertRouting;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Channels an approval request goes to besides those the alert routes give it: the channels of
 * the approvers of a project and tool (approver groups). {@link #adding} folds them into the
 * alert routing.
 */
@FunctionalInterface
public interface ApprovalChannels {
    /** No extra channels: the alert routes alone decide. */
    ApprovalChannels NONE = (project, action) -> List.of();

    /**
     * The channel names that should also receive an approval request.
     *
     * @param project the agent's project, when known
     * @param action  the tool the approval is for
     */
    List<String> channels(Optional<String> project, String action);

    /**
     * A routing that sends {@value ApprovalAlerts#REQUESTED} alerts to {@code extra}'s channels as
     * well as where {@code base} sends them (each channel once); other alerts as {@code base} does.
     */
    static AlertRouting adding(AlertRouting base, ApprovalChannels extra) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(extra, "extra");
        return (draft, owner) -> {
            List<AlertRoute> routes = base.route(draft, owner);
            if (!ApprovalAlerts.REQUESTED.equals(draft.kind()) || !(draft.numbers().get("action") instanceof String action)) {
                return routes;
            }
            Set<AlertRoute> out = new LinkedHashSet<>(routes);
            for (String channel : extra.channels(draft.project(), action)) {
                out.add(new AlertRoute(channel, Optional.empty()));
            }
            return new ArrayList<>(out);
        };
    }
}
