package dev.warden.mcp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads HTTP/1.1 responses for {@link Http1Connection}: the status line and header fields (strictly:
 * a response that could be read two ways is refused), and the body framed as the head says
 * ({@code Content-Length}, chunked transfer coding, or up to the end of the connection).
 */
final class Http1Responses {
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

    private Http1Responses() {
    }

    /** Reads the response to a {@code method} request from {@code in}: its head, and its body framed by it. */
    static Http1Connection.Response read(InputStream in, String method) throws IOException {
        for (int interim = 0; ; interim++) {
            String status = readLine(in);
            if (status == null) {
                throw new EOFException("connection closed before a response");
            }
            int code = statusCode(status);
            Map<String, List<String>> headers = readHeaders(in);
            if (code == 101) {
                // nothing asked to switch protocols: what follows is not HTTP/1.1 any more
                throw new IOException("upstream switched protocols (101" + upgrade(headers) + ") unasked");
            }
            if (code >= 200) {
                return response(in, method, status, code, headers);
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
    private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
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

    private static Http1Connection.Response response(InputStream in, String method, String status, int code, Map<String, List<String>> headers) throws IOException {
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
        return new Http1Connection.Response(code, Map.copyOf(headers), body, keepAlive);
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
