package dev.warden.mcp;

import dev.warden.Warden;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Resources and prompts of the upstreams, passed through.
 *
 * <ul>
 *   <li>{@code resources/list} and {@code resources/templates/list} merge the upstreams whose
 *       resources the agent could ever read; URIs are passed unchanged and mapped back to their
 *       upstream (by the URIs listed, then by the template prefixes; on a clash the first upstream
 *       in the configuration wins).</li>
 *   <li>{@code resources/read} is decided as the read action {@code <prefix>.resources.read} with
 *       the URI as resource and {@code {"uri": ...}} as arguments, held for approval like a tool
 *       call, and its outcome recorded.</li>
 *   <li>{@code resources/subscribe} is decided the same way (the updates tell the agent about the
 *       resource) and then relayed by {@link ResourceSubscriptions}; {@code resources/unsubscribe}
 *       is not decided.</li>
 *   <li>{@code prompts/list} merges the prompts of the upstreams whose prompts the agent could ever
 *       get, with names prefixed {@code <prefix>.<name>}; {@code prompts/get} is decided as the read
 *       action {@code <prefix>.prompts.get} with the prefixed prompt name as resource and
 *       {@code {"name": ..., "arguments": {...}}} as arguments (a prompt is content the server
 *       produces and can embed its resources), held for approval like a tool call, and its outcome
 *       recorded.</li>
 * </ul>
 */
final class Passthrough {
    private final Warden warden;
    private final OutputHook hook;
    private final Upstreams upstreams;
    private final Visibility visibility;
    private final GovernedCall governed;
    private final GatewaySessions sessions;
    private final ResourceSubscriptions subscriptions;
    private final Map<String, String> uriOwner = new ConcurrentHashMap<>();
    private final Map<String, String> templatePrefixOwner = new ConcurrentHashMap<>();

    Passthrough(Warden warden, Upstreams upstreams, Visibility visibility, Governor governor, GatewaySessions sessions,
                ResourceSubscriptions subscriptions, OutputHook hook) {
        this.hook = hook;
        this.warden = warden;
        this.upstreams = upstreams;
        this.subscriptions = subscriptions;
        this.visibility = visibility;
        this.governed = new GovernedCall(warden, governor);
        this.sessions = sessions;
    }

    McpSchema.ListResourcesResult listResources(McpAsyncServerExchange ex) {
        List<McpSchema.Resource> all = new ArrayList<>();
        for (ResourceSource source : readableBy(RequestContext.caller(ex).agent())) {
            all.addAll(resourcesOf(source));
        }
        return new McpSchema.ListResourcesResult(all, null, null);
    }

    McpSchema.ListResourceTemplatesResult listTemplates(McpAsyncServerExchange ex) {
        List<McpSchema.ResourceTemplate> all = new ArrayList<>();
        for (ResourceSource source : readableBy(RequestContext.caller(ex).agent())) {
            all.addAll(templatesOf(source));
        }
        return new McpSchema.ListResourceTemplatesResult(all, null, null);
    }

    /** A connected upstream with resources that an agent could read. */
    private record ResourceSource(UpstreamSupervisor upstream, UpstreamLink link) {
    }

    /** The connected upstreams with resources whose resources {@code agent} could read. */
    private List<ResourceSource> readableBy(String agent) {
        List<ResourceSource> sources = new ArrayList<>();
        for (UpstreamSupervisor u : upstreams.all()) {
            u.link().filter(UpstreamLink::hasResources).filter(l -> visibility.mayReadResources(agent, u.prefix()))
                    .ifPresent(l -> sources.add(new ResourceSource(u, l)));
        }
        return sources;
    }

    /** An upstream's resources, recording which of them it serves (for {@link #ownerOf}). */
    private List<McpSchema.Resource> resourcesOf(ResourceSource source) {
        List<McpSchema.Resource> listed = block(source.link().client().listResources(), source.upstream()).resources();
        listed.forEach(r -> uriOwner.putIfAbsent(r.uri(), source.upstream().name()));
        return listed;
    }

    /** An upstream's resource templates, recording the URI prefixes it serves (for {@link #ownerOf}). */
    private List<McpSchema.ResourceTemplate> templatesOf(ResourceSource source) {
        List<McpSchema.ResourceTemplate> listed = block(source.link().client().listResourceTemplates(), source.upstream())
                .resourceTemplates();
        listed.forEach(t -> templatePrefixOwner.putIfAbsent(fixedPart(t.uriTemplate()), source.upstream().name()));
        return listed;
    }

