package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.cipher.CipherTestSupport.SMALL_CHUNK;
import static dev.cookbook.crypto.cipher.CipherTestSupport.TEST_ITERATIONS;
import static dev.cookbook.crypto.cipher.CipherTestSupport.assertBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.encrypt;
import static dev.cookbook.crypto.cipher.CipherTestSupport.hex;
import static dev.cookbook.crypto.cipher.CipherTestSupport.password;
import static dev.cookbook.crypto.cipher.CipherTestSupport.pseudoRandomBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cookbook.crypto.AuthenticationException;
import dev.cookbook.crypto.cipher.CipherTestSupport.FixedRandom;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cookbook format as {@link SealedFormat}'s Javadoc describes it, checked from the outside:
 * the header field by field, and a decoder written here from that description alone (Bouncy
 * Castle's PBKDF2 and HKDF, the JDK's HMAC and its own DES, triple DES and RC4) reads what
 * {@link FileCipher} writes.
 */
class SealedFormatLayoutTest {
    // Header offsets, from the layout in SealedFormat's Javadoc.
    static final int MAGIC = 0;
    static final int VERSION = 8;
    static final int CIPHER_ID = 9;
    static final int LOG2_CHUNK_SIZE = 10;
    static final int NONCE = 11;
    static final int STANZA_COUNT = NONCE + 16;
    static final int STANZA_TYPE = STANZA_COUNT + 1;
    static final int STANZA_LENGTH = STANZA_TYPE + 1;
    static final int ITERATIONS = STANZA_LENGTH + 2;
    static final int SALT = ITERATIONS + 4;
    static final int WRAPPED_KEY = SALT + 16;
    static final int HEADER_MAC = WRAPPED_KEY + 32;
    /** A header with one password stanza: 115 bytes. */
    static final int HEADER_LENGTH = HEADER_MAC + 32;

    /** The cipher numbers of the format, which are never reused. */
    static final Map<CipherAlgorithm, Integer> CIPHER_IDS = Map.of(
            CipherAlgorithm.DES_CFB,
            1,
            CipherAlgorithm.DES_CFB8,
            2,
            CipherAlgorithm.DES3_CFB,
            3,
            CipherAlgorithm.DES3_CFB8,
            4,
            CipherAlgorithm.ARC4,
            5);

    /** The header fields of a file with one password stanza, read at the documented offsets. */
    record ParsedHeader(
            byte[] magic,
            int version,
            int cipherId,
            int log2ChunkSize,
            byte[] nonce,
            int stanzaCount,
            int stanzaType,
            int stanzaLength,
            int iterations,
            byte[] salt,
            byte[] wrappedKey,
            byte[] headerMac,
            byte[] authenticated) {
        static ParsedHeader parse(byte[] file) {
            ByteBuffer b = ByteBuffer.wrap(file); // big-endian, as the format
            return new ParsedHeader(
                    bytes(b, 8),
                    b.get() & 0xff,
                    b.get() & 0xff,
                    b.get() & 0xff,
                    bytes(b, 16),
                    b.get() & 0xff,
                    b.get() & 0xff,
                    b.getShort() & 0xffff,
                    b.getInt(),
                    bytes(b, 16),
                    bytes(b, 32),
                    bytes(b, 32),
                    Arrays.copyOf(file, HEADER_MAC));
        }

        private static byte[] bytes(ByteBuffer b, int n) {
            byte[] out = new byte[n];
            b.get(out);
            return out;
        }
    }

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#streamCiphers")
    @DisplayName("the header holds the documented fields at the documented offsets, with what was drawn and chosen")
    void headerFieldByField(CipherAlgorithm cipher) throws Exception {
        // The counting source hands out the file key 00..1f, then the nonce 20..2f, then the salt 30..3f.
        byte[] fileKey = counting(0x00, 32);
        byte[] plaintext = pseudoRandomBytes(10);
        byte[] file = encrypt(
                new FileCipher(FixedRandom.counting()), plaintext, CipherTestSupport.cookbook(cipher), password("pw"));

        ParsedHeader h = ParsedHeader.parse(file);

        assertEquals("CKBK-ENC", new String(h.magic(), StandardCharsets.US_ASCII));
        assertEquals(1, h.version());
        assertEquals(CIPHER_IDS.get(cipher), h.cipherId());
        assertEquals(10, h.log2ChunkSize(), "log2 of the 1 KiB chunk size");
        assertEquals(hex(counting(0x20, 16)), hex(h.nonce()));
        assertEquals(1, h.stanzaCount());
        assertEquals(1, h.stanzaType(), "password stanza");
        assertEquals(4 + 16 + 32, h.stanzaLength());
        assertEquals(TEST_ITERATIONS, h.iterations());
        assertEquals(hex(counting(0x30, 16)), hex(h.salt()));
        assertEquals(
                hex(xor(fileKey, pbkdf2("pw", h.salt(), TEST_ITERATIONS))),
                hex(h.wrappedKey()),
                "the file key XOR PBKDF2(password, salt, iterations)");
        byte[] headerMacKey = hkdf(fileKey, h.nonce(), "header mac", 32);
        assertEquals(
                hex(hmac(headerMacKey, h.authenticated())), hex(h.headerMac()), "HMAC of every header byte before it");
        assertEquals(HEADER_LENGTH + plaintext.length + SealedFormat.TAG_LENGTH, file.length);
    }

