package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.cipher.CipherTestSupport.SMALL_CHUNK;
import static dev.cookbook.crypto.cipher.CipherTestSupport.assertBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.decrypt;
import static dev.cookbook.crypto.cipher.CipherTestSupport.encrypt;
import static dev.cookbook.crypto.cipher.CipherTestSupport.password;
import static dev.cookbook.crypto.cipher.CipherTestSupport.pseudoRandomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cookbook.crypto.AuthenticationException;
import dev.cookbook.crypto.cipher.CipherTestSupport.FixedRandom;
import dev.cookbook.crypto.cipher.FileCipherRoundTripTest.Framing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FileCipher} on one thread and on several: the same bytes either way, the cookbook
 * format's chunks written in order, and CFB decryption split at its parallel pieces.
 */
class FileCipherThreadsTest {
    /** The ciphertext per parallel piece of CFB decryption (FileCipher.CFB_PIECE). */
    private static final int PIECE = 256 << 10;

    private static final int[] THREAD_COUNTS = {1, 3};

    private static FileCipher fileCipher(long seed, int threads) {
        return new FileCipher(FixedRandom.seeded(seed), threads);
    }

    static Stream<Arguments> ciphersAndFramings() {
        List<Arguments> cases = new ArrayList<>();
        for (CipherAlgorithm cipher : CipherAlgorithm.values()) {
            for (Framing framing : Framing.values()) {
                if (framing.takes(cipher)) {
                    cases.add(Arguments.of(cipher, framing));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ciphersAndFramings")
    @DisplayName("one thread and several encrypt to the same bytes and decrypt to the plaintext")
    void threadCountDoesNotChangeTheResult(CipherAlgorithm cipher, Framing framing) throws Exception {
        byte[] plaintext = pseudoRandomBytes(2 * PIECE + PIECE / 3);
        EncryptionOptions options = framing.options(cipher);
        Secret secret = framing.secret(cipher);
        byte[] expected = encrypt(fileCipher(9, 1), plaintext, options, secret);

        for (int threads : THREAD_COUNTS) {
            assertBytes(
                    expected,
                    encrypt(fileCipher(9, threads), plaintext, options, secret),
                    "ciphertext on " + threads + " threads");
            assertBytes(
                    plaintext,
                    decrypt(fileCipher(9, threads), expected, options, secret),
                    "plaintext on " + threads + " threads");
        }
    }

    static Stream<Arguments> cfbCiphersAndPieceBoundaries() {
        List<Arguments> cases = new ArrayList<>();
        for (CipherAlgorithm cipher : new CipherAlgorithm[] {CipherAlgorithm.DES_CFB, CipherAlgorithm.DES_CFB8}) {
            for (int size : new int[] {7, 8, 9, PIECE - 1, PIECE, PIECE + 1, PIECE + 7, PIECE + 8, 2 * PIECE + 9}) {
                cases.add(Arguments.of(cipher, size));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} bytes")
    @MethodSource("cfbCiphersAndPieceBoundaries")
    @DisplayName("parallel CFB decryption is right on both sides of its piece boundaries")
    void cfbDecryptionAtPieceBoundaries(CipherAlgorithm cipher, int size) throws Exception {
        byte[] plaintext = pseudoRandomBytes(size);
        Secret.RawKey key = new Secret.RawKey(pseudoRandomBytes(8, 1), pseudoRandomBytes(8, 2));
        EncryptionOptions options = CipherTestSupport.options(cipher, Format.RAW, Kdf.PBKDF2);
        byte[] ciphertext = encrypt(fileCipher(0, 1), plaintext, options, copy(key));

        for (int threads : new int[] {2, 4}) {
            assertBytes(
                    plaintext,
                    decrypt(fileCipher(0, threads), ciphertext, options, copy(key)),
                    "plaintext on " + threads + " threads");
        }
    }

    private static Secret.RawKey copy(Secret.RawKey key) {
        return new Secret.RawKey(
                key.key().clone(), key.iv() == null ? null : key.iv().clone());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8})
    @DisplayName("a tampered chunk 30 of 50 fails after exactly chunks 0 to 29 are written, on any thread count")
    void chunksAreWrittenInOrderUpToTheFailure(int threads) throws Exception {
        byte[] plaintext = pseudoRandomBytes(50 * SMALL_CHUNK);
        EncryptionOptions options = CipherTestSupport.cookbook(CipherAlgorithm.ARC4);
        byte[] file = encrypt(fileCipher(1, threads), plaintext, options, password("pw"));
        file[SealedFormatLayoutTest.HEADER_LENGTH + 30 * (SMALL_CHUNK + SealedFormat.TAG_LENGTH) + 5] ^= 1;

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        Exception e = assertThrows(
                Exception.class,
                () -> fileCipher(1, threads).decrypt(new ByteArrayInputStream(file), written, options, password("pw")));

        assertInstanceOf(AuthenticationException.class, e);
        assertEquals(
                "chunk 31 (plaintext from byte 30720) failed authentication: the file was changed or truncated",
                e.getMessage());
        assertBytes(Arrays.copyOf(plaintext, 30 * SMALL_CHUNK), written.toByteArray(), "chunks 0 to 29");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    @DisplayName("a thread count below 1 is refused, naming it")
    void badThreadCount(int threads) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new FileCipher(new FixedRandom(new byte[] {1}), threads));
        assertEquals("threads must be at least 1, not " + threads, e.getMessage());
    }

    @Test
    @DisplayName("on one thread, decrypting raw CFB data with no IV is refused, naming the lengths")
    void rawDecryptWithoutIvOnOneThread() {
        assertEquals(
                "des-ede3-cfb needs a 8-byte IV, not 0", rawDecryptWithoutIv(1).getMessage());
    }

    /**
     * FileCipher.decryptStream's parallel path reads {@code iv.length} before any check
     * (FileCipher.java, the reader lambda in decryptStream): a null IV gives NullPointerException
     * instead of newStream's IllegalArgumentException.
     */
    @Test
    @DisplayName("on several threads, decrypting raw CFB data with no IV is refused like on one")
    void rawDecryptWithoutIvOnSeveralThreads() {
        assertEquals(
                "des-ede3-cfb needs a 8-byte IV, not 0", rawDecryptWithoutIv(2).getMessage());
    }

    private static Exception rawDecryptWithoutIv(int threads) {
        EncryptionOptions options = CipherTestSupport.options(CipherAlgorithm.DES3_CFB, Format.RAW, Kdf.PBKDF2);
        return assertThrows(
                IllegalArgumentException.class,
                () -> fileCipher(0, threads)
                        .decrypt(
                                new ByteArrayInputStream(new byte[10]),
                                new ByteArrayOutputStream(),
                                options,
                                new Secret.RawKey(new byte[24], null)));
    }

    @ParameterizedTest
    @EnumSource(CipherAlgorithm.class)
    @DisplayName("on one thread, decrypt leaves the caller's raw key as it was, so it can be used again")
    void rawKeyIsReusableOnOneThread(CipherAlgorithm cipher) throws Exception {
        assertRawKeyReusable(cipher, 1);
    }

    /**
     * FileCipher.decryptStream's parallel path ends with {@code Arrays.fill(key, (byte) 0)} in a
     * finally block; for a {@link Secret.RawKey} that array is the caller's own key, so after one
     * CFB decryption on several threads the caller's key is all zeros and a second decryption with
     * the same secret silently gives wrong plaintext. The library wipes keys it derives, not keys
     * it is given (see {@link Secret}).
     */
    @ParameterizedTest
    @MethodSource("ciphersWithAnIv")
    @DisplayName("on several threads, decrypt leaves the caller's raw key as it was, so it can be used again")
    void rawKeyIsReusableOnSeveralThreads(CipherAlgorithm cipher) throws Exception {
        assertRawKeyReusable(cipher, 2);
    }

    /** The ciphers that take an IV: CFB and CBC, all but RC4. */
    static Stream<CipherAlgorithm> ciphersWithAnIv() {
        return Arrays.stream(CipherAlgorithm.values()).filter(c -> c.ivLength() > 0);
    }

    private static void assertRawKeyReusable(CipherAlgorithm cipher, int threads) throws Exception {
        byte[] plaintext = pseudoRandomBytes(1000);
        byte[] keyBytes = pseudoRandomBytes(cipher.keyLength(), 5);
        byte[] iv = cipher.ivLength() == 0 ? null : pseudoRandomBytes(cipher.ivLength(), 6);
        EncryptionOptions options = CipherTestSupport.options(cipher, Format.RAW, Kdf.PBKDF2);
        Secret.RawKey secret = new Secret.RawKey(keyBytes.clone(), iv == null ? null : iv.clone());
        byte[] ciphertext = encrypt(fileCipher(0, threads), plaintext, options, secret);

        assertBytes(plaintext, decrypt(fileCipher(0, threads), ciphertext, options, secret), "first decryption");
        assertArrayEquals(keyBytes, secret.key(), "the caller's key after decryption");
        assertBytes(plaintext, decrypt(fileCipher(0, threads), ciphertext, options, secret), "second decryption");
    }

    @ParameterizedTest(name = "{0}, raw, {1} thread(s)")
    @MethodSource("sequentialCiphersAndThreads")
    @DisplayName("what comes through a slow pipe is written out before more input arrives (CBC: its whole blocks)")
    void aSlowPipesDataGoesOutWithoutWaitingForMore(CipherAlgorithm cipher, int threads) throws Exception {
        Framing framing = Framing.RAW;
        EncryptionOptions options = framing.options(cipher);
        Secret secret = framing.secret(cipher);
        byte[] first = pseudoRandomBytes(100);
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream();
        java.io.PipedInputStream in = new java.io.PipedInputStream(feed, 1 << 16);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread encryptor = new Thread(() -> {
            try {
                fileCipher(3, threads).encrypt(in, out, options, secret);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        encryptor.setDaemon(true);
        encryptor.start();
        try {
            feed.write(first);
            feed.flush();
            // CBC holds back the partial block (4 of the 100 bytes): its padding waits for the end.
            int expected = cipher.padded() ? first.length / 8 * 8 : first.length;
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sizeOf(out) < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            // The input is still open: only a pipeline that writes what it has gets here.
            assertEquals(expected, sizeOf(out), "bytes written while the input is still open");
        } finally {
            feed.close();
            encryptor.join(10_000);
        }
        assertBytes(encrypt(fileCipher(3, 1), first, options, secret), out.toByteArray(), "ciphertext");
    }

    static Stream<Arguments> sequentialCiphersAndThreads() {
        return Stream.of(CipherAlgorithm.ARC4, CipherAlgorithm.DES3_CFB, CipherAlgorithm.DES3_CBC)
                .flatMap(c -> Arrays.stream(THREAD_COUNTS).mapToObj(t -> Arguments.of(c, t)));
    }

    private static int sizeOf(ByteArrayOutputStream out) {
        synchronized (out) { // ByteArrayOutputStream's methods hold its lock
            return out.size();
        }
    }
}
