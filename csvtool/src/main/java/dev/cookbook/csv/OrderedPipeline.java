package dev.cookbook.csv;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Reads batches on the caller's thread, converts them on worker threads, and writes them on the
 * caller's thread in the order they were read. At most {@code 3 * threads} batches exist, and they
 * are reused, so memory stays bounded and the garbage collector has little to do.
 *
 * <p>An input of one batch (a small file) is converted on the caller's thread too: the pool is made
 * only once a second batch is read, since starting it costs more than such a batch takes.
 *
 * <p>Errors keep their place: a failed read or a batch that failed in conversion is reported
 * after every batch before it has been written, and nothing after it is.
 */
final class OrderedPipeline<T extends OrderedPipeline.Item> {

    /** A unit of work that remembers how its conversion failed. */
    interface Item {
        /** The conversion's failure, thrown once the item's output before it has been written. */
        CsvException failure();
    }

    /** Fills {@code item} with the next batch; false when the input is exhausted. */
    interface Source<T> {
        boolean fill(T item) throws IOException, CsvException;
    }

    /** Converts a filled item in place (on a worker thread); records its own failure. */
    interface Work<T> {
        void apply(T item);
    }

    /** Writes a converted item, in input order. */
    interface Sink<T> {
        void write(T item) throws IOException, CsvException;
    }

    private final int threads;

    OrderedPipeline(int threads) {
        this.threads = Math.max(1, threads);
    }

    void run(Supplier<T> newItem, Source<T> source, Work<T> work, Sink<T> sink) throws IOException, CsvException {
        if (threads == 1) {
            T item = newItem.get();
            while (source.fill(item)) {
                work.apply(item);
                writeOrThrow(sink, item);
            }
            return;
        }
        ExecutorService pool = null;
        T first = null; // the first batch, held back until a second one is read
        ArrayDeque<T> free = new ArrayDeque<>();
        ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
        int made = 0;
        try {
            while (true) {
                T item = free.poll();
                if (item == null) {
                    if (made < 3 * threads) {
                        item = newItem.get();
                        made++;
                    } else {
                        item = await(inFlight.poll());
                        writeOrThrow(sink, item);
                    }
                }
                boolean more;
                try {
                    more = source.fill(item);
                } catch (IOException | CsvException | RuntimeException e) {
                    // the batches read before the failure come out first
                    if (first != null) {
                        work.apply(first);
                        writeOrThrow(sink, first);
                    }
                    drain(inFlight, sink);
                    throw e;
                }
                if (!more) {
                    break;
                }
                if (pool == null) {
                    if (first == null) {
                        first = item;
                        continue;
                    }
                    pool = Executors.newFixedThreadPool(threads, r -> {
                        Thread t = new Thread(r, "csv");
                        t.setDaemon(true);
                        return t;
                    });
                    inFlight.add(submit(pool, work, first));
                    first = null;
                }
                inFlight.add(submit(pool, work, item));
                while (!inFlight.isEmpty() && inFlight.peek().isDone()) {
                    T done = await(inFlight.poll());
                    writeOrThrow(sink, done);
                    free.add(done);
                }
            }
            if (first != null) {
                work.apply(first);
                writeOrThrow(sink, first);
            }
            drain(inFlight, sink);
        } finally {
            for (Future<T> f : inFlight) {
                f.cancel(true);
            }
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static <T> Future<T> submit(ExecutorService pool, Work<T> work, T item) {
        return pool.submit(() -> {
            work.apply(item);
            return item;
        });
    }

    private void drain(ArrayDeque<Future<T>> inFlight, Sink<T> sink) throws IOException, CsvException {
        while (!inFlight.isEmpty()) {
            writeOrThrow(sink, await(inFlight.poll()));
        }
    }

    private static <T extends Item> void writeOrThrow(Sink<T> sink, T item) throws IOException, CsvException {
        sink.write(item);
        if (item.failure() != null) {
            throw item.failure();
        }
    }

    private static <T> T await(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}