    McpSchema.ReadResourceResult read(McpAsyncServerExchange ex, Object params) {
        ResourceRead d = resourceRead(ex, uriParam(params, "resources/read"));
        McpSchema.ReadResourceRequest read = new McpSchema.ReadResourceRequest(d.uri(), null);
        return governed.run(d.session(), d.call(), Optional.empty(), refusals(d.session()), allow -> {
            UpstreamLink shared = d.owner().link().orElse(null);
            if (shared == null) {
                return GovernedCall.Forwarded.thrown("upstream unavailable",
                        McpError.builder(-32603).message("Upstream '" + d.owner().name() + "' is unavailable").build());
            }
            GovernedCall.Forwarded<McpSchema.ReadResourceResult> forwarded = forward(d.session(), d.caller(), d.owner(), shared,
                    (channel, stop) -> channel.readResource(d.session().id(), read, d.owner().config().requestTimeout(), stop,
                            offered(ex, d.caller(), d.owner())),
                    link -> link.client().readResource(read), "Upstream read failed: ");
            if (!(forwarded instanceof GovernedCall.Forwarded.Completed<McpSchema.ReadResourceResult> done)) {
                return forwarded;
            }
            // what was read passes the output hook (scans, masks, labels) after its outcome is recorded
            return new GovernedCall.Forwarded.Completed<>(done.result(), done.toolError(),
                    () -> inspected(d, allow, done.answer().get()));
        });
    }

    /** A read's result as the output hook lets the agent see it; withheld (an MCP error) when the hook fails. */
    private McpSchema.ReadResourceResult inspected(ResourceRead d, Decision.Allow allow, McpSchema.ReadResourceResult result) {
        try {
            return hook.inspectResource(d.caller(), d.call().action(), allow, d.uri(), result);
        } catch (McpError e) {
            throw e;
        } catch (RuntimeException e) {
            System.getLogger(Passthrough.class.getName()).log(System.Logger.Level.ERROR,
                    "MCP output hook failed on a read of " + d.uri() + "; withholding it", e);
            throw McpError.builder(-32603).message("Warden withheld this resource: the output check failed.").build();
        }
    }

    /**
     * Relays nothing, but declares what the agent session's calls to {@code upstream} would relay,
     * in case this request opens the session's upstream session (see {@link AgentRelay#offered}).
     */
    private UpstreamRequests offered(McpAsyncServerExchange ex, Caller caller, UpstreamSupervisor upstream) {
        return UpstreamRequests.declaring(McpJson.plainObject(
                AgentRelay.offered(ex.getClientCapabilities(), visibility, caller.agent(), upstream.prefix()), "capabilities"));
    }

    /** A request sent in the agent session's own upstream session (Streamable HTTP); null when stopped. */
    @FunctionalInterface
    private interface InSession<T> {
        T send(HttpCallChannel channel, Mono<Void> stop);
    }

    /**
     * Sends an allowed request upstream and reports its outcome: stopped when the session ends or
     * the upstream is lost, an upstream failure an MCP error (-32603, {@code failure} and the cause).
     * The request goes to the agent session's own process for a stdio upstream with session
     * processes (its state is the session's), else to the upstream's {@code shared} connection: on
     * a Streamable HTTP upstream in the agent session's own upstream session ({@code inSession}),
     * else through the link's SDK client ({@code viaClient}).
     */
    private <T> GovernedCall.Forwarded<T> forward(GatewaySession session, Caller caller, UpstreamSupervisor owner,
                                                  UpstreamLink shared,
                                                  InSession<T> inSession, Function<UpstreamLink, Mono<T>> viaClient,
                                                  String failure) {
        UpstreamLink link;
        try {
            link = owner.linkFor(session.id(), shared);
        } catch (SessionProcesses.UnavailableException e) {
            return GovernedCall.Forwarded.thrown(e.getMessage(),
                    McpError.builder(-32603).message("Upstream '" + owner.name() + "': " + e.getMessage()).build());
        }
        try {
            Mono<Void> stop = Mono.firstWithSignal(session.ended(), link.lost());
            Optional<HttpCallChannel> channel = link.calls();
            // checked at the hand-over as for tool calls: a kill after the decision stops the request
            BooleanSupplier stillAllowed = () -> ToolCalls.stillAllowed(warden, caller);
            T r;
            if (channel.isPresent()) {
                r = session.handOver(stillAllowed, () -> Boolean.TRUE).isEmpty() ? null : inSession.send(channel.get(), stop);
            } else {
                r = session.handOver(stillAllowed, () -> ToolCalls.written(viaClient.apply(link)
                                .timeout(owner.config().requestTimeout()).takeUntilOther(stop).toFuture(), link))
                        .map(ToolCalls::awaitAnswer).orElse(null);
            }
            if (r == null) {
                return GovernedCall.Forwarded.thrown("interrupted", ToolCalls.sessionGone(session.endReason()));
            }
            return GovernedCall.Forwarded.completed(r, r);
        } catch (McpError e) {
            return GovernedCall.Forwarded.thrown(String.valueOf(e.getMessage()), e);
        } catch (HttpCallChannel.UpstreamErrorException e) {
            return GovernedCall.Forwarded.thrown(e.getMessage(), McpError.builder(e.code()).message(e.upstreamMessage()).build());
        } catch (RuntimeException e) {
            return GovernedCall.Forwarded.thrown(UpstreamSupervisor.rootMessage(e),
                    McpError.builder(-32603).message(failure + UpstreamSupervisor.rootMessage(e)).build());
        }
    }

