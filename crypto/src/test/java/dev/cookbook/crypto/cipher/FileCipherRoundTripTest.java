package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.cipher.CipherTestSupport.SMALL_CHUNK;
import static dev.cookbook.crypto.cipher.CipherTestSupport.TEST_ITERATIONS;
import static dev.cookbook.crypto.cipher.CipherTestSupport.assertBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.decrypt;
import static dev.cookbook.crypto.cipher.CipherTestSupport.encrypt;
import static dev.cookbook.crypto.cipher.CipherTestSupport.password;
import static dev.cookbook.crypto.cipher.CipherTestSupport.pseudoRandomBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.cipher.CipherTestSupport.FixedRandom;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * {@link FileCipher} round trips for every cipher in every format it takes (CBC: openssl's and
 * raw) at the sizes where chunking and buffering change, with the exact ciphertext length each
 * format documents and CBC's padding adds.
 */
class FileCipherRoundTripTest {
    /** More than one 256 KiB pump buffer and many chunks, and not a multiple of either. */
    static final int LARGE = (2 << 20) + 3;
    /** Sizes around the 1 KiB test chunk: empty, one byte, one short of a chunk, a chunk, one over, two. */
    static final int[] SIZES = {0, 1, SMALL_CHUNK - 1, SMALL_CHUNK, SMALL_CHUNK + 1, 2 * SMALL_CHUNK, LARGE};

    /** A format with the secret it takes and the bytes it adds. */
    enum Framing {
        COOKBOOK(Format.COOKBOOK, Kdf.PBKDF2, KdfDigest.SHA256),
        OPENSSL_PBKDF2(Format.OPENSSL, Kdf.PBKDF2, KdfDigest.SHA256),
        OPENSSL_PBKDF2_MD5(Format.OPENSSL, Kdf.PBKDF2, KdfDigest.MD5),
        OPENSSL_EVP_MD5(Format.OPENSSL, Kdf.EVP_BYTES_TO_KEY, KdfDigest.MD5),
        OPENSSL_EVP_SHA512(Format.OPENSSL, Kdf.EVP_BYTES_TO_KEY, KdfDigest.SHA512),
        RAW(Format.RAW, Kdf.PBKDF2, KdfDigest.SHA256);

        final Format format;
        final Kdf kdf;
        final KdfDigest digest;

        Framing(Format format, Kdf kdf, KdfDigest digest) {
            this.format = format;
            this.kdf = kdf;
            this.digest = digest;
        }

        EncryptionOptions options(CipherAlgorithm cipher) {
            return CipherTestSupport.options(cipher, format, kdf, digest);
        }

        Secret secret(CipherAlgorithm cipher) {
            if (format != Format.RAW) {
                return password("correct horse battery staple");
            }
            byte[] iv = cipher.ivLength() == 0 ? null : pseudoRandomBytes(cipher.ivLength(), 77);
            return new Secret.RawKey(pseudoRandomBytes(cipher.keyLength()), iv);
        }

        /** Where the first ciphertext byte is: after the cookbook header, after openssl's 16 bytes, at 0. */
        int payloadOffset() {
            return switch (format) {
                case COOKBOOK -> SealedFormatLayoutTest.HEADER_LENGTH;
                case OPENSSL -> 16;
                case RAW -> 0;
            };
        }

        /** Whether the format takes {@code cipher}: the cookbook format takes the stream ciphers only. */
        boolean takes(CipherAlgorithm cipher) {
            return format != Format.COOKBOOK || !cipher.padded();
        }

        /** What the format documents: the cookbook header and a tag per chunk, openssl's 16-byte header, nothing. */
        long overhead(long plaintextLength, int chunkSize) {
            return switch (format) {
                case COOKBOOK ->
                    SealedFormatLayoutTest.HEADER_LENGTH
                            + (long) SealedFormat.TAG_LENGTH * chunkCount(plaintextLength, chunkSize);
                case OPENSSL -> 16;
                case RAW -> 0;
            };
        }
    }

