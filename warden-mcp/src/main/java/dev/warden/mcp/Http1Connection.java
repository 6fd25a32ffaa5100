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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
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
    /**
     * Fields that must have one value: repeated with another, the response means two different
     * things (its body type, or which upstream session it belongs to) and is refused.
     * ({@code content-length} is checked on its own: a list of one length repeated is allowed.)
     */
    private static final Set<String> SINGLE = Set.of("content-type", "mcp-session-id");
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

    /** Connects to the authority of {@code url} ({@code http}, or {@code https} trusting the JVM's trust store). */
    static Http1Connection open(URI url, Duration connectTimeout) throws IOException {
        return open(url, connectTimeout, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /**
     * Connects to the authority of {@code url}; for {@code https}, through {@code tls}, and completes
     * the handshake within {@code connectTimeout}.
     */
    static Http1Connection open(URI url, Duration connectTimeout, SSLSocketFactory tls) throws IOException {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        String host = hostOf(url);
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            if (https) {
                s = handshake((SSLSocket) tls.createSocket(s, host, port, true), host, port, connectTimeout);
            }
            return new Http1Connection(s, url.getRawAuthority());
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Completes the TLS handshake, accepting only a certificate that names {@code host} (a DNS name,
     * or an IP address for a literal; RFC 9110 §4.3.4), as an HTTPS client must: without that a
     * certificate the trusted CAs issued for any other host would do.
     */
    private static SSLSocket handshake(SSLSocket ssl, String host, int port, Duration timeout) throws IOException {
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isIpLiteral(host)) { // SNI carries names only (RFC 6066 §3)
            try {
                params.setServerNames(List.of(new SNIHostName(host)));
            } catch (IllegalArgumentException e) {
                // not a name SNI can carry (an underscore, say): sent without, and still checked against the certificate
            }
        }
        ssl.setSSLParameters(params);
        ssl.setSoTimeout((int) timeout.toMillis());
        try {
            ssl.startHandshake();
        } catch (IOException e) { // a refused certificate, a timeout, a peer that is no TLS server
            SSLHandshakeException failed = new SSLHandshakeException("TLS handshake with " + (host.indexOf(':') >= 0
                    ? "[" + host + "]" : host) + ":" + port + " failed: " + UpstreamSupervisor.rootMessage(e));
            failed.initCause(e);
            throw failed;
        }
        return ssl;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    /** The URL's host as a socket takes it (an IPv6 literal without its brackets). */
    private static String hostOf(URI url) {
        String host = url.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /**
     * The response to one request: status, headers (lower-case names, each with every value it was
     * sent with, in order) and the body.
     */
    record Response(int status, Map<String, List<String>> headers, InputStream body, boolean keepAlive) {
        /**
         * The value of a header, its values joined with {@code ", "} when it was repeated (RFC 9110
         * §5.3; {@code set-cookie} must be read from {@link #headers} instead); null when absent.
         */
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(", ", values);
        }

        String contentType() {
            String ct = header("content-type");
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
            Map<String, List<String>> headers = readHeaders();
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

    private static String upgrade(Map<String, List<String>> headers) {
        List<String> to = headers.get("upgrade");
        return to == null ? "" : " to " + abbreviate(String.join(", ", to));
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

    /**
     * Reads header lines up to the blank one: names lower-cased, every value of a repeated field
     * kept in order, except the fields in {@link #SINGLE}, which must not disagree.
     */
    private Map<String, List<String>> readHeaders() throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
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
            // a folded line, or whitespace in or around the name, may be read as another field elsewhere
            if (colon <= 0 || !isToken(line, colon)) {
                throw new IOException("malformed response header line: " + abbreviate(line));
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            List<String> values = headers.computeIfAbsent(name, k -> new ArrayList<>(1));
            if (!SINGLE.contains(name)) {
                values.add(value);
            } else if (values.isEmpty()) {
                values.add(value);
            } else if (!values.getFirst().equals(value)) {
                throw new IOException("conflicting " + line.substring(0, colon) + " headers in the response: "
                        + abbreviate(values.getFirst()) + " and " + abbreviate(value));
            }
        }
    }

    /** Whether the first {@code end} characters are an RFC 9110 token (what a field name is made of). */
    private static boolean isToken(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private Response response(String method, String status, int code, Map<String, List<String>> headers) throws IOException {
        boolean keepAlive = status.startsWith("HTTP/1.1") && !tokens(headers.get("connection")).contains("close");
        List<String> te = headers.get("transfer-encoding");
        List<String> cl = headers.get("content-length");
        if (te != null && cl != null) {
            throw new IOException("response has both Transfer-Encoding and Content-Length");
        }
        if (te != null && !tokens(te).equals(List.of("chunked"))) {
            // no coding was asked for: anything but chunked once could not be read as it was sent
            throw new IOException("unsupported Transfer-Encoding in the response: " + abbreviate(String.join(", ", te)));
        }
        InputStream body;
        if ("HEAD".equals(method) || code == 204 || code == 304) {
            body = InputStream.nullInputStream();
        } else if (te != null) {
            body = new ChunkedBody(in);
        } else if (cl != null) {
            body = new FixedBody(in, contentLength(cl));
        } else {
            keepAlive = false;
            body = new FixedBody(in, Long.MAX_VALUE);
        }
        headers.replaceAll((k, v) -> List.copyOf(v));
        return new Response(code, Map.copyOf(headers), body, keepAlive);
    }

    /** The elements of a comma-separated list field over all its lines (RFC 9110 §5.6.1), lower-cased. */
    private static List<String> tokens(List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> tokens = new ArrayList<>();
        for (String v : values) {
            for (String t : v.split(",")) {
                if (!t.isBlank()) {
                    tokens.add(t.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return tokens;
    }

    /** The one length that every Content-Length line and list element states; digits only. */
    private static long contentLength(List<String> values) throws IOException {
        long length = -1;
        for (String v : values) {
            for (String element : v.split(",", -1)) {
                String digits = element.strip();
                if (digits.isEmpty() || digits.length() > 18 || !isDigits(digits)) {
                    throw new IOException("bad Content-Length: " + abbreviate(v));
                }
                long n = Long.parseLong(digits);
                if (length >= 0 && n != length) {
                    throw new IOException("conflicting Content-Length in the response: " + abbreviate(String.join(", ", values)));
                }
                length = n;
            }
        }
        return length;
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false; // Long.parseLong would also take a sign
            }
        }
        return true;
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
