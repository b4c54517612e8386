package dev.cookbook.crypto.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cookbook.crypto.CryptoException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

/** Helpers shared by the cipher tests. */
final class CipherTestSupport {
    /** Cheap PBKDF2 for tests where the cost is not the point. */
    static final int TEST_ITERATIONS = 1000;
    /** Small chunks, so that chunk boundaries are cheap to reach. */
    static final int SMALL_CHUNK = 1024;

    private CipherTestSupport() {}

    /** The stream ciphers (CFB, RC4): the {@link CipherStream}s, and what the cookbook format takes. */
    static Stream<CipherAlgorithm> streamCiphers() {
        return Arrays.stream(CipherAlgorithm.values()).filter(c -> !c.padded());
    }

    /** The padded block modes (CBC): openssl's format and raw keys only. */
    static Stream<CipherAlgorithm> paddedCiphers() {
        return Arrays.stream(CipherAlgorithm.values()).filter(CipherAlgorithm::padded);
    }

    /**
     * The ciphertext bytes {@code cipher} makes of {@code plaintextLength} bytes, header aside: as
     * many for a stream cipher; for CBC the next multiple of 8 above, as PKCS#7 always pads (1 to 8
     * bytes, a whole block for an empty or block-aligned plaintext).
     */
    static long ciphertextLength(CipherAlgorithm cipher, long plaintextLength) {
        return cipher.padded() ? (plaintextLength / 8 + 1) * 8 : plaintextLength;
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** {@code size} bytes that differ from one size to another but not from one run to another. */
    static byte[] pseudoRandomBytes(int size) {
        return pseudoRandomBytes(size, size);
    }

    /** {@code size} bytes that depend on {@code seed} and {@code size} only. */
    static byte[] pseudoRandomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static Secret.Password password(String text) {
        return new Secret.Password(text.toCharArray());
    }

    /** Options for {@code cipher} in {@code format} with cheap PBKDF2 (over SHA-256) and small chunks. */
    static EncryptionOptions options(CipherAlgorithm cipher, Format format, Kdf kdf) {
        return options(cipher, format, kdf, KdfDigest.SHA256);
    }

    /** Options for {@code cipher} in {@code format} with {@code kdf} over {@code digest}, cheap PBKDF2, small chunks. */
    static EncryptionOptions options(CipherAlgorithm cipher, Format format, Kdf kdf, KdfDigest digest) {
        return EncryptionOptions.DEFAULT.toBuilder()
                .cipher(cipher)
                .format(format)
                .kdf(kdf)
                .digest(digest)
                .iterations(TEST_ITERATIONS)
                .chunkSize(SMALL_CHUNK)
                .build();
    }

    /** Cookbook-format options for {@code cipher} with cheap PBKDF2 and small chunks. */
    static EncryptionOptions cookbook(CipherAlgorithm cipher) {
        return options(cipher, Format.COOKBOOK, Kdf.PBKDF2);
    }

    static byte[] encrypt(FileCipher fc, byte[] plaintext, EncryptionOptions options, Secret secret)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fc.encrypt(new ByteArrayInputStream(plaintext), out, options, secret);
        return out.toByteArray();
    }

    static byte[] decrypt(FileCipher fc, byte[] ciphertext, EncryptionOptions options, Secret secret)
            throws IOException, CryptoException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fc.decrypt(new ByteArrayInputStream(ciphertext), out, options, secret);
        return out.toByteArray();
    }

    /**
     * A {@link SecureRandom} that hands out a fixed byte sequence, so that salts, nonces and file
     * keys, and with them the whole output, are the same on every run.
     */
    static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] sequence;
        private int next;

        /** Hands out {@code sequence}, then starts over. */
        FixedRandom(byte[] sequence) {
            if (sequence.length == 0) {
                throw new IllegalArgumentException("empty sequence");
            }
            this.sequence = sequence.clone();
        }

        /** Hands out 00 01 02 ... ff 00 01 ...: byte {@code k} of everything handed out is {@code k mod 256}. */
        static FixedRandom counting() {
            byte[] b = new byte[256];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) i;
            }
            return new FixedRandom(b);
        }

        /** A sequence that depends on {@code seed} only. */
        static FixedRandom seeded(long seed) {
            byte[] b = new byte[1024];
            new Random(seed).nextBytes(b);
            return new FixedRandom(b);
        }

        @Override
        public synchronized void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = sequence[next];
                next = (next + 1) % sequence.length;
            }
        }

        @Override
        public byte[] generateSeed(int numBytes) {
            byte[] b = new byte[numBytes];
            nextBytes(b);
            return b;
        }
    }

    /** Compares byte arrays, as hex when short, by lengths and first difference when long. */
    static void assertBytes(byte[] expected, byte[] actual, String message) {
        int mismatch = Arrays.mismatch(expected, actual);
        if (mismatch < 0) {
            return;
        }
        if (expected.length <= 96 && actual.length <= 96) {
            assertEquals(hex(expected), hex(actual), message);
        }
        fail(message + ": " + expected.length + " bytes expected, " + actual.length + " bytes actual, first "
                + "difference at byte " + mismatch);
    }
}
