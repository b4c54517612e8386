package dev.cookbook.crypto.digest;

import dev.cookbook.crypto.internal.OrderedExecutor;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Hashes a stream of jobs on several threads and hands the results back in the jobs' order, so the
 * output of {@code checksum -j 8 *} is the same as with one thread.
 *
 * <p>At most {@code 16 * jobs} jobs are in flight, so memory stays constant however many inputs
 * there are, and the job iterator may be lazy (a directory walk, a checksum file read line by line);
 * it is called one job at a time, from any of the run's threads. The caller's thread hashes too:
 * with one job no thread is started and everything runs on it.
 *
 * <pre>{@code
 * try (ParallelDigester d = new ParallelDigester(4)) {
 *     d.run(jobs, (job, result) -> print(job, result));
 * }
 * }</pre>
 *
 * Not thread-safe: one {@link #run} at a time.
 */
public final class ParallelDigester implements AutoCloseable {

    /**
     * Receives each job's result, in job order, one call at a time (each call sees what the ones
     * before it did), on whichever of the run's threads finished the job the output was waiting for:
     * the caller's or a pool thread. An exception it throws ends the run and comes out of {@link #run}.
     */
    @FunctionalInterface
    public interface ResultHandler<J extends DigestJob> {
        /** {@code result} is null for a job with no source. */
        void handle(J job, DigestResult result);
    }

    private final int jobs;
    private final LongAdder bytesRead = new LongAdder();
    private final OrderedExecutor executor;
    private final ThreadLocal<FileHasher> hashers;

    /** @param jobs number of hashing threads, at least 1 */
    public ParallelDigester(int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
        }
        this.jobs = jobs;
        this.hashers = ThreadLocal.withInitial(() -> new FileHasher(bytesRead));
        this.executor = new OrderedExecutor(jobs, "digest");
    }

    /** Bytes read so far, for a progress display; safe to call from any thread. */
    public long bytesRead() {
        return bytesRead.sum();
    }

    /**
     * Hashes every job and calls {@code handler} for each, in order. An exception thrown by the
     * handler ends the run at once: reads in progress stop at their next buffer, and it propagates.
     * One thrown by the iterator or while hashing a job propagates once the results of every job
     * before it have been handled.
     */
    public <J extends DigestJob> void run(Iterator<J> work, ResultHandler<J> handler) {
        executor.run(
                () -> work.hasNext() ? work.next() : null,
                (job, stop) -> job.source() == null ? null : hash(job, stop),
                handler::handle,
                16 * jobs);
    }

    private DigestResult hash(DigestJob job, BooleanSupplier stop) {
        Future<DigestResult> started = job.started();
        if (started != null) {
            DigestResult r = await(started);
            if (r != null && r.ok()) {
                return r;
            }
        }
        return hashers.get().hash(job.source(), job.algorithm(), stop);
    }

    /** The result {@code f} gives, or null if it gives none (failed, cancelled, or this thread interrupted). */
    private static DigestResult await(Future<DigestResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a stopped run: the read that follows fails on it
            return null;
        } catch (ExecutionException | RuntimeException e) {
            return null; // hashed again below, where a failure is met and reported
        }
    }

    @Override
    public void close() {
        executor.close();
    }
}
