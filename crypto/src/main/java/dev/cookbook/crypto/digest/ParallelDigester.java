package dev.cookbook.crypto.digest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
        this.pool = jobs == 1
                ? null
                : Executors.newFixedThreadPool(jobs - 1, r -> {
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

    private DigestResult hash(FileHasher hasher, DigestJob job, HeadStart early, BooleanSupplier stop) {
        DigestResult r = early == null ? null : early.await();
        if (r != null) {
            return r;
        }
        if (early != null) {
            adopted = null; // its bytes are read again below: count them once
        }
        return hasher.hash(job.source(), job.algorithm(), stop);
    }

    /**
     * Hashes every job and calls {@code handler} for each, in order. An exception thrown by the
     * handler ends the run at once: reads in progress stop at their next buffer, and it propagates.
     * One thrown by the iterator or while hashing a job propagates once the results of every job
     * before it have been handled.
     */
    public <J extends DigestJob> void run(Iterator<J> work, ResultHandler<J> handler) {
        if (pool == null) {
            FileHasher hasher = hashers.get();
            while (work.hasNext()) {
                J job = work.next();
                HeadStart early = takeOffer(job);
                handler.handle(job, job.source() == null ? null : hash(hasher, job, early, FileHasher.NEVER));
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
                    f.cancel(true); // wakes a helper that has not started or waits in a channel operation
                }
            }
        }
        run.rethrow();
    }

    /**
     * One run on the pool: the caller and {@code jobs - 1} pool threads each take the next job from
     * the iterator, hash it and store the result in its slot; whoever completes the job the output is
     * waiting for hands it and every finished job after it to the handler. So no thread hands a
     * result to another (a future per job, awaited by a printing thread, costs two thread switches
     * per small file), and at most {@code window} jobs are taken ahead of the handler, so memory
     * stays constant.
     *
     * <p>Two locks: {@link #taking}, held while the iterator runs (a directory listing or a pipe may
     * take long, and the other threads must still be able to store and print results meanwhile),
     * and this object's monitor, which guards everything else and is always taken second. The
     * handler and the iterator are each called one at a time, with a lock between calls, so each
     * call sees what the ones before it did.
     */
    private final class Run<J extends DigestJob> {
        private final Object taking = new Object();
        private final Iterator<J> work;
        private final ResultHandler<J> handler;
        private final int window;
        private final Object[] slotJobs;
        private final DigestResult[] slotResults;
        /** What hashing the job threw, or the iterator where the job would have been. */
        private final Throwable[] slotThrown;

        private final boolean[] slotDone;
        private final BooleanSupplier stopRequested = this::stopped;
        private long claimed;
        private long handled;
        private boolean exhausted;
        private boolean printing;
        private int waiting;
        private volatile boolean stopped;
        private Throwable failure;

        Run(Iterator<J> work, ResultHandler<J> handler, int window) {
            this.work = work;
            this.handler = handler;
            this.window = window;
            this.slotJobs = new Object[window];
            this.slotResults = new DigestResult[window];
            this.slotThrown = new Throwable[window];
            this.slotDone = new boolean[window];
        }

        private boolean stopped() {
            return stopped;
        }

        /** Takes and hashes jobs until there are no more or the run stops. */
        void participate(boolean caller) {
            FileHasher hasher = hashers.get();
            boolean interrupted = false;
            try {
                while (true) {
                    J job = null;
                    Throwable thrown = null;
                    long index;
                    synchronized (taking) {
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
                        }
                        try {
                            if (work.hasNext()) {
                                job = work.next();
                            }
                        } catch (Throwable e) {
                            thrown = e;
                        }
                        synchronized (this) {
                            if (job == null && thrown == null) {
                                exhausted = true;
                                notifyAll();
                                return;
                            }
                            index = claimed++;
                            if (thrown != null) {
                                exhausted = true; // nothing is taken after a failing iterator
                            }
                        }
                    }
                    DigestResult result = null;
                    if (thrown == null) {
                        try {
                            HeadStart early = index == 0 ? takeOffer(job) : null;
                            result = job.source() == null ? null : hash(hasher, job, early, stopRequested);
                        } catch (Throwable e) {
                            thrown = e;
                        }
                    }
                    complete(index, job, result, thrown);
                    if (thrown != null) {
                        return;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void complete(long index, J job, DigestResult result, Throwable thrown) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                int s = (int) (index % window);
                slotJobs[s] = job;
                slotResults[s] = result;
                slotThrown[s] = thrown;
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
                    Throwable thrown = slotThrown[s];
                    slotJobs[s] = null;
                    slotResults[s] = null;
                    slotThrown[s] = null;
                    slotDone[s] = false;
                    if (thrown != null) {
                        printing = false;
                        fail(thrown); // everything before it has been handled
                        return;
                    }
                }
                try {
                    handler.handle(job, result);
                } catch (Throwable e) {
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

        /** Records the first failure and stops the run: nothing more is taken or handled. */
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

        /** Throws the failure that stopped the run, as it was thrown, if there was one. */
        synchronized void rethrow() {
            if (failure != null) {
                ParallelDigester.<RuntimeException>sneakyThrow(failure);
            }
        }
    }

    /**
     * Throws {@code t} unchanged, whether or not it is checked: a handler or iterator that got a
     * checked exception past the compiler gets it back as it was thrown, not wrapped.
     */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
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
