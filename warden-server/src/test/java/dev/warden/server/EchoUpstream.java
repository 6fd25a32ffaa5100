package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.mcp.NodeFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;

/** The echo MCP server ({@code echo-server.mjs}) over Streamable HTTP on a free loopback port, for the gateway tests. */
final class EchoUpstream implements AutoCloseable {
    private final Process process;
    private final int port;

    private EchoUpstream(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the server and waits until it listens. */
    static EchoUpstream start() throws IOException, InterruptedException {
        return start(false);
    }

    /**
     * Starts the server and waits until it listens; with {@code resources}, it also offers a
     * resource {@code session://current} and a prompt {@code whoami} that name the upstream
     * session they were asked in, and a resource template {@code echo://{text}}.
     */
    static EchoUpstream start(boolean resources) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return start(resources, port);
    }

    /** Starts the server on {@code port} (again, after {@link #close}) and waits until it listens. */
    static EchoUpstream start(boolean resources, int port) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("node",
                NodeFixture.dir().resolve("echo-server.mjs").toString(), String.valueOf(port)));
        if (resources) {
            command.add("resources");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String ready = new BufferedReader(new InputStreamReader(p.getInputStream())).readLine();
        assertThat(ready).startsWith("listening");
        return new EchoUpstream(p, port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
    }

    /** Stops the server and waits until the process is gone (its port then refuses connections). */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
