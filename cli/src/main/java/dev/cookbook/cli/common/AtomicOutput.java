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
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file written all or nothing: the bytes go to a temporary file beside the target (same
 * directory, so the final rename is atomic), which {@link #commit()} syncs and renames into place.
 * Closing without committing deletes it, so a failed command leaves the target as it was, and
 * no partial file. The temporary file is created readable by its owner only, and keeps that mode.
 */
public final class AtomicOutput implements AutoCloseable {
    private final Path target;
    private final String name;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private final boolean replace;
    private boolean committed;

    private AtomicOutput(Path target, String name, Path temp, FileChannel channel, boolean replace) {
        this.target = target;
        this.name = name;
        this.temp = temp;
        this.channel = channel;
        this.replace = replace;
        this.stream = Channels.newOutputStream(channel);
    }

    /**
     * @param target  the file to put in place
     * @param name    the name the user gave it, for messages (never the temporary file's)
     * @param secret  readable by its owner only ({@code 0600}: a private key), else by everyone
     *                ({@code 0666} less the umask)
     * @param replace whether {@link #commit()} may replace a file at {@code target}: without it, a
     *                file that appeared there meanwhile is kept and the commit fails
     */
    public static AtomicOutput create(Path target, String name, boolean secret, boolean replace) throws IOException {
        return create(target, name, secret ? null : sharedMode(), replace);
    }

    /**
     * As {@link #create(Path, String, boolean, boolean)}, with the file's mode given exactly
     * ({@code rwxr-xr-x} for a program), whatever the umask; null for {@code 0600}.
     */
    public static AtomicOutput create(Path target, String name, Set<PosixFilePermission> mode, boolean replace)
            throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        } catch (FileSystemException e) {
            // Report the file the user named, not our temporary one beside it.
            throw new FileSystemException(name, null, Messages.reason(e));
        }
        // Interrupted (Ctrl-C, kill), the JVM still runs its shutdown hooks: no temporary file is left.
        // After a commit the name no longer exists and this does nothing.
        temp.toFile().deleteOnExit();
        if (mode != null) {
            try {
                Files.setPosixFilePermissions(temp, mode);
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its default applies
            }
        }
        try {
            return new AtomicOutput(target, name, temp, FileChannel.open(temp, StandardOpenOption.WRITE), replace);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * The mode a file that is no secret gets: {@code 0666} less the process's umask, as a file
     * created with {@code open(2)} would. The temporary file starts as {@code 0600}, which a rename
     * would keep. Java cannot ask for the umask; Linux shows it in {@code /proc/self/status}, and
     * elsewhere the usual {@code 022} is assumed.
     */
    private static Set<PosixFilePermission> sharedMode() {
        int umask = 0022;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    umask = Integer.parseInt(line.substring("Umask:".length()).trim(), 8);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep 022
        }
        int mode = 0666 & ~umask;
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                perms.add(bits[i]);
            }
        }
        return perms;
    }

    public OutputStream stream() {
        return stream;
    }

    /** Makes the new content durable and puts it in place of the target. */
    public void commit() throws IOException {
        try {
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
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (FileSystemException e) {
            // Name the file the user gave, never the temporary one beside it.
            throw new FileSystemException(name, null, Messages.reason(e));
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
                    name, null, "created meanwhile by something else: kept (add --force to replace it)");
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
