package dev.warden.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resource subscriptions of agent sessions, relayed to the upstreams that own the resources.
 *
 * <p>Warden subscribes upstream once per resource, when the first session subscribes (after its
 * decision), and unsubscribes when the last one leaves or ends. An upstream's
 * {@code notifications/resources/updated} goes to the sessions subscribed to that URI; reading the
 * changed resource is an ordinary {@code resources/read}, decided again. After an upstream restarts,
 * its subscriptions are made again.
 *
 * <p>A session that subscribes while the first subscription to the same URI is still on its way
 * upstream waits for that answer and shares it: if the upstream refuses, every session that joined
 * in the meantime is refused too, and none is left believing it will get updates.
 */
final class ResourceSubscriptions {
    private static final System.Logger LOG = System.getLogger(ResourceSubscriptions.class.getName());

    /** How subscriptions reach an upstream (its SDK client; tests script it). */
    interface Relay {
        /**
         * Subscribes upstream and waits for the answer.
         *
         * @throws RuntimeException when the upstream refuses or cannot be reached
         */
        void subscribe(String upstream, String uri, Duration timeout);

        /** Unsubscribes upstream without waiting (best effort). */
        void unsubscribe(String upstream, String uri);
    }

    /** One subscribed URI: its upstream, the sessions that want its updates, and the upstream's answer. */
    private static final class Entry {
        final String upstream;
        final Set<String> sessions = new HashSet<>();
        final CompletableFuture<Void> upstreamAnswer = new CompletableFuture<>();

        Entry(String upstream) {
            this.upstream = upstream;
        }
    }

    private final Relay relay;
    private final GatewaySessions sessions;
    private final Map<String, Entry> byUri = new HashMap<>();

    ResourceSubscriptions(Upstreams upstreams, GatewaySessions sessions) {
        this(sdkRelay(upstreams), sessions);
    }

    ResourceSubscriptions(Relay relay, GatewaySessions sessions) {
        this.relay = relay;
        this.sessions = sessions;
    }

    private static Relay sdkRelay(Upstreams upstreams) {
        return new Relay() {
            @Override
            public void subscribe(String upstream, String uri, Duration timeout) {
                UpstreamLink link = upstreams.link(upstream)
                        .orElseThrow(() -> new IllegalStateException("upstream '" + upstream + "' is unavailable"));
                link.client().subscribeResource(new McpSchema.SubscribeRequest(uri)).block(timeout);
            }

            @Override
            public void unsubscribe(String upstream, String uri) {
                upstreams.link(upstream).ifPresent(l -> l.client().unsubscribeResource(new McpSchema.UnsubscribeRequest(uri))
                        .subscribe(v -> { }, err -> LOG.log(Level.DEBUG, "unsubscribe " + uri + " at " + upstream + ": " + err.getMessage())));
            }
        };
    }

    /**
     * Adds a session's subscription, subscribing upstream if it is the first for that URI, or
     * waiting for the first one's answer if that is still under way.
     *
     * @param timeout the longest wait for the upstream's answer
     * @throws RuntimeException when the upstream refuses or cannot be reached (nothing is kept)
     */
    void subscribe(String sessionId, String uri, String upstream, Duration timeout) {
        Entry e;
        boolean first;
        synchronized (this) {
            e = byUri.get(uri);
            first = e == null;
            if (first) {
                e = new Entry(upstream);
                byUri.put(uri, e);
            }
            e.sessions.add(sessionId);
        }
        if (first) {
            try {
                relay.subscribe(upstream, uri, timeout);
            } catch (RuntimeException refused) {
                synchronized (this) {
                    byUri.remove(uri, e); // everyone who joined meanwhile is refused with it
                }
                e.upstreamAnswer.completeExceptionally(refused);
                throw refused;
            }
            e.upstreamAnswer.complete(null);
            return;
        }
        try {
            e.upstreamAnswer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException refused) {
            throw refused.getCause() instanceof RuntimeException r ? r : new IllegalStateException(refused.getCause());
        } catch (TimeoutException slow) {
            remove(sessionId, uri, false);
            throw new IllegalStateException("no answer from upstream '" + upstream + "' within " + timeout.toSeconds() + " s");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            remove(sessionId, uri, false);
            throw new IllegalStateException("interrupted while subscribing to " + uri);
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
            uris = byUri.entrySet().stream().filter(e -> e.getValue().sessions.contains(sessionId))
                    .map(Map.Entry::getKey).toList();
        }
        uris.forEach(uri -> remove(sessionId, uri, true));
    }

    private void remove(String sessionId, String uri, boolean tellUpstream) {
        String lastOf;
        synchronized (this) {
            Entry e = byUri.get(uri);
            if (e == null || !e.sessions.remove(sessionId) || !e.sessions.isEmpty()) {
                return;
            }
            byUri.remove(uri);
            lastOf = e.upstream;
        }
        if (tellUpstream) {
            relay.unsubscribe(lastOf, uri);
        }
    }

    /** Sends an upstream's update of a URI to the sessions subscribed to it. */
    void updated(String upstream, String uri) {
        List<String> targets;
        synchronized (this) {
            Entry e = byUri.get(uri);
            if (e == null || !e.upstream.equals(upstream)) {
                return;
            }
            targets = List.copyOf(e.sessions);
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
            uris = byUri.entrySet().stream().filter(e -> e.getValue().upstream.equals(upstream.name()))
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
            if (e.sessions.contains(sessionId)) {
                out.add(uri);
            }
        });
        return out;
    }
}
