package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.cipher.CipherTestSupport.SMALL_CHUNK;
import static dev.cookbook.crypto.cipher.CipherTestSupport.TEST_ITERATIONS;
import static dev.cookbook.crypto.cipher.CipherTestSupport.assertBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.concat;
import static dev.cookbook.crypto.cipher.CipherTestSupport.encrypt;
import static dev.cookbook.crypto.cipher.CipherTestSupport.password;
import static dev.cookbook.crypto.cipher.CipherTestSupport.pseudoRandomBytes;
import static dev.cookbook.crypto.cipher.SealedFormatLayoutTest.HEADER_LENGTH;
import static dev.cookbook.crypto.cipher.SealedFormatLayoutTest.ITERATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cookbook.crypto.AuthenticationException;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.cipher.CipherTestSupport.FixedRandom;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every change to a cookbook-format file fails, with a message that tells a wrong password from
 * damage and names the damaged chunk, and no plaintext of a chunk that fails is written: only the
 * chunks before it, which authenticated.
 *
 * <p>The sample file has five chunks of the 1 KiB test size: four full ones and a last one of 100
 * bytes.
 */
class SealedFormatTamperTest {
    private static final String PASSWORD = "tamper-proof";
    private static final int CHUNKS = 5;
    private static final int WIRE_CHUNK = SMALL_CHUNK + SealedFormat.TAG_LENGTH;
    private static final byte[] PLAINTEXT = pseudoRandomBytes(4 * SMALL_CHUNK + 100);
    private static final byte[] FILE = encryptSample(CipherAlgorithm.DES3_CFB);
    static final String WRONG_PASSWORD = "wrong password (or the file's header was changed)";
    static final String CUT_IN_HEADER = "the file is cut short inside its header";
    static final String DAMAGED_HEADER = "the file's header is damaged: ";
    static final String UNKNOWN_STANZAS = "none of the file's key stanzas is of a kind this cookbook knows";
    static final String NO_HEADER = FileCipherErrorsTest.NO_HEADER;

    /**
     * Flipped iteration counts above this are left out of the header loop: the reader runs PBKDF2
     * with any count up to its cap of 100,000,000 before the header MAC can fail, seconds each.
     * {@link #outOfRangeIterationCountsFailWithoutDerivation} covers the cap itself.
     */
    private static final int MAX_FLIPPED_ITERATIONS = 300_000;