    /** max(1, ceil(n / chunk size)): a full final chunk is the last one, an empty file has one empty chunk. */
    static long chunkCount(long plaintextLength, int chunkSize) {
        return Math.max(1, (plaintextLength + chunkSize - 1) / chunkSize);
    }

    static Stream<Arguments> ciphersFramingsAndSizes() {
        List<Arguments> cases = new ArrayList<>();
        for (CipherAlgorithm cipher : CipherAlgorithm.values()) {
            for (Framing framing : Framing.values()) {
                if (!framing.takes(cipher)) {
                    continue; // FileCipherCbcTest: the refusal
                }
                for (int size : SIZES) {
                    cases.add(Arguments.of(cipher, framing, size));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("ciphersFramingsAndSizes")
    @DisplayName("decrypt(encrypt(x)) is x, and the ciphertext is as long as the format documents")
    void roundTrip(CipherAlgorithm cipher, Framing framing, int size) throws Exception {
        byte[] plaintext = pseudoRandomBytes(size);
        EncryptionOptions options = framing.options(cipher);
        Secret secret = framing.secret(cipher);
        FileCipher fc = new FileCipher(FixedRandom.seeded(size));

        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        FileCipher.Result encrypted = fc.encrypt(new ByteArrayInputStream(plaintext), sink, options, secret);
        byte[] ciphertext = sink.toByteArray();

        assertEquals(
                CipherTestSupport.ciphertextLength(cipher, size) + framing.overhead(size, SMALL_CHUNK),
                ciphertext.length,
                "ciphertext length");
        assertEquals(size, encrypted.bytes());
        assertEquals(framing.format, encrypted.format());
        assertEquals(cipher, encrypted.cipher());
        assertEquals(size, fc.bytesRead(), "bytesRead() counts the plaintext read");
        if (framing.format == Format.OPENSSL) {
            assertEquals("Salted__", new String(ciphertext, 0, 8, StandardCharsets.US_ASCII));
            assertArrayEquals(Arrays.copyOfRange(ciphertext, 8, 16), encrypted.salt(), "the salt after the magic");
            assertEquals(framing.kdf, encrypted.kdf());
            assertEquals(framing.digest, encrypted.digest());
            assertEquals(options.iterations(), encrypted.iterations());
        }
        if (size >= 64) {
            int start = framing.payloadOffset();
            assertFalse(
                    Arrays.equals(Arrays.copyOf(plaintext, 64), Arrays.copyOfRange(ciphertext, start, start + 64)),
                    "the plaintext shows through");
        }

        sink.reset();
        if (framing.format == Format.OPENSSL && size == 0 && !cipher.padded()) {
            // openssl's format cannot tell an empty plaintext from a file cut after its salt (CBC pads it to a block).
            CryptoException e = assertThrows(
                    CryptoException.class,
                    () -> fc.decrypt(new ByteArrayInputStream(ciphertext), sink, options, secret));
            assertEquals(
                    "nothing after the salt: the file was cut short (or encrypts an empty file, which nothing "
                            + "can tell apart)",
                    e.getMessage());
            assertEquals(0, sink.size());
            return;
        }
        FileCipher.Result decrypted = fc.decrypt(new ByteArrayInputStream(ciphertext), sink, options, secret);

        assertBytes(plaintext, sink.toByteArray(), "decrypted");
        assertEquals(size, decrypted.bytes());
        assertEquals(framing.format, decrypted.format());
        assertEquals(cipher, decrypted.cipher());
        assertEquals(Encoding.BINARY, decrypted.encoding());
        if (framing.format != Format.RAW) {
            assertEquals(framing.kdf, decrypted.kdf());
            assertEquals(framing.digest, decrypted.digest());
        }
        assertEquals(size + ciphertext.length, fc.bytesRead(), "bytesRead() counts the input of both calls");
    }

    @Test
    @DisplayName("the ciphertext length formula counts a full final chunk once and an empty file as one chunk")
    void chunkCountAtBoundaries() {
        assertEquals(1, chunkCount(0, 1024));
        assertEquals(1, chunkCount(1, 1024));
        assertEquals(1, chunkCount(1024, 1024));
        assertEquals(2, chunkCount(1025, 1024));
        assertEquals(2, chunkCount(2048, 1024));
        assertEquals(3, chunkCount(2049, 1024));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(
            ints = {
                0,
                EncryptionOptions.DEFAULT_CHUNK_SIZE - 1,
                EncryptionOptions.DEFAULT_CHUNK_SIZE,
                EncryptionOptions.DEFAULT_CHUNK_SIZE + 1,
                3 * EncryptionOptions.DEFAULT_CHUNK_SIZE
            })
    @DisplayName("the default 64 KiB chunk size round-trips with the documented length")
    void defaultChunkSize(int size) throws Exception {
        EncryptionOptions options = EncryptionOptions.DEFAULT.toBuilder()
                .iterations(TEST_ITERATIONS)
                .build();
        byte[] plaintext = pseudoRandomBytes(size);
        FileCipher fc = new FileCipher(FixedRandom.seeded(1));

        byte[] ciphertext = encrypt(fc, plaintext, options, password("pw"));

        assertEquals(size + Framing.COOKBOOK.overhead(size, EncryptionOptions.DEFAULT_CHUNK_SIZE), ciphertext.length);
        assertBytes(plaintext, decrypt(fc, ciphertext, options, password("pw")), "decrypted");
    }

    @Test
    @DisplayName("EncryptionOptions.DEFAULT: cookbook format, des3-cfb, 600,000 PBKDF2 iterations, 64 KiB chunks")
    void defaultOptionsRoundTrip() throws Exception {
        EncryptionOptions options = EncryptionOptions.DEFAULT;
        assertEquals(Format.COOKBOOK, options.format());
        assertEquals(CipherAlgorithm.DES3_CFB, options.cipher());
        assertEquals(Kdf.PBKDF2, options.kdf());
        assertEquals(KdfDigest.SHA256, options.digest());
        assertEquals(Encoding.BINARY, options.encoding());
        assertEquals(600_000, options.iterations());
        assertEquals(64 << 10, options.chunkSize());
        byte[] plaintext = pseudoRandomBytes(100);
        FileCipher fc = new FileCipher(FixedRandom.counting());

        byte[] ciphertext = encrypt(fc, plaintext, options, password("pw"));

        SealedFormatLayoutTest.ParsedHeader header = SealedFormatLayoutTest.ParsedHeader.parse(ciphertext);
        assertEquals(600_000, header.iterations());
        assertEquals(16, header.log2ChunkSize());
        assertEquals(3, header.cipherId());
        // Decrypting needs no options but the format: the header says everything else.
        EncryptionOptions otherCookbook = CipherTestSupport.cookbook(CipherAlgorithm.ARC4);
        assertBytes(plaintext, decrypt(fc, ciphertext, otherCookbook, password("pw")), "decrypted");
        // The format it does need: openssl's options no longer detect and read a cookbook file.
        EncryptionOptions openssl =
                CipherTestSupport.options(CipherAlgorithm.ARC4, Format.OPENSSL, Kdf.EVP_BYTES_TO_KEY, KdfDigest.MD5);
        WrongFormatException e =
                assertThrows(WrongFormatException.class, () -> decrypt(fc, ciphertext, openssl, password("pw")));
        assertEquals("it is in the cookbook format (it starts with 'CKBK-ENC'), not openssl's", e.getMessage());
        assertEquals(Format.COOKBOOK, e.found());
        assertEquals(Encoding.BINARY, e.foundEncoding());
    }

    @Test
    @DisplayName("EncryptionOptions.OPENSSL: openssl's salted format, des3-cfb, PBKDF2 with 10,000 iterations")
    void opensslOptions() {
        EncryptionOptions options = EncryptionOptions.OPENSSL;
        assertEquals(Format.OPENSSL, options.format());
        assertEquals(CipherAlgorithm.DES3_CFB, options.cipher());
        assertEquals(Kdf.PBKDF2, options.kdf());
        assertEquals(KdfDigest.SHA256, options.digest());
        assertEquals(Encoding.BINARY, options.encoding());
        assertEquals(10_000, options.iterations());
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    @DisplayName("the same random source gives the same ciphertext; another gives another, except for raw keys")
    void deterministicWithFixedRandom(Framing framing) throws Exception {
        byte[] plaintext = pseudoRandomBytes(3 * SMALL_CHUNK + 5);
        EncryptionOptions options = framing.options(CipherAlgorithm.DES3_CFB);
        Secret secret = framing.secret(CipherAlgorithm.DES3_CFB);

        byte[] first = encrypt(new FileCipher(FixedRandom.seeded(7)), plaintext, options, secret);
        byte[] again = encrypt(new FileCipher(FixedRandom.seeded(7)), plaintext, options, secret);
        byte[] other = encrypt(new FileCipher(FixedRandom.seeded(8)), plaintext, options, secret);

        assertArrayEquals(first, again);
        assertEquals(framing == Framing.RAW, Arrays.equals(first, other), "output under another random source");
    }

    @Test
    @DisplayName("the default FileCipher draws fresh salts: the same input encrypts differently twice")
    void defaultRandomIsFresh() throws Exception {
        EncryptionOptions options = CipherTestSupport.cookbook(CipherAlgorithm.ARC4);
        FileCipher fc = new FileCipher();
        byte[] plaintext = pseudoRandomBytes(10);
        assertFalse(Arrays.equals(
                encrypt(fc, plaintext, options, password("pw")), encrypt(fc, plaintext, options, password("pw"))));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                KdfTest.NON_ASCII_PASSWORD,
                "a very long password, longer than any hash block, " + "longer than 64 bytes, which HMAC hashes first"
            })
    @DisplayName("unusual passwords round-trip in the cookbook and openssl formats")
    void unusualPasswords(String pw) throws Exception {
        for (Framing framing : List.of(
                Framing.COOKBOOK,
                Framing.OPENSSL_PBKDF2,
                Framing.OPENSSL_PBKDF2_MD5,
                Framing.OPENSSL_EVP_MD5,
                Framing.OPENSSL_EVP_SHA512)) {
            EncryptionOptions options = framing.options(CipherAlgorithm.DES_CFB);
            byte[] plaintext = pseudoRandomBytes(SMALL_CHUNK + 1);
            FileCipher fc = new FileCipher(FixedRandom.seeded(3));
            byte[] ciphertext = encrypt(fc, plaintext, options, password(pw));
            assertBytes(plaintext, decrypt(fc, ciphertext, options, password(pw)), framing + " with \"" + pw + "\"");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Framing.class,
            names = {"OPENSSL_PBKDF2", "OPENSSL_PBKDF2_MD5", "OPENSSL_EVP_MD5", "OPENSSL_EVP_SHA512"})
    @DisplayName("the openssl format is unauthenticated: a wrong password gives wrong bytes, not an error")
    void opensslFormatCannotTellAWrongPassword(Framing framing) throws Exception {
        EncryptionOptions options = framing.options(CipherAlgorithm.DES3_CFB);
        byte[] plaintext = pseudoRandomBytes(100);
        FileCipher fc = new FileCipher(FixedRandom.seeded(3));
        byte[] ciphertext = encrypt(fc, plaintext, options, password("right"));

        byte[] decrypted = decrypt(fc, ciphertext, options, password("wrong"));

        assertEquals(plaintext.length, decrypted.length);
        assertFalse(Arrays.equals(plaintext, decrypted));
    }

    static Stream<Arguments> framingsWithCfb8AndCbc() {
        return Stream.of(CipherAlgorithm.DES_CFB8, CipherAlgorithm.DES3_CBC)
                .flatMap(c ->
                        Arrays.stream(Framing.values()).filter(f -> f.takes(c)).map(f -> Arguments.of(f, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("framingsWithCfb8AndCbc")
    @DisplayName("input that arrives a few bytes per read round-trips the same as input read in bulk")
    void shortReads(Framing framing, CipherAlgorithm cipher) throws Exception {
        byte[] plaintext = pseudoRandomBytes(3 * SMALL_CHUNK + 77);
        EncryptionOptions options = framing.options(cipher);
        Secret secret = framing.secret(cipher);
        byte[] expected = encrypt(new FileCipher(FixedRandom.seeded(4)), plaintext, options, secret);
        FileCipher fc = new FileCipher(FixedRandom.seeded(4));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        fc.encrypt(new TrickleInputStream(plaintext), out, options, secret);
        assertBytes(expected, out.toByteArray(), "ciphertext from short reads");

        out.reset();
        fc.decrypt(new TrickleInputStream(expected), out, options, secret);
        assertBytes(plaintext, out.toByteArray(), "plaintext from short reads");
    }

    @ParameterizedTest
    @EnumSource(Framing.class)
    @DisplayName("encrypt and decrypt close neither stream")
    void streamsAreLeftOpen(Framing framing) throws Exception {
        EncryptionOptions options = framing.options(CipherAlgorithm.ARC4);
        Secret secret = framing.secret(CipherAlgorithm.ARC4);
        FileCipher fc = new FileCipher(FixedRandom.seeded(5));
        CloseTracking.In in = new CloseTracking.In(pseudoRandomBytes(10));
        CloseTracking.Out out = new CloseTracking.Out();

        fc.encrypt(in, out, options, secret);
        CloseTracking.In encrypted = new CloseTracking.In(out.bytes());
        fc.decrypt(encrypted, new CloseTracking.Out(), options, secret);

        assertFalse(in.closed || out.closed || encrypted.closed, "a stream was closed");
    }

    @Test
    @DisplayName(
            "each stream cipher in the cookbook format records its own id and decrypts without being told the cipher")
    void everyCipherRecordsItself() throws Exception {
        byte[] plaintext = pseudoRandomBytes(SMALL_CHUNK + 9);
        for (CipherAlgorithm cipher : CipherTestSupport.streamCiphers().toList()) {
            FileCipher fc = new FileCipher(FixedRandom.seeded(6));
            byte[] ciphertext = encrypt(fc, plaintext, CipherTestSupport.cookbook(cipher), password("pw"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FileCipher.Result result =
                    fc.decrypt(new ByteArrayInputStream(ciphertext), out, EncryptionOptions.DEFAULT, password("pw"));
            assertEquals(cipher, result.cipher());
            assertNull(result.salt());
            assertBytes(plaintext, out.toByteArray(), cipher.toString());
        }
    }

    /** Hands out at most 1 to 7 bytes per read, varying, as a pipe or socket may. */
    static final class TrickleInputStream extends FilterInputStream {
        private int calls;

        TrickleInputStream(byte[] data) {
            super(new ByteArrayInputStream(data));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + calls++ % 7));
        }
    }

    /** Streams that remember being closed. */
    static final class CloseTracking {
        private CloseTracking() {}

        static final class In extends FilterInputStream {
            boolean closed;

            In(byte[] data) {
                super(new ByteArrayInputStream(data));
            }

            @Override
            public void close() throws IOException {
                closed = true;
                super.close();
            }
        }

        static final class Out extends FilterOutputStream {
            boolean closed;

            Out() {
                super(new ByteArrayOutputStream());
            }

            byte[] bytes() {
                return ((ByteArrayOutputStream) out).toByteArray();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                closed = true;
                super.close();
            }
        }
    }
}
