package dev.warden.server;

import java.security.SecureRandom;

/** The seed of a fuzz run: new each run and printed, or the one given with {@code -Dwarden.fuzz.seed=N} to repeat a run. */
final class FuzzSeed {
    static final String PROPERTY = "warden.fuzz.seed";

    private FuzzSeed() {
    }

    static long of(String suite) {
        String given = System.getProperty(PROPERTY);
        long seed = given == null || given.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(given.trim());
        System.out.println(suite + ": seed " + seed + " (repeat the run with -D" + PROPERTY + "=" + seed + ")");
        return seed;
    }
}
