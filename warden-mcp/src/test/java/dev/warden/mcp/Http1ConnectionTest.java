package dev.warden.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The response parsing of the gateway's HTTP/1.1 client against a raw socket peer: skipping bodies to
 * their end (the way the call channel drains them before reuse), interim responses, and header lines
 * that would let an upstream (or something on the way) frame a response two ways.
 */
class Http1ConnectionTest {
    private static final Duration T = Duration.ofSeconds(5);

    /** Answers each request on one connection with the next of {@code answers}, written as given. */
    private static ServerSocket peer(List<String> answers) throws Exception {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                for (String answer : answers) {
                    String line;
                    while ((line = Http1Connection.readLine(in)) != null && !line.isEmpty()) {
                        // request head; the tests send no body
                    }
                    if (line == null) {
                        return;
                    }
                    for (String piece : answer.split("\u0000")) {
                        out.write(piece.getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        Thread.sleep(50); // so the client finds its buffer empty mid-body
                    }
                }
            } catch (Exception e) {
                // the test sees it as a failed read
            }
        });
        return server;
    }

    private static URI url(ServerSocket s) {
        return URI.create("http://127.0.0.1:" + s.getLocalPort() + "/mcp");
    }

    private static void skipAll(InputStream body) throws Exception {
        while (body.skip(Long.MAX_VALUE) > 0) {
            // as the call channel does
        }
    }

    @Test
    void chunkedBodySkippedChunkByChunk_acrossPausesAndTrailers_leavesTheNextResponseIntact() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n\u0000" + "1;ext=1\r\n \r\n" + "6\r\nwor\u0000ld!\r\n" + "0\r\nX-Trailer: t\r\n\r\n";
        String next = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext";
        try (ServerSocket server = peer(List.of(chunked, next));
             Http1Connection c = Http1Connection.open(url(server), T)) {
            InputStream first = c.send("GET", "/mcp", Map.of(), null, T).body();
            assertThat(first.skip(2)).isEqualTo(2);
            assertThat(first.read()).isEqualTo('l');
            skipAll(first);
            assertThat(first.read()).isEqualTo(-1);
            Http1Connection.Response second = c.send("GET", "/mcp", Map.of(), null, T);
            assertThat(new String(second.body().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("next");
        }
    }

    @Test
    void fixedBodySkipped_stopsAtItsLength_evenWhenItArrivesInPieces() throws Exception {
        String fixed = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n01234\u000056789";
        String next = "HTTP/1.1 204 No Content\r\n\r\n";
        try (ServerSocket server = peer(List.of(fixed, next));
             Http1Connection c = Http1Connection.open(url(server), T)) {
            InputStream first = c.send("GET", "/mcp", Map.of(), null, T).body();
            assertThat(first.skip(0)).isZero();
            skipAll(first);
            assertThat(first.read()).isEqualTo(-1);
            assertThat(first.skip(5)).isZero();
            assertThat(c.send("GET", "/mcp", Map.of(), null, T).status()).isEqualTo(204);
        }
    }

    @Test
    void bodyCutShort_failsTheSkip_ratherThanLookingDrained() throws Exception {
        String cut = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this";
        try (ServerSocket server = peer(List.of(cut));
             Http1Connection c = Http1Connection.open(url(server), T)) {
            InputStream body = c.send("GET", "/mcp", Map.of(), null, T).body();
            assertThatThrownBy(() -> skipAll(body)).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void interimResponses_areSkipped_andTheFinalOneIsTheResponse_withTheConnectionStillInStep() throws Exception {
        String hinted = "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n\u0000"
                + "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Final: yes\r\n\r\nfinal";
        String next = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nnext";
        try (ServerSocket server = peer(List.of(hinted, next));
             Http1Connection c = Http1Connection.open(url(server), T)) {
            Http1Connection.Response first = c.send("GET", "/mcp", Map.of(), null, T);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("x-final")).isEqualTo("yes");
            assertThat(first.header("link")).isNull(); // the hint's headers are not the response's
            assertThat(new String(first.body().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("final");
            Http1Connection.Response second = c.send("GET", "/mcp", Map.of(), null, T);
            assertThat(new String(second.body().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("next");
        }
    }

    @Test
    void switchingProtocols_isAnError_notAResponse() throws Exception {
        String upgrade = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
        try (ServerSocket server = peer(List.of(upgrade));
             Http1Connection c = Http1Connection.open(url(server), T)) {
            assertThatThrownBy(() -> c.send("GET", "/mcp", Map.of(), null, T))
                    .isInstanceOf(IOException.class).hasMessageContaining("101");
        }
    }

    @Test
    void endlessInterimResponses_failTheRequest_ratherThanReadingForever() throws Exception {
        String hints = "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n".repeat(1000)
                + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        try (ServerSocket server = peer(List.of(hints));
             Http1Connection c = Http1Connection.open(url(server), T)) {
            assertThatThrownBy(() -> c.send("GET", "/mcp", Map.of(), null, T))
                    .isInstanceOf(IOException.class).hasMessageContaining("interim");
        }
    }

    @Test
    void repeatedHeaders_keepEveryValue_andAnyCloseAmongThemEndsKeepAlive() throws Exception {
        String cookies = "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nConnection: close\r\nSet-Cookie: b=2\r\n"
                + "Content-Length: 2\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok";
        try (ServerSocket server = peer(List.of(cookies));
             Http1Connection c = Http1Connection.open(url(server), T)) {
            Http1Connection.Response r = c.send("GET", "/mcp", Map.of(), null, T);
            assertThat(r.headers().get("set-cookie")).isEqualTo(List.of("a=1", "b=2"));
            assertThat(r.keepAlive()).isFalse();
            // the same length twice frames the body one way only
            assertThat(new String(r.body().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("ok");
        }
    }

    /**
     * Response heads ({@code \r\n} stands for a line break) that frame a body, or name a session, two
     * ways. Taking one reading (the last line, say) where a proxy on the way takes another is how
     * responses get smuggled: each must fail the request, naming what is wrong.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Content-Length: 4\\r\\nContent-Length: 40                 | conflicting Content-Length",
        "Content-Length: 4, 40                                    | conflicting Content-Length",
        "Transfer-Encoding: chunked\\r\\nContent-Length: 4         | both Transfer-Encoding and Content-Length",
        "Content-Length: 4\\r\\nTransfer-Encoding: chunked         | both Transfer-Encoding and Content-Length",
        "Transfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked | unsupported Transfer-Encoding",
        "Transfer-Encoding: gzip, chunked                         | unsupported Transfer-Encoding",
        "Transfer-Encoding: chunked, identity                     | unsupported Transfer-Encoding",
        "Content-Length: -1                                       | bad Content-Length",
        "Content-Length: +4                                       | bad Content-Length",
        "Content-Length: 4\\r\\n 0                                 | malformed response header line",
        "Content-Length : 40\\r\\nContent-Length: 4                | malformed response header line",
        "Content-Length 40\\r\\nContent-Length: 4                  | malformed response header line",
        "Mcp-Session-Id: s-1\\r\\nContent-Length: 4\\r\\nMcp-Session-Id: s-2 | conflicting Mcp-Session-Id",
        "Content-Type: application/json\\r\\nContent-Length: 4\\r\\nContent-Type: text/event-stream | conflicting Content-Type",
    })
    void headFramingTheResponseTwoWays_failsTheRequest(String head, String why) throws Exception {
        String answer = "HTTP/1.1 200 OK\r\n" + head.replace("\\r\\n", "\r\n") + "\r\n\r\n4\r\nbody\r\n0\r\n\r\n";
        try (ServerSocket server = peer(List.of(answer));
             Http1Connection c = Http1Connection.open(url(server), T)) {
            assertThatThrownBy(() -> c.send("GET", "/mcp", Map.of(), null, T)).isInstanceOf(IOException.class)
                    .hasMessageContaining(why);
        }
    }
}
