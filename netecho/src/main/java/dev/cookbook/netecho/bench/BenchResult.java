package dev.cookbook.netecho.bench;

import java.time.Duration;

/**
 * What a run measured.
 *
 * @param connectionsRequested connections asked for
 * @param connectionsHeld connections open when the run ended
 * @param connectFailures connects refused, failed or not done within the connect timeout
 * @param connectionsLost connections the server closed or reset during the run
 * @param messages messages echoed in full
 * @param mismatches messages whose echo was not byte-identical (counted in {@code messages})
 * @param bytes bytes echoed in full messages
 * @param elapsed the run's length, connecting included
 * @param latency round-trip latencies
 */
public record BenchResult(
        int connectionsRequested,
        int connectionsHeld,
        long connectFailures,
        long connectionsLost,
        long messages,
        long mismatches,
        long bytes,
        Duration elapsed,
        Latency latency) {
    /** Messages echoed per second over the run. */
    public double messagesPerSecond() {
        return messages / seconds();
    }

    /** Megabytes (10^6 bytes) echoed per second over the run. */
    public double megabytesPerSecond() {
        return bytes / 1e6 / seconds();
    }

    private double seconds() {
        return Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
}