    private static byte[] encryptSample(CipherAlgorithm cipher) {
        try {
            return encrypt(
                    new FileCipher(FixedRandom.seeded(42)),
                    PLAINTEXT,
                    CipherTestSupport.cookbook(cipher),
                    password(PASSWORD));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where chunk {@code i} starts in {@link #FILE}. */
    private static int chunkStart(int i) {
        return HEADER_LENGTH + i * WIRE_CHUNK;
    }

    /** The plaintext of chunks 0 to {@code n - 1}: what may be written before chunk {@code n} fails. */
    private static byte[] plaintextOfFirstChunks(int n) {
        return Arrays.copyOf(PLAINTEXT, Math.min(PLAINTEXT.length, n * SMALL_CHUNK));
    }

    /** What decrypting {@code input} did: the exception, if any, and every byte written before it. */
    record Outcome(Exception failure, byte[] written) {}

    private static Outcome decrypt(byte[] input, String password) {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try {
            new FileCipher()
                    .decrypt(new ByteArrayInputStream(input), written, EncryptionOptions.DEFAULT, password(password));
            return new Outcome(null, written.toByteArray());
        } catch (Exception e) {
            return new Outcome(e, written.toByteArray());
        }
    }

    /** What the library says when chunk {@code i} (from 0) of a file with 1 KiB chunks fails its tag. */
    static String damagedChunk(int i) {
        return "chunk " + (i + 1) + " (plaintext from byte " + i * SMALL_CHUNK
                + ") failed authentication: the file was changed or truncated";
    }

    /**
     * Decrypting {@code input} fails authentication at chunk {@code goodChunks} (from 0), naming it,
     * after writing exactly the chunks before it.
     */
    private static void assertRejected(byte[] input, int goodChunks, String what) {
        Outcome o = decrypt(input, PASSWORD);
        assertInstanceOf(AuthenticationException.class, o.failure(), what);
        assertEquals(damagedChunk(goodChunks), o.failure().getMessage(), what);
        assertBytes(plaintextOfFirstChunks(goodChunks), o.written(), what + ": plaintext written before the failure");
    }

    /** Decrypting {@code input} fails in the header with {@code type} and {@code message}, writing nothing. */
    private static void assertRejectedHeader(
            byte[] input, Class<? extends Exception> type, String message, String what) {
        Outcome o = decrypt(input, PASSWORD);
        assertEquals(type, o.failure() == null ? null : o.failure().getClass(), what);
        assertEquals(message, o.failure().getMessage(), what);
        assertEquals(0, o.written().length, what + ": bytes written");
    }

    private static byte[] flipBit(byte[] input, int index, int bit) {
        byte[] copy = input.clone();
        copy[index] ^= (byte) (1 << bit);
        return copy;
    }

    @Test
    @DisplayName("the sample file decrypts whole when untouched: the failures below are the tampering's")
    void untouchedFileDecrypts() {
        assertEquals(chunkStart(CHUNKS - 1) + 100 + SealedFormat.TAG_LENGTH, FILE.length);
        Outcome o = decrypt(FILE, PASSWORD);
        assertNull(o.failure());
        assertBytes(PLAINTEXT, o.written(), "decrypted");
    }

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#streamCiphers")
    @DisplayName("a wrong password fails in the header, before any output")
    void wrongPassword(CipherAlgorithm cipher) {
        byte[] file = encryptSample(cipher);
        for (String wrong : List.of("Tamper-proof", "tamper-proof ", "", "tamper-prooF")) {
            Outcome o = decrypt(file, wrong);
            assertInstanceOf(AuthenticationException.class, o.failure(), wrong);
            assertEquals(WRONG_PASSWORD, o.failure().getMessage(), wrong);
            assertEquals(0, o.written().length);
        }
    }

    /** Every bit of the header after the magic, except flips that make the iteration count costly. */
    static Stream<Arguments> headerBits() {
        List<Arguments> bits = new ArrayList<>();
        for (int index = SealedFormat.MAGIC.length; index < HEADER_LENGTH; index++) {
            for (int bit = 0; bit < 8; bit++) {
                if (!costlyIterationFlip(index, bit)) {
                    bits.add(Arguments.of(index, bit));
                }
            }
        }
        return bits.stream();
    }

    private static boolean costlyIterationFlip(int index, int bit) {
        if (index < ITERATIONS || index >= ITERATIONS + 4) {
            return false;
        }
        int flipped = TEST_ITERATIONS ^ (1 << (8 * (ITERATIONS + 3 - index) + bit));
        return flipped > MAX_FLIPPED_ITERATIONS && flipped <= 100_000_000;
    }

    @Test
    @DisplayName("the header loop leaves out only the 8 costly iteration-count flips of its 856 bits")
    void headerLoopIsNearlyComplete() {
        assertEquals((HEADER_LENGTH - 8) * 8 - 8, headerBits().count());
    }

    @ParameterizedTest(name = "byte {0} bit {1}")
    @MethodSource("headerBits")
    @DisplayName("any flipped bit of the header after the magic fails, with what it broke, before any output")
    void flippedHeaderBit(int index, int bit) {
        byte[] file = flipBit(FILE, index, bit);
        String expected = expectedHeaderFailure(file);
        assertRejectedHeader(
                file,
                expected.equals(UNKNOWN_STANZAS) ? CryptoException.class : AuthenticationException.class,
                expected,
                "bit " + bit + " of header byte " + index);
    }

    /**
     * What a reader following the format's description says about a header with the right password
     * whose bytes were changed: the first field that cannot be right, in reading order; failing that,
     * the header MAC, which a password cannot tell from a wrong password.
     */
    static String expectedHeaderFailure(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file);
        b.position(SealedFormat.MAGIC.length);
        try {
            int version = b.get() & 0xff;
            if (version != 1) {
                return "written in version " + version
                        + " of the cookbook format, which this cookbook does not know (or the header is damaged)";
            }
            int cipherId = b.get() & 0xff;
            if (cipherId < 1 || cipherId > 5) {
                return DAMAGED_HEADER + "unknown cipher";
            }
            int log2 = b.get() & 0xff;
            if (log2 < 10 || log2 > 24) {
                return DAMAGED_HEADER + "impossible chunk size";
            }
            b.position(b.position() + 16);
            int stanzas = b.get() & 0xff;
            if (stanzas < 1 || stanzas > 64) {
                return DAMAGED_HEADER + "impossible number of keys";
            }
            byte[] firstPasswordStanza = null;
            boolean anyKnown = false;
            for (int i = 0; i < stanzas; i++) {
                int type = b.get() & 0xff;
                int length = b.getShort() & 0xffff;
                if (length > 8192) {
                    return DAMAGED_HEADER + "impossible key length";
                }
                byte[] body = new byte[length];
                b.get(body);
                anyKnown |= type == 1 || type == 2;
                if (type == 1 && firstPasswordStanza == null) {
                    firstPasswordStanza = body;
                }
            }
            b.get(new byte[32]);
            if (!anyKnown) {
                return UNKNOWN_STANZAS;
            }
            if (firstPasswordStanza.length != 4 + 16 + 32) {
                return DAMAGED_HEADER + "impossible password stanza";
            }
            int iterations = ByteBuffer.wrap(firstPasswordStanza).getInt();
            if (iterations < 1 || iterations > 100_000_000) {
                return DAMAGED_HEADER + "impossible iteration count";
            }
            return WRONG_PASSWORD;
        } catch (BufferUnderflowException e) {
            return CUT_IN_HEADER;
        }
    }

    @Test
    @DisplayName("the header flips reach every kind of header failure the format has")
    void headerFlipsReachEveryFailure() {
        Set<String> seen = new TreeSet<>();
        headerBits()
                .forEach(a -> seen.add(expectedHeaderFailure(flipBit(FILE, (Integer) a.get()[0], (Integer) a.get()[1]))
                        .replaceAll("version \\d+", "version N")));
        assertEquals(
                new TreeSet<>(List.of(
                        UNKNOWN_STANZAS,
                        DAMAGED_HEADER + "impossible chunk size",
                        DAMAGED_HEADER + "impossible iteration count",
                        DAMAGED_HEADER + "impossible key length",
                        DAMAGED_HEADER + "impossible number of keys",
                        DAMAGED_HEADER + "impossible password stanza",
                        DAMAGED_HEADER + "unknown cipher",
                        WRONG_PASSWORD,
                        "written in version N of the cookbook format, which this cookbook does not know (or the "
                                + "header is damaged)")),
                seen);
    }

    @Test
    @DisplayName("a flipped bit in the magic makes the input unrecognised: CryptoException, no output")
    void flippedMagicBit() {
        for (int index = 0; index < SealedFormat.MAGIC.length; index++) {
            for (int bit = 0; bit < 8; bit++) {
                assertRejectedHeader(
                        flipBit(FILE, index, bit),
                        CryptoException.class,
                        NO_HEADER,
                        "bit " + bit + " of magic byte " + index);
            }
        }
    }

    @Test
    @DisplayName("iteration counts of 0, above 100,000,000 or negative fail at once as tampering")
    void outOfRangeIterationCountsFailWithoutDerivation() {
        for (int count : new int[] {0, 100_000_001, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
            byte[] file = FILE.clone();
            ByteBuffer.wrap(file).putInt(ITERATIONS, count);
            assertRejectedHeader(
                    file,
                    AuthenticationException.class,
                    DAMAGED_HEADER + "impossible iteration count",
                    "iteration count " + count);
        }
    }

    static Stream<Arguments> chunkFlips() {
        List<Arguments> cases = new ArrayList<>();
        for (int chunk : new int[] {0, 2, CHUNKS - 1}) {
            int length = chunk == CHUNKS - 1 ? 100 : SMALL_CHUNK;
            int start = chunkStart(chunk);
            for (int offset : new int[] {0, length / 2, length - 1}) {
                cases.add(Arguments.of(chunk, "ciphertext", start + offset));
            }
            for (int offset : new int[] {0, 31}) {
                cases.add(Arguments.of(chunk, "tag", start + length + offset));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "chunk {0} {1}, file byte {2}")
    @MethodSource("chunkFlips")
    @DisplayName("a flipped bit in a chunk's ciphertext or tag fails that chunk; only earlier chunks are written")
    void flippedChunkBit(int chunk, String part, int index) {
        for (int bit : new int[] {0, 7}) {
            assertRejected(flipBit(FILE, index, bit), chunk, "bit " + bit + " of chunk " + chunk + " " + part);
        }
    }

    @Test
    @DisplayName("chunk 2 tampered: exactly the plaintext of chunks 0 and 1 is written, nothing of chunk 2")
    void tamperedThirdChunkReleasesTheFirstTwo() {
        Outcome o = decrypt(flipBit(FILE, chunkStart(2) + 10, 3), PASSWORD);
        assertInstanceOf(AuthenticationException.class, o.failure());
        assertEquals(
                "chunk 3 (plaintext from byte 2048) failed authentication: the file was changed or truncated",
                o.failure().getMessage());
        assertEquals(2 * SMALL_CHUNK, o.written().length);
        assertBytes(Arrays.copyOf(PLAINTEXT, 2 * SMALL_CHUNK), o.written(), "chunks 0 and 1");
    }

    static IntStream truncationsInTheHeader() {
        return IntStream.range(SealedFormat.MAGIC.length, HEADER_LENGTH);
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("truncationsInTheHeader")
    @DisplayName("a file cut inside the header fails as cut short in its header, with no output")
    void truncatedInTheHeader(int length) {
        assertRejectedHeader(
                Arrays.copyOf(FILE, length), AuthenticationException.class, CUT_IN_HEADER, "cut to " + length);
    }

    @Test
    @DisplayName("a file cut right after its header fails at chunk 1, which is missing, with no output")
    void truncatedRightAfterTheHeader() {
        assertRejected(Arrays.copyOf(FILE, HEADER_LENGTH), 0, "cut after the header");
    }

    static Stream<Arguments> truncationsInTheChunks() {
        List<Arguments> cases = new ArrayList<>();
        for (int i = 1; i < CHUNKS; i++) {
            cases.add(Arguments.of("at the end of chunk " + (i - 1), chunkStart(i), i - 1));
        }
        cases.add(Arguments.of("in the middle of chunk 2's ciphertext", chunkStart(2) + SMALL_CHUNK / 2, 2));
        cases.add(Arguments.of("in chunk 2's tag", chunkStart(2) + SMALL_CHUNK + 5, 2));
        cases.add(Arguments.of("one byte into chunk 3", chunkStart(3) + 1, 3));
        cases.add(Arguments.of("31 bytes into the last chunk", chunkStart(CHUNKS - 1) + 31, CHUNKS - 1));
        cases.add(Arguments.of("one byte short of the end", FILE.length - 1, CHUNKS - 1));
        return cases.stream();
    }

    @ParameterizedTest(name = "cut {0}")
    @MethodSource("truncationsInTheChunks")
    @DisplayName("a file cut at a chunk boundary or inside a chunk fails; the chunks before the cut are written")
    void truncatedInTheChunks(String where, int length, int goodChunks) {
        assertRejected(Arrays.copyOf(FILE, length), goodChunks, "cut " + where);
    }

    @Test
    @DisplayName("a file cut after a full chunk fails, though what is left is a well-formed run of full chunks")
    void fileOfFullChunksCutAtTheBoundary() throws Exception {
        byte[] twoFullChunks = Arrays.copyOf(PLAINTEXT, 2 * SMALL_CHUNK);
        byte[] file = encrypt(
                new FileCipher(FixedRandom.seeded(1)),
                twoFullChunks,
                CipherTestSupport.cookbook(CipherAlgorithm.DES_CFB),
                password(PASSWORD));
        assertEquals(chunkStart(2), file.length, "two full chunks, no empty final chunk");

        assertRejected(Arrays.copyOf(file, chunkStart(1)), 0, "the second, last chunk dropped");
    }

    @Test
    @DisplayName("one byte appended fails the last chunk; the ones before are written")
    void oneByteAppended() {
        assertRejected(concat(FILE, new byte[] {0}), CHUNKS - 1, "one byte appended");
    }

    @Test
    @DisplayName("one byte appended after a full last chunk fails that chunk, which is no longer the last")
    void oneByteAppendedAfterAFullLastChunk() throws Exception {
        byte[] file = encrypt(
                new FileCipher(FixedRandom.seeded(1)),
                Arrays.copyOf(PLAINTEXT, 2 * SMALL_CHUNK),
                CipherTestSupport.cookbook(CipherAlgorithm.DES_CFB),
                password(PASSWORD));
        assertRejected(concat(file, new byte[] {0}), 1, "one byte appended");
    }

    @Test
    @DisplayName("a whole chunk copied from the file and appended fails")
    void chunkAppended() {
        byte[] copyOfChunk1 = Arrays.copyOfRange(FILE, chunkStart(1), chunkStart(2));
        assertRejected(concat(FILE, copyOfChunk1), CHUNKS - 1, "chunk 1 appended");
        byte[] copyOfLast = Arrays.copyOfRange(FILE, chunkStart(CHUNKS - 1), FILE.length);
        assertRejected(concat(FILE, copyOfLast), CHUNKS - 1, "the last chunk appended again");
    }

    @Test
    @DisplayName("two chunks swapped fail at the first of them")
    void chunksSwapped() {
        byte[] chunk1 = Arrays.copyOfRange(FILE, chunkStart(1), chunkStart(2));
        byte[] chunk2 = Arrays.copyOfRange(FILE, chunkStart(2), chunkStart(3));
        byte[] swapped = concat(
                Arrays.copyOf(FILE, chunkStart(1)),
                chunk2,
                chunk1,
                Arrays.copyOfRange(FILE, chunkStart(3), FILE.length));
        assertRejected(swapped, 1, "chunks 1 and 2 swapped");
    }

    @Test
    @DisplayName("a chunk removed from the middle fails at its place")
    void chunkRemoved() {
        byte[] without2 =
                concat(Arrays.copyOf(FILE, chunkStart(2)), Arrays.copyOfRange(FILE, chunkStart(3), FILE.length));
        assertRejected(without2, 2, "chunk 2 removed");
    }

    @Test
    @DisplayName("a chunk from another file under the same password fails: every file has its own keys")
    void chunkFromAnotherFile() throws Exception {
        byte[] other = encrypt(
                new FileCipher(FixedRandom.seeded(43)),
                PLAINTEXT,
                CipherTestSupport.cookbook(CipherAlgorithm.DES3_CFB),
                password(PASSWORD));
        byte[] spliced =
                concat(Arrays.copyOf(FILE, chunkStart(1)), Arrays.copyOfRange(other, chunkStart(1), other.length));
        assertRejected(spliced, 1, "chunks 1 on from another file");
    }

    @Test
    @DisplayName("an input of only the magic is cut short inside its header")
    void onlyTheMagic() {
        assertRejectedHeader(
                "CKBK-ENC".getBytes(StandardCharsets.US_ASCII), AuthenticationException.class, CUT_IN_HEADER, "magic");
    }

    @Test
    @DisplayName("an empty input, or one cut inside the magic, is not recognised: CryptoException, no output")
    void emptyOrCutInTheMagic() {
        for (int length = 0; length < SealedFormat.MAGIC.length; length++) {
            assertRejectedHeader(Arrays.copyOf(FILE, length), CryptoException.class, NO_HEADER, length + " bytes");
        }
    }

    @Test
    @DisplayName("AuthenticationException is a CryptoException; the wrong password's message names no password")
    void authenticationExceptionMessage() {
        Outcome o = decrypt(FILE, PASSWORD + "!");
        assertInstanceOf(CryptoException.class, o.failure());
        assertEquals(WRONG_PASSWORD, o.failure().getMessage());
        assertFalse(o.failure().getMessage().contains(PASSWORD));
        assertEquals("some message", new AuthenticationException("some message").getMessage());
    }

    @Test
    @DisplayName("decrypt reports failure only as AuthenticationException, never as another exception")
    void noOtherExceptionType() {
        // A sweep of single-byte truncations across the whole file, every 97th length: each is an
        // AuthenticationException (cut in the header or chunks), never an IOException or a runtime one.
        for (int length = SealedFormat.MAGIC.length; length < FILE.length; length += 97) {
            Outcome o = decrypt(Arrays.copyOf(FILE, length), PASSWORD);
            assertInstanceOf(AuthenticationException.class, o.failure(), "cut to " + length);
            String expected;
            if (length < HEADER_LENGTH) {
                expected = CUT_IN_HEADER;
            } else {
                int chunk = (length - HEADER_LENGTH) / WIRE_CHUNK;
                // Cut at a boundary, the chunk before it is taken for the last one, which it was not.
                expected = damagedChunk(length == chunkStart(chunk) && chunk > 0 ? chunk - 1 : chunk);
            }
            assertEquals(expected, o.failure().getMessage(), "cut to " + length);
        }
        Outcome twice = decrypt(concat(FILE, FILE), PASSWORD);
        assertInstanceOf(AuthenticationException.class, twice.failure(), "file twice");
        assertEquals(damagedChunk(CHUNKS - 1), twice.failure().getMessage(), "file twice");
    }
}
