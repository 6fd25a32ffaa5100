package dev.warden.limits;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The distinct values of an argument seen in allowed calls within a sliding window, each with the
 * last time it was seen; holds at most the budget's maximum (plus reservations), oldest first.
 */
final class DistinctWindow {
    private final long windowMs;
    private final LinkedHashMap<String, Long> lastSeen = new LinkedHashMap<>();
    private int reservedNew;

    DistinctWindow(long windowMs) {
        this.windowMs = windowMs;
    }

    private void expire(long nowMs) {
        for (Iterator<Map.Entry<String, Long>> it = lastSeen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() + windowMs > nowMs) {
                return;
            }
            it.remove();
        }
    }

    /**
     * Reserves room for {@code value}: a value already in the window always fits (it is not new); a
     * new one fits while fewer than {@code max} values (seen or reserved) are held.
     *
     * @return the check; {@link #isNew} says which kind of reservation to settle
     */
    synchronized Check tryReserve(String value, long max, long nowMs) {
        expire(nowMs);
        long pct = max == 0 ? 100 : lastSeen.size() * 100L / max;
        String used = Integer.toString(lastSeen.size());
        if (lastSeen.containsKey(value)) {
            return new Check(true, pct, -1, used);
        }
        if (lastSeen.size() + reservedNew + 1L <= max) {
            reservedNew++;
            return new Check(true, pct, -1, used);
        }
        long retry = lastSeen.isEmpty() ? (reservedNew > 0 ? 1000 : -1)
                : Math.max(1, lastSeen.values().iterator().next() + windowMs - nowMs);
        return new Check(false, pct, max == 0 ? -1 : retry, used);
    }

    /** Whether {@code value} would be new to the window now (call before {@link #tryReserve}). */
    synchronized boolean isNew(String value, long nowMs) {
        expire(nowMs);
        return !lastSeen.containsKey(value);
    }

    /** The share of {@code max} held, in whole percent. */
    synchronized long usedPct(long max, long nowMs) {
        expire(nowMs);
        return max == 0 ? 100 : lastSeen.size() * 100L / max;
    }

    /** Ends a reservation; a committed value is seen at {@code atMs}. */
    synchronized void settle(String value, boolean wasNew, boolean commit, long atMs) {
        if (wasNew) {
            reservedNew--;
        }
        if (commit) {
            add(value, atMs);
        }
    }

    /** Records a value seen in an allowed call (also when rebuilding from the audit log). */
    synchronized void add(String value, long atMs) {
        Long before = lastSeen.remove(value);
        lastSeen.put(value, before == null ? atMs : Math.max(before, atMs));
    }
}
