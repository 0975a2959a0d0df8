package dev.bursar.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition instead of sleeping a fixed time: as short as the system allows, bounded for a failure. */
public final class Await {

    private static final long POLL_MILLIS = 5;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails with {@code what} if it still does not after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while awaiting: " + what, e);
            }
        }
    }

    public static void until(BooleanSupplier condition, Duration timeout) {
        until("condition", timeout, condition);
    }
}
