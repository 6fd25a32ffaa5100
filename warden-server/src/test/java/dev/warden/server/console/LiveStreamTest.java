package dev.warden.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.decision.Caller;
import dev.warden.decision.Decision;
import dev.warden.decision.DecisionId;
import dev.warden.decision.DecisionRequest;
import dev.warden.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One subscriber's event stream: a client that stops reading (its writes block) does not hold up
 * decisions, and once it reads again it is told how many decisions it missed.
 */
class LiveStreamTest {
    private static final DecisionRequest REQUEST = DecisionRequest.of(new Caller("support-bot", "ses_1", 0),
            "inventory.read", Map.of());

    /** An output whose writes block while {@code blocked} is set, as a socket a client does not read. */
    static final class StalledOutput extends OutputStream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final CountDownLatch released = new CountDownLatch(1);
        final CountDownLatch firstBlockedWrite = new CountDownLatch(1);
        final AtomicBoolean blocking = new AtomicBoolean();

        @Override
        public synchronized void write(int b) {
            written.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (blocking.get()) {
                firstBlockedWrite.countDown();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            synchronized (this) {
                written.write(b, off, len);
            }
        }

        synchronized String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aStalledClient_missesDecisionsWithoutSlowingThem_andIsToldHowMany() throws Exception {
        DecisionFeed feed = new DecisionFeed(Clock.systemUTC());
        FeedSubscriber subscriber = feed.subscribe(FeedFilter.ALL).orElseThrow();
        StalledOutput out = new StalledOutput();
        Optional<Predicate<String>> everyone = Optional.of(a -> true);
        LiveStream stream = new LiveStream(subscriber, () -> everyone, Duration.ofSeconds(15), Duration.ofSeconds(5));
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                stream.run(out);
            } catch (IOException | InterruptedException e) {
                // ended
            }
        });
        long connected = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!out.text().contains(": connected") && System.nanoTime() < connected) {
            Thread.sleep(5);
        }
        out.blocking.set(true);
        decide(feed, 0, 1);
        assertThat(out.firstBlockedWrite.await(10, TimeUnit.SECONDS)).isTrue(); // the writer is stuck in a write now

        int n = DecisionFeed.QUEUE_CAPACITY * 4;
        long started = System.nanoTime();
        decide(feed, 1, n + 1);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        out.blocking.set(false);
        out.released.countDown();

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((!out.text().contains("event: skipped") || count(out.text(), "\"id\":\"") < 1 + DecisionFeed.QUEUE_CAPACITY)
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String text = out.text();
        writer.interrupt();
        assertThat(text.contains("event: skipped")).as("a skipped notice was sent").isTrue();
        Matcher m = Pattern.compile("event: skipped\ndata: \\{\"skipped\":(\\d+),\"total\":(\\d+)}").matcher(text);
        if (!m.find()) {
            m = Pattern.compile("event: skipped\ndata: \\{\"total\":(\\d+),\"skipped\":(\\d+)}").matcher(text);
            assertThat(m.find()).isTrue();
        }
        assertThat(subscriber.skipped()).isEqualTo(n - DecisionFeed.QUEUE_CAPACITY);
        assertThat(text).contains(String.valueOf(n - DecisionFeed.QUEUE_CAPACITY));
        // what was not skipped arrives, in order
        assertThat(count(text, "\"id\":\"")).isEqualTo(1 + DecisionFeed.QUEUE_CAPACITY);
    }

    @Test
    void aStreamEnds_whenItsSessionDoes() throws Exception {
        DecisionFeed feed = new DecisionFeed(Clock.systemUTC());
        FeedSubscriber subscriber = feed.subscribe(FeedFilter.ALL).orElseThrow();
        StalledOutput out = new StalledOutput();
        AtomicBoolean live = new AtomicBoolean(true);
        Optional<Predicate<String>> everyone = Optional.of(a -> true);
        LiveStream stream = new LiveStream(subscriber, () -> live.get() ? everyone : Optional.empty(),
                Duration.ofMillis(200), Duration.ofMillis(100));
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                stream.run(out);
            } catch (IOException | InterruptedException e) {
                // ended
            }
        });
        Thread.sleep(600);
        live.set(false);

        assertThat(writer.join(Duration.ofSeconds(10))).isTrue();
        assertThat(out.text()).startsWith("retry: 3000\n: connected\n\n").contains(": heartbeat\n\n")
                .endsWith("event: end\ndata: signed-out\n\n");
    }

    @Test
    void closingTheFeed_endsItsStreams() throws Exception {
        DecisionFeed feed = new DecisionFeed(Clock.systemUTC());
        FeedSubscriber subscriber = feed.subscribe(FeedFilter.ALL).orElseThrow();
        Optional<Predicate<String>> everyone = Optional.of(a -> true);
        LiveStream stream = new LiveStream(subscriber, () -> everyone, Duration.ofSeconds(15), Duration.ofSeconds(5));
        StalledOutput out = new StalledOutput();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                stream.run(out);
            } catch (IOException | InterruptedException e) {
                // ended
            }
        });
        Thread.sleep(200);

        feed.close();

        assertThat(writer.join(Duration.ofSeconds(5))).isTrue();
        assertThat(feed.subscribers()).isZero();
        assertThat(feed.subscribe(FeedFilter.ALL)).isEmpty();
    }

    @Test
    void theRate_countsTheLastMinute() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        DecisionRate rate = new DecisionRate(clock);
        for (int s = 0; s < 120; s++) {
            rate.count(clock.instant().plusSeconds(s));
            rate.count(clock.instant().plusSeconds(s));
        }
        clock.set(Instant.parse("2026-01-01T00:01:59Z"));

        assertThat(rate.perMinute()).isEqualTo(120); // seconds 60..119, two each
        clock.set(Instant.parse("2026-01-01T00:05:00Z"));
        assertThat(rate.perMinute()).isZero();
    }

    private static void decide(DecisionFeed feed, int from, int to) {
        for (int i = from; i < to; i++) {
            feed.recorded(REQUEST, new Decision.Allow(new DecisionId(String.format("dec_%032x", i)), List.of(), List.of()),
                    Instant.now(), 1);
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