    /**
     * CBC's ids (6, 7) are openssl's format's ciphers, never the cookbook format's: a header naming
     * one, even with a header MAC that checks out (anyone with a recipient's public key can write
     * one), is refused as damaged. The reader used to take them and fail at the first chunk with
     * newStream's IllegalArgumentException, an unchecked error, instead of a CryptoException.
     */
    @ParameterizedTest
    @ValueSource(ints = {6, 7})
    @DisplayName("regression: a header with CBC's cipher id and a valid MAC is refused as an unknown cipher")
    void cbcIdsAreUnknownToTheCookbookFormat(int id) throws Exception {
        // The counting source hands out the file key 00..1f, then the nonce 20..2f.
        byte[] file = encrypt(
                new FileCipher(FixedRandom.counting()),
                pseudoRandomBytes(10),
                CipherTestSupport.cookbook(CipherAlgorithm.DES_CFB),
                password("pw"));
        file[CIPHER_ID] = (byte) id;
        ParsedHeader h = ParsedHeader.parse(file);
        byte[] mac = hmac(hkdf(counting(0x00, 32), h.nonce(), "header mac", 32), h.authenticated());
        System.arraycopy(mac, 0, file, HEADER_MAC, mac.length);

        AuthenticationException e = assertThrows(
                AuthenticationException.class,
                () -> CipherTestSupport.decrypt(
                        new FileCipher(), file, CipherTestSupport.cookbook(CipherAlgorithm.ARC4), password("pw")));
        assertEquals("the file's header is damaged: unknown cipher", e.getMessage());
    }

    @Test
    @DisplayName("the header's chunk size is log2 of the option, from 1 KiB to 16 MiB")
    void log2ChunkSize() throws Exception {
        for (int log2 : new int[] {10, 11, 16, 24}) {
            EncryptionOptions options = CipherTestSupport.cookbook(CipherAlgorithm.ARC4).toBuilder()
                    .chunkSize(1 << log2)
                    .build();
            byte[] file = encrypt(new FileCipher(FixedRandom.counting()), new byte[0], options, password("pw"));
            assertEquals(log2, ParsedHeader.parse(file).log2ChunkSize());
        }
    }

