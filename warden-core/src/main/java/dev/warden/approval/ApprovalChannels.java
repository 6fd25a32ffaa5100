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
 * Channels an approval request goes to besides those the alert routes give it: the channels of the
 * approver groups its policies name ({@code @approvers}, {@link ApproverGroups#notifyChannels}).
 * {@link #adding} folds them into the alert routing.
 */
@FunctionalInterface
public interface ApprovalChannels {
    /** No extra channels: the alert routes alone decide. */
    ApprovalChannels NONE = (project, action, groups) -> List.of();

    /**
     * The channel names that should also receive an approval request.
     *
     * @param project the agent's project, when known
     * @param action  the tool the approval is for
     * @param groups  the approver groups the approval names (empty when its policies name none)
     */
    List<String> channels(Optional<String> project, String action, List<String> groups);

    /** The notify channels of the groups an approval names. */
    static ApprovalChannels ofGroups(ApproverGroups groups) {
        Objects.requireNonNull(groups, "groups");
        return (project, action, named) -> named.stream().flatMap(g -> groups.notifyChannels(g).stream()).distinct().toList();
    }

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
            List<String> groups = draft.numbers().get("approver_groups") instanceof List<?> l
                    ? l.stream().map(String::valueOf).toList() : List.of();
            for (String channel : extra.channels(draft.project(), action, groups)) {
                out.add(new AlertRoute(channel, Optional.empty()));
            }
            return new ArrayList<>(out);
        };
    }
}
