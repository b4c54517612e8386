package dev.cookbook.cli.common;

import dev.cookbook.cli.Stdio;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Where a command's output goes, opened: standard output, a file written atomically, or a device
 * or FIFO written in place. {@link #commit()} on success; always {@link #close()}, which discards
 * an uncommitted file and leaves whatever was at the target before.
 *
 * <p>As {@code cp}, {@code tee} and {@code openssl -out} do: a character device or FIFO
 * ({@code /dev/null}, a named pipe) and the kernel's own files ({@code /dev/stdout},
 * {@code /dev/fd/3}) are written in place and need no {@code --force}; a symbolic link is
 * written through (its target is replaced atomically, the link stays); a regular file is
 * replaced only with {@code --force}, and never when it is the command's input.
 */
public final class Output implements AutoCloseable {

    /** What the output holds, which decides the file's mode and whether a terminal may get it. */
    public enum Kind {
        /** Text anyone may read ({@code 0666} less the umask), and fine on a terminal. */
        TEXT,
        /** Bytes anyone may read, as {@link #TEXT}, that would garble a terminal: refused there unless {@code -o -}. */
        BINARY,
        /** A secret (a private key, a plaintext): readable by its owner only ({@code 0600}). */
        SECRET,
        /** A secret in bytes (a DER private key): {@code 0600}, and refused on a terminal as {@link #BINARY}. */
        SECRET_BINARY;

        boolean binary() {
            return this == BINARY || this == SECRET_BINARY;
        }

        boolean secret() {
            return this == SECRET || this == SECRET_BINARY;
        }
    }

    private final OutputStream stream;
    private final AtomicOutput file;
    private final boolean closeStream;

    private Output(OutputStream stream, AtomicOutput file, boolean closeStream) {
        this.stream = stream;
        this.file = file;
        this.closeStream = closeStream;
    }

    /**
     * Opens {@code name} for writing.
     *
     * @param option the option that named it ({@code -o/--out}), for messages
     * @param name   the name as given; null or {@code -} for standard output
     * @param force  whether an existing regular file may be replaced
     * @param input  the command's input file, never to be overwritten, or null
     * @throws ParameterException an empty name, an existing file without {@code --force}, the
     *     input itself, or binary data for a terminal
     */
    public static Output open(
            CommandSpec spec, Stdio stdio, String option, String name, boolean force, Kind kind, Path input)
            throws IOException {
        if (name == null || name.equals("-") || name.equals("/dev/stdout")) {
            if (kind.binary() && name == null && stdio.stdoutIsTerminal()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "refusing to write binary data to a terminal: give -o FILE (or -o - to insist)");
            }
            return new Output(stdio.out(), null, false);
        }
        if (name.isEmpty()) {
            throw new ParameterException(spec.commandLine(), option + " needs a file name, not ''");
        }
        Path given;
        try {
            given = Path.of(name);
        } catch (InvalidPathException e) {
            throw new ParameterException(
                    spec.commandLine(), option + ": " + Messages.quote(name) + ": " + e.getReason());
        }
        if (name.startsWith("/dev/") || name.startsWith("/proc/")) {
            // The kernel's files (/dev/stderr, /dev/fd/3, /proc/self/fd/1) stand for descriptors
            // the caller opened: write through them as they are, never replace what they point at.
            return inPlace(name, given);
        }
        Path target = throughLinks(given);
        if (Files.isDirectory(target)) {
            throw new FileSystemException(name, null, "Is a directory");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target)) {
            return inPlace(name, target); // a device, a FIFO, a socket
        }
        if (Files.exists(target)) {
            if (input != null && Files.exists(input) && Files.isSameFile(input, target)) {
                throw new ParameterException(
                        spec.commandLine(), Messages.quote(name) + " is both the input and the output");
            }
            if (!force) {
                throw new ParameterException(
                        spec.commandLine(), Messages.quote(name) + " exists: add --force to replace it");
            }
        }
        AtomicOutput file = AtomicOutput.create(target, name, kind.secret(), force);
        return new Output(file.stream(), file, false);
    }

    private static Output inPlace(String name, Path path) throws IOException {
        try {
            return new Output(new FileOutputStream(path.toFile()), null, true);
        } catch (java.io.FileNotFoundException e) {
            throw Messages.openFailure(name, path, e);
        }
    }

    /**
     * The file that writing {@code path} would write: a symbolic link's target, followed through
     * every link (a relative target is relative to the link's folder). A loop is left to the
     * file system to report.
     */
    private static Path throughLinks(Path path) throws IOException {
        Path p = path;
        for (int i = 0; i < 40 && Files.isSymbolicLink(p); i++) {
            p = p.resolveSibling(Files.readSymbolicLink(p));
        }
        return p;
    }

    public OutputStream stream() {
        return stream;
    }

    /** Flushes; for a file, makes it durable and puts it in place. */
    public void commit() throws IOException {
        stream.flush();
        if (file != null) {
            file.commit();
        }
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        } else if (closeStream) {
            stream.close();
        }
    }
}
