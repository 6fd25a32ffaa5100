package dev.warden.limits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A sliding-window sum in 60 slots: what was committed within the window, plus what is reserved
 * for calls not yet decided. An amount counts from its slot's start until one slot after the
 * window has passed: never less than the window, at most a sixtieth more (the safe side).
 */
final class WindowSum {
    private static final int SLOTS = 60;

    private final long windowMs;
    private final long slotMs;
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private BigDecimal total = BigDecimal.ZERO;
    private BigDecimal reserved = BigDecimal.ZERO;

    private static final class Slot {
        final long start;
        BigDecimal amount;

        Slot(long start, BigDecimal amount) {
            this.start = start;
            this.amount = amount;
        }
    }

    WindowSum(long windowMs) {
        this.windowMs = windowMs;
        this.slotMs = Math.max(1, windowMs / SLOTS);
    }

    private void expire(long nowMs) {
        while (!slots.isEmpty() && slots.peekFirst().start + slotMs + windowMs <= nowMs) {
            total = total.subtract(slots.pollFirst().amount);
        }
    }

    /** Reserves {@code amount} when the window plus the reservations plus it stay at or below {@code max}. */
    synchronized Check tryReserve(BigDecimal amount, BigDecimal max, long nowMs) {
        expire(nowMs);
        long pct = pct(max);
        String used = total.stripTrailingZeros().toPlainString();
        BigDecimal after = total.add(reserved).add(amount);
        if (after.compareTo(max) <= 0) {
            reserved = reserved.add(amount);
            return new Check(true, pct, -1, used);
        }
        return new Check(false, pct, retryAfter(after.subtract(max), amount, max, nowMs), used);
    }

    /** When enough of the window has passed for {@code need} to be freed. */
    private long retryAfter(BigDecimal need, BigDecimal amount, BigDecimal max, long nowMs) {
        if (amount.compareTo(max) > 0) {
            return -1; // never fits
        }
        BigDecimal freed = BigDecimal.ZERO;
        for (Iterator<Slot> it = slots.iterator(); it.hasNext(); ) {
            Slot s = it.next();
            freed = freed.add(s.amount);
            if (freed.compareTo(need) >= 0) {
                return Math.max(1, s.start + slotMs + windowMs - nowMs);
            }
        }
        return reserved.signum() > 0 ? 1000 : -1; // calls being decided hold the rest: they settle at once
    }

    private long pct(BigDecimal max) {
        if (max.signum() == 0) {
            return total.signum() > 0 ? 100 : 0;
        }
        return total.multiply(BigDecimal.valueOf(100)).divide(max, 0, RoundingMode.FLOOR).longValueExact();
    }

    /** The share of {@code max} the window holds, in whole percent. */
    synchronized long usedPct(BigDecimal max, long nowMs) {
        expire(nowMs);
        return pct(max);
    }

    /** Ends a reservation: adds it to the window at {@code atMs} when committed, drops it otherwise. */
    synchronized void settle(BigDecimal amount, boolean commit, long atMs) {
        reserved = reserved.subtract(amount);
        if (commit) {
            add(amount, atMs);
        }
    }

    /** Adds a committed amount (also when rebuilding from the audit log). */
    synchronized void add(BigDecimal amount, long atMs) {
        long start = atMs - Math.floorMod(atMs, slotMs);
        Slot last = slots.peekLast();
        if (last != null && start <= last.start) {
            last.amount = last.amount.add(amount); // a late arrival counts in the newest slot: longer, never shorter
        } else {
            slots.addLast(new Slot(start, amount));
        }
        total = total.add(amount);
    }
}
