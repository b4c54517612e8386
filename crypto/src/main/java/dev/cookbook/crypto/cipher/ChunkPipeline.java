package dev.cookbook.crypto.cipher;

import dev.cookbook.crypto.AuthenticationException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Transforms a stream of chunks on several threads and hands them on in their original order:
 * the caller's thread reads and writes, the workers encrypt, decrypt and authenticate. At most
 * {@code window} chunks (by default {@code 4 * threads}) are in flight, so memory is bounded
 * whatever the stream's length.
 *
 * <p>A chunk that fails (authentication) fails the run when its turn to be written comes: every
 * chunk before it has been written, none after it.
 */
final class ChunkPipeline implements AutoCloseable {

    /** Reads the next chunk, or returns null at the end. Runs on the caller's thread, in order. */
    interface Reader<T> {
        T next() throws IOException;

        /**
         * Whether {@link #next} would return without waiting for input that is not there yet. When
         * it would wait, the chunks already done are written first, so that what came through a
         * slow pipe goes out without waiting for more.
         */
        default boolean ready() throws IOException {
            return true;
        }
    }

    /** Transforms one chunk; runs on a worker thread. */
    interface Work<T> {
        T apply(T chunk) throws AuthenticationException;
    }

    /** Writes one transformed chunk. Runs on the caller's thread, in order. */
    interface Writer<T> {
        void write(T chunk) throws IOException;
    }

    private final int window;
    private final ExecutorService pool;

    /** Chunks transformed on {@code threads} workers at once; with 1, everything on the caller's thread. */
    ChunkPipeline(int threads) {
        this(threads, 4 * threads, threads > 1);
    }

    /** As {@link #ChunkPipeline(int)}, with at most {@code window} chunks in flight. */
    ChunkPipeline(int threads, int window) {
        this(threads, window, threads > 1);
    }

    private ChunkPipeline(int threads, int window, boolean workers) {
        this.window = window;
        this.pool = !workers
                ? null
                : Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "cipher");
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * One worker, so chunks are transformed one after another in their order and the work may carry
     * state from each to the next (a stream cipher), while the caller's thread reads and writes.
     */
    static ChunkPipeline inOrder() {
        return new ChunkPipeline(1, 4, true);
    }

    <T> void run(Reader<T> reader, Work<T> work, Writer<T> writer) throws IOException, AuthenticationException {
        if (pool == null) {
            for (T chunk = reader.next(); chunk != null; chunk = reader.next()) {
                writer.write(work.apply(chunk));
            }
            return;
        }
        ArrayDeque<Future<T>> inFlight = new ArrayDeque<>();
        boolean more = true;
        try {
            while (true) {
                while (more && inFlight.size() < window && (inFlight.isEmpty() || reader.ready())) {
                    T chunk = reader.next();
                    if (chunk == null) {
                        more = false;
                    } else {
                        inFlight.add(pool.submit(() -> work.apply(chunk)));
                    }
                }
                Future<T> head = inFlight.poll();
                if (head == null) {
                    return;
                }
                writer.write(await(head));
            }
        } finally {
            for (Future<T> f : inFlight) {
                f.cancel(true);
            }
        }
    }

    private static <T> T await(Future<T> f) throws IOException, AuthenticationException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AuthenticationException a) {
                throw a;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
