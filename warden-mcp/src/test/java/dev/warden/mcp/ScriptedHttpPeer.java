package dev.warden.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A real HTTP/1.1 server on loopback whose answers a test scripts byte for byte: for the protocol
 * cases the official MCP servers cannot be made to produce on demand (a forgotten session, a broken
 * chunk, an upstream that asks the client something mid-call). Keep-alive is honoured, so tests can
 * see whether connections are reused.
 */
final class ScriptedHttpPeer implements AutoCloseable {
    /** One request as received. */
    record Request(String method, String target, Map<String, String> headers, JsonNode body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String rpcMethod() {
            return body == null ? "" : body.path("method").asText("");
        }
    }

    /** Writes the raw response to one request (status line, headers and body), or nothing to hang up. */
    @FunctionalInterface
    interface Script {
        String answer(Request request) throws Exception;
    }

    /** Put into an answer, makes the peer flush what came before and wait {@value #PAUSE_MILLIS} ms. */
    static final String PAUSE = "\u0000pause\u0000";
    static final long PAUSE_MILLIS = 300;
    /**
     * At the start of a piece of an answer (after {@link #PAUSE}), makes the peer wait for
     * {@link #proceed} first; after 10 s without it, the peer hangs up instead.
     */
    static final String AWAIT = "\u0000await\u0000";
    final java.util.concurrent.CountDownLatch proceed = new java.util.concurrent.CountDownLatch(1);

    private final ServerSocket server;
    private final Script script;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    ScriptedHttpPeer(Script script) throws IOException {
        this(null, script);
    }

    /** Speaking TLS with the key and certificate of {@code tls} (null: plain HTTP). */
    ScriptedHttpPeer(SSLContext tls, Script script) throws IOException {
        this.server = tls == null ? new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())
                : tls.getServerSocketFactory().createServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        this.script = script;
        Thread.ofVirtual().start(this::accept);
    }

    URI url() {
        return url("127.0.0.1");
    }

    /** Its MCP endpoint named by {@code host} (which must resolve to the loopback address). */
    URI url(String host) {
        String scheme = server instanceof SSLServerSocket ? "https" : "http";
        return URI.create(scheme + "://" + host + ":" + server.getLocalPort() + "/mcp");
    }

    List<Request> calls(String rpcMethod) {
        return requests.stream().filter(r -> rpcMethod.equals(r.rpcMethod())).toList();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                String line = Http1Connection.readLine(in);
                if (line == null) {
                    return;
                }
                String[] parts = line.split(" ");
                Map<String, String> headers = new TreeMap<>();
                String h;
                while ((h = Http1Connection.readLine(in)) != null && !h.isEmpty()) {
                    int colon = h.indexOf(':');
                    headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                }
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                byte[] body = in.readNBytes(length);
                Request r = new Request(parts[0], parts[1], headers,
                        length == 0 ? null : McpJson.MAPPER.readTree(body));
                requests.add(r);
                String answer = script.answer(r);
                if (answer == null) {
                    return;
                }
                String[] pieces = answer.split(PAUSE, -1);
                for (int i = 0; i < pieces.length; i++) {
                    if (i > 0) {
                        Thread.sleep(PAUSE_MILLIS);
                    }
                    String piece = pieces[i];
                    if (piece.startsWith(AWAIT)) {
                        if (!proceed.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                            return; // hang up: the client sees the call fail
                        }
                        piece = piece.substring(AWAIT.length());
                    }
                    out.write(piece.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (Exception e) {
            // the client went away, or the script hung up
        }
    }

    /** Closes every connection accepted so far, as an upstream that restarts does; new ones are still accepted. */
    void closeConnections() throws IOException {
        for (Socket s : open) {
            s.close();
        }
        open.clear();
    }

    /** A complete response with a Content-Length body. */
    static String response(int status, String contentType, String body, String... extraHeaders) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
        if (contentType != null) {
            sb.append("Content-Type: ").append(contentType).append("\r\n");
        }
        for (String x : extraHeaders) {
            sb.append(x).append("\r\n");
        }
        return sb.append("Content-Length: ").append(b.length).append("\r\n\r\n").append(body).toString();
    }

    /** A chunked {@code text/event-stream} response, one chunk per event. */
    static String events(String... jsonMessages) {
        StringBuilder sb = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (String m : jsonMessages) {
            String event = "event: message\ndata: " + m + "\n\n";
            sb.append(Integer.toHexString(event.getBytes(StandardCharsets.UTF_8).length)).append("\r\n").append(event).append("\r\n");
        }
        return sb.append("0\r\n\r\n").toString();
    }

    /** Like {@link #events}, with the final chunk sent {@value #PAUSE_MILLIS} ms after the events. */
    static String eventsEndingLate(String... jsonMessages) {
        String all = events(jsonMessages);
        return all.substring(0, all.length() - 5) + PAUSE + "0\r\n\r\n";
    }

    /** The JSON-RPC id of a request, as JSON text. */
    static String id(Request r) {
        return r.body().get("id").toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