    /** {@code resources/subscribe}: decided as a read of the resource, then relayed upstream. */
    Object subscribe(McpAsyncServerExchange ex, Object params) {
        ResourceRead d = resourceRead(ex, uriParam(params, "resources/subscribe"));
        return governed.run(d.session(), d.call(), Optional.empty(), refusals(d.session()), allow -> {
            try {
                subscriptions.subscribe(d.session().id(), d.uri(), d.owner().name(), d.owner().config().requestTimeout());
            } catch (McpError e) {
                return GovernedCall.Forwarded.thrown("subscribe: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                return GovernedCall.Forwarded.thrown("subscribe: " + UpstreamSupervisor.rootMessage(e),
                        McpError.builder(-32603).message("Upstream subscribe failed: " + UpstreamSupervisor.rootMessage(e)).build());
            }
            return GovernedCall.Forwarded.<Object>completed(Map.of("subscribed", d.uri()), Map.of());
        });
    }

    /** {@code resources/unsubscribe}: not decided; a no-op for a URI the session is not subscribed to. */
    Object unsubscribe(McpAsyncServerExchange ex, Object params) {
        subscriptions.unsubscribe(session(ex).id(), uriParam(params, "resources/unsubscribe"));
        return Map.of();
    }

    /** The {@code uri} of a resource request; anything but a non-blank string is invalid params (-32602). */
    private static String uriParam(Object params, String method) {
        if (params instanceof Map<?, ?> m && m.get("uri") instanceof String uri && !uri.isBlank()) {
            return uri;
        }
        throw McpError.builder(-32602).message("invalid " + method + " params: uri must be a non-empty string").build();
    }

    private GatewaySession session(McpAsyncServerExchange ex) {
        return sessions.find(ex.sessionId()).orElseThrow(() -> ToolCalls.sessionGone("unknown session"));
    }

    /** A read of a resource to decide: who asks, in which session, which upstream serves it, the call. */
    private record ResourceRead(Caller caller, GatewaySession session, UpstreamSupervisor owner, String uri,
                                Governor.Call call) {
    }

    /**
     * The read of the resource at {@code uri} as a call to decide (held for approval like a tool
     * call); a resource no upstream serves is an MCP error.
     */
    private ResourceRead resourceRead(McpAsyncServerExchange ex, String uri) {
        Caller caller = RequestContext.caller(ex);
        GatewaySession session = session(ex);
        UpstreamSupervisor owner = ownerOf(uri).or(() -> {
            learnUris(caller.agent()); // e.g. a link in a tool's result, read before any listing
            return ownerOf(uri);
        }).orElseThrow(() -> McpError.builder(-32002).message("Resource not found: no upstream serves " + uri).build());
        Governor.Call call = new Governor.Call(caller, owner.prefix() + ".resources.read", uri, Map.of("uri", uri),
                Optional.empty());
        return new ResourceRead(caller, session, owner, uri, call);
    }

    /** A refusal is an MCP error naming the reasons; an ended session the session's end. */
    private static <T> GovernedCall.Refusals<T> refusals(GatewaySession session) {
        return new GovernedCall.Refusals<>() {
            @Override
            public T refused(Governor.Verdict.Refused r) {
                throw McpError.builder(-32001).message(r.text()).data(r.meta()).build();
            }

            @Override
            public T sessionEnded() {
                throw ToolCalls.sessionGone(session.endReason());
            }
        };
    }

    McpSchema.ListPromptsResult listPrompts(McpAsyncServerExchange ex) {
        Caller caller = RequestContext.caller(ex);
        List<McpSchema.Prompt> all = new ArrayList<>();
        for (UpstreamSupervisor u : upstreams.all()) {
            Optional<UpstreamLink> link = u.link().filter(UpstreamLink::hasPrompts);
            if (link.isEmpty() || !visibility.mayGetPrompts(caller.agent(), u.prefix())) {
                continue;
            }
            for (McpSchema.Prompt p : block(link.get().client().listPrompts(), u).prompts()) {
                all.add(new McpSchema.Prompt(u.prefix() + "." + p.name(), p.title(), p.description(), p.arguments(),
                        p.meta(), p.icons()));
            }
        }
        return new McpSchema.ListPromptsResult(all, null);
    }

