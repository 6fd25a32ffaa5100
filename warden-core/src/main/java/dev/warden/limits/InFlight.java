package dev.warden.limits;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One agent's allowed calls still without an outcome, oldest first, plus the calls being decided
 * that hold a slot. A call counts until its outcome is recorded or the timeout passes, so an agent
 * that never reports does not lock itself out for good.
 */
final class InFlight {
    private final LinkedHashMap<String, Long> started = new LinkedHashMap<>();
    private int reserved;

    private void expire(long nowMs, long timeoutMs) {
        for (Iterator<Map.Entry<String, Long>> it = started.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() + timeoutMs > nowMs) {
                return;
            }
            it.remove();
        }
    }

    /** Takes a slot when fewer than {@code max} calls are in flight or being decided. */
    synchronized boolean tryReserve(int max, long nowMs, long timeoutMs) {
        expire(nowMs, timeoutMs);
        if (started.size() + reserved >= max) {
            return false;
        }
        reserved++;
        return true;
    }

    /** How many allowed calls are in flight now. */
    synchronized int size(long nowMs, long timeoutMs) {
        expire(nowMs, timeoutMs);
        return started.size();
    }

    /** Ends a reservation: an allowed call is in flight from {@code atMs}; any other frees its slot. */
    synchronized void settle(String decisionId, boolean allowed, long atMs) {
        reserved--;
        if (allowed) {
            started.put(decisionId, atMs);
        }
    }

    /** The call's outcome is recorded: its slot is free. */
    synchronized void finish(String decisionId) {
        started.remove(decisionId);
    }
}
