package dev.cookbook.crypto.digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One input to hash, with the name it is reported under: a file, an already open stream (standard
 * input), or an input that could not even be reached (a directory without recursion, a failed
 * directory listing), carried along so it is reported in its place in the output.
 *
 * <p>The name is kept apart from the path because the report must show the operand exactly as the
 * user typed it ({@code ./a//b}), which {@link Path} would normalise.
 */
public final class Source {
    private final String name;
    private final Path path;
    private final InputStream stream;
    private final IOException failure;

    private Source(String name, Path path, InputStream stream, IOException failure) {
        this.name = Objects.requireNonNull(name, "name");
        this.path = path;
        this.stream = stream;
        this.failure = failure;
    }

    /** The file at {@code path}, reported as {@code name}. */
    public static Source file(String name, Path path) {
        return new Source(name, Objects.requireNonNull(path, "path"), null, null);
    }

    /**
     * The file that {@code name} names, reported as {@code name}; a name no file can have (empty, or
     * not a valid path here) is a {@link #failed} source, {@link NoSuchFileException}. {@code -} is
     * the file named {@code -}: standard input is the caller's to resolve, as a {@link #stream}.
     */
    public static Source named(String name) {
        if (name.isEmpty()) {
            // Path.of("") is the working directory, but the empty name names no file at all.
            return failed(name, new NoSuchFileException(name));
        }
        try {
            return file(name, Path.of(name));
        } catch (InvalidPathException e) {
            return failed(name, new NoSuchFileException(name, null, e.getReason()));
        }
    }

    /** An open stream, read to its end but not closed (standard input is reported as {@code -}). */
    public static Source stream(String name, InputStream in) {
        return new Source(name, null, Objects.requireNonNull(in, "in"), null);
    }

    /** An input that failed before it could be read; hashing it yields {@code failure}. */
    public static Source failed(String name, IOException failure) {
        return new Source(name, null, null, Objects.requireNonNull(failure, "failure"));
    }

    public String name() {
        return name;
    }

    /** The file, or null for a stream or a failure. */
    public Path path() {
        return path;
    }

    InputStream stream() {
        return stream;
    }

    IOException failure() {
        return failure;
    }

    @Override
    public String toString() {
        return name;
    }
}
