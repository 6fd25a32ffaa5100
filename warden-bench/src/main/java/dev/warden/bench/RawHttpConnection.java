package dev.warden.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal HTTP/1.1 keep-alive client connection for the load generator: writes a pre-built
 * request and reads one response (Content-Length or chunked), no pipelining. Just enough HTTP to
 * keep the client's own cost small next to the server's on a shared 2-core machine.
 */
final class RawHttpConnection implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final InetSocketAddress address;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[] buf = new byte[16 * 1024];
    private int len;

    /** One response: status, body, and whether the server closes the connection after it. */
    record Response(int status, byte[] buffer, int bodyStart, int bodyEnd, boolean close) {
        /** True when the body contains the given ASCII text. */
        boolean bodyContains(byte[] needle) {
            outer:
            for (int i = bodyStart; i <= bodyEnd - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (buffer[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        /** The body as text (for error messages). */
        String body() {
            return new String(buffer, bodyStart, bodyEnd - bodyStart, StandardCharsets.UTF_8);
        }
    }

    RawHttpConnection(InetSocketAddress address) {
        this.address = address;
    }

    /** Sends the request bytes and reads the response; reconnects first if the last exchange failed. */
    Response exchange(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            out.write(request);
            out.flush();
            return read();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setKeepAlive(true);
        s.connect(address, READ_TIMEOUT_MILLIS);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        len = 0;
    }

    private Response read() throws IOException {
        len = 0;
        Response r;
        while ((r = parse(buf, len)) == null) {
            fill();
        }
        if (r.close()) {
            close();
        }
        return r;
    }

    /**
     * The response in {@code buf[0, len)} once it is complete (Content-Length, or chunked up to the
     * terminating zero-size chunk), or null while more bytes are needed.
     *
     * @throws IOException when the bytes are not an HTTP/1.1 response this client can read
     */
    static Response parse(byte[] buf, int len) throws IOException {
        int headerEnd = indexOf(buf, CRLFCRLF, 0, len);
        if (headerEnd < 0) {
            return null;
        }
        int bodyStart = headerEnd + 4;
        if (len < 12 || buf[0] != 'H') {
            throw new IOException("not an HTTP response");
        }
        int status = (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + (buf[11] - '0');
        String headers = new String(buf, 0, headerEnd, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        boolean close = headers.contains("\r\nconnection: close");
        int bodyEnd;
        int cl = headers.indexOf("\r\ncontent-length:");
        if (cl >= 0) {
            int eol = headers.indexOf("\r\n", cl + 2);
            int length = Integer.parseInt(headers.substring(cl + 17, eol < 0 ? headers.length() : eol).trim());
            bodyEnd = bodyStart + length;
            if (len < bodyEnd) {
                return null;
            }
        } else if (headers.contains("\r\ntransfer-encoding: chunked")) {
            // the terminating zero-size chunk; responses here are small JSON bodies without trailers
            if (indexOf(buf, LAST_CHUNK, bodyStart - 2, len) < 0) {
                return null;
            }
            bodyEnd = len;
        } else {
            throw new IOException("response without Content-Length or chunked encoding");
        }
        return new Response(status, buf, bodyStart, bodyEnd, close);
    }

    private static final byte[] CRLFCRLF = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_CHUNK = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static int indexOf(byte[] buf, byte[] needle, int from, int to) {
        outer:
        for (int i = Math.max(0, from); i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void fill() throws IOException {
        if (len == buf.length) {
            if (buf.length >= 4 * 1024 * 1024) {
                throw new IOException("response larger than 4 MiB");
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, len, buf.length - len);
        if (n < 0) {
            throw new EOFException("connection closed by the server");
        }
        len += n;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
