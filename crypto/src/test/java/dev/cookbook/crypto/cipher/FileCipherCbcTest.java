package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.cipher.CipherTestSupport.TEST_ITERATIONS;
import static dev.cookbook.crypto.cipher.CipherTestSupport.assertBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.concat;
import static dev.cookbook.crypto.cipher.CipherTestSupport.decrypt;
import static dev.cookbook.crypto.cipher.CipherTestSupport.encrypt;
import static dev.cookbook.crypto.cipher.CipherTestSupport.hex;
import static dev.cookbook.crypto.cipher.CipherTestSupport.password;
import static dev.cookbook.crypto.cipher.CipherTestSupport.pseudoRandomBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.unhex;
import static dev.cookbook.crypto.cipher.CipherTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.crypto.AuthenticationException;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.cipher.CipherTestSupport.FixedRandom;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * des-cbc and des-ede3-cbc (openssl's {@code -des} and {@code -des3}) through {@link FileCipher}:
 * the JDK's DES/CBC/PKCS5Padding as the oracle, the padding, and what the padding check makes of
 * wrong passwords, truncation and flipped bits. The same against the real openssl: {@link
 * OpensslInteropTest}.
 */
class FileCipherCbcTest {
    /** More than one of FileCipher's 256 KiB buffers, not a multiple of the block. */
    private static final int LARGE = (1 << 20) + 5;

    private static final String WRONG_PASSWORD = "wrong password or key, or another key derivation than the file's, "
            + "or damaged data: the padding at its end does not check out";
    private static final String NOT_WHOLE_BLOCKS = "cut short: the ciphertext is not a whole number of 8-byte blocks";

    static IntStream sizes() {
        return IntStream.concat(IntStream.rangeClosed(0, 40), IntStream.of(LARGE));
    }

    private static EncryptionOptions raw(CipherAlgorithm cipher) {
        return CipherTestSupport.options(cipher, Format.RAW, Kdf.PBKDF2);
    }

    private static EncryptionOptions openssl(CipherAlgorithm cipher) {
        return CipherTestSupport.options(cipher, Format.OPENSSL, Kdf.PBKDF2);
    }

    private static Secret.RawKey rawKey(CipherAlgorithm cipher) {
        return new Secret.RawKey(pseudoRandomBytes(cipher.keyLength(), 21), pseudoRandomBytes(8, 22));
    }

    /** The JDK's DES or DESede in CBC mode with {@code padding} (PKCS5Padding or NoPadding). */
    private static byte[] jdk(CipherAlgorithm cipher, boolean encrypt, String padding, byte[] key, byte[] iv, byte[] in)
            throws Exception {
        String algorithm = cipher == CipherAlgorithm.DES_CBC ? "DES" : "DESede";
        Cipher c = Cipher.getInstance(algorithm + "/CBC/" + padding);
        c.init(
                encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
                new SecretKeySpec(key, algorithm),
                new IvParameterSpec(iv));
        return c.doFinal(in);
    }

    /** What decrypting {@code input} does: the exception it throws (null if none) and what it wrote. */
    private record Outcome(Exception failure, byte[] written) {}

    private static Outcome tryDecrypt(byte[] input, EncryptionOptions options, Secret secret) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new FileCipher().decrypt(new ByteArrayInputStream(input), out, options, secret);
            return new Outcome(null, out.toByteArray());
        } catch (CryptoException e) {
            return new Outcome(e, out.toByteArray());
        }
    }

    // -------------------------------------------------------------------------- against the JDK

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#paddedCiphers")
    @DisplayName("raw keys, every size from 0 to 40 bytes and a large one: the JDK's DES/CBC/PKCS5Padding, both ways")
    void rawAgainstTheJdk(CipherAlgorithm cipher) throws Exception {
        Secret.RawKey secret = rawKey(cipher);
        for (int size : sizes().toArray()) {
            byte[] plaintext = pseudoRandomBytes(size);
            byte[] theirs = jdk(cipher, true, "PKCS5Padding", secret.key(), secret.iv(), plaintext);
            assertEquals(CipherTestSupport.ciphertextLength(cipher, size), theirs.length, size + " bytes");

            assertBytes(theirs, encrypt(new FileCipher(), plaintext, raw(cipher), secret), "ours, " + size + " bytes");
            assertBytes(
                    plaintext,
                    decrypt(new FileCipher(), theirs, raw(cipher), secret),
                    "our decryption of the JDK's, " + size + " bytes");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#paddedCiphers")
    @DisplayName("openssl's format, every size from 0 to 40 bytes and a large one: magic, salt, then the JDK's CBC")
    void opensslFormatAgainstTheJdk(CipherAlgorithm cipher) throws Exception {
        EncryptionOptions options = openssl(cipher);
        for (int size : sizes().toArray()) {
            byte[] plaintext = pseudoRandomBytes(size);
            byte[] salt = pseudoRandomBytes(8, 1000 + size);
            byte[] keyIv = Kdf.PBKDF2.derive(
                    KdfDigest.SHA256, "pw".toCharArray(), salt, TEST_ITERATIONS, cipher.keyLength() + 8);
            byte[] key = Arrays.copyOf(keyIv, cipher.keyLength());
            byte[] iv = Arrays.copyOfRange(keyIv, cipher.keyLength(), keyIv.length);
            byte[] theirs = concat(utf8("Salted__"), salt, jdk(cipher, true, "PKCS5Padding", key, iv, plaintext));

            byte[] ours = encrypt(new FileCipher(new FixedRandom(salt)), plaintext, options, password("pw"));

            assertBytes(theirs, ours, "ours, " + size + " bytes");
            assertBytes(plaintext, decrypt(new FileCipher(), theirs, options, password("pw")), size + " bytes");
        }
    }

    @Test
    @DisplayName("FIPS 81's CBC example ('Now is the time for all ') is our first three blocks; a block of 8s follows")
    void fips81Example() throws Exception {
        Secret.RawKey key = new Secret.RawKey(unhex("0123456789abcdef"), unhex("1234567890abcdef"));

        byte[] ours = encrypt(new FileCipher(), utf8("Now is the time for all "), raw(CipherAlgorithm.DES_CBC), key);

        // The first 24 bytes are FIPS 81's (Appendix C, table C2); the last block, padding only,
        // is what openssl enc -des-cbc -K -iv -nosalt writes.
        assertEquals("e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6" + "62c16a27e4fcf277", hex(ours));
    }

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#paddedCiphers")
    @DisplayName("every padding length from 1 to 8: n bytes of the value n, a whole block for a block-aligned input")
    void everyPaddingLength(CipherAlgorithm cipher) throws Exception {
        Secret.RawKey secret = rawKey(cipher);
        for (int size = 16; size < 24; size++) {
            byte[] plaintext = pseudoRandomBytes(size);
            int padding = 8 - size % 8;
            byte[] ciphertext = encrypt(new FileCipher(), plaintext, raw(cipher), secret);
            assertEquals(size + padding, ciphertext.length);

            byte[] padded = jdk(cipher, false, "NoPadding", secret.key(), secret.iv(), ciphertext);

            byte[] expected = new byte[padding];
            Arrays.fill(expected, (byte) padding);
            assertBytes(plaintext, Arrays.copyOf(padded, size), size + " bytes");
            assertBytes(expected, Arrays.copyOfRange(padded, size, padded.length), padding + " bytes of padding");
            assertBytes(plaintext, decrypt(new FileCipher(), ciphertext, raw(cipher), secret), "decrypted");
        }
    }

    // ------------------------------------------------------------------------- what is checked

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#paddedCiphers")
    @DisplayName("a wrong password fails the padding check nearly always, with the message; rarely it passes")
    void wrongPasswords(CipherAlgorithm cipher) throws Exception {
        EncryptionOptions options = openssl(cipher);
        byte[] plaintext = pseudoRandomBytes(100);
        byte[] file = encrypt(new FileCipher(FixedRandom.seeded(3)), plaintext, options, password("right"));
        Random random = new Random(cipher.ordinal());
        int tries = 400;
        int passed = 0;
        for (int i = 0; i < tries; i++) {
            String wrong = Long.toString(random.nextLong(), 36);
            Outcome o = tryDecrypt(file, options, password(wrong));
            if (o.failure() == null) {
                passed++;
                assertFalse(Arrays.equals(plaintext, o.written()), "a wrong password gave the plaintext");
                continue;
            }
            assertEquals(AuthenticationException.class, o.failure().getClass(), wrong);
            assertEquals(WRONG_PASSWORD, o.failure().getMessage(), wrong);
            // The blocks before the last are written as they come: a caller writing a file discards it.
            assertEquals(file.length - 16 - 8, o.written().length, "written before the padding check");
        }
        // A random last block has valid padding about once in 256 tries (01 at its end, or 02 02, ...).
        assertTrue(passed < tries * 3 / 100, passed + " of " + tries + " wrong passwords passed the padding check");
    }

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#paddedCiphers")
    @DisplayName(
            "a ciphertext that is not a whole number of blocks, or empty, is cut short, in openssl's format and raw")
    void notAWholeNumberOfBlocks(CipherAlgorithm cipher) throws Exception {
        byte[] plaintext = pseudoRandomBytes(100);
        Secret.RawKey key = rawKey(cipher);
        byte[] file = encrypt(new FileCipher(FixedRandom.seeded(3)), plaintext, openssl(cipher), password("pw"));
        byte[] raw = encrypt(new FileCipher(), plaintext, raw(cipher), key);
        for (int cut : new int[] {1, 2, 7, 9, 15, 100}) {
            for (Outcome o : new Outcome[] {
                tryDecrypt(Arrays.copyOf(file, file.length - cut), openssl(cipher), password("pw")),
                tryDecrypt(Arrays.copyOf(raw, raw.length - cut), raw(cipher), key)
            }) {
                assertEquals(CryptoException.class, o.failure().getClass(), "cut by " + cut);
                assertEquals(NOT_WHOLE_BLOCKS, o.failure().getMessage(), "cut by " + cut);
            }
        }
        // Everything cut off: openssl says "wrong final block length"; the JDK alone would decrypt it to nothing.
        for (Encoding encoding : Encoding.values()) {
            EncryptionOptions options =
                    raw(cipher).toBuilder().encoding(encoding).build();
            Outcome empty = tryDecrypt(new byte[0], options, key);
            assertEquals(CryptoException.class, empty.failure().getClass(), encoding.toString());
            assertEquals(
                    "cut short: the ciphertext is empty; CBC's is at least one 8-byte block",
                    empty.failure().getMessage());
        }
        // Whole blocks cut off leave a block-aligned ciphertext: its new last block is checked as padding.
        Outcome wholeBlock = tryDecrypt(Arrays.copyOf(file, file.length - 8), openssl(cipher), password("pw"));
        assertEquals(AuthenticationException.class, wholeBlock.failure().getClass());
        assertEquals(WRONG_PASSWORD, wholeBlock.failure().getMessage());
    }

    /**
     * A flipped bit in the last block garbles its whole plaintext block, padding included: the
     * check fails unless the garbled block happens to end in valid padding. A flipped bit in the
     * block before flips the same bit of the last plaintext block, which is CBC's malleability:
     * in the padding the check fails; in the data the plaintext changes unnoticed.
     */
    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#paddedCiphers")
    @DisplayName("a flipped bit: in the last block, the padding check fails; in the one before, it fails or one bit "
            + "of the plaintext flips")
    void flippedBits(CipherAlgorithm cipher) throws Exception {
        Secret.RawKey key = rawKey(cipher);
        byte[] plaintext = pseudoRandomBytes(21); // its last block: 5 bytes of it, then 03 03 03
        byte[] ciphertext = encrypt(new FileCipher(), plaintext, raw(cipher), key);
        assertEquals(24, ciphertext.length);

        int failures = 0;
        for (int bit = 0; bit < 64; bit++) {
            byte[] flipped = ciphertext.clone();
            flipped[16 + bit / 8] ^= (byte) (1 << bit % 8);
            Outcome o = tryDecrypt(flipped, raw(cipher), key);
            if (o.failure() != null) {
                failures++;
                assertEquals(AuthenticationException.class, o.failure().getClass());
                assertEquals(WRONG_PASSWORD, o.failure().getMessage());
            } else {
                assertBytes(Arrays.copyOf(plaintext, 16), Arrays.copyOf(o.written(), 16), "the blocks before");
            }
        }
        assertEquals(64, failures, "flips in the last block that failed the padding check");

        for (int bit = 0; bit < 64; bit++) {
            int index = 8 + bit / 8;
            byte[] flipped = ciphertext.clone();
            flipped[index] ^= (byte) (1 << bit % 8);
            Outcome o = tryDecrypt(flipped, raw(cipher), key);
            if (index == 15 && bit % 8 == 1) { // the last 03 becomes 01: valid padding of one byte
                assertEquals(null, o.failure());
                assertEquals(23, o.written().length, "21 bytes, then 03 03 taken for data");
                assertBytes(Arrays.copyOfRange(plaintext, 16, 21), Arrays.copyOfRange(o.written(), 16, 21), "last");
            } else if (index - 8 >= 5) { // a byte of padding
                assertEquals(AuthenticationException.class, o.failure().getClass(), "bit " + bit);
                assertEquals(WRONG_PASSWORD, o.failure().getMessage());
            } else {
                assertEquals(null, o.failure(), "bit " + bit);
                byte[] expected = plaintext.clone();
                expected[index + 8] ^= (byte) (1 << bit % 8);
                assertEquals(plaintext.length, o.written().length);
                // The block of the flip is garbled whole; the next one has exactly that bit flipped.
                assertFalse(
                        Arrays.equals(Arrays.copyOfRange(plaintext, 8, 16), Arrays.copyOfRange(o.written(), 8, 16)));
                assertBytes(
                        Arrays.copyOfRange(expected, 16, 21),
                        Arrays.copyOfRange(o.written(), 16, 21),
                        "the last block, bit " + bit);
                assertBytes(Arrays.copyOf(plaintext, 8), Arrays.copyOf(o.written(), 8), "the first block");
            }
        }
    }

    // ------------------------------------------------------------------------------ refusals

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#paddedCiphers")
    @DisplayName("the cookbook format refuses CBC, naming it; openssl's format and raw keys take it")
    void cookbookFormatRefusesCbc(CipherAlgorithm cipher) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> EncryptionOptions.DEFAULT.toBuilder().cipher(cipher).build());
        assertEquals(
                "the cookbook format takes the stream ciphers (CFB, RC4), not " + cipher.opensslName()
                        + ": CBC is for openssl's format and raw keys",
                e.getMessage());
        assertEquals(cipher, openssl(cipher).cipher());
        assertEquals(cipher, raw(cipher).cipher());
        // Switching an openssl-format builder to the cookbook format is refused the same way.
        assertThrows(
                IllegalArgumentException.class,
                () -> openssl(cipher).toBuilder().format(Format.COOKBOOK).build());
    }

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#paddedCiphers")
    @DisplayName("a raw key or IV of the wrong length is refused both ways, naming the lengths")
    void rawKeyOfWrongLength(CipherAlgorithm cipher) {
        String message = cipher.opensslName() + " needs a " + cipher.keyLength() + "-byte key and an 8-byte IV";
        for (Secret.RawKey bad : new Secret.RawKey[] {
            new Secret.RawKey(new byte[16], new byte[8]),
            new Secret.RawKey(new byte[cipher.keyLength()], null),
            new Secret.RawKey(new byte[cipher.keyLength()], new byte[16])
        }) {
            assertEquals(
                    message,
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> encrypt(new FileCipher(), new byte[10], raw(cipher), bad))
                            .getMessage());
            assertEquals(
                    message,
                    assertThrows(
                                    IllegalArgumentException.class,
                                    () -> decrypt(new FileCipher(), new byte[16], raw(cipher), bad))
                            .getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#paddedCiphers")
    @DisplayName("Result: the plaintext bytes both ways, the cipher, openssl's salt")
    void result(CipherAlgorithm cipher) throws Exception {
        byte[] plaintext = pseudoRandomBytes(20);
        byte[] salt = pseudoRandomBytes(8, 5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FileCipher.Result e = new FileCipher(new FixedRandom(salt))
                .encrypt(new ByteArrayInputStream(plaintext), out, openssl(cipher), password("pw"));
        FileCipher.Result d = new FileCipher()
                .decrypt(
                        new ByteArrayInputStream(out.toByteArray()),
                        new ByteArrayOutputStream(),
                        openssl(cipher),
                        password("pw"));
        for (FileCipher.Result r : new FileCipher.Result[] {e, d}) {
            assertEquals(20, r.bytes());
            assertEquals(cipher, r.cipher());
            assertEquals(Format.OPENSSL, r.format());
            assertArrayEquals(salt, r.salt());
        }
        assertEquals(16 + 24, out.size());
    }
}
