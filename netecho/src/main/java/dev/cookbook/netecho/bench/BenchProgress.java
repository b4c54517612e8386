package dev.cookbook.netecho.bench;

import java.time.Duration;

/**
 * Where a run stands, about once a second.
 *
 * @param elapsed since the run started
 * @param duration the whole run, as asked for
 * @param connectionsOpen connections open now
 * @param connectFailures connects that failed so far
 * @param messages messages echoed so far
 * @param mismatches messages whose echo differed so far
 * @param bytes bytes echoed so far (whole messages)
 * @param messagesPerSecond over the last interval
 */
public record BenchProgress(
        Duration elapsed,
        Duration duration,
        int connectionsOpen,
        long connectFailures,
        long messages,
        long mismatches,
        long bytes,
        double messagesPerSecond) {}
