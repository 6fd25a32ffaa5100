package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.mcp.NodeFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The ledger MCP server ({@code ledger-server.mjs}) over Streamable HTTP on a free loopback port:
 * it writes every tools/call, resources/read and prompts/get it receives to a file, one line each
 * ({@code <method> <agent> <n>}), as soon as the request has arrived.
 */
final class LedgerUpstream implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path ledger;

    private LedgerUpstream(Process process, int port, Path ledger) {
        this.process = process;
        this.port = port;
        this.ledger = ledger;
    }

    /** The command that runs the server over stdio, writing to {@code ledger}, as a YAML flow list. */
    static String stdioCommand(Path ledger) throws IOException, InterruptedException {
        return "[node, \"" + NodeFixture.dir().resolve("ledger-server.mjs") + "\", stdio, \"" + ledger + "\"]";
    }

    /** Starts the server writing to {@code ledger} and waits until it listens. */
    static LedgerUpstream start(Path ledger) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process p = new ProcessBuilder("node", NodeFixture.dir().resolve("ledger-server.mjs").toString(), String.valueOf(port),
                ledger.toString()).redirectErrorStream(true).start();
        String ready = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(ready).startsWith("listening");
        return new LedgerUpstream(p, port, ledger);
    }

    int port() {
        return port;
    }

    /** The requests received so far, in the order they arrived. */
    List<Entry> entries() {
        return entries(ledger);
    }

    /** The requests a ledger server (over HTTP or stdio) writing to {@code ledger} has received so far, in order. */
    static List<Entry> entries(Path ledger) {
        try {
            return Files.readAllLines(ledger).stream().filter(l -> !l.isBlank()).map(Entry::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One received request: its method, the agent it names and its number ({@code -} when none). */
    record Entry(String method, String agent, String n) {
        static Entry parse(String line) {
            String[] f = line.split(" ", 3);
            return new Entry(f[0], f[1], f.length > 2 ? f[2] : "-");
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