    McpSchema.GetPromptResult getPrompt(McpAsyncServerExchange ex, Object params) {
        McpSchema.GetPromptRequest req = McpJson.MAPPER.convertValue(params, McpSchema.GetPromptRequest.class);
        String name = req.name() == null ? "" : req.name();
        int dot = name.indexOf('.');
        Optional<UpstreamSupervisor> u = dot < 0 ? Optional.empty() : upstreams.byPrefix(name.substring(0, dot));
        Optional<UpstreamLink> link = u.flatMap(UpstreamSupervisor::link).filter(UpstreamLink::hasPrompts);
        if (link.isEmpty()) {
            throw McpError.builder(-32602).message("Unknown prompt: " + name).build();
        }
        Caller caller = RequestContext.caller(ex);
        GatewaySession session = session(ex);
        Map<String, Object> arguments = req.arguments() == null ? Map.of() : req.arguments();
        Governor.Call call = new Governor.Call(caller, u.get().prefix() + ".prompts.get", name,
                Map.of("name", name, "arguments", arguments), Optional.empty());
        McpSchema.GetPromptRequest get = new McpSchema.GetPromptRequest(name.substring(dot + 1), req.arguments());
        return governed.run(session, call, Optional.empty(), refusals(session), allow -> {
            GovernedCall.Forwarded<McpSchema.GetPromptResult> forwarded = forward(session, caller, u.get(), link.get(),
                    (channel, stop) -> channel.getPrompt(session.id(), get, u.get().config().requestTimeout(), stop,
                            offered(ex, caller, u.get())),
                    target -> target.client().getPrompt(get), "Upstream '" + u.get().name() + "' failed: ");
            if (!(forwarded instanceof GovernedCall.Forwarded.Completed<McpSchema.GetPromptResult> done)) {
                return forwarded;
            }
            return new GovernedCall.Forwarded.Completed<>(done.result(), done.toolError(), () -> {
                try {
                    return hook.inspectPrompt(caller, call.action(), allow, name, done.answer().get());
                } catch (McpError e) {
                    throw e;
                } catch (RuntimeException e) {
                    System.getLogger(Passthrough.class.getName()).log(System.Logger.Level.ERROR,
                            "MCP output hook failed on prompt " + name + "; withholding it", e);
                    throw McpError.builder(-32603).message("Warden withheld this prompt: the output check failed.").build();
                }
            });
        });
    }

    /** The part of a URI template before its first expression ({@code notes://{id}} gives {@code notes://}). */
    private static String fixedPart(String template) {
        int brace = template.indexOf('{');
        return brace < 0 ? template : template.substring(0, brace);
    }

    /**
     * Lists the resources and resource templates of every upstream whose resources the agent may
     * read, to learn which upstream serves which URI; an upstream that fails to list stays unknown.
     */
    private void learnUris(String agent) {
        for (ResourceSource source : readableBy(agent)) {
            try {
                resourcesOf(source);
            } catch (McpError e) {
                // not listed: its URIs stay unknown
            }
            try {
                templatesOf(source);
            } catch (McpError e) {
                // a server without templates answers -32601
            }
        }
    }

    /**
     * The upstream that serves {@code uri}, by what the listings so far named (the URI, or the
     * longest fixed part of a template it starts with), else the one upstream with resources.
     */
    private Optional<UpstreamSupervisor> ownerOf(String uri) {
        String owner = uriOwner.get(uri);
        if (owner == null) {
            owner = templatePrefixOwner.entrySet().stream().filter(e -> uri.startsWith(e.getKey()))
                    .max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
                    .map(Map.Entry::getValue).orElse(null);
        }
        if (owner != null) {
            return upstreams.byName(owner);
        }
        List<UpstreamSupervisor> withResources = upstreams.all().stream()
                .filter(s -> s.link().filter(UpstreamLink::hasResources).isPresent()).toList();
        return withResources.size() == 1 ? Optional.of(withResources.getFirst()) : Optional.empty();
    }

    private static <T> T block(Mono<T> mono, UpstreamSupervisor u) {
        Duration timeout = u.config().requestTimeout();
        try {
            return mono.block(timeout);
        } catch (McpError e) {
            throw e;
        } catch (RuntimeException e) {
            throw McpError.builder(-32603).message("Upstream '" + u.name() + "' failed: " + UpstreamSupervisor.rootMessage(e)).build();
        }
    }
}
