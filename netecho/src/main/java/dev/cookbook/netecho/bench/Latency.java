package dev.cookbook.netecho.bench;

import java.time.Duration;

/**
 * Round-trip latencies of the messages of a run, from an HdrHistogram (3 significant digits).
 * With a rate, each counts from when its message was due.
 *
 * @param count messages measured
 * @param mean the mean
 * @param p50 the median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param p999 99.9th percentile
 * @param max the largest
 */
public record Latency(
        long count, Duration mean, Duration p50, Duration p90, Duration p99, Duration p999, Duration max) {}
