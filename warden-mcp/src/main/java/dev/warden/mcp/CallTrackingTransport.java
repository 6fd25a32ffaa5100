package dev.warden.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A client transport decorator that tells the caller which JSON-RPC id the SDK client gave an
 * outgoing request (the SDK does not expose it), so the gateway can send
 * {@code notifications/cancelled} for exactly that request. The caller puts an
 * {@code AtomicReference<Object>} into the Reactor context under {@link #REQUEST_ID_KEY}. It also
 * shows the gateway the upstream's notifications as they arrive.
 */
final class CallTrackingTransport implements McpClientTransport {
    /** Reactor context key of the {@code AtomicReference<Object>} that receives the request id. */
    static final String REQUEST_ID_KEY = "warden.upstream.request_id";

    private final McpClientTransport delegate;
    private final Consumer<McpSchema.JSONRPCNotification> notifications;

    /**
     * @param notifications sees every notification the upstream sends, before the SDK client
     *                      handles it (the SDK reads a resource on {@code resources/updated} and
     *                      hands on only its contents, and only when that read succeeds)
     */
    CallTrackingTransport(McpClientTransport delegate, Consumer<McpSchema.JSONRPCNotification> notifications) {
        this.delegate = delegate;
        this.notifications = notifications;
    }

    /** The wrapped transport. */
    McpClientTransport delegate() {
        return delegate;
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return delegate.connect(in -> handler.apply(in.doOnNext(m -> {
            if (m instanceof McpSchema.JSONRPCNotification n) {
                notifications.accept(n);
            }
        })));
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        delegate.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return delegate.closeGracefully();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public List<String> protocolVersions() {
        return delegate.protocolVersions();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
        return delegate.unmarshalFrom(data, typeRef);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.deferContextual(ctx -> {
            if (message instanceof McpSchema.JSONRPCRequest r && ctx.hasKey(REQUEST_ID_KEY)) {
                ((AtomicReference<Object>) ctx.get(REQUEST_ID_KEY)).set(r.id());
            }
            return delegate.sendMessage(message);
        });
    }

    /** Tells the upstream that the request with this id is cancelled. */
    Mono<Void> cancel(Object requestId, String reason) {
        if (requestId == null) {
            return Mono.empty();
        }
        return delegate.sendMessage(new McpSchema.JSONRPCNotification("notifications/cancelled",
                Map.of("requestId", requestId, "reason", reason)));
    }
}
