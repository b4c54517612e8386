package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.cipher.CipherTestSupport.assertBytes;

import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CipherAlgorithm#newStream} (the stream ciphers: CBC is FileCipherCbcTest's) against another implementation on random keys, IVs and data,
 * fed in random pieces: the JDK's own DES, DESede in CFB and CFB8 mode, and ARCFOUR.
 */
class CipherStreamDifferentialTest {
    private static final int TRIALS = 40;
    private static final int MAX_LENGTH = 200;

    /** The JDK's transformation and key algorithm for {@code cipher}. */
    private static String[] jce(CipherAlgorithm cipher) {
        return switch (cipher) {
            case DES_CFB -> new String[] {"DES/CFB/NoPadding", "DES"};
            case DES_CFB8 -> new String[] {"DES/CFB8/NoPadding", "DES"};
            case DES3_CFB -> new String[] {"DESede/CFB/NoPadding", "DESede"};
            case DES3_CFB8 -> new String[] {"DESede/CFB8/NoPadding", "DESede"};
            case ARC4 -> new String[] {"ARCFOUR", "ARCFOUR"};
            case DES_CBC, DES3_CBC -> throw new IllegalArgumentException(cipher + " is no CipherStream");
        };
    }

    private static byte[] reference(CipherAlgorithm cipher, boolean encrypt, byte[] key, byte[] iv, byte[] input)
            throws Exception {
        String[] names = jce(cipher);
        Cipher c = Cipher.getInstance(names[0]);
        c.init(
                encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
                new SecretKeySpec(key, names[1]),
                iv == null ? null : new IvParameterSpec(iv));
        return c.doFinal(input);
    }

    /** Processes {@code input} in pieces of random sizes (0 to 20 bytes), in place or not. */
    private static byte[] inRandomPieces(CipherStream stream, byte[] input, Random random) {
        return inRandomPieces(stream, input, random, 20);
    }

    /** Processes {@code input} in pieces of 0 to {@code maxPiece} bytes, in place or not. */
    private static byte[] inRandomPieces(CipherStream stream, byte[] input, Random random, int maxPiece) {
        boolean inPlace = random.nextBoolean();
        byte[] in = inPlace ? input.clone() : input;
        byte[] out = inPlace ? in : new byte[input.length];
        for (int off = 0; off < input.length; ) {
            int piece = Math.min(random.nextInt(maxPiece + 1), input.length - off);
            stream.process(in, off, piece, out, off);
            off += piece;
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#streamCiphers")
    @DisplayName("newStream agrees with an independent implementation on random inputs fed in random pieces")
    void agreesWithReference(CipherAlgorithm cipher) throws Exception {
        Random random = new Random(cipher.ordinal());
        for (int trial = 0; trial < TRIALS; trial++) {
            byte[] key = new byte[cipher == CipherAlgorithm.ARC4 ? 5 + random.nextInt(124) : cipher.keyLength()];
            random.nextBytes(key);
            byte[] iv = cipher.ivLength() == 0 ? null : new byte[cipher.ivLength()];
            if (iv != null) {
                random.nextBytes(iv);
            }
            byte[] plaintext = new byte[random.nextInt(MAX_LENGTH + 1)];
            random.nextBytes(plaintext);
            String what = cipher + " trial " + trial + ", " + plaintext.length + " bytes";

            byte[] expected = reference(cipher, true, key, iv, plaintext);
            byte[] ciphertext = inRandomPieces(cipher.newStream(true, key, iv), plaintext, random);
            assertBytes(expected, ciphertext, "encryption, " + what);
            assertBytes(
                    plaintext,
                    inRandomPieces(cipher.newStream(false, key, iv), ciphertext, random),
                    "decryption, " + what);
            assertBytes(plaintext, reference(cipher, false, key, iv, ciphertext), "reference decryption, " + what);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#streamCiphers")
    @DisplayName("newStream agrees with the reference on a larger input fed in pieces of up to 5000 bytes")
    void agreesWithReferenceInLargePieces(CipherAlgorithm cipher) throws Exception {
        Random random = new Random(100 + cipher.ordinal());
        byte[] key = new byte[cipher == CipherAlgorithm.ARC4 ? 16 : cipher.keyLength()];
        random.nextBytes(key);
        byte[] iv = cipher.ivLength() == 0 ? null : new byte[cipher.ivLength()];
        if (iv != null) {
            random.nextBytes(iv);
        }
        byte[] plaintext = new byte[(64 << 10) + 3];
        random.nextBytes(plaintext);

        byte[] ciphertext = inRandomPieces(cipher.newStream(true, key, iv), plaintext, random, 5000);
        assertBytes(reference(cipher, true, key, iv, plaintext), ciphertext, cipher + " encryption");
        assertBytes(
                plaintext,
                inRandomPieces(cipher.newStream(false, key, iv), ciphertext, random, 5000),
                cipher + " decryption");
    }
}
