/**
 * The load generator: many connections from a few selector threads, every echo checked byte for
 * byte, latencies in an HdrHistogram.
 *
 * <p>For most uses, build {@link dev.cookbook.netecho.bench.BenchSettings} and call {@link
 * dev.cookbook.netecho.bench.EchoBench#run(java.util.function.Consumer)} with a progress callback;
 * it returns a {@link dev.cookbook.netecho.bench.BenchResult} when the duration is over.
 */
package dev.cookbook.netecho.bench;
