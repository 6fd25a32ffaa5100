package dev.warden.mcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Node.js parts of the gateway tests ({@code warden-mcp/src/test/node}): the official MCP
 * TypeScript SDK client, the reference servers and our test upstream. As a JUnit extension it runs
 * {@code npm ci} there once per JVM when {@code node_modules} is missing or older than the lock
 * file, and fails with a clear message when Node.js or npm is not installed.
 */
public final class NodeFixture implements BeforeAllCallback {
    private static Path dir;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir();
    }

    /** The fixture directory, installed. */
    public static synchronized Path dir() throws IOException, InterruptedException {
        if (dir != null) {
            return dir;
        }
        Path found = locate();
        Path marker = found.resolve("node_modules").resolve(".package-lock.json");
        if (!Files.exists(marker) || Files.getLastModifiedTime(marker).compareTo(
                Files.getLastModifiedTime(found.resolve("package-lock.json"))) < 0) {
            run(found, List.of("node", "--version"), "Node.js (node) is required for the MCP gateway tests: install Node.js 20 or newer");
            run(found, List.of("npm", "ci", "--no-audit", "--no-fund"),
                    "npm ci failed in " + found + " (npm and access to the npm registry are required for the MCP gateway tests)");
        }
        dir = found;
        return dir;
    }

    /** {@code client.mjs}, the scriptable TypeScript SDK client. */
    public static Path client() throws IOException, InterruptedException {
        return dir().resolve("client.mjs");
    }

    /** {@code rugpull-server.mjs}, an upstream whose tool definition changes on demand. */
    public static Path rugpull() throws IOException, InterruptedException {
        return dir().resolve("rugpull-server.mjs");
    }

    /** The entry point of {@code @modelcontextprotocol/server-everything}. */
    public static Path everything() throws IOException, InterruptedException {
        return dir().resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    }

    /** The entry point of {@code @modelcontextprotocol/server-filesystem}. */
    public static Path filesystem() throws IOException, InterruptedException {
        return dir().resolve("node_modules/@modelcontextprotocol/server-filesystem/dist/index.js");
    }

    private static Path locate() {
        for (Path candidate : List.of(Path.of("src/test/node"), Path.of("../warden-mcp/src/test/node"))) {
            if (Files.isRegularFile(candidate.resolve("client.mjs"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("cannot find warden-mcp/src/test/node from " + Path.of("").toAbsolutePath());
    }

    private static void run(Path cwd, List<String> command, String failure) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException(failure + " (" + e.getMessage() + ")", e);
        }
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(failure + ":\n" + new String(output, StandardCharsets.UTF_8));
        }
    }
}
