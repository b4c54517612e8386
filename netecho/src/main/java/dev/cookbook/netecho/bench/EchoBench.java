package dev.cookbook.netecho.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * A load generator for any TCP echo server: opens many connections from a few threads (java.nio
 * selectors), sends messages on each, checks that every echo is byte-identical, and measures
 * round-trip latencies in an HdrHistogram.
 *
 * <p>A run is bounded: it lasts {@link BenchSettings#duration()} (or until {@link #cancel()}),
 * then closes every connection and returns. Messages still in flight at the end are not counted.
 * Failed connects and connections the server drops are counted, not retried. Without a rate,
 * each connection sends its next message as soon as the previous one is back (closed loop); with
 * a rate, messages are due at fixed times and latency counts from then.
 *
 * <p>One instance runs once; {@link #cancel()} may be called from any thread.
 *
 * <pre>{@code
 * BenchSettings s = BenchSettings.builder(new InetSocketAddress("127.0.0.1", 10000))
 *         .connections(100).duration(Duration.ofSeconds(5)).build();
 * BenchResult r = new EchoBench(s).run(p -> System.err.printf("\r%,d msg/s", (long) p.messagesPerSecond()));
 * System.out.println(r.messagesPerSecond() + " msg/s, p99 " + r.latency().p99());
 * }</pre>
 */
public final class EchoBench {
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final BenchSettings settings;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private boolean started;

    public EchoBench(BenchSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Runs the bench on the calling thread, calling {@code progress} about once a second (on the
     * calling thread). Connection failures are counted in the result, never thrown.
     *
     * @throws IOException when the bench cannot even start (no selector could be opened)
     * @throws InterruptedException when the calling thread is interrupted; the connections are closed
     */
    public BenchResult run(Consumer<BenchProgress> progress) throws IOException, InterruptedException {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("an EchoBench runs once");
            }
            started = true;
        }
        int threads = settings.threads();
        BenchLoop[] loops = new BenchLoop[threads];
        long start = System.nanoTime();
        try {
            for (int i = 0; i < threads; i++) {
                loops[i] = new BenchLoop(settings, i, threads, start);
            }
        } catch (IOException e) {
            for (BenchLoop loop : loops) {
                if (loop != null) {
                    loop.closeSelector();
                }
            }
            throw e;
        }
        Thread[] running = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            running[i] = new Thread(loops[i], "echo-bench-" + i);
            running[i].setDaemon(true);
            running[i].start();
        }
        long end = start + settings.duration().toNanos();
        long lastMessages = 0;
        long lastAt = start;
        int held = 0;
        try {
            while (true) {
                long now = System.nanoTime();
                long next = Math.min(end, lastAt + PROGRESS_NANOS);
                if (next - now > 0 && cancelled.await(next - now, TimeUnit.NANOSECONDS)) {
                    break;
                }
                now = System.nanoTime();
                if (now - end >= 0) {
                    break;
                }
                Totals t = Totals.of(loops);
                double rate = (t.messages - lastMessages) / Math.max(1e-9, (now - lastAt) / 1e9);
                lastMessages = t.messages;
                lastAt = now;
                progress.accept(new BenchProgress(
                        Duration.ofNanos(now - start),
                        settings.duration(),
                        t.open,
                        t.connectFailures,
                        t.messages,
                        t.mismatches,
                        t.bytes,
                        rate));
            }
        } finally {
            held = Totals.of(loops).open;
            for (BenchLoop loop : loops) {
                loop.requestStop();
            }
            for (Thread t : running) {
                joinUninterruptibly(t);
            }
        }
        Duration elapsed = Duration.ofNanos(Math.min(System.nanoTime(), end) - start);
        Totals t = Totals.of(loops);
        Histogram all = new Histogram(3);
        for (BenchLoop loop : loops) {
            all.add(loop.histogram());
        }
        return new BenchResult(
                settings.connections(),
                held,
                t.connectFailures,
                t.lost,
                t.messages,
                t.mismatches,
                t.bytes,
                elapsed,
                latency(all));
    }

    /** Ends a run early, as if its duration were over. */
    public void cancel() {
        cancelled.countDown();
    }

    private static Latency latency(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Latency(
                    0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        }
        return new Latency(
                h.getTotalCount(),
                Duration.ofNanos(Math.round(h.getMean())),
                Duration.ofNanos(h.getValueAtPercentile(50)),
                Duration.ofNanos(h.getValueAtPercentile(90)),
                Duration.ofNanos(h.getValueAtPercentile(99)),
                Duration.ofNanos(h.getValueAtPercentile(99.9)),
                Duration.ofNanos(h.getMaxValue()));
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The loops' counters added up. */
    private record Totals(int open, long connectFailures, long lost, long messages, long mismatches, long bytes) {
        static Totals of(BenchLoop[] loops) {
            int open = 0;
            long failures = 0;
            long lost = 0;
            long messages = 0;
            long mismatches = 0;
            long bytes = 0;
            for (BenchLoop l : loops) {
                open += l.open();
                failures += l.connectFailures();
                lost += l.lost();
                messages += l.messages();
                mismatches += l.mismatches();
                bytes += l.bytes();
            }
            return new Totals(open, failures, lost, messages, mismatches, bytes);
        }
    }
}
