package dev.warden.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resource subscriptions of agent sessions, relayed to the upstreams that own the resources.
 *
 * <p>Warden subscribes upstream once per resource, when the first session subscribes (after its
 * decision), and unsubscribes when the last one leaves or ends. An upstream's
 * {@code notifications/resources/updated} goes to the sessions subscribed to that URI; reading the
 * changed resource is an ordinary {@code resources/read}, decided again. After an upstream restarts,
 * its subscriptions are made again.
 */
final class ResourceSubscriptions {
    private static final System.Logger LOG = System.getLogger(ResourceSubscriptions.class.getName());

    /** One subscribed URI: its upstream and the sessions that want its updates. */
    private record Entry(String upstream, Set<String> sessions) {
    }

    private final Upstreams upstreams;
    private final GatewaySessions sessions;
    private final Map<String, Entry> byUri = new HashMap<>();

    ResourceSubscriptions(Upstreams upstreams, GatewaySessions sessions) {
        this.upstreams = upstreams;
        this.sessions = sessions;
    }

    /**
     * Adds a session's subscription, subscribing upstream if it is the first for that URI.
     *
     * @throws RuntimeException when the upstream refuses or cannot be reached (nothing is kept)
     */
    void subscribe(String sessionId, String uri, UpstreamSupervisor owner) {
        boolean first;
        synchronized (this) {
            Entry e = byUri.computeIfAbsent(uri, u -> new Entry(owner.name(), new HashSet<>()));
            first = e.sessions().isEmpty();
            e.sessions().add(sessionId);
        }
        if (!first) {
            return;
        }
        try {
            UpstreamLink link = owner.link().orElseThrow(() -> new IllegalStateException("upstream '" + owner.name() + "' is unavailable"));
            link.client().subscribeResource(new McpSchema.SubscribeRequest(uri)).block(owner.config().requestTimeout());
        } catch (RuntimeException e) {
            remove(sessionId, uri, false);
            throw e;
        }
    }

    /** Drops a session's subscription (a no-op when it has none). */
    void unsubscribe(String sessionId, String uri) {
        remove(sessionId, uri, true);
    }

    /** Drops every subscription of a session that ended. */
    void sessionEnded(String sessionId) {
        List<String> uris;
        synchronized (this) {
            uris = byUri.entrySet().stream().filter(e -> e.getValue().sessions().contains(sessionId))
                    .map(Map.Entry::getKey).toList();
        }
        uris.forEach(uri -> remove(sessionId, uri, true));
    }

    private void remove(String sessionId, String uri, boolean tellUpstream) {
        String lastOf;
        synchronized (this) {
            Entry e = byUri.get(uri);
            if (e == null || !e.sessions().remove(sessionId) || !e.sessions().isEmpty()) {
                return;
            }
            byUri.remove(uri);
            lastOf = e.upstream();
        }
        if (tellUpstream) {
            upstreams.link(lastOf).ifPresent(l -> l.client().unsubscribeResource(new McpSchema.UnsubscribeRequest(uri))
                    .subscribe(v -> { }, err -> LOG.log(Level.DEBUG, "unsubscribe " + uri + " at " + lastOf + ": " + err.getMessage())));
        }
    }

    /** Sends an upstream's update of a URI to the sessions subscribed to it. */
    void updated(String upstream, String uri) {
        List<String> targets;
        synchronized (this) {
            Entry e = byUri.get(uri);
            if (e == null || !e.upstream().equals(upstream)) {
                return;
            }
            targets = List.copyOf(e.sessions());
        }
        for (String id : targets) {
            sessions.find(id).filter(s -> !s.terminated()).ifPresent(s -> s.sdkSession()
                    .sendNotification(McpSchema.METHOD_NOTIFICATION_RESOURCES_UPDATED, new McpSchema.ResourcesUpdatedNotification(uri))
                    .subscribe(v -> { }, err -> LOG.log(Level.DEBUG, "update of " + uri + " to session " + id + ": " + err.getMessage())));
        }
    }

    /** Subscribes again, after an upstream (re)connected, to every URI of it that sessions still want. */
    void reconnected(UpstreamSupervisor upstream, UpstreamLink link) {
        List<String> uris;
        synchronized (this) {
            uris = byUri.entrySet().stream().filter(e -> e.getValue().upstream().equals(upstream.name()))
                    .map(Map.Entry::getKey).toList();
        }
        for (String uri : uris) {
            link.client().subscribeResource(new McpSchema.SubscribeRequest(uri)).subscribe(v -> { },
                    err -> LOG.log(Level.WARNING, "MCP upstream " + upstream.name() + ": subscribing again to " + uri
                            + " failed: " + err.getMessage()));
        }
    }

    /** The URIs a session is subscribed to (diagnostics and tests). */
    synchronized Set<String> of(String sessionId) {
        Set<String> out = new HashSet<>();
        byUri.forEach((uri, e) -> {
            if (e.sessions().contains(sessionId)) {
                out.add(uri);
            }
        });
        return out;
    }
}
