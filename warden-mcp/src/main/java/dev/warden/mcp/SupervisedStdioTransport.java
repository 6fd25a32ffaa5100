package dev.warden.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The SDK's stdio transport, starting the process in its configured working directory with a clean
 * environment: the SDK then adds only its safe inherited variables ({@code PATH, HOME, LOGNAME,
 * SHELL, TERM, USER}) and the configured ones, so Warden's own secrets never reach an upstream.
 * {@link #exited()} signals the end of the process, so waiting for an answer can stop when there
 * is nobody left to answer.
 */
final class SupervisedStdioTransport extends StdioClientTransport {
    private final Optional<Path> cwd;
    private final Sinks.Empty<Void> exited = Sinks.empty();

    SupervisedStdioTransport(ServerParameters params, McpJsonMapper json, Optional<Path> cwd) {
        super(params, json);
        this.cwd = cwd;
    }

    /** Starts the process, and a virtual thread that waits for it to end. */
    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
        return super.connect(handler).doOnSuccess(v -> Thread.ofVirtual().name("mcp-stdio-exit").start(() -> {
            try {
                awaitForExit();
            } catch (RuntimeException e) {
                // interrupted: the process is being abandoned either way
            }
            exited.tryEmitEmpty();
        }));
    }

    /** Completes when the process has ended (never, if it was not started). */
    Mono<Void> exited() {
        return exited.asMono();
    }

    @Override
    protected ProcessBuilder getProcessBuilder() {
        ProcessBuilder pb = new ProcessBuilder();
        pb.environment().clear();
        cwd.ifPresent(dir -> pb.directory(dir.toFile()));
        return pb;
    }
}
