package dev.cookbook.cli.common;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written all or nothing: the bytes go to a temporary file beside the target (same
 * directory, so the final rename is atomic), which {@link #commit()} syncs and renames into place.
 * Closing without committing deletes it, so a failed command leaves the target as it was, and
 * no partial file. The temporary file is created readable by its owner only, and keeps that mode.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private final boolean replace;
    private boolean committed;

    private AtomicOutput(Path target, Path temp, FileChannel channel, boolean replace) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.replace = replace;
        this.stream = Channels.newOutputStream(channel);
    }

    /** A private file (readable by its owner only) that replaces whatever is at {@code target}. */
    public static AtomicOutput create(Path target) throws IOException {
        return create(target, false, true);
    }

    /**
     * @param shared  readable by everyone ({@code 0644}: a public key), rather than by the owner only
     * @param replace whether {@link #commit()} may replace a file at {@code target}: without it, a
     *                file that appeared there meanwhile is kept and the commit fails
     */
    public static AtomicOutput create(Path target, boolean shared, boolean replace) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        } catch (FileSystemException e) {
            // Report the file the user named, not our temporary one beside it.
            throw new FileSystemException(target.toString(), null, Messages.reason(e));
        }
        // Interrupted (Ctrl-C, kill), the JVM still runs its shutdown hooks: no temporary file is left.
        // After a commit the name no longer exists and this does nothing.
        temp.toFile().deleteOnExit();
        if (shared) {
            try {
                Files.setPosixFilePermissions(
                        temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its default applies
            }
        }
        try {
            return new AtomicOutput(target, temp, FileChannel.open(temp, StandardOpenOption.WRITE), replace);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    public OutputStream stream() {
        return stream;
    }

    /** Makes the new content durable and puts it in place of the target. */
    public void commit() throws IOException {
        channel.force(true);
        channel.close();
        if (!replace) {
            commitNew();
        } else {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
    }

    /**
     * Puts the file in place only if nothing is there: a hard link, which (unlike a rename) never
     * replaces, then the temporary name removed. Where the file system has no hard links, a move
     * that refuses an existing target.
     */
    private void commitNew() throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException(
                    target.toString(), null, "created meanwhile by something else: kept (add --force to replace it)");
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.move(temp, target);
            return;
        }
        Files.delete(temp);
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                channel.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