    static Stream<Arguments> ciphersAndSizes() {
        List<Arguments> cases = new ArrayList<>();
        for (CipherAlgorithm cipher : CipherTestSupport.streamCiphers().toList()) {
            for (int size : new int[] {0, 1, SMALL_CHUNK, SMALL_CHUNK + 1, 2 * SMALL_CHUNK, 3 * SMALL_CHUNK + 500}) {
                cases.add(Arguments.of(cipher, size));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} bytes")
    @MethodSource("ciphersAndSizes")
    @DisplayName("a decoder written from the Javadoc alone, with other implementations, reads FileCipher's output")
    void independentDecoderReadsTheFormat(CipherAlgorithm cipher, int size) throws Exception {
        byte[] plaintext = pseudoRandomBytes(size);
        byte[] file = encrypt(
                new FileCipher(FixedRandom.seeded(size)),
                plaintext,
                CipherTestSupport.cookbook(cipher),
                password("open sesame"));

        assertBytes(plaintext, SpecDecoder.decrypt(file, "open sesame"), "plaintext decoded by the spec");
    }

    /** The cookbook format decoded as SealedFormat's Javadoc says, for a header with one password stanza. */
    static final class SpecDecoder {
        private static final Map<Integer, String[]> JCE = Map.of(
                1, new String[] {"DES/CFB/NoPadding", "DES"},
                2, new String[] {"DES/CFB8/NoPadding", "DES"},
                3, new String[] {"DESede/CFB/NoPadding", "DESede"},
                4, new String[] {"DESede/CFB8/NoPadding", "DESede"},
                5, new String[] {"ARCFOUR", "ARCFOUR"});
        private static final Map<Integer, Integer> KEY_LENGTHS = Map.of(1, 8, 2, 8, 3, 24, 4, 24, 5, 16);

        private SpecDecoder() {}

        static byte[] decrypt(byte[] file, String password) throws GeneralSecurityException {
            ParsedHeader h = ParsedHeader.parse(file);
            byte[] fileKey = xor(h.wrappedKey(), pbkdf2(password, h.salt(), h.iterations()));
            byte[] nonce = h.nonce();
            assertEquals(
                    hex(hmac(hkdf(fileKey, nonce, "header mac", 32), h.authenticated())),
                    hex(h.headerMac()),
                    "header MAC");
            byte[] payloadMacKey = hkdf(fileKey, nonce, "payload mac", 32);
            byte[] chunkKey = hkdf(fileKey, nonce, "chunk key", 32);
            int keyLength = KEY_LENGTHS.get(h.cipherId());
            byte[] cipherKey = hkdf(fileKey, nonce, "cipher key", keyLength);
            String[] jce = JCE.get(h.cipherId());
            int chunkSize = 1 << h.log2ChunkSize();

            ByteBuffer plaintext = ByteBuffer.allocate(file.length);
            int pos = HEADER_LENGTH;
            for (long i = 0; ; i++) {
                int wire = Math.min(chunkSize + 32, file.length - pos);
                boolean last = pos + wire == file.length;
                byte[] ciphertext = Arrays.copyOfRange(file, pos, pos + wire - 32);
                byte[] tag = Arrays.copyOfRange(file, pos + wire - 32, pos + wire);
                byte[] index = ByteBuffer.allocate(8).putLong(i).array();
                byte[] expectedTag = hmac(
                        payloadMacKey, CipherTestSupport.concat(index, new byte[] {(byte) (last ? 1 : 0)}, ciphertext));
                assertEquals(hex(expectedTag), hex(tag), "tag of chunk " + i);
                if (!last) {
                    assertEquals(chunkSize, ciphertext.length, "every chunk but the last is full");
                }
                byte[] material = hmac(chunkKey, index);
                Cipher c = Cipher.getInstance(jce[0]);
                if (h.cipherId() == 5) {
                    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Arrays.copyOf(material, 16), jce[1]));
                } else {
                    c.init(
                            Cipher.DECRYPT_MODE,
                            new SecretKeySpec(cipherKey, jce[1]),
                            new IvParameterSpec(Arrays.copyOf(material, 8)));
                }
                plaintext.put(c.doFinal(ciphertext));
                pos += wire;
                if (last) {
                    return Arrays.copyOf(plaintext.array(), plaintext.position());
                }
            }
        }
    }

    @Test
    @DisplayName("the JCE transformations the decoder uses are the modes the ciphers claim (FIPS 81 CFB-64 check)")
    void decoderCipherIsCfb64() throws Exception {
        Cipher c = Cipher.getInstance("DES/CFB/NoPadding");
        c.init(
                Cipher.ENCRYPT_MODE,
                new SecretKeySpec(CipherTestSupport.unhex("0123456789abcdef"), "DES"),
                new IvParameterSpec(CipherTestSupport.unhex("1234567890abcdef")));
        assertEquals(
                "f3096249c7f46e51a69e839b1a92f78403467133898ea622",
                hex(c.doFinal(CipherTestSupport.utf8("Now is the time for all "))));
    }

    // ----------------------------------------------------------------------- reference primitives

    static byte[] counting(int first, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    /** Bouncy Castle's PBKDF2-HMAC-SHA-256 of the UTF-8 password, 32 bytes. */
    static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(new SHA256Digest());
        g.init(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
        return ((KeyParameter) g.generateDerivedParameters(256)).getKey();
    }

    /** HKDF-SHA-256 with the nonce as salt and "cookbook-enc v1 " + purpose as info. */
    static byte[] hkdf(byte[] fileKey, byte[] nonce, String purpose, int length) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(fileKey, nonce, ("cookbook-enc v1 " + purpose).getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }

    static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
