package dev.cookbook.crypto.digest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hashing of one large file, begun on a thread of its own before the command that wants it is
 * ready: parsing and checking a command line costs a JVM about 0.15 s, which on a 1 GiB file is a
 * sixth of the whole run, and the file can be read meanwhile on the other core.
 *
 * <p>It is only a guess at the work to come: {@link ParallelDigester#offer} hands it to the run,
 * which takes its result for its first job if that job names the same file with the same algorithm
 * ({@link #claim}), and otherwise hashes as usual. Only a regular file of at least
 * {@value #MIN_SIZE} bytes is read, so a pipe or a device never loses data to a guess (a regular
 * file replaced by a pipe between the check and the open would hold up the run, a race this does not
 * close). Its result is used only if hashing succeeded; any failure is left for the run to meet
 * again, so an error is reported exactly as without the head start.
 *
 * <pre>{@code
 * HeadStart early = HeadStart.begin("big.iso", DigestAlgorithm.SHA256); // before parsing
 * ...
 * try (ParallelDigester d = new ParallelDigester(jobs)) {
 *     d.offer(early);
 *     d.run(jobs, handler);
 * } finally {
 *     early.cancel();
 * }
 * }</pre>
 *
 * Thread-safe: it is made on one thread, works on its own and is awaited on another.
 */
public final class HeadStart {
    /** Below this the head start saves less than starting a thread costs. */
    public static final long MIN_SIZE = 1 << 20;

    private final String name;
    private final Path path;
    private final DigestAlgorithm algorithm;
    private final LongAdder progress = new LongAdder();
    private final CompletableFuture<DigestResult> result = new CompletableFuture<>();
    private final Thread thread;

    private HeadStart(String name, Path path, DigestAlgorithm algorithm) {
        this.name = name;
        this.path = path;
        this.algorithm = algorithm;
        this.thread = new Thread(this::work, "digest-head-start");
        this.thread.setDaemon(true); // abandoned work must never keep the JVM alive
        // Whatever goes wrong here the run meets again and reports; stderr stays the run's.
        this.thread.setUncaughtExceptionHandler((t, e) -> {});
    }

    /**
     * Starts hashing the file the operand {@code name} names (as {@code checksum} would open it)
     * with {@code algorithm}. Whether it is a large regular file is found out on the new thread.
     */
    public static HeadStart begin(String name, DigestAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            path = null; // the run reports it; there is nothing to read
        }
        HeadStart h = new HeadStart(name, path, algorithm);
        if (path == null) {
            h.result.complete(null);
        } else {
            h.thread.start();
        }
        return h;
    }

    private void work() {
        DigestResult r = null;
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            if (attrs.isRegularFile()
                    && attrs.size() >= MIN_SIZE
                    && !Thread.currentThread().isInterrupted()) {
                // cancel() interrupts this thread: the read then stops within one buffer
                r = new FileHasher(progress)
                        .hash(
                                Source.file(name, path),
                                algorithm,
                                () -> Thread.currentThread().isInterrupted());
            }
        } catch (IOException | RuntimeException e) {
            r = null; // the run meets the same problem and reports it
        } finally {
            result.complete(r != null && r.ok() ? r : null);
        }
    }

    /** Whether this head start is for {@code source} (a file operand of the same name) and {@code algo}. */
    public boolean claim(Source source, DigestAlgorithm algo) {
        return algo == algorithm
                && source != null
                && source.path() != null
                && source.failure() == null
                && source.name().equals(name)
                && source.path().equals(path);
    }

    /**
     * Waits for the head start to finish; the digest if it hashed the file, or null if it did not
     * (not a large regular file, reading failed, or the waiting thread was interrupted), when the
     * caller must hash it itself.
     */
    public DigestResult await() {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a cancelled run: the caller's own read then fails on it
            return null;
        } catch (ExecutionException e) {
            return null; // work() completes normally; kept for the compiler
        }
    }

    /** Bytes hashed so far, for a progress display. */
    public long bytesRead() {
        return progress.sum();
    }

    /** Stops the work if it is no longer wanted (an interrupted read fails, and its result is dropped). */
    public void cancel() {
        if (!result.isDone()) {
            thread.interrupt();
        }
    }
}
