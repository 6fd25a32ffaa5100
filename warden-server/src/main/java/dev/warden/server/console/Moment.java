package dev.warden.server.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A point in time as a page shows it: {@code <time datetime="${iso}">${text}</time>}.
 *
 * @param iso  the exact instant (ISO 8601, UTC)
 * @param text to the second, in UTC, for a reader ({@code 2026-12-07 23:21:05 UTC})
 */
public record Moment(String iso, String text) {
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** The moment of an instant. */
    public static Moment of(Instant at) {
        return new Moment(at.toString(), TEXT.format(at.truncatedTo(ChronoUnit.SECONDS)));
    }
}
