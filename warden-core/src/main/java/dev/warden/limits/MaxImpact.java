package dev.warden.limits;

import dev.warden.agent.MaturityLevel;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * A transaction limit (ATF S-4): the largest impact one call may have, by maturity level. A level
 * not listed takes the limit of the nearest listed level below it; a level below every listed
 * one may not make a call with any impact above 0.
 *
 * @param byLevel the limit of each listed level (none negative)
 */
public record MaxImpact(Map<MaturityLevel, BigDecimal> byLevel) {
    /** Validates and copies. */
    public MaxImpact {
        byLevel = Map.copyOf(new EnumMap<>(byLevel));
        if (byLevel.isEmpty()) {
            throw new IllegalArgumentException("max_impact lists at least one level");
        }
        for (BigDecimal v : byLevel.values()) {
            if (v.signum() < 0) {
                throw new IllegalArgumentException("max_impact must not be negative");
            }
        }
    }

    /** The same limit for every level. */
    public static MaxImpact all(BigDecimal limit) {
        Map<MaturityLevel, BigDecimal> m = new EnumMap<>(MaturityLevel.class);
        m.put(MaturityLevel.INTERN, limit);
        return new MaxImpact(m);
    }

    /** The limit of one call at {@code level}. */
    public BigDecimal forLevel(MaturityLevel level) {
        BigDecimal found = BigDecimal.ZERO;
        for (MaturityLevel l : MaturityLevel.values()) { // lowest first: the last listed at or below wins
            if (l.compareTo(level) <= 0 && byLevel.containsKey(l)) {
                found = byLevel.get(l);
            }
        }
        return found;
    }
}
