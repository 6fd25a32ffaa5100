package dev.warden.server.console;

import dev.warden.decision.Decision;
import dev.warden.decision.DecisionRequest;
import dev.warden.decision.GuardedDecisionPoint;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The live decision feed's source: hears every decision once its audit record is durable (the
 * decision point's one audit choke point, see {@link GuardedDecisionPoint#addListener}) and hands
 * it to each subscriber whose filter it passes.
 *
 * <p>What a decision costs here, on the deciding thread: one count in the per-minute rate; with
 * subscribers, a filter check per subscriber and, for those it passes, one shared entry and a
 * lock-free queue insert (or a skipped count when that subscriber's queue is full). No lock, no
 * I/O, no JSON: the subscribers' own writer threads do the rest.
 */
public final class DecisionFeed implements GuardedDecisionPoint.DecisionListener {
    /** Subscribers at most (each is a held connection and a writer thread). */
    public static final int MAX_SUBSCRIBERS = 100;
    /** Decisions queued per subscriber at most before further ones are skipped. */
    public static final int QUEUE_CAPACITY = 2_048;

    private final DecisionRate rate;
    private volatile FeedSubscriber[] subscribers = new FeedSubscriber[0];
    private boolean closed;

    /** A feed whose per-minute rate reads {@code clock}. */
    public DecisionFeed(Clock clock) {
        this.rate = new DecisionRate(clock);
    }

    @Override
    public void recorded(DecisionRequest request, Decision decision, Instant at, long micros) {
        rate.count(at);
        FeedSubscriber[] now = subscribers;
        if (now.length == 0) {
            return;
        }
        String agent = request.caller().agent();
        String wire = decision.wire();
        FeedEntry entry = null;
        for (FeedSubscriber s : now) {
            if (s.filter().matches(agent, wire)) {
                if (entry == null) {
                    entry = FeedEntry.of(request, decision, at);
                }
                s.offer(entry);
            }
        }
    }

    /** A new subscriber of what {@code filter} passes; empty when {@link #MAX_SUBSCRIBERS} are subscribed. */
    public synchronized Optional<FeedSubscriber> subscribe(FeedFilter filter) {
        if (closed || subscribers.length >= MAX_SUBSCRIBERS) {
            return Optional.empty();
        }
        FeedSubscriber s = new FeedSubscriber(filter, QUEUE_CAPACITY);
        FeedSubscriber[] more = Arrays.copyOf(subscribers, subscribers.length + 1);
        more[subscribers.length] = s;
        subscribers = more;
        return Optional.of(s);
    }

    /** Stops handing decisions to {@code s}. */
    public synchronized void unsubscribe(FeedSubscriber s) {
        subscribers = Arrays.stream(subscribers).filter(x -> x != s).toArray(FeedSubscriber[]::new);
    }

    /** Ends every subscriber's stream (the server is stopping); later subscriptions are refused. */
    public synchronized void close() {
        closed = true;
        for (FeedSubscriber s : subscribers) {
            s.close();
        }
        subscribers = new FeedSubscriber[0];
    }

    /** How many subscribers there are now. */
    public int subscribers() {
        return subscribers.length;
    }

    /** The decisions of the last minute. */
    public long perMinute() {
        return rate.perMinute();
    }
}
