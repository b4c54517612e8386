package dev.cookbook.crypto.digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

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
 * CheckSummary s = new ChecksumVerifier(digester, System.in, DigestAlgorithm.SHA256, false, false)
 *         .verify(in, false, listener);
 * }</pre>
 */
public final class ChecksumVerifier {
    static final int MAX_LINE = 1 << 20;

    private final ParallelDigester digester;
    private final DigestAlgorithm algorithm;
    private final boolean fixedAlgorithm;
    private final boolean ignoreMissing;
    private final InputStream stdin;

    /**
     * @param stdin          what a line naming {@code -} hashes (standard input)
     * @param algorithm      for untagged lines
     * @param fixedAlgorithm if true, tagged lines must name {@code algorithm} too
     * @param ignoreMissing  skip listed files that do not exist ({@code --ignore-missing})
     */
    public ChecksumVerifier(
            ParallelDigester digester,
            InputStream stdin,
            DigestAlgorithm algorithm,
            boolean fixedAlgorithm,
            boolean ignoreMissing) {
        this.digester = digester;
        this.stdin = stdin;
        this.algorithm = algorithm;
        this.fixedAlgorithm = fixedAlgorithm;
        this.ignoreMissing = ignoreMissing;
    }

    /**
     * Checks every line of the checksum file {@code file}.
     *
     * @throws IOException if the checksum file itself cannot be read: {@link NoSuchFileException},
     *                     {@link java.nio.file.AccessDeniedException}, ...
     */
    public CheckSummary verify(Path file, CheckListener listener) throws IOException {
        try (InputStream in = FileHasher.open(file)) {
            return verify(in, false, listener);
        }
    }

    /**
     * Checks every line of {@code checksums}.
     *
     * @param fromStdin the checksum file is standard input, so a line naming {@code -} is malformed
     *                  (standard input cannot be both the list and a listed file)
     * @throws IOException if the checksum file itself cannot be read
     */
    public CheckSummary verify(InputStream checksums, boolean fromStdin, CheckListener listener) throws IOException {
        ChecksumLineParser parser = new ChecksumLineParser(algorithm, fixedAlgorithm);
        Lines lines = new Lines(checksums, parser, fromStdin, stdin);
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
        private final InputStream stdin;
        private final ChecksumLineParser parser;
        private final boolean fromStdin;
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

        Lines(InputStream in, ChecksumLineParser parser, boolean fromStdin, InputStream stdin) {
            this.in = in;
            this.stdin = stdin;
            this.parser = parser;
            this.fromStdin = fromStdin;
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
            if (entry.isEmpty() || (fromStdin && entry.get().fileName().equals("-"))) {
                if (otherHexLength == 0 && !tooLong) {
                    otherHexLength = leadingHexLength(line, len);
                }
                return new Line(number, null, null);
            }
            return new Line(number, entry.get(), source(entry.get().fileName()));
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

        private Source source(String name) {
            if (name.isEmpty()) {
                // Path.of("") is the working directory, but the empty name names no file at all.
                return Source.failed(name, new NoSuchFileException(name));
            }
            if (name.equals("-")) {
                return Source.stream(name, stdin);
            }
            try {
                return Source.file(name, Path.of(name));
            } catch (InvalidPathException e) {
                return Source.failed(name, new NoSuchFileException(name, null, e.getReason()));
            }
        }
    }
}
