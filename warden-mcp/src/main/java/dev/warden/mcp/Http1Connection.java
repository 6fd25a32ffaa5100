package dev.warden.mcp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

/**
 * One blocking HTTP/1.1 client connection (plain or TLS) with keep-alive, for the gateway's call
 * channel to Streamable HTTP upstreams. Meant to be used by one thread at a time: it writes
 * a request in one go and returns the response with a body stream that understands
 * {@code Content-Length}, chunked transfer coding and close-delimited bodies. Closing it from
 * another thread unblocks a read in progress (that is how a call is cancelled).
 */
final class Http1Connection implements AutoCloseable {
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 100;
    /** Interim responses tolerated before the final one (a peer sending them without end must not hold a call). */
    private static final int MAX_INTERIM = 16;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private volatile boolean closed;
    private long idleSince;

    private Http1Connection(Socket socket, String host) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = socket.getOutputStream();
        this.host = host;
    }

    /** Connects to the authority of {@code url} ({@code http} or {@code https}). */
    static Http1Connection open(URI url, Duration connectTimeout) throws IOException {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(url.getHost(), port), (int) connectTimeout.toMillis());
            if (tls) {
                s = ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(s, url.getHost(), port, true);
            }
            return new Http1Connection(s, url.getRawAuthority());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The response to one request: status, headers (lower-case names) and the body. */
    record Response(int status, Map<String, String> headers, InputStream body, boolean keepAlive) {
        String header(String name) {
            return headers.get(name);
        }

        String contentType() {
            String ct = headers.get("content-type");
            return ct == null ? "" : ct.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Sends one request and reads the response head.
     *
     * @param readTimeout the longest wait for any one read (0 = none)
     */
    Response send(String method, String target, Map<String, String> headers, byte[] body, Duration readTimeout) throws IOException {
        ByteArrayOutputStream req = new ByteArrayOutputStream(256 + (body == null ? 0 : body.length));
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ")
                .append(host).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        req.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            req.writeBytes(body);
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        req.writeTo(out);
        out.flush();
        return readHead(method);
    }

    private Response readHead(String method) throws IOException {
        for (int interim = 0; ; interim++) {
            String status = readLine(in);
            if (status == null) {
                throw new EOFException("connection closed before a response");
            }
            int code = statusCode(status);
            Map<String, String> headers = readHeaders();
            if (code == 101) {
                // nothing asked to switch protocols: what follows is not HTTP/1.1 any more
                throw new IOException("upstream switched protocols (101" + upgrade(headers) + ") unasked");
            }
            if (code >= 200) {
                return response(method, status, code, headers);
            }
            if (interim >= MAX_INTERIM) {
                throw new IOException("more than " + MAX_INTERIM + " interim (1xx) responses before the final one");
            }
            // 100 Continue, 103 Early Hints and the like: the final response follows on the connection
        }
    }

    private static String upgrade(Map<String, String> headers) {
        String to = headers.get("upgrade");
        return to == null ? "" : " to " + abbreviate(to);
    }

    private static int statusCode(String status) throws IOException {
        if (!status.startsWith("HTTP/1.") || status.length() < 12) {
            throw new IOException("not an HTTP/1.x response: " + abbreviate(status));
        }
        int code;
        try {
            code = Integer.parseInt(status.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status line: " + abbreviate(status));
        }
        if (code < 100 || code > 599) {
            throw new IOException("bad HTTP status line: " + abbreviate(status));
        }
        return code;
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int n = 0; ; n++) {
            String line = readLine(in);
            if (line == null) {
                throw new EOFException("connection closed in the response head");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if (n >= MAX_HEADERS) {
                throw new IOException("too many response headers");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
    }

    private Response response(String method, String status, int code, Map<String, String> headers) throws IOException {
        boolean keepAlive = status.startsWith("HTTP/1.1") && !"close".equalsIgnoreCase(headers.get("connection"));
        InputStream body;
        String te = headers.get("transfer-encoding");
        String cl = headers.get("content-length");
        if ("HEAD".equals(method) || code == 204 || code == 304) {
            body = InputStream.nullInputStream();
        } else if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = new ChunkedBody(in);
        } else if (cl != null) {
            long length;
            try {
                length = Long.parseLong(cl);
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + abbreviate(cl));
            }
            body = new FixedBody(in, length);
        } else {
            keepAlive = false;
            body = new FixedBody(in, Long.MAX_VALUE);
        }
        return new Response(code, Map.copyOf(headers), body, keepAlive);
    }

    /** Reads a CRLF- or LF-terminated ISO-8859-1 line; null at end of stream before any byte. */
    static String readLine(InputStream in) throws IOException {
        return readLine(in, MAX_LINE);
    }

    /** Reads a line of at most {@code max} bytes (body lines, such as SSE {@code data:} lines, may be long). */
    static String readLine(InputStream in, int max) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            if (sb.length() >= max) {
                throw new IOException("line longer than " + max + " bytes");
            }
            sb.append((char) c);
        }
        if (sb.isEmpty()) {
            return null;
        }
        throw new EOFException("connection closed mid-line");
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    /** Bytes that can be read without blocking (already buffered or received). */
    int available() throws IOException {
        return in.available();
    }

    /** Sets the longest wait for any one read from now on. */
    void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    boolean isClosed() {
        return closed;
    }

    /** Marks the moment it went back to the pool. */
    void idle(long nanos) {
        idleSince = nanos;
    }

    long idleSince() {
        return idleSince;
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to release
        }
    }

    /** A body of known length (or up to the end of the connection). */
    private static final class FixedBody extends InputStream {
        private final InputStream in;
        private long left;

        FixedBody(InputStream in, long length) {
            this.in = in;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int c = in.read();
            if (c >= 0) {
                left--;
            } else if (left != Long.MAX_VALUE) {
                throw new EOFException("connection closed inside the response body");
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            } else if (n < 0 && left != Long.MAX_VALUE) {
                throw new EOFException("connection closed inside the response body");
            }
            return n;
        }

        /** Skips within the connection's buffer where it can, so draining a body allocates nothing. */
        @Override
        public long skip(long n) throws IOException {
            if (n <= 0 || left <= 0) {
                return 0;
            }
            long s = in.skip(Math.min(n, left));
            if (s > 0) {
                left -= s;
                return s;
            }
            return read() < 0 ? 0 : 1; // nothing buffered: wait for one byte (or the end)
        }
    }

    /** A chunked body (RFC 9112 §7.1); trailers are read and dropped. */
    private static final class ChunkedBody extends InputStream {
        private final InputStream in;
        private long left;
        private boolean done;

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        private boolean next() throws IOException {
            if (done) {
                return false;
            }
            if (left > 0) {
                return true;
            }
            String size = readLine(in);
            if (size == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int semi = size.indexOf(';');
            try {
                left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + abbreviate(size));
            }
            if (left < 0) {
                throw new IOException("bad chunk size: " + abbreviate(size));
            }
            if (left == 0) {
                String trailer;
                while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
                    // trailers are not used
                }
                done = true;
                return false;
            }
            return true;
        }

        private void endOfChunk() throws IOException {
            if (left == 0) {
                String crlf = readLine(in);
                if (crlf == null || !crlf.isEmpty()) {
                    throw new IOException("chunk not followed by CRLF");
                }
            }
        }

        @Override
        public int read() throws IOException {
            if (!next()) {
                return -1;
            }
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed inside a chunk");
            }
            left--;
            endOfChunk();
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!next()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("connection closed inside a chunk");
            }
            left -= n;
            endOfChunk();
            return n;
        }

        /** Skips within the current chunk, through the connection's buffer, without a copy. */
        @Override
        public long skip(long n) throws IOException {
            if (n <= 0 || !next()) {
                return 0;
            }
            long s = in.skip(Math.min(n, left));
            if (s <= 0) {
                return read() < 0 ? 0 : 1; // nothing buffered: wait for one byte of the chunk
            }
            left -= s;
            endOfChunk();
            return s;
        }
    }
}
