package dev.cookbook.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;

/**
 * A CSV file that records are appended to, all or nothing, as Python's csv module users do with
 * {@code open(path, 'a')} but without its hazards:
 *
 * <ul>
 * <li>the file's header row gives the columns ({@link #header()}), so new records keep its order;
 * <li>its line ending (from its last record) and, for UTF-16, its byte order are kept;
 * <li>a last record with no line ending gets one before anything is added;
 * <li>an exclusive lock, taken before anything is read, makes concurrent appenders wait their
 *     turn (the file's header and end are read through the locked channel, since closing any other
 *     descriptor of the file would release the lock);
 * <li>unless {@link #commit()} is reached the file is cut back to its original length on
 *     {@link #close()}; a file that did not exist is removed again. To undo it also when the JVM
 *     is stopped (Ctrl-C, kill), have a shutdown hook call {@link #rollback()}: the library
 *     installs none.
 * </ul>
 *
 * <p>Thread-safe: {@link #rollback()} may run on another thread while records are written.
 *
 * <pre>{@code
 * try (CsvAppendTarget file = CsvAppendTarget.open(path, Dialect.EXCEL, UTF_8)) {
 *     JsonToCsv.Options o = JsonToCsv.Options.builder()
 *             .fields(file.header()).header(file.header() == null).charset(file.charset())
 *             .build();
 *     JsonToCsv.convert(json, file.stream(), o);
 *     file.commit();
 * }
 * }</pre>
 */
public final class CsvAppendTarget implements AutoCloseable {
    private static final int ATTEMPTS = 100;

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean created;
    private final long originalSize;
    private final List<String> header;
    private final String lineTerminator;
    private final Charset charset;
    private final byte[] prefix;
    private final OutputStream stream = new AppendStream();
    private boolean committed;
    private boolean restored;

    private CsvAppendTarget(
            Path path, FileChannel channel, FileLock lock, boolean created, Dialect dialect, Charset charset)
            throws IOException, CsvException {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.created = created;
        this.originalSize = channel.size();
        this.charset = writingCharset(charset);
        this.header = originalSize == 0 ? null : readHeader(dialect, charset);
        this.lineTerminator = originalSize == 0 ? null : lastLineTerminator();
        boolean needsBreak = header != null && !endsWithLineBreak();
        this.prefix = needsBreak
                ? (lineTerminator != null ? lineTerminator : dialect.lineTerminator()).getBytes(this.charset)
                : new byte[0];
        channel.position(originalSize);
    }

