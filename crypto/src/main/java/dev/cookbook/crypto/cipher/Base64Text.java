package dev.cookbook.crypto.cipher;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Base64 as {@code openssl enc -a} writes it, streamed both ways on the JDK's codec. Reading is
 * strict where the JDK's MIME decoder is lenient: a character outside the alphabet is an error
 * naming its line, not something skipped, so that binary data given as base64 fails instead of
 * decoding to garbage.
 */
final class Base64Text {
    private Base64Text() {}

    /**
     * The characters every base64 text of data that starts with {@code magic} starts with: those
     * its bits alone decide ({@code U2FsdGVkX1} for {@code Salted__}).
     */
    static String prefixOf(byte[] magic) {
        return Base64.getEncoder().encodeToString(magic).substring(0, magic.length * 8 / 6);
    }

    /** Text that is not base64, found while reading: an IOException, to pass through streams. */
    static final class MalformedException extends IOException {
        MalformedException(String message) {
            super(message);
        }
    }

    /**
     * The bytes the base64 text of {@code in} stands for. Line breaks and spaces are skipped
     * wherever they are; anything else outside the alphabet fails with {@link MalformedException}.
     */
    static Decoding decoding(InputStream in) {
        return new Decoding(in);
    }

    /**
     * Decodes whole groups of four characters a buffer at a time with the JDK's decoder, after
     * checking every character and dropping white space; also tells whether the text was one line
     * (what {@code openssl enc -d -a} needs {@code -A} for).
     */
    static final class Decoding extends InputStream {
        private static final Base64.Decoder DECODER = Base64.getDecoder();
        private final InputStream in;
        private final byte[] text = new byte[64 << 10];
        /** Checked characters in {@link #text} not decoded yet (fewer than four between fills). */
        private int pending;

        private byte[] decoded = new byte[0];
        private int decodedPos;
        private long lines = 1;
        private long characters;
        private int padding;
        private boolean ended;

        Decoding(InputStream in) {
            this.in = in;
        }

        /** Whether no line break has been read so far. */
        boolean oneLine() {
            return lines == 1;
        }

        @Override
        public int read() throws IOException {
            while (decodedPos == decoded.length) {
                if (!fill()) {
                    return -1;
                }
            }
            return decoded[decodedPos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (decodedPos == decoded.length) {
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, decoded.length - decodedPos);
            System.arraycopy(decoded, decodedPos, b, off, n);
            decodedPos += n;
            return n;
        }

        /** Decodes the next piece of text; false at the end of it. */
        private boolean fill() throws IOException {
            if (ended) {
                return false;
            }
            int n = in.read(text, pending, text.length - pending);
            int total;
            int whole;
            if (n < 0) {
                ended = true;
                if (characters % 4 == 1) {
                    throw new MalformedException("not base64: cut short, a character is missing at its end");
                }
                total = pending;
                whole = pending;
            } else {
                total = pending + check(pending, n);
                whole = total - total % 4;
            }
            try {
                decoded = DECODER.decode(Arrays.copyOf(text, whole));
            } catch (IllegalArgumentException e) { // only an odd end is left for the JDK to find
                throw new MalformedException("not base64: its last characters are malformed");
            }
            decodedPos = 0;
            System.arraycopy(text, whole, text, 0, total - whole);
            pending = total - whole;
            return true;
        }

        /** Checks {@code n} new bytes at {@code from}, keeping the base64 characters; returns how many. */
        private int check(int from, int n) throws MalformedException {
            int kept = from;
            for (int i = from; i < from + n; i++) {
                int c = text[i] & 0xff;
                if (c == '\n') {
                    lines++;
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    continue;
                } else if (c == '=') {
                    if (++padding > 2 || characters % 4 < 2) {
                        throw malformed("a misplaced '='");
                    }
                    text[kept++] = (byte) c;
                    characters++;
                } else if (isAlphabet(c)) {
                    if (padding > 0) {
                        throw malformed("text after the final '='");
                    }
                    text[kept++] = (byte) c;
                    characters++;
                } else {
                    throw malformed(describe(c) + ", which is not a base64 character");
                }
            }
            return kept - from;
        }

        private MalformedException malformed(String what) {
            return new MalformedException("not base64: line " + lines + " has " + what);
        }

        private static boolean isAlphabet(int c) {
            return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
        }

        private static String describe(int c) {
            return c >= 0x21 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
        }
    }

    /**
     * Writes base64 of what is written to it into {@code out}, in openssl's layout; {@link
     * OutputStream#close()} writes the last characters (and newline) and leaves {@code out} open.
     */
    static OutputStream encoding(OutputStream out, Encoding encoding) {
        // The JDK's encoders write a line (or a few characters) at a time: gathered here into large
        // writes, not a system call per line.
        OutputStream keepOpen = new BufferedOutputStream(out, 64 << 10) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
        if (encoding == Encoding.BASE64_ONE_LINE) {
            return Base64.getEncoder().wrap(keepOpen);
        }
        return new FilterOutputStream(
                Base64.getMimeEncoder(64, new byte[] {'\n'}).wrap(keepOpen)) {
            private boolean any;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                any |= len > 0;
                super.out.write(b, off, len);
            }

            @Override
            public void write(int b) throws IOException {
                any = true;
                super.out.write(b);
            }

            @Override
            public void close() throws IOException {
                super.out.close(); // the last characters, into keepOpen
                if (any) {
                    keepOpen.write('\n'); // openssl ends the last line too
                }
                keepOpen.flush();
            }
        };
    }
}
