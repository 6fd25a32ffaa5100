package dev.warden.simulation;

import java.time.DayOfWeek;

/** The daily rhythm of a benign agent: its expected calls per minute at a minute of a day. */
public enum Profile {
    /** Around the clock, with a mild daytime swell. */
    STEADY,
    /** Weekdays 9-17 with a lunch dip; almost nothing at night and on weekends. */
    BUSINESS_HOURS,
    /** A batch from 01:00 to 03:00 every night; a trickle otherwise. */
    NIGHTLY_BATCH,
    /** A few dozen calls a day in the daytime. */
    LOW_VOLUME;

    /** Expected calls per minute at {@code minuteOfDay} (0-1439) of a {@code day}, before the agent's own scale. */
    public double rate(int minuteOfDay, DayOfWeek day) {
        int hour = minuteOfDay / 60;
        boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        return switch (this) {
            case STEADY -> hour >= 8 && hour < 20 ? 1.2 : 0.8;
            case BUSINESS_HOURS -> {
                if (weekend) {
                    yield hour >= 10 && hour < 16 ? 0.02 : 0.0;
                }
                if (hour == 12) {
                    yield 0.8; // lunch dip
                }
                if (hour >= 9 && hour < 17) {
                    yield 3.0;
                }
                yield hour == 8 || hour == 17 || hour == 18 ? 0.1 : 0.0; // quiet at night
            }
            case NIGHTLY_BATCH -> hour >= 1 && hour < 3 ? 8.0 : (hour >= 6 && hour < 22 ? 0.02 : 0.0);
            case LOW_VOLUME -> hour >= 8 && hour < 20 ? 0.05 : 0.0;
        };
    }

    /** True when the agent is usually active in this hour of a weekday (used to place injections). */
    public boolean usuallyActive(int hour) {
        return rate(hour * 60, DayOfWeek.WEDNESDAY) >= 0.05;
    }
}
