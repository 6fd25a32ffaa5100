package dev.warden.store.jdbc;

import dev.warden.ErrorCode;
import dev.warden.WardenException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Instants as stored text: ISO-8601 UTC with exactly nine fraction digits, e.g.
 * {@code 2025-01-02T03:04:05.123456789Z}. The fixed width makes the text order the time order,
 * so columns can be compared and sorted in SQL, and it round-trips nanoseconds exactly.
 */
final class SqlTime {
    /** Earliest storable instant (four-digit years keep the text fixed-width). */
    static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
    /** Latest storable instant. */
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private SqlTime() {
    }

    /**
     * The stored form of an instant; null stays null.
     *
     * @throws WardenException with {@link ErrorCode#INVALID_FIELD} for a year outside 0000-9999
     */
    static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new WardenException(ErrorCode.INVALID_FIELD, "time out of the storable range (years 0000-9999): " + instant);
        }
        return FORMAT.format(instant);
    }

    /** The instant of a stored text; null stays null. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("stored time is not ISO-8601: " + text, e);
        }
    }
}
