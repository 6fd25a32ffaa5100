package dev.warden.limits;

/**
 * What a counter says to a reservation.
 *
 * @param ok           whether the amount fits and is now reserved
 * @param usedPct      the share of the limit used before this call, in whole percent
 * @param retryAfterMs when the amount would fit, if waiting helps; else -1
 * @param used         what the window holds before this call, for messages
 */
record Check(boolean ok, long usedPct, long retryAfterMs, String used) {
}
