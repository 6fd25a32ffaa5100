package dev.warden.breaker;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A breaker as the API and CLI show it.
 *
 * @param key         what it guards
 * @param state       where it is
 * @param failureRate the failure percentage over the window, empty while the window holds fewer
 *                    than the minimum calls
 * @param calls       the calls in the window
 * @param failedCalls the failed calls in the window
 * @param openedAt    when it last opened (while open or half-open)
 * @param retryAt     when an open breaker lets probes through
 */
public record BreakerView(BreakerKey key, BreakerState state, Optional<Float> failureRate, int calls, int failedCalls,
                          Optional<Instant> openedAt, Optional<Instant> retryAt) {

    /** The wire form: the key's fields, {@code state}, {@code failure_rate}, {@code calls}, {@code failed_calls}, {@code opened_at}, {@code retry_at}. */
    public Map<String, Object> wire() {
        Map<String, Object> m = new LinkedHashMap<>(key.wire());
        m.put("state", state.wire());
        m.put("failure_rate", failureRate.<Object>map(r -> (double) r).orElse(null));
        m.put("calls", calls);
        m.put("failed_calls", failedCalls);
        m.put("opened_at", openedAt.map(Instant::toString).orElse(null));
        m.put("retry_at", retryAt.map(Instant::toString).orElse(null));
        return m;
    }
}
