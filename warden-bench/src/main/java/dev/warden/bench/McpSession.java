package dev.warden.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One MCP session over Streamable HTTP, used by concurrent callers: initialized with the JDK
 * client, then called over a pool of keep-alive {@link RawHttpConnection}s.
 */
final class McpSession implements AutoCloseable, OpenLoopClient.Target {
    private static final String ACCEPT = "application/json, text/event-stream";
    private static final AtomicLong FAILURES = new AtomicLong();
    private final URI url;
    private final String token;
    private final String sessionId;
    private final String tool;
    private final AtomicLong ids = new AtomicLong(10);
    private final java.util.concurrent.ConcurrentLinkedDeque<RawHttpConnection> idle = new java.util.concurrent.ConcurrentLinkedDeque<>();
    /**
     * Bounds the open connections, as HTTP clients do (and wrk2 with its fixed connections): a call
     * that finds none free waits its turn, and an open loop counts that wait in its latency. Without a
     * bound, every call arriving during a stall opened a connection, and the storm of handshakes
     * overflowed the server's accept queue (dropped SYNs cost a second or more each).
     */
    private final java.util.concurrent.Semaphore connections;

    private McpSession(URI url, String token, String sessionId, String tool, int maxConnections) {
        this.connections = new java.util.concurrent.Semaphore(maxConnections, true);
        this.url = url;
        this.token = token;
        this.sessionId = sessionId;
        this.tool = tool;
    }

    /** Initializes a session at {@code url} that opens at most {@code maxConnections} connections. */
    static McpSession open(URI url, String token, String tool, int maxConnections) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> init = http.send(request(url, token, null, """
                    {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                     "capabilities":{},"clientInfo":{"name":"mcp-proxy-run","version":"1"}}}"""), HttpResponse.BodyHandlers.ofString());
            String sid = init.headers().firstValue("Mcp-Session-Id")
                    .orElseThrow(() -> new IOException("initialize at " + url + ": HTTP " + init.statusCode() + " " + init.body()));
            http.send(request(url, token, sid, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                    HttpResponse.BodyHandlers.discarding());
            McpSession s = new McpSession(url, token, sid, tool, maxConnections);
            if (!s.call()) {
                throw new IOException("tools/call " + tool + " at " + url + " failed");
            }
            return s;
        }
    }

    boolean call() {
        connections.acquireUninterruptibly();
        try {
            return callOnAConnection();
        } finally {
            connections.release();
        }
    }

    @Override
    public java.net.InetSocketAddress address() {
        return new java.net.InetSocketAddress(url.getHost(), url.getPort());
    }

    @Override
    public long nextId() {
        return ids.incrementAndGet();
    }

    @Override
    public byte[] request(long id) {
        return raw(body(id));
    }

    @Override
    public boolean ok(RawHttpConnection.Response r, long id) {
        return echoed(r, id);
    }

    /** Whether {@code r} is the echo tool's answer to call {@code id}: HTTP 200, "ping ID" and no isError. */
    static boolean echoed(RawHttpConnection.Response r, long id) {
        return r.status() == 200 && r.bodyContains(("ping " + id + "\"").getBytes(StandardCharsets.UTF_8))
                && !r.bodyContains("\"isError\":true".getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void failed(String why) {
        if (FAILURES.incrementAndGet() <= 3) {
            System.out.println("  call failed at " + url + ": " + why);
        }
    }

    private String body(long id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool + "\",\"arguments\":{\"message\":\"ping " + id + "\"}}}";
    }

    /**
     * Calls once on {@code c} (connecting it first if it is new) and answers how long it took,
     * in nanoseconds, or -1 when the call failed.
     */
    long timedCall(RawHttpConnection c) {
        long id = nextId();
        long start = System.nanoTime();
        try {
            RawHttpConnection.Response r = c.exchange(raw(body(id)));
            long took = System.nanoTime() - start;
            if (!ok(r, id)) {
                failed("HTTP " + r.status() + " " + r.body());
                return -1;
            }
            return took;
        } catch (IOException e) {
            failed(e.toString());
            return -1;
        }
    }

    private boolean callOnAConnection() {
        long id = nextId();
        String body = body(id);
        RawHttpConnection c = idle.pollFirst();
        boolean reused = c != null;
        if (c == null) {
            c = new RawHttpConnection(new java.net.InetSocketAddress(url.getHost(), url.getPort()));
        }
        try {
            RawHttpConnection.Response r;
            try {
                r = c.exchange(raw(body));
            } catch (java.io.EOFException | java.net.SocketException e) {
                if (!reused) {
                    throw e;
                }
                r = c.exchange(raw(body)); // the server closed an idle keep-alive connection: reconnect once
            }
            boolean ok = ok(r, id);
            if (!ok) {
                failed("HTTP " + r.status() + " " + r.body());
            }
            idle.offerFirst(c);
            return ok;
        } catch (IOException e) {
            failed(e.toString());
            c.close();
            return false;
        }
    }

    private byte[] raw(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + url.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + url.getHost() + ":" + url.getPort() + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Type: application/json\r\n"
                + "Accept: " + ACCEPT + "\r\n"
                + "MCP-Protocol-Version: 2025-06-18\r\n"
                + "Mcp-Session-Id: " + sessionId + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** The MCP endpoint this session calls. */
    URI url() {
        return url;
    }

    @Override
    public void close() {
        RawHttpConnection c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }

    private static HttpRequest request(URI url, String token, String sid, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", ACCEPT)
                .header("MCP-Protocol-Version", "2025-06-18")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (sid != null) {
            b.header("Mcp-Session-Id", sid);
        }
        return b.build();
    }
}
