package dev.warden.behavior;

import java.time.Instant;
import java.util.Objects;

/**
 * What an agent's baseline expects in one hour.
 *
 * @param hour  the hour's start (UTC)
 * @param calls the calls expected in that hour
 * @param sigma their standard deviation (never below the Poisson floor)
 */
public record ExpectedRate(Instant hour, double calls, double sigma) {
    /** Validates. */
    public ExpectedRate {
        Objects.requireNonNull(hour, "hour");
    }
}
