package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.api.v1.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests Jetty rejects before any route sees them (bad request line, URI, percent-encoding,
 * headers, body framing, sizes), sent over a raw socket: every answer is the API's JSON error with a
 * snake_case code and the request's real status, never Jetty's HTML error page, never a 500.
 */
class MalformedRequestTest {
    @TempDir
    static Path data;
    static TestServer s;

    @BeforeAll
    static void start() throws Exception {
        s = new TestServer(data, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static final String CLOSE = "Connection: close\r\n";
    private static final String HOST = "Host: 127.0.0.1\r\n";
    private static final String OPERATOR = "Authorization: Bearer " + TestServer.ADMIN + "\r\n";
    private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";

    static Stream<Arguments> malformed() {
        String chunk = Integer.toHexString(65_536) + "\r\n" + "a".repeat(65_536) + "\r\n";
        return Stream.of(
                row("NUL in the path", "GET /v1/agents/support-bot%00 HTTP/1.1\r\n" + HOST + CLOSE + "\r\n", 400, "invalid_request"),
                row("NUL in the path, DELETE", "DELETE /v1/agents/support-bot%00 HTTP/1.1\r\n" + HOST + CLOSE + "\r\n", 400, "invalid_request"),
                row("NUL in the path, Accept: image/png", "GET /v1/agents/x%00 HTTP/1.1\r\n" + HOST + "Accept: image/png\r\n" + CLOSE + "\r\n", 400, "invalid_request"),
                row("percent not followed by hex", "GET /v1/agents/%zz HTTP/1.1\r\n" + HOST + CLOSE + "\r\n", 400, "invalid_request"),
                row("percent cut short", "GET /v1/agents/%4 HTTP/1.1\r\n" + HOST + CLOSE + "\r\n", 400, "invalid_request"),
                row("overlong UTF-8", "GET /v1/agents/%C0%AF HTTP/1.1\r\n" + HOST + CLOSE + "\r\n", 400, "invalid_request"),
                row("dot-dot above the root", "GET /v1/../../etc/passwd HTTP/1.1\r\n" + HOST + CLOSE + "\r\n", 400, "invalid_request"),
                row("control character in the path", "GET /heal\u0001thz HTTP/1.1\r\n" + HOST + CLOSE + "\r\n", 400, "invalid_request"),
                row("bad absolute URI", "GET http://[::1/healthz HTTP/1.1\r\n" + HOST + CLOSE + "\r\n", 400, "invalid_request"),
                row("bad percent-encoding in the query", "GET /v1/audit/entries?kind=%zz HTTP/1.1\r\n" + HOST + OPERATOR + CLOSE + "\r\n", 400, "invalid_request"),
                row("NUL in the query", "GET /v1/audit/entries?kind=%00 HTTP/1.1\r\n" + HOST + OPERATOR + CLOSE + "\r\n", 400, "invalid_request"),
                row("bad UTF-8 in the query", "GET /v1/audit/entries?kind=%C0%AF HTTP/1.1\r\n" + HOST + OPERATOR + CLOSE + "\r\n", 400, "invalid_request"),
                row("illegal character in the method", "G@T /healthz HTTP/1.1\r\n" + HOST + CLOSE + "\r\n", 400, "invalid_request"),
                row("unknown HTTP version", "GET /healthz HTTP/9.9\r\n" + HOST + CLOSE + "\r\n", 505, "http_version_not_supported"),
                row("HTTP/0.9", "GET /healthz\r\n\r\n", 505, "http_version_not_supported"),
                row("no Host", "GET /healthz HTTP/1.1\r\n" + CLOSE + "\r\n", 400, "invalid_request"),
                row("bad Host", "GET /healthz HTTP/1.1\r\nHost: a b@:x\r\n" + CLOSE + "\r\n", 400, "invalid_request"),
                row("two Host headers", "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n" + CLOSE + "\r\n", 400, "invalid_request"),
                row("space in a header name", "GET /healthz HTTP/1.1\r\n" + HOST + "Bad Header: y\r\n" + CLOSE + "\r\n", 400, "invalid_request"),
                row("headers too large", "GET /healthz HTTP/1.1\r\n" + HOST + "X-Big: " + "a".repeat(20_000) + "\r\n" + CLOSE + "\r\n", 431, "headers_too_large"),
                row("URI too long", "GET /healthz?" + "a".repeat(20_000) + " HTTP/1.1\r\n" + HOST + CLOSE + "\r\n", 414, "uri_too_long"),
                row("Content-Length not a number", "POST /v1/token HTTP/1.1\r\n" + HOST + "Content-Length: abc\r\n" + CLOSE + "\r\n", 400, "invalid_request"),
                row("Content-Length and Transfer-Encoding", "POST /v1/token HTTP/1.1\r\n" + HOST + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n" + CLOSE + "\r\n0\r\n\r\n", 400, "invalid_request"),
                row("Transfer-Encoding without chunked last", "POST /v1/token HTTP/1.1\r\n" + HOST + "Transfer-Encoding: gzip\r\n" + CLOSE + "\r\n", 400, "invalid_request"),
                row("bad chunk size", "POST /v1/token HTTP/1.1\r\n" + HOST + FORM + "Transfer-Encoding: chunked\r\n" + CLOSE + "\r\nZZ\r\nabc\r\n0\r\n\r\n", 400, "invalid_request"),
                row("unknown charset", "POST /v1/token HTTP/1.1\r\n" + HOST + "Content-Type: application/x-www-form-urlencoded; charset=foo\r\nContent-Length: 3\r\n" + CLOSE + "\r\na=b", 400, "invalid_request"),
                row("declared body too large", "POST /v1/token HTTP/1.1\r\n" + HOST + FORM + "Content-Length: 9999999\r\n" + CLOSE + "\r\n" + "a".repeat(70_000), 413, "body_too_large"),
                row("chunked body too large", "POST /v1/token HTTP/1.1\r\n" + HOST + FORM + "Transfer-Encoding: chunked\r\n" + CLOSE + "\r\n" + chunk + chunk + "0\r\n\r\n", 413, "body_too_large"),
                row("unknown expectation", "POST /v1/token HTTP/1.1\r\n" + HOST + "Expect: foo\r\nContent-Length: 0\r\n" + CLOSE + "\r\n", 417, "expectation_failed"),
                row("OPTIONS *", "OPTIONS * HTTP/1.1\r\n" + HOST + CLOSE + "\r\n", 404, "not_found"));
    }

    private static Arguments row(String name, String request, int status, String code) {
        return Arguments.of(name, request, status, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectedRequestGetsAJsonErrorWithItsStatus(String name, String request, int status, String code) throws IOException {
        RawResponse r = exchange(request);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.headers().get("content-type")).as(r.toString()).startsWith("application/json");
        assertThat(r.body()).as(r.toString()).doesNotContainIgnoringCase("<html");
        Map<String, Object> json = Json.parseObject(r.body());
        assertThat(json).as(r.toString()).containsEntry("error", code);
        assertThat(json.get("message")).as(r.toString()).isInstanceOf(String.class);
        assertThat((String) json.get("message")).as(r.toString()).isNotBlank();
    }

    @Test
    void theIssuesExample_nulInAnAgentName_saysWhatIsMalformed() throws IOException {
        RawResponse r = exchange("GET /v1/agents/support-bot%00 HTTP/1.1\r\n" + HOST + OPERATOR + CLOSE + "\r\n");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        Map<String, Object> json = Json.parseObject(r.body());
        assertThat(json).containsEntry("error", "invalid_request");
        assertThat((String) json.get("message")).startsWith("malformed request");
    }

    /** A response as it came over the wire. */
    record RawResponse(int status, Map<String, String> headers, String body, String raw) {
        @Override
        public String toString() {
            return raw.length() > 2000 ? raw.substring(0, 2000) + "..." : raw;
        }
    }

    /** Sends the bytes as they are (ISO-8859-1) and reads the answer until the server closes the connection. */
    private static RawResponse exchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", s.server.port()), 5_000);
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            // read while writing: the server may answer (and close) before a large request is fully sent
            Thread reader = Thread.ofVirtual().start(() -> readAll(socket, received));
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                socket.shutdownOutput();
            } catch (IOException rejectedMidway) {
                // the answer is already on its way
            }
            try {
                reader.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return parse(received.toString(StandardCharsets.UTF_8));
        }
    }

    private static void readAll(Socket socket, ByteArrayOutputStream into) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (into) {
                    into.write(buffer, 0, n);
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException end) {
            // what arrived is what we judge
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static RawResponse parse(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        assertThat(end).as("a complete response head in: " + raw).isPositive();
        String[] lines = raw.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body = raw.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new RawResponse(Integer.parseInt(statusLine[1]), headers, body, raw);
    }

    private static String dechunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }
}
