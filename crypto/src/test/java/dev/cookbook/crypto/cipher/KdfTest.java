package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.cipher.CipherTestSupport.concat;
import static dev.cookbook.crypto.cipher.CipherTestSupport.hex;
import static dev.cookbook.crypto.cipher.CipherTestSupport.pseudoRandomBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.unhex;
import static dev.cookbook.crypto.cipher.CipherTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.stream.Stream;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.generators.OpenSSLPBEParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Kdf} against published vectors, against values computed by other implementations
 * (Python's hashlib, {@code openssl enc -P}) and recorded here, and against Bouncy Castle's
 * generators as a second implementation for inputs no one published.
 */
class KdfTest {
    /** A password with 2-, 3- and 4-byte UTF-8 sequences (the last a surrogate pair in Java). */
    static final String NON_ASCII_PASSWORD = "pässwörd €✓ 🔑";

    /**
     * PBKDF2-HMAC-SHA-256: RFC 7914 section 11 (dkLen 64), and the widely reproduced vectors for
     * P="password", S="salt" (dkLen 32, c = 1, 2, 4096), all confirmed with Python 3.11's
     * {@code hashlib.pbkdf2_hmac}.
     */
    static Stream<Arguments> pbkdf2Vectors() {
        return Stream.of(
                Arguments.of("password", "salt", 1, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"),
                Arguments.of("password", "salt", 2, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"),
                Arguments.of(
                        "password", "salt", 4096, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"),
                Arguments.of(
                        "passwd",
                        "salt",
                        1,
                        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
                Arguments.of(
                        "Password",
                        "NaCl",
                        80000,
                        "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
                                + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"),
                // Above Kdf.SMALL_ITERATIONS, where the JDK's implementation takes over (hashlib's values).
                Arguments.of(
                        "password", "salt", 100001, "ceb01179b54c4178973f9b6b7d6ed30d0c6cf23b0ad170f2d68ef9bfb34c4786"),
                Arguments.of(
                        "password", "salt", 600000, "669cfe52482116fda1aa2cbe409b2f56c8e4563752b7a28f6eaab614ee005178"),
                Arguments.of(
                        "pässwörd",
                        "NaCl",
                        150000,
                        "419f6955b5d92774395089012f551ac706583044968dda410b87b01f92de1080" + "aefc2820257cba30"));
    }

    @ParameterizedTest(name = "P={0} S={1} c={2}")
    @MethodSource("pbkdf2Vectors")
    @DisplayName("PBKDF2_SHA256 gives the published PBKDF2-HMAC-SHA-256 output")
    void pbkdf2PublishedVectors(String password, String salt, int iterations, String expectedHex) {
        byte[] derived =
                Kdf.PBKDF2_SHA256.derive(password.toCharArray(), utf8(salt), iterations, expectedHex.length() / 2);
        assertEquals(expectedHex, hex(derived));
    }

    @Test
    @DisplayName("PBKDF2_SHA256 hashes a non-ASCII password as UTF-8, as Python's hashlib.pbkdf2_hmac does")
    void pbkdf2NonAsciiPasswordMatchesPython() {
        // python3 -c 'import hashlib; print(hashlib.pbkdf2_hmac("sha256", "pässwörd €✓ 🔑".encode(),
        //     bytes.fromhex("0001020304050607"), 1000, 40).hex())'   (Python 3.11.7)
        String python = "1afd6656d12e30a863775c490ef34164771a020c9c1330b49249476b320f52088c824854c2d792d8";
        byte[] derived =
                Kdf.PBKDF2_SHA256.derive(NON_ASCII_PASSWORD.toCharArray(), unhex("0001020304050607"), 1000, 40);
        assertEquals(python, hex(derived));
    }

    /**
     * Key and IV as {@code openssl enc -<cipher> -S 0102030405060708 -pass pass:<pw> -P} printed them
     * (OpenSSL 3.0.19), with {@code -md md5} for EVP_MD5 and {@code -pbkdf2 -iter 1000 -md sha256}
     * for PBKDF2. The live comparison with openssl is in {@link OpensslInteropTest}.
     */
    static Stream<Arguments> opensslPrintedKeys() {
        return Stream.of(
                Arguments.of(
                        Kdf.EVP_MD5,
                        "password",
                        CipherAlgorithm.DES3_CFB,
                        "e7b0971e52ca5cc8d0539fb3412f6316f7ba2e6ee293d9f3",
                        "457b99436b51ce02"),
                Arguments.of(
                        Kdf.EVP_MD5,
                        "correct horse battery staple",
                        CipherAlgorithm.DES3_CFB,
                        "6f920a43e427bc52eb313ace899b93b1f97d81751def5647",
                        "ebab3f3bb7d0f679"),
                Arguments.of(
                        Kdf.EVP_MD5,
                        NON_ASCII_PASSWORD,
                        CipherAlgorithm.DES3_CFB,
                        "901c36278a90e4581b4d5ecd14e889445b5c53a441631fbd",
                        "f47ab7597eca2355"),
                Arguments.of(Kdf.EVP_MD5, "password", CipherAlgorithm.ARC4, "e7b0971e52ca5cc8d0539fb3412f6316", ""),
                Arguments.of(
                        Kdf.PBKDF2_SHA256,
                        "password",
                        CipherAlgorithm.DES3_CFB,
                        "5ce847a8c3daa60b98da70c6b06031296d2534320c343181",
                        "3b84b3fa4473c54d"),
                Arguments.of(
                        Kdf.PBKDF2_SHA256,
                        "correct horse battery staple",
                        CipherAlgorithm.DES3_CFB,
                        "c4c245387fcd41b9f6f9f5595695bef268827b7e45595179",
                        "5e3c20638cadacdb"),
                Arguments.of(
                        Kdf.PBKDF2_SHA256,
                        NON_ASCII_PASSWORD,
                        CipherAlgorithm.DES3_CFB,
                        "9e45bba41a177baf6aab64e71d362aa88f88b402ee76f011",
                        "bb4f870bd60f3338"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("opensslPrintedKeys")
    @DisplayName("derive gives openssl's key then IV, for the cipher's key and IV lengths")
    void keyAndIvAsOpensslPrintsThem(Kdf kdf, String password, CipherAlgorithm cipher, String keyHex, String ivHex) {
        byte[] derived = kdf.derive(
                password.toCharArray(), unhex("0102030405060708"), 1000, cipher.keyLength() + cipher.ivLength());
        assertEquals(keyHex, hex(Arrays.copyOf(derived, cipher.keyLength())));
        assertEquals(ivHex, hex(Arrays.copyOfRange(derived, cipher.keyLength(), derived.length)));
    }

    @Test
    @DisplayName("EVP_MD5 is MD5(password || salt), then MD5(previous || password || salt), ...")
    void evpMd5FirstBlockIsMd5OfPasswordAndSalt() throws Exception {
        byte[] salt = unhex("0102030405060708");
        byte[] first = MessageDigest.getInstance("MD5").digest(concat(utf8("pw"), salt));
        assertEquals(hex(first), hex(Kdf.EVP_MD5.derive("pw".toCharArray(), salt, 1, 16)));
    }

    @Test
    @DisplayName("EVP_MD5 ignores the iteration count, as openssl without -pbkdf2 runs once")
    void evpMd5IgnoresIterations() {
        byte[] salt = unhex("0102030405060708");
        assertArrayEquals(
                Kdf.EVP_MD5.derive("pw".toCharArray(), salt, 1, 32),
                Kdf.EVP_MD5.derive("pw".toCharArray(), salt, 50_000, 32));
    }

    static Stream<Arguments> passwordsSaltsAndLengths() {
        return Stream.of(
                Arguments.of("", 8, 1),
                Arguments.of("", 16, 32),
                Arguments.of("a", 8, 16),
                Arguments.of("password", 8, 32),
                Arguments.of(NON_ASCII_PASSWORD, 8, 24),
                Arguments.of(NON_ASCII_PASSWORD, 16, 33),
                Arguments.of("x".repeat(200), 8, 64),
                Arguments.of("tab\tnewline\nnul\0", 16, 100));
    }

    @ParameterizedTest(name = "password of {0} chars, {1}-byte salt, {2} bytes")
    @MethodSource("passwordsSaltsAndLengths")
    @DisplayName("PBKDF2_SHA256's two engines, Bouncy Castle's and the JDK's, agree (UTF-8 password)")
    void pbkdf2EnginesAgree(String password, int saltLength, int length) {
        byte[] salt = pseudoRandomBytes(saltLength);
        byte[] jdk = Kdf.pbkdf2Jdk(password.toCharArray(), salt, 1000, length);

        assertEquals(hex(jdk), hex(Kdf.pbkdf2BouncyCastle(password.toCharArray(), salt, 1000, length)));
        assertEquals(hex(jdk), hex(Kdf.PBKDF2_SHA256.derive(password.toCharArray(), salt, 1000, length)));
    }

    @ParameterizedTest(name = "password of {0} chars, {1}-byte salt, {2} bytes")
    @MethodSource("passwordsSaltsAndLengths")
    @DisplayName("EVP_MD5 agrees with Bouncy Castle's OpenSSLPBEParametersGenerator (EVP_BytesToKey, MD5)")
    void evpMd5AgreesWithBouncyCastle(String password, int saltLength, int length) {
        byte[] salt = pseudoRandomBytes(saltLength);
        OpenSSLPBEParametersGenerator reference = new OpenSSLPBEParametersGenerator(new MD5Digest());
        reference.init(PBEParametersGenerator.PKCS5PasswordToUTF8Bytes(password.toCharArray()), salt);
        byte[] expected = ((KeyParameter) reference.generateDerivedParameters(length * 8)).getKey();

        assertEquals(hex(expected), hex(Kdf.EVP_MD5.derive(password.toCharArray(), salt, 1, length)));
    }

    @Test
    @DisplayName("derive leaves the caller's password as it was")
    void passwordIsNotWiped() {
        char[] password = "secret".toCharArray();
        Kdf.PBKDF2_SHA256.derive(password, unhex("0102030405060708"), 1, 16);
        Kdf.EVP_MD5.derive(password, unhex("0102030405060708"), 1, 16);
        assertEquals("secret", new String(password));
    }
}