    /**
     * Opens {@code path} for appending, creating it if missing, and waits for the lock.
     *
     * @param dialect how the existing header is spelled
     * @param charset the file's encoding
     * @throws CsvException the existing header is not valid CSV in that dialect and charset; its
     *                      {@link CsvException#source() source} is {@code path}
     */
    public static CsvAppendTarget open(Path path, Dialect dialect, Charset charset) throws IOException, CsvException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            boolean created = false;
            FileChannel ch;
            Object before;
            try {
                ch = FileChannel.open(
                        path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
                created = true;
                before = fileKey(path);
            } catch (FileAlreadyExistsException e) {
                try {
                    before = fileKey(path);
                    ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
                } catch (NoSuchFileException gone) {
                    continue; // removed meanwhile (an appender that created it failed): start again
                }
            }
            try {
                FileLock lock = ch.lock();
                // The name may have been removed while we waited (by the failed appender that created
                // it): then this channel holds a file nobody will see. Start again.
                if (!created && !Objects.equals(before, fileKeyOrNull(path))) {
                    lock.release();
                    ch.close();
                    continue;
                }
                return new CsvAppendTarget(path, ch, lock, created, dialect, charset);
            } catch (CsvException e) {
                ch.close();
                if (created) {
                    Files.deleteIfExists(path);
                }
                throw e.in(path.toString());
            } catch (IOException | RuntimeException e) {
                ch.close();
                if (created) {
                    Files.deleteIfExists(path);
                }
                throw e;
            }
        }
        throw new IOException(path + ": replaced again and again while waiting to append to it");
    }

    /** The file's header row: the columns to keep; null if it is empty (write a header, then). */
    public List<String> header() {
        return header;
    }

    /** The line ending of the file's last record, or null if it is empty: what new records should end with. */
    public String lineTerminator() {
        return lineTerminator;
    }

    /**
     * The charset to write with: the one given, or for UTF-16 the byte order the file already
     * has, and no second byte order mark.
     */
    public Charset charset() {
        return charset;
    }

    /** Where new records go, after the file's last byte (and a line break if its last record lacks one). */
    public OutputStream stream() {
        return stream;
    }

    /** Makes the appended bytes durable; after this, closing keeps them. */
    public synchronized void commit() throws IOException {
        if (restored) {
            throw new IOException(path + ": the append was rolled back");
        }
        channel.force(true);
        committed = true;
    }

    /** Rolls back unless committed, releases the lock and closes the file. */
    @Override
    public void close() throws IOException {
        try {
            rollback();
        } finally {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } finally {
                channel.close();
            }
        }
    }

    /**
     * Undoes the append unless it was committed: the file back to its original length, or gone if
     * it was new; every write after this fails. Safe to call from any thread, at any time, any
     * number of times: from a shutdown hook, for one.
     */
    public synchronized void rollback() {
        if (!channel.isOpen()) {
            return; // closed: rolled back or committed already
        }
        if (committed || restored) {
            return;
        }
        restored = true; // from now on every write fails
        try {
            channel.truncate(originalSize);
            channel.force(true);
            if (created) {
                Files.deleteIfExists(path); // still locked: an appender waiting for it starts again
            }
        } catch (IOException e) {
            // Failing or exiting already: the caller reports the first error.
        }
    }

    /** Writes at the end, unless the append has been undone; synchronized with {@link #rollback()}. */
    private final class AppendStream extends OutputStream {
        private boolean prefixed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (CsvAppendTarget.this) {
                if (restored) {
                    throw new IOException(path + ": the append was rolled back");
                }
                if (!prefixed && len > 0) {
                    prefixed = true;
                    writeFully(ByteBuffer.wrap(prefix));
                }
                writeFully(ByteBuffer.wrap(b, off, len));
            }
        }

        private void writeFully(ByteBuffer buf) throws IOException {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        }
    }

    // ------------------------------------------------------------------- reading the file

    private List<String> readHeader(Dialect dialect, Charset given) throws IOException, CsvException {
        CsvReader reader = CsvReader.open(new ChannelInput(), given, dialect, CsvReader.DEFAULT_FIELD_SIZE_LIMIT);
        List<String> h;
        do {
            h = reader.next();
        } while (h != null && h.isEmpty());
        return h;
    }

    /** The line ending of the file's last line: CRLF, LF or CR; null if it has no line break at all. */
    private String lastLineTerminator() throws IOException {
        String tail = tail(4096);
        int end = tail.length();
        while (end > 0 && tail.charAt(end - 1) != '\n' && tail.charAt(end - 1) != '\r') {
            end--;
        }
        if (end == 0) {
            return null;
        }
        if (tail.charAt(end - 1) == '\r') {
            return "\r";
        }
        return end >= 2 && tail.charAt(end - 2) == '\r' ? "\r\n" : "\n";
    }

    private boolean endsWithLineBreak() throws IOException {
        String tail = tail(16);
        return !tail.isEmpty() && (tail.endsWith("\n") || tail.endsWith("\r"));
    }

    /** The last characters of the file, about {@code bytes} bytes of it, decoded leniently. */
    private String tail(int bytes) throws IOException {
        long from = Math.max(0, originalSize - bytes);
        from -= from % 4; // keep UTF-16 and UTF-32 units whole
        ByteBuffer buf = ByteBuffer.allocate((int) (originalSize - from));
        while (buf.hasRemaining() && channel.read(buf, from + buf.position()) > 0) {
            // read on
        }
        buf.flip();
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(buf)
                .toString();
    }

    /** For UTF-16 with a byte order mark, the explicit byte order of the existing file. */
    private Charset writingCharset(Charset given) throws IOException {
        boolean marks = 2 * "a".getBytes(given).length > "aa".getBytes(given).length;
        if (!marks || !given.name().startsWith("UTF-16")) {
            return given;
        }
        if (originalSize < 2) {
            return given; // a new file gets the mark
        }
        ByteBuffer head = ByteBuffer.allocate(2);
        channel.read(head, 0);
        boolean little = (head.get(0) & 0xff) == 0xFF && (head.get(1) & 0xff) == 0xFE;
        return little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
    }

    /** The file from its start, through the locked channel; closing it leaves the channel open. */
    private final class ChannelInput extends InputStream {
        private long position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= originalSize) {
                return -1;
            }
            int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, originalSize - position)), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }

    private static Object fileKey(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    }

    private static Object fileKeyOrNull(Path p) {
        try {
            return fileKey(p);
        } catch (IOException e) {
            return null;
        }
    }
}
