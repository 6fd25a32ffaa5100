package dev.warden.limits;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A rate limit: at most {@code calls} calls per {@code per}, refilled evenly (a token bucket of
 * {@code calls} tokens that gains one token every {@code per / calls}).
 *
 * @param calls how many calls a full window allows (at least 1)
 * @param per   the window: one second, minute, hour or day
 */
public record Rate(long calls, Duration per) {
    /** Validates. */
    public Rate {
        Objects.requireNonNull(per, "per");
        if (calls < 1) {
            throw new IllegalArgumentException("a rate allows at least 1 call");
        }
        if (per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("a rate's window must be positive");
        }
    }

    /**
     * Parses {@code N/unit}, e.g. {@code 60/minute}; the unit is second, minute, hour or day.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static Rate parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a rate is written calls/unit, e.g. 60/minute; got '" + text + "'");
        }
        long calls;
        try {
            calls = Long.parseLong(text.substring(0, slash).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a rate is written calls/unit, e.g. 60/minute; got '" + text + "'");
        }
        if (calls < 1) {
            throw new IllegalArgumentException("a rate allows at least 1 call; got '" + text + "'");
        }
        return new Rate(calls, window(text.substring(slash + 1).trim()));
    }

    /**
     * Parses a window unit: {@code second}, {@code minute}, {@code hour} or {@code day}.
     *
     * @throws IllegalArgumentException naming the allowed units
     */
    public static Duration window(String unit) {
        return switch (unit) {
            case "second" -> Duration.ofSeconds(1);
            case "minute" -> Duration.ofMinutes(1);
            case "hour" -> Duration.ofHours(1);
            case "day" -> Duration.ofDays(1);
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "' (second, minute, hour, day)");
        };
    }

    /** The unit's name for a window {@link #window} parses, else the window in seconds. */
    static String unit(Duration window) {
        long s = window.toSeconds();
        return switch ((int) Math.min(s, Integer.MAX_VALUE)) {
            case 1 -> "second";
            case 60 -> "minute";
            case 3600 -> "hour";
            case 86_400 -> "day";
            default -> s + " s";
        };
    }

    /** For people: {@code a minute}, {@code an hour}. */
    static String perUnit(Duration window) {
        String unit = unit(window);
        return (unit.startsWith("h") ? "an " : unit.endsWith(" s") ? "per " : "a ") + unit;
    }

    /** For people: {@code 60 calls a minute}. */
    public String describe() {
        return calls + (calls == 1 ? " call " : " calls ") + perUnit(per);
    }

    @Override
    public String toString() {
        return calls + "/" + unit(per).toLowerCase(Locale.ROOT);
    }
}
