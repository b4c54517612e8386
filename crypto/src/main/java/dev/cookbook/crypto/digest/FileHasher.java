package dev.cookbook.crypto.digest;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Hashes sources with one reusable read buffer and one reusable hasher per algorithm. Memory is
 * constant whatever the input size. Not thread-safe: {@link ParallelDigester} gives each worker its own.
 */
final class FileHasher {
    /**
     * Small enough that what a read copies in is still in the core's cache when the digest reads it,
     * large enough that a big file costs few system calls (measured against 1 MiB, see cli/bench);
     * reading on a second thread while hashing is slower still, because the data then has to cross
     * from one core's cache to the other's.
     */
    static final int BUFFER_SIZE = 256 << 10;

    private final byte[] buffer = new byte[BUFFER_SIZE];
    private final EnumMap<DigestAlgorithm, Hasher> hashers = new EnumMap<>(DigestAlgorithm.class);
    private final LongAdder progress;

    FileHasher(LongAdder progress) {
        this.progress = progress;
    }

    /** Never asks a read to stop. */
    static final BooleanSupplier NEVER = () -> false;

    /**
     * Hashes {@code source}; {@code stop} is asked between reads (every {@value #BUFFER_SIZE} bytes,
     * or every few MiB of a mapped file), and once it answers true the read ends with a failure.
     * A read blocked in the operating system (a pipe with no writer) is not cut short by it.
     */
    DigestResult hash(Source source, DigestAlgorithm algorithm, BooleanSupplier stop) {
        if (source.failure() != null) {
            return DigestResult.failure(source.failure());
        }
        Hasher hasher = hashers.computeIfAbsent(algorithm, DigestAlgorithm::newHasher);
        try {
            if (source.stream() != null) {
                long size = drain(source.stream(), hasher, stop);
                return DigestResult.of(hasher.digest(), size);
            }
            try (InputStream in = open(source.path())) {
                long size = drain(in, hasher, stop);
                return DigestResult.of(hasher.digest(), size);
            }
        } catch (IOException e) {
            hasher.digest(); // discard the partial state so the next input starts clean
            return DigestResult.failure(e);
        } catch (RuntimeException | Error e) {
            hasher.digest();
            throw e;
        }
    }

    /**
     * Reads {@code in} to its end. A file that fills the whole first buffer is large: the rest of it
     * goes through {@link MappedReader}, and whatever is left after that (the file grew, or it is a
     * pipe or a device that cannot be mapped) is read as usual.
     */
    private long drain(InputStream in, Hasher hasher, BooleanSupplier stop) throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            return 0;
        }
        hasher.update(buffer, 0, n);
        progress.add(n);
        long size = n;
        if (n == buffer.length && in instanceof FileInputStream file) {
            size += MappedReader.drain(file.getChannel(), hasher, progress, stop);
        }
        while (!stopped(stop) && (n = in.read(buffer, 0, buffer.length)) >= 0) {
            hasher.update(buffer, 0, n);
            size += n;
            progress.add(n);
        }
        return size;
    }

    /** Throws if {@code stop} says so; otherwise false, so that it reads as a loop condition. */
    static boolean stopped(BooleanSupplier stop) throws InterruptedIOException {
        if (stop.getAsBoolean()) {
            throw new InterruptedIOException("reading stopped: the run has ended");
        }
        return false;
    }

    /**
     * Opens with {@link FileInputStream}, the cheapest way the JDK has to open a file (it matters with
     * ten thousand small ones), and turns its untyped failure into the typed exception NIO would
     * have thrown, so callers can tell a missing file from a forbidden one.
     */
    static InputStream open(Path path) throws IOException {
        try {
            return new FileInputStream(path.toFile());
        } catch (FileNotFoundException e) {
            if (path.toString().indexOf('\uFFFD') >= 0) {
                // A listed name that is not valid UTF-8: toFile() went through a string that lost
                // its bytes, while the path from the listing still holds them, and NIO opens by those.
                try {
                    return Files.newInputStream(path);
                } catch (IOException | RuntimeException ignored) {
                    // not that either: report the first failure
                }
            }
            throw classify(path, e);
        }
    }

    static IOException classify(Path path, FileNotFoundException e) {
        String file = path.toString();
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            if (attrs.isDirectory()) {
                return new FileSystemException(file, null, "Is a directory");
            }
        } catch (AccessDeniedException typed) {
            return typed;
        } catch (IOException other) {
            // Fall through to the reason FileInputStream gave. Also for NoSuchFileException: from Java
            // 25 it is what a path through a regular file ("file/child") gives here, where
            // FileInputStream still says "Not a directory", as coreutils does.
        }
        String message = e.getMessage();
        String reason = message;
        if (message != null && message.endsWith(")")) {
            int open = message.lastIndexOf(" (");
            if (open >= 0) {
                reason = message.substring(open + 2, message.length() - 1);
            }
        }
        if ("Permission denied".equals(reason)) {
            return new AccessDeniedException(file);
        }
        if ("No such file or directory".equals(reason)) {
            return new NoSuchFileException(file);
        }
        return new FileSystemException(file, null, reason);
    }
}
