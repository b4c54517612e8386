package dev.cookbook.crypto.digest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

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
        // The thread that calls run() hashes too: the pool holds the other jobs - 1.
        this.pool = jobs == 1 ? null : Executors.newFixedThreadPool(jobs - 1, r -> {
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
        Run<J> run = new Run<>(work, handler, 16 * jobs);
        List<Future<?>> helpers = new ArrayList<>(jobs - 1);
        try {
            for (int i = 1; i < jobs; i++) {
                helpers.add(pool.submit(() -> run.participate(false)));
            }
            run.participate(true);
            run.awaitEnd();
        } finally {
            if (run.stop()) {
                for (Future<?> f : helpers) {
                    f.cancel(true); // a helper still reading a large file stops at its next channel operation
                }
            }
        }
        run.rethrow();
    }

    /**
     * One run on the pool: the caller and {@code jobs - 1} pool threads each take the next job from
     * the iterator, hash it and store the result in its slot; whoever completes the job the output is
     * waiting for hands it and every finished job after it to the handler. So nobody waits on anybody
     * while there is work (a thread per job handing results to a printing thread costs two thread
     * switches per small file), and at most {@code window} jobs are taken ahead of the handler, so
     * memory stays constant. Everything shared is guarded by this object's lock; the handler and the
     * iterator are called one at a time, with the lock's ordering between calls.
     */
    private final class Run<J extends DigestJob> {
        private final Iterator<J> work;
        private final ResultHandler<J> handler;
        private final int window;
        private final Object[] slotJobs;
        private final DigestResult[] slotResults;
        private final boolean[] slotDone;
        private long claimed;
        private long handled;
        private boolean exhausted;
        private boolean printing;
        private int waiting;
        private boolean stopped;
        private Throwable failure;

        Run(Iterator<J> work, ResultHandler<J> handler, int window) {
            this.work = work;
            this.handler = handler;
            this.window = window;
            this.slotJobs = new Object[window];
            this.slotResults = new DigestResult[window];
            this.slotDone = new boolean[window];
        }

        /** Takes and hashes jobs until there are no more or the run stops. */
        void participate(boolean caller) {
            FileHasher hasher = hashers.get();
            boolean interrupted = false;
            try {
                while (true) {
                    J job;
                    long index;
                    HeadStart early = null;
                    synchronized (this) {
                        while (!stopped && !exhausted && claimed - handled >= window) {
                            try {
                                waitHere();
                            } catch (InterruptedException e) {
                                if (!caller) {
                                    return; // cancelled
                                }
                                interrupted = true;
                            }
                        }
                        if (stopped || exhausted) {
                            return;
                        }
                        try {
                            if (!work.hasNext()) {
                                exhausted = true;
                                notifyAll();
                                return;
                            }
                            job = work.next();
                        } catch (RuntimeException | Error e) {
                            fail(e);
                            return;
                        }
                        index = claimed++;
                        if (index == 0) {
                            early = takeOffer(job);
                        }
                    }
                    DigestResult result;
                    try {
                        result = job.source() == null ? null : hash(hasher, job, early);
                    } catch (RuntimeException | Error e) {
                        synchronized (this) {
                            fail(e);
                        }
                        return;
                    }
                    complete(index, job, result);
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void complete(long index, J job, DigestResult result) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                int s = (int) (index % window);
                slotJobs[s] = job;
                slotResults[s] = result;
                slotDone[s] = true;
                if (printing || index != handled) {
                    return; // the job before it is not done yet; whoever finishes that one prints this
                }
                printing = true;
            }
            printReady();
        }

        /** Hands every finished job from {@link #handled} on to the handler; only one thread at a time. */
        @SuppressWarnings("unchecked")
        private void printReady() {
            boolean printed = false;
            while (true) {
                J job;
                DigestResult result;
                synchronized (this) {
                    if (printed) {
                        handled++;
                        if (waiting > 0) {
                            notifyAll();
                        }
                    }
                    int s = (int) (handled % window);
                    if (stopped || !slotDone[s]) {
                        printing = false;
                        if (waiting > 0) {
                            notifyAll();
                        }
                        return;
                    }
                    job = (J) slotJobs[s];
                    result = slotResults[s];
                    slotJobs[s] = null;
                    slotResults[s] = null;
                    slotDone[s] = false;
                }
                try {
                    handler.handle(job, result);
                } catch (RuntimeException | Error e) {
                    synchronized (this) {
                        printing = false;
                        fail(e);
                    }
                    return;
                }
                printed = true;
            }
        }

        /** Waits until every job taken has been handled, or the run stopped and nobody is handling one. */
        synchronized void awaitEnd() {
            boolean interrupted = false;
            while (printing || !(stopped || exhausted && handled == claimed)) {
                try {
                    waitHere();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void waitHere() throws InterruptedException {
            waiting++;
            try {
                wait();
            } finally {
                waiting--;
            }
        }

        private void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
            stopped = true;
            notifyAll();
        }

        /** Stops the run if it has not ended; returns whether it failed or was stopped early. */
        synchronized boolean stop() {
            boolean early = stopped || !(exhausted && handled == claimed);
            stopped = true;
            notifyAll();
            return early;
        }

        synchronized void rethrow() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
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
}
