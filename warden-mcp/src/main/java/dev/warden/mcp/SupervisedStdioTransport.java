package dev.warden.mcp;

import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The SDK's stdio transport, starting the process in its configured working directory with a clean
 * environment: the SDK then adds only its safe inherited variables ({@code PATH, HOME, LOGNAME,
 * SHELL, TERM, USER}) and the configured ones, so Warden's own secrets never reach an upstream.
 */
final class SupervisedStdioTransport extends StdioClientTransport {
    private final Optional<Path> cwd;

    SupervisedStdioTransport(ServerParameters params, McpJsonMapper json, Optional<Path> cwd) {
        super(params, json);
        this.cwd = cwd;
    }

    @Override
    protected ProcessBuilder getProcessBuilder() {
        ProcessBuilder pb = new ProcessBuilder();
        pb.environment().clear();
        cwd.ifPresent(dir -> pb.directory(dir.toFile()));
        return pb;
    }
}
