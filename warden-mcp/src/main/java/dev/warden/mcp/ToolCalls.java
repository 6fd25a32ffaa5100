package dev.warden.mcp;

import dev.warden.WardenException;
import dev.warden.Warden;
import dev.warden.agent.AgentStatus;
import dev.warden.approval.ApprovalId;
import dev.warden.catalog.Tool;
import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import dev.warden.json.InvalidNumberException;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.Context;

/**
 * {@code tools/call}: pin check, decision (with the approval hold), forwarding with progress and
 * cancellation pass-through, outcome recording, and the output hook.
 *
 * <p>The resource of a call is its {@code path} argument when it has a non-blank string one (file
 * servers), else its {@code uri} argument, else the tool name. Policies that restrict paths should
 * test {@code context.args.path} (declare the tool with a {@code path} property in
 * {@code tools.yaml}); the resource is what the audit trail and approvals show.
 */
final class ToolCalls {
    private static final System.Logger LOG = System.getLogger(ToolCalls.class.getName());
    static final String META_APPROVAL = "warden/approval_id";
    static final String META_RATIONALE = "warden/rationale";

    private final Warden warden;
    private final Upstreams upstreams;
    private final ToolDirectory directory;
    private final GovernedCall governed;
    private final OutputHook hook;
    private final ProgressRoutes progress;
    private final GatewaySessions sessions;
    private final Visibility visibility;

    ToolCalls(Warden warden, Upstreams upstreams, ToolDirectory directory, Governor governor,
              OutputHook hook, ProgressRoutes progress, GatewaySessions sessions, Visibility visibility) {
        this.warden = warden;
        this.upstreams = upstreams;
        this.directory = directory;
        this.governed = new GovernedCall(warden, governor);
        this.hook = hook;
        this.progress = progress;
        this.sessions = sessions;
        this.visibility = visibility;
    }

    /**
     * Handles one call that arrived through the SDK's session (answered as an SSE stream, with
     * progress, and with what its upstream asks the agent relayed on that stream).
     */
    CallToolResult call(McpAsyncServerExchange exchange, Object params) {
        GatewaySession session = sessions.find(exchange.sessionId()).orElseThrow(() -> sessionGone("unknown session"));
        return call(RequestContext.caller(exchange), session, RequestContext.rpcId(exchange), params,
                p -> exchange.progressNotification(p).subscribe(v -> { }, e -> { }), exchange);
    }

