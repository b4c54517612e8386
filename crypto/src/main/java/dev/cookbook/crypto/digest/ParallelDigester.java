package dev.cookbook.crypto.digest;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hashes a stream of jobs on several threads and hands the results back in the jobs' order, so the
 * output of {@code checksum -j 8 *} is the same as with one thread.
 *
 * <p>At most {@code 16 * jobs} jobs are in flight, so memory stays constant however many inputs
 * there are, and the job iterator may be lazy (a directory walk, a checksum file read line by line).
 * With one job no thread is started: everything runs on the caller's thread.
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

    /** Receives each job's result, in job order, on the caller's thread. */
    @FunctionalInterface
    public interface ResultHandler<J extends DigestJob> {
        /** {@code result} is null for a job with no source. */
        void handle(J job, DigestResult result);
    }

    private final int jobs;
    private final LongAdder bytesRead = new LongAdder();
    private final ExecutorService pool;
    private final ThreadLocal<FileHasher> hashers;
    /** Offered for the next run's first job, not yet looked at. */
    private HeadStart offered;
    /** The head start a run took over, whose bytes count as read. */
    private volatile HeadStart adopted;

    /** @param jobs number of hashing threads, at least 1 */
    public ParallelDigester(int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
        }
        this.jobs = jobs;
        this.hashers = ThreadLocal.withInitial(() -> new FileHasher(bytesRead));
        this.pool = jobs == 1 ? null : Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "digest");
            t.setDaemon(true); // an abandoned run (closed stdout) must not keep the JVM alive
            return t;
        });
    }

    /** Bytes read so far, for a progress display; safe to call from any thread. */
    public long bytesRead() {
        HeadStart h = adopted;
        return bytesRead.sum() + (h == null ? 0 : h.bytesRead());
    }

    /**
     * Offers work begun earlier: if the next run's first job is the file and algorithm {@code headStart}
     * is hashing, that job waits for its result instead of reading the file again. Call it before
     * {@link #run}, on the thread that runs it.
     */
    public void offer(HeadStart headStart) {
        this.offered = headStart;
    }

    /** The offered head start if it is for {@code job}, else null; only a run's first job may take it. */
    private HeadStart takeOffer(DigestJob job) {
        HeadStart h = offered;
        offered = null;
        if (h == null) {
            return null;
        }
        if (h.claim(job.source(), job.algorithm())) {
            adopted = h;
            return h;
        }
        h.cancel(); // a wrong guess: stop reading
        return null;
    }

    private DigestResult hash(FileHasher hasher, DigestJob job, HeadStart early) {
        DigestResult r = early == null ? null : early.await();
        if (r != null) {
            return r;
        }
        if (early != null) {
            adopted = null; // its bytes are read again below: count them once
        }
        return hasher.hash(job.source(), job.algorithm());
    }

    /**
     * Hashes every job and calls {@code handler} for each, in order. An exception thrown by the
     * handler or the iterator stops the run, cancels the jobs in flight and propagates.
     */
    public <J extends DigestJob> void run(Iterator<J> work, ResultHandler<J> handler) {
        if (pool == null) {
            FileHasher hasher = hashers.get();
            while (work.hasNext()) {
                J job = work.next();
                HeadStart early = takeOffer(job);
                handler.handle(job, job.source() == null ? null : hash(hasher, job, early));
            }
            return;
        }
        ArrayDeque<Pending<J>> window = new ArrayDeque<>();
        int limit = 16 * jobs;
        try {
            while (true) {
                while (window.size() < limit && work.hasNext()) {
                    J job = work.next();
                    HeadStart early = takeOffer(job);
                    Future<DigestResult> f = job.source() == null ? null
                            : pool.submit(() -> hash(hashers.get(), job, early));
                    window.add(new Pending<>(job, f));
                }
                Pending<J> head = window.poll();
                if (head == null) {
                    return;
                }
                handler.handle(head.job, head.await());
            }
        } finally {
            for (Pending<J> p : window) {
                if (p.future != null) {
                    p.future.cancel(true);
                }
            }
        }
    }

    @Override
    public void close() {
        for (HeadStart h : new HeadStart[] {offered, adopted}) {
            if (h != null) {
                h.cancel();
            }
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private record Pending<J>(J job, Future<DigestResult> future) {
        DigestResult await() {
            if (future == null) {
                return null;
            }
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return future.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            } catch (CancellationException e) {
                throw e;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
