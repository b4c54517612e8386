package dev.cookbook.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An existing file appended to all or nothing: its length is noted when it is opened, and unless
 * {@link #commit()} is reached the file is cut back to it, also when the JVM is interrupted
 * (Ctrl-C, kill). An exclusive lock keeps two cookbooks from appending to it at once.
 */
final class AppendFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final long originalSize;
    private final Thread onExit;
    private final OutputStream stream;
    private boolean committed;

    private AppendFile(Path path, FileChannel channel, FileLock lock, long originalSize) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.originalSize = originalSize;
        this.onExit = new Thread(this::restore, "append-restore");
        Runtime.getRuntime().addShutdownHook(onExit);
        this.stream = Channels.newOutputStream(channel);
    }

    static AppendFile open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = ch.lock();
            long size = ch.size();
            ch.position(size);
            return new AppendFile(path, ch, lock, size);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The length the file had: what a failure cuts it back to. */
    long originalSize() {
        return originalSize;
    }

    /** The file's last byte, or -1 if it is empty. */
    int lastByte() throws IOException {
        if (originalSize == 0) {
            return -1;
        }
        ByteBuffer b = ByteBuffer.allocate(1);
        channel.read(b, originalSize - 1);
        return b.get(0) & 0xff;
    }

    /** Writes at the end of the file. */
    OutputStream stream() {
        return stream;
    }

    Path path() {
        return path;
    }

    /** Makes the appended bytes durable; after this, closing keeps them. */
    void commit() throws IOException {
        channel.force(true);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        try {
            if (!committed) {
                restore();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running or has run
            }
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        }
    }

    private synchronized void restore() {
        if (committed || !channel.isOpen()) {
            return;
        }
        try {
            channel.truncate(originalSize);
            channel.force(true);
        } catch (IOException e) {
            // Nothing better to do while failing or exiting; the caller reports the original error.
        }
    }
}