    /**
     * Handles one call; null means "cancelled by the agent: send no response".
     *
     * @param rpcId the agent's JSON-RPC id as text (for cancellation)
     * @param toAgent where progress for this call goes, or null when the answer cannot carry
     *                progress (then no progress token is sent upstream)
     * @param exchange the agent's request exchange when the answer is an event stream that can
     *                 carry requests to the agent (elicitation, sampling), else null
     * @throws McpError when Warden ended the session
     */
    CallToolResult call(Caller caller, GatewaySession session, String rpcId, Object params,
                        Consumer<McpSchema.ProgressNotification> toAgent, McpAsyncServerExchange exchange) {
        if (session.terminated()) {
            throw sessionGone(session.endReason());
        }
        McpSchema.CallToolRequest req = McpJson.MAPPER.convertValue(params, McpSchema.CallToolRequest.class);
        String name = req.name() == null ? "" : req.name();
        Map<String, Object> args;
        try {
            args = McpJson.plainObject(req.arguments(), "arguments");
        } catch (InvalidNumberException e) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message("invalid tools/call params: "
                    + e.getMessage()).data(Map.of("error", "invalid_number", "field", e.path())).build();
        }
        Optional<GatewayTool> tool = directory.find(name); // a withheld tool is denied by the decision point (ToolHolds)
        Map<String, Object> meta = req.meta() == null ? Map.of() : req.meta();
        Optional<ApprovalId> explicit;
        try {
            explicit = Optional.ofNullable(meta.get(META_APPROVAL)).map(v -> new ApprovalId(v.toString()));
        } catch (WardenException e) {
            return error("Refused by Warden: _meta." + META_APPROVAL + " is malformed (expected apr_ and 32 hex digits).", Map.of());
        }
        Optional<String> rationale = Optional.ofNullable(meta.get(META_RATIONALE)).map(Object::toString);
        Governor.Call call = new Governor.Call(caller, name, resourceOf(name, args), args, rationale);
        return governed.run(session, call, explicit, new GovernedCall.Refusals<>() {
            @Override
            public CallToolResult refused(Governor.Verdict.Refused r) {
                return error(r.text(), r.meta());
            }

            @Override
            public CallToolResult sessionEnded() {
                throw sessionGone(session.endReason());
            }
        }, allow -> forward(session, rpcId, toAgent, exchange, caller, tool, req, args, allow));
    }

    /** Forwards an allowed call to its upstream; what it came to, for {@link GovernedCall} to record and answer. */
    private GovernedCall.Forwarded<CallToolResult> forward(GatewaySession session, String rpcId,
                                                           Consumer<McpSchema.ProgressNotification> toAgent,
                                                           McpAsyncServerExchange exchange, Caller caller,
                                                           Optional<GatewayTool> tool, McpSchema.CallToolRequest req,
                                                           Map<String, Object> args, Decision.Allow allow) {
        Optional<UpstreamLink> link = tool.flatMap(t -> upstreams.link(t.upstream()));
        if (tool.isEmpty() || link.isEmpty()) {
            String why = tool.isEmpty() ? "tool '" + req.name() + "' is not offered by any connected upstream"
                    : "upstream '" + tool.get().upstream() + "' is unavailable (restarting)";
            tool.ifPresent(t -> warden.breakers().upstreamFailed(t.upstream(), allow.id()));
            return GovernedCall.Forwarded.failed(why,
                    error("Allowed by Warden (decision " + allow.id() + "), but " + why + ". Try again shortly.", Map.of()));
        }
        GatewayTool gt = tool.get();
        UpstreamSupervisor supervisor = upstreams.byName(gt.upstream()).orElseThrow();
        UpstreamLink up;
        try {
            up = supervisor.linkFor(session.id(), link.get());
        } catch (SessionProcesses.UnavailableException e) {
            warden.breakers().upstreamFailed(gt.upstream(), allow.id());
            return GovernedCall.Forwarded.failed(e.getMessage(),
                    error("Allowed by Warden (decision " + allow.id() + "), but " + e.getMessage() + ".", Map.of()));
        }
        Map<String, Object> upMeta = new HashMap<>();
        String token = null;
        if (req.progressToken() != null && toAgent != null) {
            Object agentToken = req.progressToken();
            token = progress.open(p -> toAgent.accept(new McpSchema.ProgressNotification(agentToken,
                    p.progress(), p.total(), p.message(), null)));
            upMeta.put("progressToken", token);
        }
        // the arguments as decided, so what goes upstream is exactly what was checked
        McpSchema.CallToolRequest forwarded = new McpSchema.CallToolRequest(gt.upstreamTool().name(), args,
                upMeta.isEmpty() ? null : upMeta);
        Sinks.Empty<Void> cancelled = session.track(rpcId);
        AtomicReference<Object> upstreamId = new AtomicReference<>();
        Duration timeout = supervisor.config().requestTimeout();
        Mono<Void> stop = Mono.firstWithSignal(cancelled.asMono(), session.ended(), up.lost());
        CallToolResult result;
        AgentRelay relay = exchange == null ? null
                : new AgentRelay(governed, visibility, session, caller, exchange, supervisor.prefix(), gt.name());
        // a session process's requests carry no call id: they find this call's relay through the session
        AgentRelay.Running running = relay != null && supervisor.sessionProcesses().isPresent()
                ? new AgentRelay.Running(relay, timeout, stop) : null;
        if (running != null) {
            session.relayStarted(gt.upstream(), running);
        }
        try {
            if (up.calls().isPresent()) {
                // once the session's end has fired the call channel writes nothing (CallAbort): checking first suffices
                if (session.handOver(() -> stillAllowed(warden, caller), () -> Boolean.TRUE).isEmpty()) {
                    return notSent(session, caller);
                }
                result = up.calls().get().callTool(session.id(), forwarded, timeout, stop,
                        relay == null ? UpstreamRequests.NONE : relay);
            } else {
                Optional<CompletableFuture<CallToolResult>> sent = session.handOver(() -> stillAllowed(warden, caller),
                        () -> written(up.client().callTool(forwarded)
                                .contextWrite(Context.of(CallTrackingTransport.REQUEST_ID_KEY, upstreamId))
                                .timeout(timeout)
                                .takeUntilOther(stop)
                                .toFuture(), up));
                if (sent.isEmpty()) {
                    return notSent(session, caller);
                }
                result = awaitAnswer(sent.get());
            }
        } catch (RuntimeException e) {
            String why = e instanceof HttpCallChannel.CallFailedException ? e.getMessage() : UpstreamSupervisor.rootMessage(e);
            if (!session.terminated() && upstreamFault(e)) {
                warden.breakers().upstreamFailed(gt.upstream(), allow.id());
            }
            return new GovernedCall.Forwarded.Failed<>("upstream error: " + why, () -> {
                if (session.terminated()) {
                    throw sessionGone(session.endReason());
                }
                return error("Allowed by Warden (decision " + allow.id() + "), but the upstream call failed: " + why, Map.of());
            });
        } finally {
            session.untrack(rpcId);
            progress.close(token);
            if (running != null) {
                session.relayEnded(gt.upstream(), running);
            }
        }
        if (result == null) {
            String reason = session.terminated() ? "session ended by Warden" : "cancelled by the client";
            if (!session.terminated() && !upstreams.up(gt.upstream())) { // the upstream went away during the call
                warden.breakers().upstreamFailed(gt.upstream(), allow.id());
            }
            if (up.calls().isEmpty()) { // the call channel has told the upstream already
                up.transport().cancel(upstreamId.get(), reason).subscribe(v -> { }, e -> { });
            }
            return new GovernedCall.Forwarded.Failed<>(session.terminated() ? reason : "cancelled by the client or upstream lost",
                    () -> {
                        if (session.terminated()) {
                            throw sessionGone(session.endReason());
                        }
                        if (!upstreams.up(gt.upstream())) {
                            return error("Allowed by Warden (decision " + allow.id() + "), but upstream '" + gt.upstream()
                                    + "' disconnected during the call.", Map.of());
                        }
                        return null; // cancelled by the agent: send no response
                    });
        }
        CallToolResult done = result;
        warden.breakers().upstreamSucceeded(gt.upstream()); // a tool error result too: the upstream answered
        return new GovernedCall.Forwarded.Completed<>(done, Boolean.TRUE.equals(done.isError()), () -> inspected(caller, gt, allow, resourceOf(req.name() == null ? "" : req.name(), args), done));
    }

    /**
     * True while the agent that was allowed the call may still have it sent: active, and its token
     * not revoked since. Checked at the hand-over, after the decision, so a kill landing between
     * the two stops the call.
     */
    static boolean stillAllowed(Warden warden, Caller caller) {
        return warden.agents().find(caller.agent())
                .filter(a -> a.status() == AgentStatus.ACTIVE && a.tokenEpoch() == caller.tokenEpoch())
                .isPresent();
    }

    /** The answer of a call the kill switch (or the end of the session) stopped between its decision and its hand-over. */
    private static GovernedCall.Forwarded<CallToolResult> notSent(GatewaySession session, Caller caller) {
        String reason = session.terminated() ? session.endReason() : "agent " + caller.agent() + " is no longer active";
        return GovernedCall.Forwarded.thrown("not sent: " + reason, sessionGone(reason));
    }

    /** How long a hand-over waits for a stdio upstream's writer to write the request (a kill waits as long). */
    static final Duration WRITE_WAIT = Duration.ofMillis(500);

    /**
     * {@code answer}, once the request it subscribed has been written to its upstream (waiting at
     * most {@link #WRITE_WAIT}), so that a hand-over ends with the request out of Warden.
     */
    static <T> CompletableFuture<T> written(CompletableFuture<T> answer, UpstreamLink link) {
        if (!answer.isDone() && !link.awaitWritten(WRITE_WAIT)) {
            LOG.log(Level.WARNING, "MCP gateway: a request to a stdio upstream was not written within "
                    + WRITE_WAIT.toMillis() + " ms (is the process reading its input?)");
        }
        return answer;
    }

    /** Waits for an answer handed over as a future; null when the call was stopped (the stop signal fired). */
    static <T> T awaitAnswer(CompletableFuture<T> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Whether a failed call says the upstream is unwell (unreachable, timed out, HTTP 5xx, gone)
     * rather than that it answered the call with an error (JSON-RPC error, HTTP 4xx): only the
     * former feed the upstream's circuit breaker, so one agent's bad calls cannot open it for all.
     */
    static boolean upstreamFault(RuntimeException e) {
        if (e instanceof HttpCallChannel.CallFailedException failed) {
            return failed.upstreamFault();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof McpError) {
                return false;
            }
        }
        return true;
    }

    /** The result as the output hook lets the agent see it; withheld when the hook fails. */
    private CallToolResult inspected(Caller caller, GatewayTool gt, Decision.Allow allow, String resource, CallToolResult result) {
        Tool entry = warden.rules().catalog().find(gt.name()).orElseThrow();
        try {
            return hook.inspect(caller, entry, allow, resource, result);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "MCP output hook failed on " + gt.name() + "; withholding the result", e);
            return error("Warden withheld the result of this call: the output check failed.", Map.of());
        }
    }

    static String resourceOf(String tool, Map<String, Object> args) {
        for (String key : new String[] {"path", "uri"}) {
            if (args.get(key) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return tool;
    }

    static CallToolResult error(String text, Map<String, Object> meta) {
        return CallToolResult.builder().addTextContent(text).isError(true).meta(meta.isEmpty() ? null : meta).build();
    }

    static McpError sessionGone(String reason) {
        return McpError.builder(-32000).message("Session terminated by Warden" + (reason.isBlank() ? "" : ": " + reason)).build();
    }
}
