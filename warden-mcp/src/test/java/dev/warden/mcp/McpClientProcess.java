package dev.warden.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A running {@code client.mjs} (the official MCP TypeScript SDK client driven by a list of steps),
 * with its JSON output lines collected as they arrive.
 */
public final class McpClientProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final List<Map<String, Object>> lines = new CopyOnWriteArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private final Thread reader;

    private McpClientProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofVirtual().start(this::read);
        Thread.ofVirtual().start(() -> {
            try {
                String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (stderr) {
                    stderr.append(err);
                }
            } catch (IOException e) {
                // process gone
            }
        });
    }

    /**
     * Starts the client.
     *
     * @param token bearer token, or null for none
     * @param steps JSON array of steps (see client.mjs)
     */
    public static McpClientProcess start(String url, String token, String steps) throws IOException, InterruptedException {
        return start(url, token, steps, "{}");
    }

    /**
     * Starts the client with options (see client.mjs: declared capabilities and the answers to
     * elicitation and sampling requests).
     */
    public static McpClientProcess start(String url, String token, String steps, String options) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("node", NodeFixture.client().toString(), url, token == null ? "-" : token, steps, options);
        pb.directory(NodeFixture.dir().toFile());
        return new McpClientProcess(pb.start());
    }

    /** Runs the client to its end and returns its output lines. */
    public static List<Map<String, Object>> run(String url, String token, String steps, Duration max) throws Exception {
        try (McpClientProcess p = start(url, token, steps)) {
            return p.finish(max);
        }
    }

    /** Runs the client with options (see {@link #start(String, String, String, String)}) to its end. */
    public static List<Map<String, Object>> run(String url, String token, String steps, String options, Duration max) throws Exception {
        try (McpClientProcess p = start(url, token, steps, options)) {
            return p.finish(max);
        }
    }

    @SuppressWarnings("unchecked")
    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("{")) {
                    lines.add(JSON.readValue(line, Map.class));
                }
            }
        } catch (IOException e) {
            // process gone
        }
    }

    /** Waits for a line matching {@code p}. */
    public Map<String, Object> await(Predicate<Map<String, Object>> p, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            for (Map<String, Object> l : lines) {
                if (p.test(l)) {
                    return l;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching client output within " + max + "; got " + lines + "\nstderr: " + stderr());
    }

    /** Waits for the result line of step {@code i}. */
    public Map<String, Object> step(int i, Duration max) throws InterruptedException {
        return await(l -> Integer.valueOf(i).equals(l.get("step")) && l.containsKey("ok"), max);
    }

    /** Waits for the client to exit and returns all its lines. */
    public List<Map<String, Object>> finish(Duration max) throws InterruptedException {
        if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("client did not finish within " + max + "; got " + lines + "\nstderr: " + stderr());
        }
        reader.join(Duration.ofSeconds(5));
        return new ArrayList<>(lines);
    }

    /** Everything seen so far. */
    public List<Map<String, Object>> lines() {
        return new ArrayList<>(lines);
    }

    /** The client's stderr so far. */
    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
