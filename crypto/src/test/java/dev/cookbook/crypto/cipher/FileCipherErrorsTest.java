package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.cipher.CipherTestSupport.concat;
import static dev.cookbook.crypto.cipher.CipherTestSupport.password;
import static dev.cookbook.crypto.cipher.CipherTestSupport.pseudoRandomBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cookbook.crypto.CryptoException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link FileCipher} says about input it cannot read and secrets that do not fit. */
class FileCipherErrorsTest {
    static final String NO_HEADER = "not encrypted by cookbook or 'openssl enc': no header";
    static final String NO_SALTED_HEADER = "not openssl's salted format: no 'Salted__' header";
    private static final Secret.Password PASSWORD = password("pw");

    static Stream<Arguments> garbage() {
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("one byte", new byte[] {'C'}),
                Arguments.of("seven bytes of the magic", utf8("CKBK-EN")),
                Arguments.of("the magic in lower case", utf8("ckbk-enc and more")),
                Arguments.of("openssl's magic in lower case", utf8("salted__12345678")),
                Arguments.of("text", utf8("Lorem ipsum dolor sit amet, consectetur adipiscing elit")),
                Arguments.of("random bytes", pseudoRandomBytes(4096)),
                Arguments.of("the magic one byte late", concat(new byte[] {0}, utf8("CKBK-ENC"), new byte[200])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    @DisplayName("input with no recognised header, read as cookbook's, is refused with the documented message")
    void noRecognisedHeader(String what, byte[] input) {
        assertRefusedWithoutAsking(input, EncryptionOptions.DEFAULT, NO_HEADER);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    @DisplayName("input with no recognised header, read as openssl's, is refused with the documented message")
    void noSaltedHeader(String what, byte[] input) {
        assertRefusedWithoutAsking(input, EncryptionOptions.OPENSSL, NO_SALTED_HEADER);
    }

    /**
     * Decrypting {@code input} fails with a plain CryptoException with {@code message}: nothing was
     * authenticated, no secret was asked for, nothing was written.
     */
    private static void assertRefusedWithoutAsking(byte[] input, EncryptionOptions options, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] asked = {0};
        CryptoException e = assertThrows(
                CryptoException.class,
                () -> new FileCipher().decrypt(new ByteArrayInputStream(input), out, options, envelope -> {
                    asked[0]++;
                    return PASSWORD;
                }));
        assertEquals(CryptoException.class, e.getClass(), "not an AuthenticationException: nothing was authenticated");
        assertEquals(message, e.getMessage());
        assertEquals(0, asked[0], "secrets asked for");
        assertEquals(0, out.size());
    }

    @Test
    @DisplayName("openssl's magic with less than the 8-byte salt after it is refused as cut short")
    void opensslSaltTruncated() {
        for (int saltBytes = 0; saltBytes < 8; saltBytes++) {
            assertRefusedWithoutAsking(
                    concat(utf8("Salted__"), new byte[saltBytes]),
                    EncryptionOptions.OPENSSL,
                    "cut short: the salt after 'Salted__' is incomplete");
        }
    }

    /**
     * openssl writes an empty plaintext as its 16-byte header alone, which cannot be told from a
     * file cut right after its salt; the library refuses it rather than answer "empty" for a cut file.
     */
    @Test
    @DisplayName("openssl's magic and salt with no ciphertext is refused, before the password is asked for")
    void opensslHeaderOnly() {
        assertRefusedWithoutAsking(
                concat(utf8("Salted__"), new byte[8]),
                EncryptionOptions.OPENSSL.toBuilder().iterations(1).build(),
                "nothing after the salt: the file was cut short (or encrypts an empty file, which nothing can "
                        + "tell apart)");
    }

    @ParameterizedTest
    @EnumSource(
            value = Format.class,
            names = {"COOKBOOK", "OPENSSL"})
    @DisplayName("a raw key for a password format is refused before anything is written")
    void rawKeyForPasswordFormat(Format format) {
        EncryptionOptions options = CipherTestSupport.options(CipherAlgorithm.DES_CFB, format, Kdf.PBKDF2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new FileCipher()
                        .encrypt(
                                new ByteArrayInputStream(new byte[10]),
                                out,
                                options,
                                new Secret.RawKey(new byte[8], new byte[8])));
        assertEquals(
                format == Format.COOKBOOK
                        ? "the cookbook format takes a password or recipients"
                        : "the openssl format takes a password; a raw key needs the raw format",
                e.getMessage());
        assertEquals(0, out.size());
    }

    @Test
    @DisplayName("a password for the raw format is refused")
    void passwordForRawFormat() {
        EncryptionOptions options = CipherTestSupport.options(CipherAlgorithm.DES_CFB, Format.RAW, Kdf.PBKDF2);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new FileCipher()
                        .encrypt(
                                new ByteArrayInputStream(new byte[10]),
                                new ByteArrayOutputStream(),
                                options,
                                PASSWORD));
        assertEquals("the raw format needs a key and IV, not a password", e.getMessage());
    }

    @Test
    @DisplayName("a raw key or IV of the wrong length is refused, naming the lengths")
    void rawKeyOfWrongLength() {
        EncryptionOptions options = CipherTestSupport.options(CipherAlgorithm.DES3_CFB, Format.RAW, Kdf.PBKDF2);
        Secret shortKey = new Secret.RawKey(new byte[16], new byte[8]);
        Secret noIv = new Secret.RawKey(new byte[24], null);

        assertEquals(
                "des-ede3-cfb needs a 24-byte key, not 16",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new FileCipher()
                                        .encrypt(
                                                new ByteArrayInputStream(new byte[10]),
                                                new ByteArrayOutputStream(),
                                                options,
                                                shortKey))
                        .getMessage());
        assertEquals(
                "des-ede3-cfb needs a 24-byte key, not 16",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new FileCipher()
                                        .decrypt(
                                                new ByteArrayInputStream(new byte[10]),
                                                new ByteArrayOutputStream(),
                                                options,
                                                shortKey))
                        .getMessage());
        assertEquals(
                "des-ede3-cfb needs a 8-byte IV, not 0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new FileCipher()
                                        .encrypt(
                                                new ByteArrayInputStream(new byte[10]),
                                                new ByteArrayOutputStream(),
                                                options,
                                                noIv))
                        .getMessage());
        // Decrypting with no IV: FileCipherThreadsTest, where it depends on the thread count.
    }

    @Test
    @DisplayName("a raw key decrypts whatever it is given that starts with neither format's magic")
    void rawKeyMeansRawData() throws Exception {
        EncryptionOptions options = CipherTestSupport.options(CipherAlgorithm.ARC4, Format.RAW, Kdf.PBKDF2);
        byte[] input = utf8("CKBK-EN, but this is raw data");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FileCipher.Result r = new FileCipher()
                .decrypt(new ByteArrayInputStream(input), out, options, new Secret.RawKey(new byte[16], null));
        assertEquals(Format.RAW, r.format());
        assertEquals(Encoding.BINARY, r.encoding());
        assertEquals(input.length, out.size());
        assertEquals(input.length, r.bytes());
    }

    @Test
    @DisplayName("a cookbook file read with a raw key is refused for the key, not as damage")
    void cookbookFileWithARawKey() throws Exception {
        byte[] file = CipherTestSupport.encrypt(
                new FileCipher(), utf8("data"), CipherTestSupport.cookbook(CipherAlgorithm.ARC4), PASSWORD);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CipherTestSupport.decrypt(
                        new FileCipher(),
                        file,
                        CipherTestSupport.cookbook(CipherAlgorithm.ARC4),
                        new Secret.RawKey(new byte[16], null)));
        assertEquals("the cookbook format is opened with a password or a private key", e.getMessage());
    }

    @Test
    @DisplayName("Secret.destroy zeroes the password, the key and the IV")
    void secretDestroy() {
        Secret.Password p = password("secret");
        p.destroy();
        assertEquals("\0".repeat(6), new String(p.chars()));
        Secret.RawKey k = new Secret.RawKey(pseudoRandomBytes(8), pseudoRandomBytes(8, 1));
        k.destroy();
        assertArrayEquals(new byte[8], k.key());
        assertArrayEquals(new byte[8], k.iv());
        new Secret.RawKey(new byte[16], null).destroy(); // RC4: no IV to wipe
    }
}
