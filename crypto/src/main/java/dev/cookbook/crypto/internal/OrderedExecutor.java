package dev.cookbook.crypto.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Works through a stream of items on several threads and hands the results on in the items'
 * order. Internal to this module (see the package documentation): {@code ParallelDigester} hashes
 * files with it, {@code FileCipher} encrypts and decrypts chunks.
 *
 * <p>The caller's thread and {@code threads - 1} pool threads each take the next item from the
 * source, work on it and store the result in its slot; whoever completes the item the output is
 * waiting for hands it, and every finished item after it, to the sink. No thread hands a result to
 * another (a future per item, awaited by a writing thread, costs two thread switches per small
 * file), and at most {@code window} items are taken ahead of the sink, so memory stays bounded.
 * With one thread nothing is started and everything runs on the caller's.
 *
 * <p>The source is called one item at a time and the sink one result at a time, each call seeing
 * what the ones before it did, from any of the run's threads; work runs on any of them at once. A
 * source that waits for input (a pipe) does not hold up the results: the other threads still store
 * and hand them on meanwhile.
 *
 * <p>Failures: an exception thrown by the sink ends the run at once (work in progress is asked to
 * stop through its {@link BooleanSupplier}) and comes out of {@link #run}. One thrown by the
 * source or by the work on an item comes out once every item before it has gone to the sink,
 * and nothing after it does. Exceptions come out as they were thrown, not wrapped.
 *
 * <p>Not thread-safe: one {@link #run} at a time.
 */
public final class OrderedExecutor implements AutoCloseable {

    /** Gives the next item, or null after the last. */
    @FunctionalInterface
    public interface Source<T, E extends Exception> {
        T next() throws E;
    }

    /** Works on one item; should end early, with any failure, once {@code stop} answers true. */
    @FunctionalInterface
    public interface Work<T, R, X extends Exception> {
        R apply(T item, BooleanSupplier stop) throws X;
    }

    /** Receives each item with its result, in the items' order. */
    @FunctionalInterface
    public interface Sink<T, R, E extends Exception> {
        void accept(T item, R result) throws E;
    }

    private final int threads;
    private final ExecutorService pool;

    /**
     * @param threads how many threads work at once, the caller's included; at least 1
     * @param name    the pool threads' name
     */
    public OrderedExecutor(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1
                ? null
                : Executors.newFixedThreadPool(threads - 1, r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true); // an abandoned run (closed stdout) must not keep the JVM alive
                    return t;
                });
    }

    public int threads() {
        return threads;
    }

    /**
     * Takes every item from {@code source}, applies {@code work} and hands each item and its result
     * to {@code sink}, in order, with at most {@code window} items taken ahead of the sink.
     */
    public <T, R, E extends Exception, X extends Exception> void run(
            Source<T, E> source, Work<T, R, X> work, Sink<T, R, E> sink, int window) throws E, X {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1, not " + window);
        }
        if (pool == null) {
            // An interrupted caller's work stops within a buffer, as a pool thread's does.
            BooleanSupplier interrupted = () -> Thread.currentThread().isInterrupted();
            for (T item = source.next(); item != null; item = source.next()) {
                sink.accept(item, work.apply(item, interrupted));
            }
            return;
        }
        Run<T, R> run = new Run<>(source, work, sink, window);
        List<Future<?>> helpers = new ArrayList<>(threads - 1);
        try {
            for (int i = 1; i < threads; i++) {
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
     * One run on the pool. Two locks: {@link #taking}, held while the source runs (a directory
     * listing or a pipe may take long, and the other threads must still be able to store and hand
     * on results meanwhile), and this object's monitor, which guards everything else and is always
     * taken second.
     */
    private static final class Run<T, R> {
        private final Object taking = new Object();
        private final Source<T, ?> source;
        private final Work<T, R, ?> work;
        private final Sink<T, R, ?> sink;
        private final int window;
        private final Object[] slotItems;
        private final Object[] slotResults;
        /** What the work on the item threw, or the source where the item would have been. */
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

        Run(Source<T, ?> source, Work<T, R, ?> work, Sink<T, R, ?> sink, int window) {
            this.source = source;
            this.work = work;
            this.sink = sink;
            this.window = window;
            this.slotItems = new Object[window];
            this.slotResults = new Object[window];
            this.slotThrown = new Throwable[window];
            this.slotDone = new boolean[window];
        }

        private boolean stopped() {
            return stopped;
        }

        /** Takes and works on items until there are no more or the run stops. */
        void participate(boolean caller) {
            boolean interrupted = false;
            try {
                while (true) {
                    T item = null;
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
                            item = source.next();
                        } catch (Throwable e) {
                            thrown = e;
                        }
                        synchronized (this) {
                            if (item == null && thrown == null) {
                                exhausted = true;
                                notifyAll();
                                return;
                            }
                            index = claimed++;
                            if (thrown != null) {
                                exhausted = true; // nothing is taken after a failing source
                            }
                        }
                    }
                    R result = null;
                    if (thrown == null) {
                        try {
                            result = work.apply(item, stopRequested);
                        } catch (Throwable e) {
                            thrown = e;
                        }
                    }
                    complete(index, item, result, thrown);
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

        private void complete(long index, T item, R result, Throwable thrown) {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                int s = (int) (index % window);
                slotItems[s] = item;
                slotResults[s] = result;
                slotThrown[s] = thrown;
                slotDone[s] = true;
                if (printing || index != handled) {
                    return; // the item before it is not done yet; whoever finishes that one hands this on
                }
                printing = true;
            }
            printReady();
        }

        /** Hands every finished item from {@link #handled} on to the sink; only one thread at a time. */
        @SuppressWarnings("unchecked")
        private void printReady() {
            boolean printed = false;
            while (true) {
                T item;
                R result;
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
                    item = (T) slotItems[s];
                    result = (R) slotResults[s];
                    Throwable thrown = slotThrown[s];
                    slotItems[s] = null;
                    slotResults[s] = null;
                    slotThrown[s] = null;
                    slotDone[s] = false;
                    if (thrown != null) {
                        printing = false;
                        fail(thrown); // everything before it has been handed on
                        return;
                    }
                }
                try {
                    sink.accept(item, result);
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

        /** Waits until every item taken has been handed on, or the run stopped and no sink call is running. */
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

        /** Records the first failure and stops the run: nothing more is taken or handed on. */
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
                OrderedExecutor.<RuntimeException>sneakyThrow(failure);
            }
        }
    }

    /**
     * Throws {@code t} unchanged, whether or not it is checked: {@link #run} declares the checked
     * exceptions its source, work and sink may throw, and gives them back as they were thrown.
     */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
