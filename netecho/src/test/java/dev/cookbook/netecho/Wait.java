package dev.cookbook.netecho;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waiting for something another thread does. */
public final class Wait {
    private Wait() {}

    /** Polls {@code condition} every 10 ms; throws AssertionError with {@code what} after {@code limit}. */
    public static void until(Duration limit, String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(10);
        }
    }
}
