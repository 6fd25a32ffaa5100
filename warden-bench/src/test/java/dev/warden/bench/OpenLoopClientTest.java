package dev.warden.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The open loop's client against a small HTTP/1.1 server whose manners each test chooses. */
class OpenLoopClientTest {
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    /** How the test server answers. */
    private record Manners(boolean sse, boolean announceClose, boolean dropAfterAnswer, long delayMillis, boolean failOddIds,
                           boolean dropOnReuse) {
        Manners(boolean sse, boolean announceClose, boolean dropAfterAnswer, long delayMillis, boolean failOddIds) {
            this(sse, announceClose, dropAfterAnswer, delayMillis, failOddIds, false);
        }

        static Manners plain() {
            return new Manners(false, false, false, 0, false);
        }
    }

    private ServerSocket listener;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger mostConcurrent = new AtomicInteger();

    @AfterEach
    void stop() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    private InetSocketAddress serve(Manners m) throws IOException {
        listener = new ServerSocket(0, 128, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> answer(s, m));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    private void answer(Socket s, Manners m) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            for (int served = 0; ; served++) {
                String body = readRequest(in);
                if (body == null || m.dropOnReuse() && served == 1) {
                    return; // dropOnReuse: hangs up on the second request, as at the end of a keep-alive timeout
                }
                int now = concurrent.incrementAndGet();
                mostConcurrent.accumulateAndGet(now, Math::max);
                if (m.delayMillis() > 0) {
                    Thread.sleep(m.delayMillis());
                }
                concurrent.decrementAndGet();
                Matcher id = ID.matcher(body);
                long n = id.find() ? Long.parseLong(id.group(1)) : -1;
                String json = m.failOddIds() && n % 2 == 1
                        ? "{\"jsonrpc\":\"2.0\",\"id\":" + n + ",\"result\":{\"content\":[],\"isError\":true}}"
                        : "{\"jsonrpc\":\"2.0\",\"id\":" + n + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"ping " + n + "\"}]}}";
                String close = m.announceClose() ? "Connection: close\r\n" : "";
                String response;
                if (m.sse()) {
                    String event = "event: message\ndata: " + json + "\n\n";
                    byte[] e = event.getBytes(StandardCharsets.UTF_8);
                    response = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n" + close
                            + "\r\n" + Integer.toHexString(e.length) + "\r\n" + event + "\r\n0\r\n\r\n";
                } else {
                    byte[] b = json.getBytes(StandardCharsets.UTF_8);
                    response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + b.length + "\r\n" + close
                            + "\r\n" + json;
                }
                out.write(response.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (m.announceClose() || m.dropAfterAnswer()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    /** The body of the next request, or null at the end of the stream. */
    private static String readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while (!head.toString().endsWith("\r\n\r\n")) {
            if ((c = in.read()) < 0) {
                return null;
            }
            head.append((char) c);
        }
        Matcher cl = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int length = cl.find() ? Integer.parseInt(cl.group(1)) : 0;
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** A target that checks answers as {@link McpSession} does. */
    private static OpenLoopClient.Target target(InetSocketAddress address, AtomicInteger failures) {
        AtomicInteger ids = new AtomicInteger(10);
        return new OpenLoopClient.Target() {
            @Override
            public InetSocketAddress address() {
                return address;
            }

            @Override
            public long nextId() {
                return ids.incrementAndGet();
            }

            @Override
            public byte[] request(long id) {
                String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\"}";
                return ("POST /mcp HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public boolean ok(RawHttpConnection.Response r, long id) {
                return McpSession.echoed(r, id);
            }

            @Override
            public void failed(String why) {
                failures.incrementAndGet();
            }
        };
    }

    private record Run(OpenLoopClient.Outcome outcome, Histogram latencies, long[] each, int failures) {
    }

    private Run run(Manners m, int maxConnections, long periodMillis, int total) throws Exception {
        InetSocketAddress address = serve(m);
        AtomicInteger failures = new AtomicInteger();
        Recorder rec = new Recorder(3);
        long[] each = new long[total];
        OpenLoopClient.Outcome o = OpenLoopClient.run(target(address, failures), maxConnections,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(periodMillis), total, rec, each);
        return new Run(o, rec.getIntervalHistogram(), each, failures.get());
    }

    @Test
    void everyCallIsAnsweredAndTimedOnKeptAliveConnections() throws Exception {
        Run r = run(Manners.plain(), 64, 1, 300);
        assertThat(r.outcome()).isEqualTo(new OpenLoopClient.Outcome(300, 0));
        assertThat(r.latencies().getTotalCount()).isEqualTo(300);
        assertThat(java.util.Arrays.stream(r.each()).min().orElseThrow()).isPositive();
        assertThat(connections.get()).isLessThan(300); // connections are reused, not one per call
    }

    @Test
    void leadInCallsAreMadeOnTheSameConnectionsButNotTimed() throws Exception {
        InetSocketAddress address = serve(new Manners(false, false, false, 3, false));
        AtomicInteger failures = new AtomicInteger();
        Recorder rec = new Recorder(3);
        long[] each = new long[100];
        OpenLoopClient.Outcome o = OpenLoopClient.run(target(address, failures), 4,
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(1), 300, rec, each,
                200, TimeUnit.SECONDS.toNanos(5));
        assertThat(o).isEqualTo(new OpenLoopClient.Outcome(300, 0));
        assertThat(rec.getIntervalHistogram().getTotalCount()).isEqualTo(100); // the 200 lead-in calls are not timed
        assertThat(java.util.Arrays.stream(each).min().orElseThrow()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(3));
        assertThat(connections.get()).isLessThanOrEqualTo(4); // the timed calls reuse the lead-in's connections
    }

    @Test
    void readsChunkedEventStreamsToTheirLastChunk() throws Exception {
        Run r = run(new Manners(true, false, false, 0, false), 8, 1, 200);
        assertThat(r.outcome()).isEqualTo(new OpenLoopClient.Outcome(200, 0));
    }

    @Test
    void wrongAnswersCountAsErrors() throws Exception {
        Run r = run(new Manners(false, false, false, 0, true), 16, 1, 100);
        assertThat(r.outcome().errors()).isEqualTo(50);
        assertThat(r.failures()).isEqualTo(50);
        assertThat(r.latencies().getTotalCount()).isEqualTo(100);
    }

    @Test
    void aConnectionTheServerClosesIsReplacedWithoutLosingCalls() throws Exception {
        // announced (Connection: close) and silent (the server just hangs up after answering)
        assertThat(run(new Manners(false, true, false, 0, false), 4, 2, 100).outcome().errors()).isZero();
        listener.close();
        int before = connections.get();
        Run silent = run(new Manners(false, false, true, 0, false), 4, 5, 100);
        assertThat(silent.outcome().errors()).isZero();
        assertThat(connections.get() - before).isGreaterThanOrEqualTo(100);
    }

    @Test
    void aCallOnAKeptAliveConnectionTheServerDropsUnansweredIsSentOnceMoreOnANewOne() throws Exception {
        // every connection's second request is met with a hang-up: each call after the first goes out twice
        Run r = run(new Manners(false, false, false, 0, false, true), 1, 5, 30);
        assertThat(r.outcome()).isEqualTo(new OpenLoopClient.Outcome(30, 0));
        assertThat(connections.get()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void callsBeyondTheConnectionBoundWaitAndTheWaitCounts() throws Exception {
        // 20 calls 1 ms apart on 2 connections, each answer 50 ms: the last ones wait ~450 ms for a connection
        Run r = run(new Manners(false, false, false, 50, false), 2, 1, 20);
        assertThat(r.outcome()).isEqualTo(new OpenLoopClient.Outcome(20, 0));
        assertThat(mostConcurrent.get()).isLessThanOrEqualTo(2);
        assertThat(connections.get()).isLessThanOrEqualTo(2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(r.each()[19])).isGreaterThanOrEqualTo(400);
    }

    @Test
    void aServerThatNeverAnswersFailsTheCallsInsteadOfHanging() throws Exception {
        listener = new ServerSocket(0, 128, java.net.InetAddress.getLoopbackAddress()); // accepts (backlog), never reads
        AtomicInteger failures = new AtomicInteger();
        long started = System.nanoTime();
        OpenLoopClient.Outcome o = OpenLoopClient.run(
                target(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()), failures), 2,
                System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(1), 3, new Recorder(3), null, 0, TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(o).isEqualTo(new OpenLoopClient.Outcome(3, 3));
        assertThat(failures.get()).isEqualTo(3);
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(10)); // answered, not hung
    }
}
