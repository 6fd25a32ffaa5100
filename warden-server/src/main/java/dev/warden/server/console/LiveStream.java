package dev.warden.server.console;

import dev.warden.server.api.v1.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Writes one subscriber's server-sent events until the client goes away or its session ends.
 * Runs on its own (virtual) thread, never on a deciding one. What it sends:
 * <ul>
 *   <li>{@code event: decisions}, data a JSON array of decisions, oldest first: what was queued
 *       since the last write, at most {@link #MAX_BATCH}; writes come at most every
 *       {@link #COALESCE}, so a busy server costs a client a few writes a second, not one per decision;</li>
 *   <li>{@code event: skipped}, data {@code {"skipped": n, "total": t}}: n decisions were not
 *       sent because the client read too slowly and its queue was full;</li>
 *   <li>{@code event: end}, data {@code signed-out}: the session ended; the stream closes;</li>
 *   <li>nothing more when the server stops: the stream just ends (the browser reconnects);</li>
 *   <li>a comment line every {@link #HEARTBEAT} when nothing else was sent, so proxies keep the connection.</li>
 * </ul>
 */
final class LiveStream {
    /** Decisions per event at most. */
    static final int MAX_BATCH = 500;
    /** The shortest time between two writes of decisions. */
    static final Duration COALESCE = Duration.ofMillis(50);
    /** The longest time without a write. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** How often the session is checked. */
    static final Duration SESSION_CHECK = Duration.ofSeconds(5);

    private final FeedSubscriber subscriber;
    private final Supplier<java.util.Optional<Predicate<String>>> session;
    private final Duration heartbeat;
    private final Duration sessionCheck;

    /**
     * @param subscriber the decisions to send
     * @param session    checked every {@code sessionCheck}: which agents the operator may see now
     *                   (by name), or empty when the session has ended
     */
    LiveStream(FeedSubscriber subscriber, Supplier<java.util.Optional<Predicate<String>>> session,
               Duration heartbeat, Duration sessionCheck) {
        this.subscriber = subscriber;
        this.session = session;
        this.heartbeat = heartbeat;
        this.sessionCheck = sessionCheck;
    }

    /** Sends events to {@code out} until the client is gone (an {@link IOException}) or the session ends. */
    void run(OutputStream out) throws IOException, InterruptedException {
        java.util.Optional<Predicate<String>> visible = session.get();
        if (visible.isEmpty()) {
            return;
        }
        write(out, "retry: 3000\n: connected\n\n");
        long lastWrite = System.nanoTime();
        long lastCheck = lastWrite;
        long reported = 0;
        while (!Thread.currentThread().isInterrupted() && !subscriber.closed()) {
            List<FeedEntry> batch = subscriber.take(MAX_BATCH, Duration.ofSeconds(1));
            StringBuilder text = new StringBuilder();
            List<Map<String, Object>> shown = new ArrayList<>(batch.size());
            for (FeedEntry e : batch) {
                if (visible.get().test(e.agent())) {
                    shown.add(e.wire());
                }
            }
            if (!shown.isEmpty()) {
                text.append("event: decisions\ndata: ").append(Json.write(shown)).append("\n\n");
            }
            long skipped = subscriber.skipped();
            if (skipped > reported) {
                text.append("event: skipped\ndata: ").append(Json.write(Map.of("skipped", skipped - reported, "total", skipped)))
                        .append("\n\n");
                reported = skipped;
            }
            long now = System.nanoTime();
            if (text.isEmpty() && now - lastWrite >= heartbeat.toNanos()) {
                text.append(": heartbeat\n\n");
            }
            if (now - lastCheck >= sessionCheck.toNanos()) {
                lastCheck = now;
                visible = session.get();
                if (visible.isEmpty()) {
                    write(out, text + "event: end\ndata: signed-out\n\n");
                    return;
                }
            }
            if (!text.isEmpty()) {
                write(out, text.toString());
                lastWrite = now;
                if (!shown.isEmpty()) {
                    Thread.sleep(COALESCE); // let more decisions gather: one write for many
                }
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
