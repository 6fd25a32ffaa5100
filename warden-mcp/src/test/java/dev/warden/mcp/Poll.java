package dev.warden.mcp;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something another thread brings about; the caller asserts the outcome afterwards. */
public final class Poll {
    private Poll() {
    }

    /** Returns once {@code condition} holds, or after {@code max} without it. */
    public static void until(BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
