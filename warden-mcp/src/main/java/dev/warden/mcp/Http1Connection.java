package dev.warden.mcp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One blocking HTTP/1.1 client connection (plain or TLS) with keep-alive, for the gateway's call
 * channel to Streamable HTTP upstreams. Meant to be used by one thread at a time: it writes
 * a request in one go and returns the response with a body stream that understands
 * {@code Content-Length}, chunked transfer coding and close-delimited bodies ({@link Http1Responses}
 * reads and frames them). Closing it from
 * another thread unblocks a read in progress (that is how a call is cancelled).
 */
final class Http1Connection implements AutoCloseable {
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
        return Http1Responses.read(in, method);
    }

    /** Reads a CRLF- or LF-terminated ISO-8859-1 line; null at end of stream before any byte. */
    static String readLine(InputStream in) throws IOException {
        return Http1Responses.readLine(in);
    }

    /** Reads a line of at most {@code max} bytes (body lines, such as SSE {@code data:} lines, may be long). */
    static String readLine(InputStream in, int max) throws IOException {
        return Http1Responses.readLine(in, max);
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
}
