package dev.cookbook.crypto.digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks the files listed in one checksum file ({@code sha256sum -c}), hashing them in parallel and
 * reporting in line order.
 *
 * <p>Reads what coreutils reads (see {@link ChecksumLineParser}), skipping {@code #} comments and
 * blank lines, and also what it does not: a file saved on Windows, with a UTF-8 byte-order mark and
 * CRLF line ends, which the {@link CheckSummary} reports so the caller can say so once.
 *
 * <p>The checksum file is streamed: memory does not grow with its length. A line longer than
 * {@value #MAX_LINE} bytes cannot name a real file and counts as malformed.
 *
 * <pre>{@code
 * CheckSummary s = new ChecksumVerifier(digester, DigestAlgorithm.SHA256, false, false)
 *         .verify(in, Source::named, listener);
 * }</pre>
 */
public final class ChecksumVerifier {
    static final int MAX_LINE = 1 << 20;

    private final ParallelDigester digester;
    private final DigestAlgorithm algorithm;
    private final boolean fixedAlgorithm;
    private final boolean ignoreMissing;

    /**
     * @param algorithm      for untagged lines
     * @param fixedAlgorithm if true, tagged lines must name {@code algorithm} too
     * @param ignoreMissing  skip listed files that do not exist ({@code --ignore-missing})
     */
    public ChecksumVerifier(
            ParallelDigester digester, DigestAlgorithm algorithm, boolean fixedAlgorithm, boolean ignoreMissing) {
        this.digester = digester;
        this.algorithm = algorithm;
        this.fixedAlgorithm = fixedAlgorithm;
        this.ignoreMissing = ignoreMissing;
    }

    /**
     * Checks every line of the checksum file {@code file}, each listed name a file
     * ({@link Source#named}).
     *
     * @throws IOException if the checksum file itself cannot be read: {@link NoSuchFileException},
     *                     {@link java.nio.file.AccessDeniedException}, ...
     */
    public CheckSummary verify(Path file, CheckListener listener) throws IOException {
        return verify(file, Source::named, listener);
    }

    /**
     * Checks every line of the checksum file {@code file}.
     *
     * @param names as for {@link #verify(InputStream, Function, CheckListener)}
     * @throws IOException if the checksum file itself cannot be read: {@link NoSuchFileException},
     *                     {@link java.nio.file.AccessDeniedException}, ...
     */
    public CheckSummary verify(Path file, Function<String, Source> names, CheckListener listener) throws IOException {
        try (InputStream in = FileHasher.open(file)) {
            return verify(in, names, listener);
        }
    }

    /**
     * Checks every line of {@code checksums}.
     *
     * @param names what a listed name hashes: usually {@link Source#named}, with the caller's own
     *              meaning for names such as {@code -} (standard input); null makes the line malformed
     *              (standard input, say, when it is the checksum list itself)
     * @throws IOException if the checksum file itself cannot be read
     */
    public CheckSummary verify(InputStream checksums, Function<String, Source> names, CheckListener listener)
            throws IOException {
        ChecksumLineParser parser = new ChecksumLineParser(algorithm, fixedAlgorithm);
        Lines lines = new Lines(checksums, parser, names);
        long[] tally = new long[4]; // mismatched, unreadable, verified, wellFormed
        long[] malformed = {0};
        boolean[] announced = {false};
        try {
            digester.run(lines, (line, result) -> {
                if (!announced[0] && parser.inferred() != null) {
                    announced[0] = true;
                    listener.assumed(parser.inferred());
                }
                if (line.entry == null) {
                    malformed[0]++;
                    listener.malformed(line.number);
                    return;
                }
                tally[3]++;
                CheckListener.Outcome outcome;
                if (!result.ok()) {
                    if (ignoreMissing && result.error() instanceof NoSuchFileException) {
                        outcome = CheckListener.Outcome.IGNORED_MISSING;
                    } else {
                        outcome = CheckListener.Outcome.UNREADABLE;
                        tally[1]++;
                    }
                } else if (line.entry.matches(result.digest())) {
                    outcome = CheckListener.Outcome.OK;
                    tally[2]++;
                } else {
                    outcome = CheckListener.Outcome.FAILED;
                    tally[0]++;
                }
                listener.checked(line.entry, outcome, result.error());
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new CheckSummary(
                malformed[0], tally[0], tally[1], tally[2], tally[3] > 0, lines.bom, lines.crlf, lines.otherHexLength);
    }

    /** One line of the checksum file: an entry to check, or a malformed line (entry null, no source). */
    private static final class Line implements DigestJob {
        final long number;
        final ChecksumEntry entry;
        final Source source;

        Line(long number, ChecksumEntry entry, Source source) {
            this.number = number;
            this.entry = entry;
            this.source = source;
        }

        @Override
        public Source source() {
            return source;
        }

        @Override
        public DigestAlgorithm algorithm() {
            return entry.algorithm();
        }
    }

    /** The checksum file as a lazy sequence of lines; comments and blank lines are skipped. */
    private static final class Lines implements Iterator<Line> {
        private final InputStream in;
        private final ChecksumLineParser parser;
        private final Function<String, Source> names;
        private final byte[] chunk = new byte[64 * 1024];
        private int pos;
        private int limit;
        private boolean eof;
        private byte[] line = new byte[256];
        private long number;
        private Line next;
        private boolean started;
        boolean bom;
        boolean crlf;
        int otherHexLength;

        Lines(InputStream in, ChecksumLineParser parser, Function<String, Source> names) {
            this.in = in;
            this.parser = parser;
            this.names = names;
        }

        @Override
        public boolean hasNext() {
            try {
                while (next == null && !eof) {
                    next = readLine();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return next != null;
        }

        @Override
        public Line next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Line l = next;
            next = null;
            return l;
        }

        /** Reads one line; returns null for a comment or blank line, or at the end. */
        private Line readLine() throws IOException {
            int len = 0;
            boolean tooLong = false;
            boolean sawAny = false;
            while (true) {
                if (pos == limit && !fill()) {
                    if (!sawAny) {
                        return null;
                    }
                    break;
                }
                sawAny = true;
                byte b = chunk[pos++];
                if (b == '\n') {
                    break;
                }
                if (len == MAX_LINE) {
                    tooLong = true;
                    continue;
                }
                if (len == line.length) {
                    line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
                }
                line[len++] = b;
            }
            number++;
            if (len > 0 && line[0] == '#') {
                return null;
            }
            if (len > 0 && line[len - 1] == '\r') {
                len--;
                crlf = true;
            }
            if (len == 0) {
                return null;
            }
            Optional<ChecksumEntry> entry = tooLong ? Optional.empty() : parser.parse(line, len);
            Source source = entry.isPresent() ? names.apply(entry.get().fileName()) : null;
            if (source == null) {
                if (otherHexLength == 0 && !tooLong) {
                    otherHexLength = leadingHexLength(line, len);
                }
                return new Line(number, null, null);
            }
            return new Line(number, entry.get(), source);
        }

        /** The length of a leading run of hex digits followed by a blank ({@code HASH  NAME}), or 0. */
        private static int leadingHexLength(byte[] s, int len) {
            int i = s[0] == '\\' ? 1 : 0;
            int start = i;
            while (i < len && Character.digit(s[i], 16) >= 0) {
                i++;
            }
            return i < len && (s[i] == ' ' || s[i] == '\t') && i - start >= 32 ? i - start : 0;
        }

        private boolean fill() throws IOException {
            if (eof) {
                return false;
            }
            int n = in.read(chunk, 0, chunk.length);
            if (!started) {
                started = true;
                // A pipe may deliver the first bytes one at a time: gather three before looking
                // for a UTF-8 byte-order mark, as Windows editors and PowerShell write them.
                int m;
                while (n >= 0 && n < 3 && (m = in.read(chunk, n, chunk.length - n)) >= 0) {
                    n += m;
                }
                if (n >= 3 && chunk[0] == (byte) 0xEF && chunk[1] == (byte) 0xBB && chunk[2] == (byte) 0xBF) {
                    bom = true;
                    pos = 3;
                    limit = n;
                    return pos < limit || fill();
                }
            }
            if (n <= 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }
    }
}
