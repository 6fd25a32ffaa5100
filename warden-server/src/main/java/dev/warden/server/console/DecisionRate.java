package dev.warden.server.console;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How many decisions were recorded in the last minute, counted in one-second slots without locks:
 * each slot holds its second (high 32 bits) and its count (low 32 bits) in one long, so counting a
 * decision is one compare-and-set and a slot reused for a newer second starts from zero exactly.
 */
public final class DecisionRate {
    private static final int SLOTS = 64; // more than the 60 seconds counted, a power of two
    private static final long COUNT = 0xffff_ffffL;

    private final AtomicLongArray slots = new AtomicLongArray(SLOTS);
    private final Clock clock;

    /** A rate read at {@code clock}'s time. */
    public DecisionRate(Clock clock) {
        this.clock = clock;
    }

    /** Counts one decision made at {@code at}. */
    public void count(Instant at) {
        long second = at.getEpochSecond();
        long stamp = (second & COUNT) << 32;
        int i = (int) (second & (SLOTS - 1));
        while (true) {
            long v = slots.get(i);
            long next = (v & ~COUNT) == stamp ? v + 1 : stamp | 1;
            if ((v & ~COUNT) != stamp && ((v & ~COUNT) >>> 32) > (second & COUNT)) {
                return; // the slot already counts a newer second: this decision is older than the minute
            }
            if (slots.compareAndSet(i, v, next)) {
                return;
            }
        }
    }

    /** The decisions of the last 60 seconds (this one included). */
    public long perMinute() {
        long now = clock.instant().getEpochSecond();
        long sum = 0;
        for (long s = now - 59; s <= now; s++) {
            long v = slots.get((int) (s & (SLOTS - 1)));
            if ((v >>> 32) == (s & COUNT)) {
                sum += v & COUNT;
            }
        }
        return sum;
    }
}
