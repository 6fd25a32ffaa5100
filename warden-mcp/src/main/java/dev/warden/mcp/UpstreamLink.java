package dev.warden.mcp;

import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One live connection to an upstream: the SDK client, its transport, what the server said at
 * initialization, the lean call channel for HTTP upstreams, and a signal that fires when the
 * connection is lost.
 */
final class UpstreamLink {
    private final McpAsyncClient client;
    private final CallTrackingTransport transport;
    private final McpSchema.InitializeResult init;
    private final Optional<HttpCallChannel> calls;
    private final Sinks.Empty<Void> lost = Sinks.empty();

    UpstreamLink(McpAsyncClient client, CallTrackingTransport transport, McpSchema.InitializeResult init,
                 Optional<HttpCallChannel> calls) {
        this.client = client;
        this.transport = transport;
        this.init = init;
        this.calls = calls;
    }

    /** The lean tools/call channel (Streamable HTTP upstreams); empty for stdio, where calls go through the SDK client. */
    Optional<HttpCallChannel> calls() {
        return calls;
    }

    /**
     * Waits, at most {@code max}, until what was sent through {@link #client()} so far has left
     * Warden: written to the process's input for a stdio upstream (its SDK transport writes on its
     * own thread); at once for other transports.
     *
     * @return false when the wait ran out
     */
    boolean awaitWritten(java.time.Duration max) {
        return !(transport.delegate() instanceof SupervisedStdioTransport stdio) || stdio.awaitWritten(max);
    }

    McpAsyncClient client() {
        return client;
    }

    CallTrackingTransport transport() {
        return transport;
    }

    McpSchema.ServerCapabilities capabilities() {
        return init.capabilities() == null ? McpSchema.ServerCapabilities.builder().build() : init.capabilities();
    }

    boolean hasTools() {
        return capabilities().tools() != null;
    }

    boolean hasResources() {
        return capabilities().resources() != null;
    }

    boolean hasPrompts() {
        return capabilities().prompts() != null;
    }

    /** Completes (empty) when the connection is lost or closed. */
    Mono<Void> lost() {
        return lost.asMono();
    }

    /** Marks the link lost and closes the client (for stdio this ends the process). */
    void close() {
        lost.tryEmitEmpty();
        calls.ifPresent(HttpCallChannel::close);
        try {
            client.close();
        } catch (RuntimeException e) {
            // already broken: nothing more to release
        }
    }
}
