package dev.warden.server.alert;

import dev.warden.alert.Alert;
import dev.warden.alert.AlertDelivery;
import dev.warden.alert.AlertStore;
import dev.warden.audit.AuditEvent;
import dev.warden.audit.AuditLog;
import dev.warden.server.config.AlertSettings;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers the alert outbox to the configured webhooks, apart from the decision path.
 *
 * <p>A scheduler thread picks due outbox entries when woken (the alert service wakes it on each
 * new entry) and at least every {@link #POLL}; {@value #SENDERS} sender threads POST them, so at
 * most that many requests are open at once, at most {@value #PER_CHANNEL} to one channel (a
 * receiver that hangs does not hold up the others), and a receiver that hangs holds a sender for
 * at most the {@link #REQUEST_TIMEOUT} (after a {@link #CONNECT_TIMEOUT} to connect). A 2xx answer marks
 * the entry delivered ({@code alert.delivered} audit record); anything else is retried with
 * exponential backoff from {@link #FIRST_RETRY} doubling up to {@link #MAX_RETRY}, with no limit
 * on attempts. Entries live in the store, so a restart resumes where it stopped; every attempt
 * carries the same delivery and alert ids (a receiver dedupes on {@code X-Warden-Delivery-Id}).
 *
 * <p>Each request is signed when the channel has a secret: {@code X-Warden-Signature:
 * t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. Neither secrets nor channel URLs (a
 * Slack webhook URL is a credential) appear in logs, errors or audit records: they name the
 * channel.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());
    static final int SENDERS = 4;
    /** Requests one channel may have open at once: a channel that hangs leaves the others senders. */
    static final int PER_CHANNEL = 2;
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    private static final int BATCH = 100;

    private final AlertStore store;
    private final Map<String, AlertSettings.Channel> channels;
    private final Clock clock;
    private final AuditLog audit;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService senders;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> openPerChannel = new ConcurrentHashMap<>();
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile Duration firstRetry = FIRST_RETRY;

    /** A dispatcher over the store's outbox; {@link #start} begins delivering. */
    public WebhookDispatcher(AlertStore store, Map<String, AlertSettings.Channel> channels, Clock clock, AuditLog audit) {
        this.store = store;
        this.channels = Map.copyOf(channels);
        this.clock = clock;
        this.audit = audit;
        this.senders = Executors.newFixedThreadPool(SENDERS, Thread.ofPlatform().name("warden-alert-send-", 0).daemon(true).factory());
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build(); // its own executor: the senders block in send()
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("warden-alert-outbox").daemon(true).factory());
    }

    /** Sets the first retry delay (tests shorten it; it doubles up to {@link #MAX_RETRY}). */
    public void firstRetry(Duration d) {
        this.firstRetry = d;
    }

    /** Starts delivering: what the outbox held before a restart goes out now. */
    public void start() {
        scheduler.scheduleWithFixedDelay(this::poll, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a look at the outbox now (new entries were written). Cheap; never blocks. */
    public void wake() {
        if (wakeQueued.compareAndSet(false, true)) {
            try {
                scheduler.execute(() -> {
                    wakeQueued.set(false);
                    poll();
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false); // closed: the outbox keeps the entry for the next start
            }
        }
    }

    private void poll() {
        try {
            List<AlertDelivery> due = store.due(clock.instant(), BATCH);
            for (AlertDelivery d : due) {
                var open = openPerChannel.computeIfAbsent(d.channel(), c -> new java.util.concurrent.atomic.AtomicInteger());
                if (open.get() >= PER_CHANNEL || !inFlight.add(d.id())) {
                    continue; // the channel's own limit: it waits for one of its requests to end
                }
                open.incrementAndGet();
                try {
                    senders.execute(() -> deliver(d));
                } catch (RejectedExecutionException e) {
                    open.decrementAndGet();
                    inFlight.remove(d.id());
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "alert outbox could not be read; retrying: " + e.getMessage());
        }
    }

    private void deliver(AlertDelivery d) {
        int attempt = d.attempts() + 1;
        try {
            Optional<String> error = send(d);
            Instant now = clock.instant();
            if (error.isEmpty()) {
                store.delivered(d.id(), attempt, now);
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("alert_id", d.alertId());
                fields.put("delivery_id", d.id());
                fields.put("channel", d.channel());
                fields.put("attempts", attempt);
                audit.append(AuditEvent.of("alert.delivered", now, fields));
            } else {
                Duration wait = backoff(attempt);
                store.failed(d.id(), attempt, now.plus(wait), error.get());
                LOG.log(Level.WARNING, "alert delivery " + d.id() + " to channel " + d.channel() + " failed (attempt "
                        + attempt + "): " + error.get() + "; next attempt in " + wait.toMillis() + " ms");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "alert delivery " + d.id() + " to channel " + d.channel() + " could not be recorded: "
                    + e.getMessage());
        } finally {
            openPerChannel.get(d.channel()).decrementAndGet();
            inFlight.remove(d.id());
            wake(); // the channel has room again: what waited for it goes now
        }
    }

    /** Exponential backoff after {@code attempts} failures, capped at {@link #MAX_RETRY}. */
    Duration backoff(int attempts) {
        long millis = firstRetry.toMillis() << Math.min(attempts - 1, 20);
        return Duration.ofMillis(Math.min(millis, MAX_RETRY.toMillis()));
    }

    /** Sends one attempt; the error (without URL or secret) when it was not accepted. */
    private Optional<String> send(AlertDelivery d) {
        AlertSettings.Channel channel = channels.get(d.channel());
        if (channel == null) {
            return Optional.of("channel " + d.channel() + " is no longer configured");
        }
        Optional<Alert> alert = store.find(d.alertId());
        if (alert.isEmpty()) {
            return Optional.of("alert " + d.alertId() + " is not in the store");
        }
        String body = AlertPayloads.body(channel.format(), alert.get(), d);
        HttpRequest.Builder req = HttpRequest.newBuilder(channel.url())
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Warden-Alerts")
                .header("X-Warden-Alert-Id", d.alertId())
                .header("X-Warden-Delivery-Id", d.id())
                .header("X-Warden-Attempt", Integer.toString(d.attempts() + 1))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        channel.secret().ifPresent(s -> req.header("X-Warden-Signature", signature(s.key(), clock.instant(), body)));
        try {
            HttpResponse<Void> r = http.send(req.build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2 ? Optional.empty() : Optional.of("HTTP " + r.statusCode());
        } catch (HttpTimeoutException e) {
            return Optional.of("timed out");
        } catch (IOException e) {
            return Optional.of("not reachable (" + e.getClass().getSimpleName() + ")"); // the message may name the host
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * The signature header value: {@code t=<unix seconds>,v1=<hex HMAC-SHA256(key, "<t>.<body>")>}.
     */
    public static String signature(byte[] key, Instant at, String body) {
        long t = at.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(sig);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Stops polling and sending; undelivered entries stay in the outbox for the next start. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        senders.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.close();
    }
}
