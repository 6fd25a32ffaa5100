package dev.warden.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The SDK's stdio transport, starting the process in its configured working directory with a clean
 * environment: the SDK then adds only its safe inherited variables ({@code PATH, HOME, LOGNAME,
 * SHELL, TERM, USER}) and the configured ones, so Warden's own secrets never reach an upstream.
 * {@link #exited()} signals the end of the process, so waiting for an answer can stop when there
 * is nobody left to answer. {@link #awaitWritten} tells when what was sent so far has been written
 * to the process's input (the SDK queues messages to a writer thread).
 */
final class SupervisedStdioTransport extends StdioClientTransport {
    private final Optional<Path> cwd;
    private final Sinks.Empty<Void> exited = Sinks.empty();
    /** Messages queued to the SDK's writer thread, and those it has written and flushed (guarded by this). */
    private long queued;
    private long written;

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

    /** Queues the message to the writer thread (at once: the SDK's sendMessage is eager), counting it. */
    @Override
    public synchronized Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        Mono<Void> sent = super.sendMessage(message);
        queued++;
        return sent;
    }

    /** Counts each message the writer thread has written and flushed to the process's input. */
    @Override
    protected void handleOutbound(Function<Flux<McpSchema.JSONRPCMessage>, Flux<McpSchema.JSONRPCMessage>> writer) {
        super.handleOutbound(messages -> writer.apply(messages).doOnNext(m -> wrote()));
    }

    private synchronized void wrote() {
        written++;
        notifyAll();
    }

    /**
     * Waits until every message sent so far has been written to the process's input, at most
     * {@code max} (a process that does not read its input can hold the writer).
     *
     * @return true when they all have been written
     */
    synchronized boolean awaitWritten(Duration max) {
        long target = queued;
        long deadline = System.nanoTime() + max.toNanos();
        try {
            for (long left = max.toNanos(); written < target && left > 0; left = deadline - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return written >= target;
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
