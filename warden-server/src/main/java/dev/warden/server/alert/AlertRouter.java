package dev.warden.server.alert;

import dev.warden.alert.AlertDraft;
import dev.warden.alert.AlertRoute;
import dev.warden.alert.AlertRouting;
import dev.warden.server.config.AlertSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Routes alerts by the configured routes: every route whose project, minimum severity and kinds
 * match adds its recipients; {@code owner} is the owner channel with the agent's owner as
 * recipient. An owner notification ({@code owner.notify}) always goes to its owner when an owner
 * channel is configured, route or not.
 */
public final class AlertRouter implements AlertRouting {
    /** The kind of the notification the {@code notify_owner} obligation raises. */
    public static final String OWNER_NOTIFY = "owner.notify";
    private final AlertSettings settings;

    /** Routes by {@code settings}. */
    public AlertRouter(AlertSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<AlertRoute> route(AlertDraft draft, Optional<String> owner) {
        Set<AlertRoute> out = new LinkedHashSet<>();
        for (AlertSettings.Route r : settings.routes()) {
            if (r.project().isPresent() && !r.project().equals(draft.project())) {
                continue;
            }
            if (draft.severity().compareTo(r.minSeverity()) < 0) {
                continue;
            }
            if (!r.kinds().isEmpty() && !r.kinds().contains(draft.kind())) {
                continue;
            }
            for (String to : r.to()) {
                if (to.equals(AlertSettings.OWNER)) {
                    toOwner(owner).ifPresent(out::add);
                } else {
                    out.add(new AlertRoute(to, Optional.empty()));
                }
            }
        }
        if (draft.kind().equals(OWNER_NOTIFY)) {
            toOwner(owner).ifPresent(out::add);
        }
        return new ArrayList<>(out);
    }

    private Optional<AlertRoute> toOwner(Optional<String> owner) {
        if (owner.isEmpty() || owner.get().isBlank()) {
            return Optional.empty(); // no agent, or one without an owner: the other recipients still get it
        }
        return settings.ownerChannel().map(c -> new AlertRoute(c, owner));
    }
}
