package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.cipher.CipherTestSupport.assertBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.hex;
import static dev.cookbook.crypto.cipher.CipherTestSupport.unhex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known-answer tests: every vector of {@code cipher/cipher-vectors.txt} (its header describes the
 * format and its comments the sources), through {@link CipherAlgorithm#newStream} in one call, in
 * pieces and in place.
 */
class CipherVectorsTest {
    static final String VECTOR_FILE = "/cipher/cipher-vectors.txt";
    private static final Pattern ZEROS = Pattern.compile("zeros\\((\\d+)\\)");
    private static final Pattern FROM_OFFSET = Pattern.compile("@(\\d+):([0-9a-f]+)");

    /**
     * One line of the vector file. {@code expected} is the ciphertext from {@code offset} on: all
     * of it when the source gives all of it ({@code offset} 0).
     */
    record Vector(
            int line, CipherAlgorithm cipher, byte[] key, byte[] iv, byte[] plaintext, int offset, byte[] expected) {
        boolean wholeCiphertext() {
            return offset == 0 && expected.length == plaintext.length;
        }

        @Override
        public String toString() {
            return "line " + line + ": " + cipher + " key " + hex(key) + ", " + plaintext.length + " bytes";
        }
    }

    static List<Vector> vectors() {
        try (InputStream in = CipherVectorsTest.class.getResourceAsStream(VECTOR_FILE)) {
            if (in == null) {
                throw new IllegalStateException(VECTOR_FILE + " is not on the test class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Vector> vectors = new ArrayList<>();
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (!line.isEmpty() && !line.startsWith("#")) {
                    vectors.add(parseVector(number, line));
                }
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Vector parseVector(int number, String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 5) {
            throw new IllegalArgumentException("line " + number + ": 5 tab-separated fields expected, not " + f.length);
        }
        // The file names ciphers as the constants, in lower case with - for _ (des3-cfb).
        CipherAlgorithm cipher = java.util.Arrays.stream(CipherAlgorithm.values())
                .filter(c -> c.name()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-')
                        .equals(f[0]))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("line " + number + ": unknown cipher " + f[0]));
        byte[] iv = f[2].equals("-") ? null : unhex(f[2]);
        Matcher zeros = ZEROS.matcher(f[3]);
        byte[] plaintext = zeros.matches() ? new byte[Integer.parseInt(zeros.group(1))] : unhex(f[3]);
        Matcher fromOffset = FROM_OFFSET.matcher(f[4]);
        int offset = fromOffset.matches() ? Integer.parseInt(fromOffset.group(1)) : 0;
        byte[] expected = unhex(fromOffset.matches() ? fromOffset.group(2) : f[4]);
        if (offset + expected.length != plaintext.length) {
            throw new IllegalArgumentException(
                    "line " + number + ": the ciphertext does not end where the plaintext does");
        }
        return new Vector(number, cipher, unhex(f[1]), iv, plaintext, offset, expected);
    }

    /** How a whole input is given to a {@link CipherStream}; each must give the same output. */
    enum Feed {
        ONE_CALL(Integer.MAX_VALUE, false),
        IN_PLACE(Integer.MAX_VALUE, true),
        PIECES_OF_1(1, false),
        PIECES_OF_3(3, false),
        PIECES_OF_7(7, false),
        PIECES_OF_8(8, false),
        PIECES_OF_9(9, false),
        IN_PLACE_PIECES_OF_3(3, true);

        /** Bytes per call; pieces of 7, 8 and 9 fall before, on and after the 8-byte DES block. */
        private final int piece;
        /** Whether input and output are the same array. */
        private final boolean inPlace;

        Feed(int piece, boolean inPlace) {
            this.piece = piece;
            this.inPlace = inPlace;
        }

        byte[] process(CipherStream stream, byte[] input) {
            byte[] in = inPlace ? input.clone() : input;
            byte[] out = inPlace ? in : new byte[input.length];
            for (int off = 0; off < input.length; off += piece) {
                stream.process(in, off, Math.min(piece, input.length - off), out, off);
            }
            return out;
        }
    }

    static List<Object[]> vectorsAndFeeds() {
        List<Object[]> cases = new ArrayList<>();
        for (Vector v : vectors()) {
            for (Feed feed : Feed.values()) {
                cases.add(new Object[] {v, feed});
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("vectorsAndFeeds")
    @DisplayName("newStream encrypts and decrypts to the known answer, in one call, in pieces and in place")
    void knownAnswer(Vector v, Feed feed) {
        byte[] ciphertext = feed.process(v.cipher().newStream(true, v.key(), v.iv()), v.plaintext());
        assertBytes(v.expected(), Arrays.copyOfRange(ciphertext, v.offset(), ciphertext.length), "ciphertext of " + v);

        byte[] decrypted = feed.process(v.cipher().newStream(false, v.key(), v.iv()), ciphertext);
        assertBytes(v.plaintext(), decrypted, "decryption of " + v);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    @DisplayName("newStream does not touch the bytes around the range it is given")
    void processesOnlyTheGivenRange(Vector v) {
        byte[] padded = new byte[3 + v.plaintext().length + 5];
        Arrays.fill(padded, (byte) 0x5A);
        System.arraycopy(v.plaintext(), 0, padded, 3, v.plaintext().length);
        byte[] out = new byte[11 + v.plaintext().length + 2];
        Arrays.fill(out, (byte) 0xA5);

        v.cipher().newStream(true, v.key(), v.iv()).process(padded, 3, v.plaintext().length, out, 11);

        byte[] ciphertext = Arrays.copyOfRange(out, 11, 11 + v.plaintext().length);
        assertBytes(v.expected(), Arrays.copyOfRange(ciphertext, v.offset(), ciphertext.length), "ciphertext of " + v);
        for (int i : new int[] {0, 10, out.length - 2, out.length - 1}) {
            assertEquals((byte) 0xA5, out[i], "output byte " + i + " outside the range");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    @DisplayName("a zero-length call changes neither the output nor the cipher's position")
    void zeroLengthCallsAreNoOps(Vector v) {
        CipherStream stream = v.cipher().newStream(true, v.key(), v.iv());
        byte[] out = new byte[v.plaintext().length];
        int half = out.length / 2;
        stream.process(v.plaintext(), 0, 0, out, 0);
        stream.process(v.plaintext(), 0, half, out, 0);
        stream.process(v.plaintext(), half, 0, out, half);
        stream.process(v.plaintext(), half, out.length - half, out, half);
        stream.process(v.plaintext(), out.length, 0, out, out.length);

        assertBytes(v.expected(), Arrays.copyOfRange(out, v.offset(), out.length), "ciphertext of " + v);
    }

    @Test
    @DisplayName("the vector file covers every stream cipher, and the RC4 key lengths 5, 8 and 16")
    void vectorFileCoversEveryStreamCipher() {
        List<Vector> vectors = vectors();
        Set<CipherAlgorithm> covered = vectors.stream()
                .map(Vector::cipher)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(CipherAlgorithm.class)));
        assertEquals(
                CipherTestSupport.streamCiphers()
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(CipherAlgorithm.class))),
                covered);
        Set<Integer> rc4KeyLengths = vectors.stream()
                .filter(v -> v.cipher() == CipherAlgorithm.ARC4)
                .map(v -> v.key().length)
                .collect(Collectors.toSet());
        assertEquals(Set.of(5, 8, 16), rc4KeyLengths);
        assertTrue(vectors.stream().anyMatch(v -> !v.wholeCiphertext()), "a vector at a keystream offset");
    }

    static List<Vector> arc4Vectors() {
        return vectors().stream()
                .filter(v -> v.cipher() == CipherAlgorithm.ARC4)
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arc4Vectors")
    @DisplayName("the arc4 vectors agree with a textbook RC4 written here, an oracle independent of the JDK's")
    void arc4VectorsAgreeWithTextbookRc4(Vector v) {
        byte[] ciphertext = TextbookRc4.crypt(v.key(), v.plaintext());
        assertBytes(
                v.expected(), Arrays.copyOfRange(ciphertext, v.offset(), ciphertext.length), "textbook RC4 of " + v);
    }

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#streamCiphers")
    @DisplayName("CFB and RC4 ciphertext differs from the plaintext and from another key's")
    void keyMatters(CipherAlgorithm cipher) {
        byte[] plaintext = new byte[64];
        byte[] key = new byte[cipher.keyLength()];
        byte[] iv = cipher.ivLength() == 0 ? null : new byte[cipher.ivLength()];
        byte[] a = Feed.ONE_CALL.process(cipher.newStream(true, key, iv), plaintext);
        key[key.length - 1] ^= 0x02; // not a DES parity bit
        byte[] b = Feed.ONE_CALL.process(cipher.newStream(true, key, iv), plaintext);
        assertFalse(Arrays.equals(plaintext, a));
        assertFalse(Arrays.equals(a, b));
    }

    /** RC4 as Rivest described it: the key schedule, then one swap per output byte. */
    static final class TextbookRc4 {
        private TextbookRc4() {}

        static byte[] crypt(byte[] key, byte[] input) {
            int[] s = new int[256];
            for (int i = 0; i < 256; i++) {
                s[i] = i;
            }
            for (int i = 0, j = 0; i < 256; i++) {
                j = (j + s[i] + (key[i % key.length] & 0xff)) & 0xff;
                swap(s, i, j);
            }
            byte[] out = new byte[input.length];
            for (int n = 0, i = 0, j = 0; n < input.length; n++) {
                i = (i + 1) & 0xff;
                j = (j + s[i]) & 0xff;
                swap(s, i, j);
                out[n] = (byte) (input[n] ^ s[(s[i] + s[j]) & 0xff]);
            }
            return out;
        }

        private static void swap(int[] s, int i, int j) {
            int t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
    }
}
