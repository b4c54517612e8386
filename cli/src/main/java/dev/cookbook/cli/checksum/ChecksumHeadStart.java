package dev.cookbook.cli.checksum;

import dev.cookbook.crypto.digest.DigestAlgorithm;
import dev.cookbook.crypto.digest.DigestJob;
import dev.cookbook.crypto.digest.DigestResult;
import dev.cookbook.crypto.digest.ParallelDigester;
import dev.cookbook.crypto.digest.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hashing of the first large FILE of {@code cookbook checksum}, begun on a thread of its own from
 * the raw arguments, before picocli has parsed them: building and running the command line is a
 * noticeable part of hashing a large file (see the README's Performance section), and the file can
 * be read meanwhile on the other core. {@link ChecksumCommand} receives the raw arguments in its constructor
 * (the root hands them to a command that asks) and starts it there.
 *
 * <p>It is only a guess at the work to come: the run gives its first job the head start's result
 * ({@link DigestJob#started}) if that job names the same file with the same algorithm
 * ({@link #claim}), and otherwise hashes as usual. Only a regular file of at least
 * {@value #MIN_SIZE} bytes is read, so a pipe or a device never loses data to a guess (a regular
 * file replaced by a pipe between the check and the open would hold up the run, a race this does
 * not close). Its result is used only if hashing succeeded; any failure is left for the run to meet
 * again, so an error is reported exactly as without the head start.
 *
 * <p>For any file, it first makes the algorithm's hasher and drops it: the first one starts the
 * JCA (the JDK's security configuration, and the provider list where the digest needs it), which a
 * small file's run then finds done (the README's start-up section). Its result is the thread itself
 * ({@link Result}), so that nothing but the thread is set up before the work begins.
 *
 * <p>This class stays clear of picocli, so that the work starts before picocli's classes load.
 * Thread-safe: it is made on one thread, works on its own and is awaited on another.
 */
final class ChecksumHeadStart {
    /** Below this the head start saves less than starting a thread costs. */
    static final long MIN_SIZE = 1 << 20;

    /** Options that change only how results are printed, not what is read: a head start may pass them. */
    private static final Set<String> PRINT_OPTIONS =
            Set.of("--tag", "-b", "--binary", "-t", "--text", "-z", "--zero", "--json", "--progress", "--no-progress");

    private final String name;
    private final Path path;
    private final DigestAlgorithm algorithm;
    private final Thread thread;
    /** The work's outcome, read once {@link #thread} has ended: the digest, or null if none. */
    private volatile DigestResult outcome;

    private final Result result = new Result();
    /** Made on the head start's thread, and only for a large file: a small one must cost the run nothing. */
    private volatile ParallelDigester digester;

    private volatile boolean taken;

    private ChecksumHeadStart(String name, Path path, DigestAlgorithm algorithm) {
        this.name = name;
        this.path = path;
        this.algorithm = algorithm;
        // Not lambdas: the first ones a process links cost ~7 ms (the JDK bootstraps its method
        // handles), here on the main thread, before the command line is even built.
        Work work = new Work();
        this.thread = new Thread(work, "digest-head-start");
        this.thread.setDaemon(true); // abandoned work must never keep the JVM alive
        this.thread.setUncaughtExceptionHandler(work);
    }

    private final class Work implements Runnable, Thread.UncaughtExceptionHandler {
        @Override
        public void run() {
            work();
        }

        /** Whatever goes wrong here the run meets again and reports; stderr stays the run's. */
        @Override
        public void uncaughtException(Thread t, Throwable e) {}
    }

    /**
     * Starts hashing the first FILE of {@code args} when they are plainly a {@code checksum} of
     * files ({@code checksum [-a ALGO] [print options] FILE...}). Anything less plain (other
     * options, {@code -}, {@code @file}, {@code --}) gets no head start.
     *
     * @return the started work, or null
     */
    static ChecksumHeadStart begin(String[] args) {
        if (args == null || args.length < 2 || !args[0].equals("checksum")) {
            return null;
        }
        DigestAlgorithm algo = DigestAlgorithm.SHA256;
        String first = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String named = null;
            if (arg.equals("-a") || arg.equals("--algorithm")) {
                if (++i == args.length) {
                    return null;
                }
                named = args[i];
            } else if (arg.startsWith("--algorithm=")) {
                named = arg.substring("--algorithm=".length());
            } else if (arg.startsWith("-") || arg.startsWith("@")) {
                if (!PRINT_OPTIONS.contains(arg)) {
                    return null;
                }
            } else if (first == null) {
                first = arg;
            }
            if (named != null) {
                algo = DigestAlgorithmChoice.named(named);
                if (algo == null) {
                    return null;
                }
            }
        }
        return first == null ? null : begin(first, algo);
    }

    /**
     * Starts hashing the file the operand {@code name} names (as {@code checksum} would open it)
     * with {@code algorithm}. Whether it is a large regular file is found out on the new thread.
     */
    static ChecksumHeadStart begin(String name, DigestAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        Path path;
        try {
            path = Path.of(name);
        } catch (InvalidPathException e) {
            path = null; // the run reports it; there is nothing to read
        }
        ChecksumHeadStart h = new ChecksumHeadStart(name, path, algorithm);
        if (path != null) {
            h.thread.start(); // else never started: joining it returns at once, with no outcome
        }
        return h;
    }

    private void work() {
        DigestResult[] r = {null};
        try {
            // Whatever the file, the run makes this algorithm's hasher next: the first one starts the
            // JCA (at least the JDK's security configuration, java.security), which happens here
            // while the main thread builds its output.
            algorithm.newHasher();
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            if (attrs.isRegularFile()
                    && attrs.size() >= MIN_SIZE
                    && !Thread.currentThread().isInterrupted()) {
                // cancel() interrupts this thread: the read then stops within one buffer
                DigestJob job = new Job(Source.file(name, path), algorithm);
                try (ParallelDigester d = new ParallelDigester(1)) {
                    digester = d;
                    d.run(List.of(job).iterator(), (j, done) -> r[0] = done);
                }
            }
        } catch (IOException | RuntimeException e) {
            r[0] = null; // the run meets the same problem and reports it
        } finally {
            outcome = r[0] != null && r[0].ok() ? r[0] : null;
        }
    }

    /**
     * This head start's result, for a job that hashes {@code source} (a file operand of the same
     * name) with {@code algo}; null for any other job.
     */
    Future<DigestResult> claim(Source source, DigestAlgorithm algo) {
        boolean same = algo == algorithm
                && source != null
                && source.path() != null
                && source.name().equals(name)
                && source.path().equals(path);
        if (!same) {
            return null;
        }
        taken = true;
        return result;
    }

    /**
     * Waits for the head start to finish; the digest if it hashed the file, or null if it did not
     * (not a large regular file, reading failed, or the waiting thread was interrupted).
     */
    DigestResult await() {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Bytes hashed so far that count towards a run's progress: those of a head start the run took
     * and that did not fail (a failed one's file is read again by the run).
     */
    long bytesRead() {
        ParallelDigester d = digester;
        if (!taken || d == null || result.isDone() && outcome == null) {
            return 0;
        }
        return d.bytesRead();
    }

    /** Stops the work if it is no longer wanted (an interrupted read fails, and its result is dropped). */
    void cancel() {
        if (!result.isDone()) {
            thread.interrupt();
        }
    }

    /**
     * The work's outcome as a {@link Future}, which is what a job's {@link DigestJob#started} gives:
     * done when the thread has ended. Not a CompletableFuture: its class initialises the common
     * fork-join pool and the JDK's VarHandles, on the main thread before the head start could begin.
     */
    private final class Result implements Future<DigestResult> {
        @Override
        public DigestResult get() throws InterruptedException {
            thread.join();
            return outcome;
        }

        @Override
        public DigestResult get(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
            long millis = unit.toMillis(timeout);
            if (millis > 0) {
                thread.join(millis);
            }
            if (thread.isAlive()) {
                throw new TimeoutException();
            }
            return outcome;
        }

        @Override
        public boolean isDone() {
            return !thread.isAlive();
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }

    private record Job(Source source, DigestAlgorithm algorithm) implements DigestJob {}
}
