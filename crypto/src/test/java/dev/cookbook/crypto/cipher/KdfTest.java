package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.cipher.CipherTestSupport.concat;
import static dev.cookbook.crypto.cipher.CipherTestSupport.hex;
import static dev.cookbook.crypto.cipher.CipherTestSupport.pseudoRandomBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.unhex;
import static dev.cookbook.crypto.cipher.CipherTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.generators.OpenSSLPBEParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Kdf} over every {@link KdfDigest} against published vectors, against values computed by other implementations
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
    @DisplayName("PBKDF2 over SHA-256 gives the published PBKDF2-HMAC-SHA-256 output")
    void pbkdf2PublishedVectors(String password, String salt, int iterations, String expectedHex) {
        byte[] derived = Kdf.PBKDF2.derive(
                KdfDigest.SHA256, password.toCharArray(), utf8(salt), iterations, expectedHex.length() / 2);
        assertEquals(expectedHex, hex(derived));
    }

    /**
     * PBKDF2 over the other digests: RFC 6070 for HMAC-SHA-1 (all its vectors but the one of
     * 16,777,216 iterations); for HMAC-SHA-512 the widely reproduced P="password", S="salt" vectors;
     * the rest computed with Python 3.11.7's {@code hashlib.pbkdf2_hmac(d, P, S, c, dkLen).hex()}.
     * The counts above {@link Kdf#SMALL_ITERATIONS} run on the JDK's implementation (on Bouncy
     * Castle's for MD5, which the JDK lacks).
     */
    static Stream<Arguments> pbkdf2OtherDigestVectors() {
        return Stream.of(
                // RFC 6070
                Arguments.of(KdfDigest.SHA1, "password", "salt", 1, "0c60c80f961f0e71f3a9b524af6012062fe037a6"),
                Arguments.of(KdfDigest.SHA1, "password", "salt", 2, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"),
                Arguments.of(KdfDigest.SHA1, "password", "salt", 4096, "4b007901b765489abead49d926f721d065a429c1"),
                Arguments.of(
                        KdfDigest.SHA1,
                        "passwordPASSWORDpassword",
                        "saltSALTsaltSALTsaltSALTsaltSALTsalt",
                        4096,
                        "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"),
                Arguments.of(KdfDigest.SHA1, "pass\0word", "sa\0lt", 4096, "56fa6aa75548099dcc37d7f03425e0c3"),
                // PBKDF2-HMAC-SHA-512
                Arguments.of(
                        KdfDigest.SHA512,
                        "password",
                        "salt",
                        1,
                        "867f70cf1ade02cff3752599a3a53dc4af34c7a669815ae5d513554e1c8cf252"
                                + "c02d470a285a0501bad999bfe943c08f050235d7d68b1da55e63f73b60a57fce"),
                Arguments.of(
                        KdfDigest.SHA512,
                        "password",
                        "salt",
                        2,
                        "e1d9c16aa681708a45f5c7c4e215ceb66e011a2e9f0040713f18aefdb866d53c"
                                + "f76cab2868a39b9f7840edce4fef5a82be67335c77a6068e04112754f27ccf4e"),
                Arguments.of(
                        KdfDigest.SHA512,
                        "password",
                        "salt",
                        4096,
                        "d197b1b33db0143e018b12f3d1d1479e6cdebdcc97c5c0f87f6902e072f457b5"
                                + "143f30602641b3d55cd335988cb36b84376060ecd532e039b742a239434af2d5"),
                // hashlib, 1000 iterations, 40 bytes: more than one block of MD5 and SHA-224
                Arguments.of(
                        KdfDigest.MD5,
                        "password",
                        "salt",
                        1000,
                        "8d189946a32d883622a16ae18af0632f5791d5e7b1abb0ab1757d28ce34056140335105994495f91"),
                Arguments.of(
                        KdfDigest.SHA224,
                        "password",
                        "salt",
                        1000,
                        "d3bcf320fd918908eafcaa460faf40e201f6508d4e6f3d9c1c0abd30dae08cc8b1bc0657e2ebc229"),
                Arguments.of(
                        KdfDigest.SHA384,
                        "password",
                        "salt",
                        1000,
                        "3bd37e2236941d4a77b1b5b714c6f913fabb6b0841a6d7d8656b99d611e900fe06edb93b5b809efa"),
                // hashlib, 100,001 iterations: the JDK's engine (Bouncy Castle's for MD5)
                Arguments.of(
                        KdfDigest.MD5,
                        "password",
                        "salt",
                        100_001,
                        "2632b213159cfcc7ae8246aa954081c977db37856fe9bb452e8fb6736351928d"),
                Arguments.of(
                        KdfDigest.SHA1,
                        "password",
                        "salt",
                        100_001,
                        "3a6e9184eda8db63f66090c98c33c2c23389ad4d39de4236e156854d8370c0ab"),
                Arguments.of(
                        KdfDigest.SHA224,
                        "password",
                        "salt",
                        100_001,
                        "fc843b55748ea535b06a7dcb4f589972da62a793a4352494e23387c7ffb1831d"),
                Arguments.of(
                        KdfDigest.SHA384,
                        "password",
                        "salt",
                        100_001,
                        "52a65776c05e5e1a9ccb2a4e9ed453176f39553545fde9ed1e7c9344bca61738"),
                Arguments.of(
                        KdfDigest.SHA512,
                        "password",
                        "salt",
                        100_001,
                        "1173485d1adf716d519d534f0b30f2db437d3e72defaa5ca11fa9d51540c2521"));
    }

    @ParameterizedTest(name = "{0} P={1} S={2} c={3}")
    @MethodSource("pbkdf2OtherDigestVectors")
    @DisplayName("PBKDF2 over MD5, SHA-1, SHA-224, SHA-384 and SHA-512 gives the published or hashlib's output")
    void pbkdf2OtherDigests(KdfDigest digest, String password, String salt, int iterations, String expectedHex) {
        byte[] derived =
                Kdf.PBKDF2.derive(digest, password.toCharArray(), utf8(salt), iterations, expectedHex.length() / 2);
        assertEquals(expectedHex, hex(derived));
    }

    /**
     * python3 -c 'import hashlib; print(hashlib.pbkdf2_hmac(D, "pässwörd €✓ 🔑".encode(),
     * bytes.fromhex("0001020304050607"), 1000, 40).hex())' (Python 3.11.7), for each digest D.
     */
    static Stream<Arguments> nonAsciiPbkdf2() {
        return Stream.of(
                Arguments.of(
                        KdfDigest.MD5,
                        "706b47a21af8340744326f2abaaaaaaef97c9a1e6334fc54295dd5aa9930e2a4010a17de6ba428f6"),
                Arguments.of(
                        KdfDigest.SHA1,
                        "a2df73d79f692e62cecad355b388ef73c9cb68ed081cbe7dd645d0b1a03260d9d7d2cef7bdb960a1"),
                Arguments.of(
                        KdfDigest.SHA224,
                        "04eb43f8352551f63913a8a09119762db0bbd1ba665aea508367da53b53cc9097a5b6ac84121cad0"),
                Arguments.of(
                        KdfDigest.SHA256,
                        "1afd6656d12e30a863775c490ef34164771a020c9c1330b49249476b320f52088c824854c2d792d8"),
                Arguments.of(
                        KdfDigest.SHA384,
                        "afa4700fc6c6126ebfa0d4cc2b5bd19e1a8d1d4eda58a1f6ab14425d21c28cf2c88b636d6be2ae1d"),
                Arguments.of(
                        KdfDigest.SHA512,
                        "ca9693b8a585d0db7b037041386be01a8b2633a267679bf72d094da19cfcef025563ebd0fd7cbf5e"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonAsciiPbkdf2")
    @DisplayName("PBKDF2 hashes a non-ASCII password as UTF-8, as Python's hashlib.pbkdf2_hmac does, over every digest")
    void pbkdf2NonAsciiPasswordMatchesPython(KdfDigest digest, String python) {
        byte[] derived =
                Kdf.PBKDF2.derive(digest, NON_ASCII_PASSWORD.toCharArray(), unhex("0001020304050607"), 1000, 40);
        assertEquals(python, hex(derived));
    }

    /**
     * Key and IV as {@code openssl enc -<cipher> -S 0102030405060708 -pass file:F -P} printed them
     * (OpenSSL 3.0.19), with {@code -md D} for EVP_BytesToKey and {@code -pbkdf2 -iter 1000 -md D}
     * for PBKDF2: every derivation, for "password" and a non-ASCII password, and RC4's key alone.
     * The live comparison with openssl is in {@link OpensslInteropTest}.
     */
    static Stream<Arguments> opensslPrintedKeys() {
        String p = "password";
        String n = NON_ASCII_PASSWORD;
        CipherAlgorithm des3 = CipherAlgorithm.DES3_CFB;
        Kdf evp = Kdf.EVP_BYTES_TO_KEY;
        Kdf pbkdf2 = Kdf.PBKDF2;
        return Stream.of(
                Arguments.of(
                        evp,
                        KdfDigest.MD5,
                        p,
                        des3,
                        "e7b0971e52ca5cc8d0539fb3412f6316f7ba2e6ee293d9f3",
                        "457b99436b51ce02"),
                Arguments.of(
                        evp,
                        KdfDigest.SHA1,
                        p,
                        des3,
                        "37ebd7b0dda7cbc993a9de9962e1dc2551ef134d19e96e7c",
                        "e1fa3eadb854dcb5"),
                Arguments.of(
                        evp,
                        KdfDigest.SHA224,
                        p,
                        des3,
                        "e140c0a2164168e450e0a776ed9d2014ca64181ee0a03e0a",
                        "b73b8f3314a23ec3"),
                Arguments.of(
                        evp,
                        KdfDigest.SHA256,
                        p,
                        des3,
                        "2435177f1410536baad2acc155c0f94783d58384573cb0f7",
                        "2157443606285d3f"),
                Arguments.of(
                        evp,
                        KdfDigest.SHA384,
                        p,
                        des3,
                        "e69eb0ebb6bdb74c62c8d0909db36d2608c80eb7dd21b5c8",
                        "450885cfed634c2a"),
                Arguments.of(
                        evp,
                        KdfDigest.SHA512,
                        p,
                        des3,
                        "73035584eb80000d683e7f822fec12d5fd2d3d9ada71eccd",
                        "d32614d31a98a2b9"),
                Arguments.of(
                        pbkdf2,
                        KdfDigest.MD5,
                        p,
                        des3,
                        "4130967ba25b853713a35c4d59058442390fabe08f681403",
                        "4d78c2cfb2f3e2df"),
                Arguments.of(
                        pbkdf2,
                        KdfDigest.SHA1,
                        p,
                        des3,
                        "ed1b5a43d3a86504dd13c9da7606bd355d25993c97977a6f",
                        "86bbd53baa2741e0"),
                Arguments.of(
                        pbkdf2,
                        KdfDigest.SHA224,
                        p,
                        des3,
                        "b42388c7b704255d74aa4bd5fb9473971784f5ad0832215b",
                        "6e5778a9bc7f5d9b"),
                Arguments.of(
                        pbkdf2,
                        KdfDigest.SHA256,
                        p,
                        des3,
                        "5ce847a8c3daa60b98da70c6b06031296d2534320c343181",
                        "3b84b3fa4473c54d"),
                Arguments.of(
                        pbkdf2,
                        KdfDigest.SHA384,
                        p,
                        des3,
                        "57aff0db1c8ab7258d4fcaee20dd2cc884e1a0dcf1ba1011",
                        "c332ad5e97900ef9"),
                Arguments.of(
                        pbkdf2,
                        KdfDigest.SHA512,
                        p,
                        des3,
                        "73a1a1e13343b1e50e0ceecf51c964ff454e6bf2abdc4746",
                        "b8d3e629bd045be7"),
                Arguments.of(
                        evp,
                        KdfDigest.MD5,
                        n,
                        des3,
                        "901c36278a90e4581b4d5ecd14e889445b5c53a441631fbd",
                        "f47ab7597eca2355"),
                Arguments.of(
                        evp,
                        KdfDigest.SHA1,
                        n,
                        des3,
                        "db9609bd33b3ad0e86256c737b9d9875a787e1def540b0ed",
                        "dd7e51cc0fedf4f1"),
                Arguments.of(
                        evp,
                        KdfDigest.SHA224,
                        n,
                        des3,
                        "59961b4e6b7bccc4d496421d61faff130ed72bfd99031c47",
                        "7458cdfaa45c4a6c"),
                Arguments.of(
                        evp,
                        KdfDigest.SHA256,
                        n,
                        des3,
                        "3625900f230a3b20712c8fe02ccfdf9946454c71e6e70951",
                        "4ca0e3e8482eebc4"),
                Arguments.of(
                        evp,
                        KdfDigest.SHA384,
                        n,
                        des3,
                        "425ef8b586724fd8806acf444dd6d683a1be7ff072668744",
                        "ac00ab0a5931d7b7"),
                Arguments.of(
                        evp,
                        KdfDigest.SHA512,
                        n,
                        des3,
                        "6e9554bdcdae13d389e3dbdc5c5c6289afff485819a5fbfc",
                        "d40f9f26158beb51"),
                Arguments.of(
                        pbkdf2,
                        KdfDigest.MD5,
                        n,
                        des3,
                        "010e3039297cd0ee72946801d9b9849e6ab14c89d974a1c2",
                        "f0124b5971f68438"),
                Arguments.of(
                        pbkdf2,
                        KdfDigest.SHA1,
                        n,
                        des3,
                        "f7a6198597c20f701e62ea639728c0c970bbb0f8c848feca",
                        "08a74d9481e838ee"),
                Arguments.of(
                        pbkdf2,
                        KdfDigest.SHA224,
                        n,
                        des3,
                        "151d2f320b1535375a3c64516a36665bed66f0395de9d50c",
                        "50c86ad6cc70e400"),
                Arguments.of(
                        pbkdf2,
                        KdfDigest.SHA256,
                        n,
                        des3,
                        "9e45bba41a177baf6aab64e71d362aa88f88b402ee76f011",
                        "bb4f870bd60f3338"),
                Arguments.of(
                        pbkdf2,
                        KdfDigest.SHA384,
                        n,
                        des3,
                        "0a8090ed63e594f84e097133cf3e95e9a5eeadf2b3d99742",
                        "a5a4c2dff36ea46a"),
                Arguments.of(
                        pbkdf2,
                        KdfDigest.SHA512,
                        n,
                        des3,
                        "af6573379a0ffb19ccf30806e15c21062e5ecc104bd7c251",
                        "c8cdd8606fb8eb5e"),
                Arguments.of(evp, KdfDigest.MD5, p, CipherAlgorithm.ARC4, "e7b0971e52ca5cc8d0539fb3412f6316", ""),
                Arguments.of(evp, KdfDigest.SHA256, p, CipherAlgorithm.ARC4, "2435177f1410536baad2acc155c0f947", ""));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("opensslPrintedKeys")
    @DisplayName("derive gives openssl's key then IV, for the cipher's key and IV lengths, for every derivation")
    void keyAndIvAsOpensslPrintsThem(
            Kdf kdf, KdfDigest digest, String password, CipherAlgorithm cipher, String keyHex, String ivHex) {
        byte[] derived = kdf.derive(
                digest,
                password.toCharArray(),
                unhex("0102030405060708"),
                1000,
                cipher.keyLength() + cipher.ivLength());
        assertEquals(keyHex, hex(Arrays.copyOf(derived, cipher.keyLength())));
        assertEquals(ivHex, hex(Arrays.copyOfRange(derived, cipher.keyLength(), derived.length)));
    }

    @ParameterizedTest
    @EnumSource(KdfDigest.class)
    @DisplayName("EVP_BytesToKey is D(password || salt), then D(previous || password || salt), ...")
    void evpFirstBlocksAreDigestsOfPasswordAndSalt(KdfDigest digest) throws Exception {
        byte[] salt = unhex("0102030405060708");
        MessageDigest md = MessageDigest.getInstance(JDK_NAMES.get(digest));
        byte[] first = md.digest(concat(utf8("pw"), salt));
        byte[] second = md.digest(concat(first, utf8("pw"), salt));
        assertEquals(
                hex(concat(first, second)),
                hex(Kdf.EVP_BYTES_TO_KEY.derive(digest, "pw".toCharArray(), salt, 1, 2 * first.length)));
    }

    private static final Map<KdfDigest, String> JDK_NAMES = Map.of(
            KdfDigest.MD5, "MD5",
            KdfDigest.SHA1, "SHA-1",
            KdfDigest.SHA224, "SHA-224",
            KdfDigest.SHA256, "SHA-256",
            KdfDigest.SHA384, "SHA-384",
            KdfDigest.SHA512, "SHA-512");

    @ParameterizedTest
    @EnumSource(KdfDigest.class)
    @DisplayName("EVP_BytesToKey ignores the iteration count, as openssl without -pbkdf2 runs once")
    void evpIgnoresIterations(KdfDigest digest) {
        byte[] salt = unhex("0102030405060708");
        assertArrayEquals(
                Kdf.EVP_BYTES_TO_KEY.derive(digest, "pw".toCharArray(), salt, 1, 32),
                Kdf.EVP_BYTES_TO_KEY.derive(digest, "pw".toCharArray(), salt, 50_000, 32));
    }

    @ParameterizedTest
    @EnumSource(KdfDigest.class)
    @DisplayName("the digest matters: each gives another key, for both derivations")
    void everyDigestDerivesDifferently(KdfDigest digest) {
        byte[] salt = unhex("0102030405060708");
        for (Kdf kdf : Kdf.values()) {
            Set<String> others = new HashSet<>();
            for (KdfDigest d : KdfDigest.values()) {
                if (d != digest) {
                    others.add(hex(kdf.derive(d, "pw".toCharArray(), salt, 10, 32)));
                }
            }
            assertFalse(others.contains(hex(kdf.derive(digest, "pw".toCharArray(), salt, 10, 32))), kdf.name());
        }
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

    static Stream<Arguments> jdkDigestsPasswordsSaltsAndLengths() {
        List<Arguments> cases = new ArrayList<>();
        for (KdfDigest digest : KdfDigest.values()) {
            if (digest != KdfDigest.MD5) { // the JDK has no PBKDF2WithHmacMD5
                passwordsSaltsAndLengths()
                        .forEach(a -> cases.add(Arguments.of(digest, a.get()[0], a.get()[1], a.get()[2])));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, password of {1} chars, {2}-byte salt, {3} bytes")
    @MethodSource("jdkDigestsPasswordsSaltsAndLengths")
    @DisplayName("PBKDF2's two engines, Bouncy Castle's and the JDK's, agree for every digest the JDK has")
    void pbkdf2EnginesAgree(KdfDigest digest, String password, int saltLength, int length) {
        byte[] salt = pseudoRandomBytes(saltLength);
        byte[] jdk = Kdf.pbkdf2Jdk(digest, password.toCharArray(), salt, 1000, length);

        assertEquals(hex(jdk), hex(Kdf.pbkdf2BouncyCastle(digest, password.toCharArray(), salt, 1000, length)));
        assertEquals(hex(jdk), hex(Kdf.PBKDF2.derive(digest, password.toCharArray(), salt, 1000, length)));
    }

    @Test
    @DisplayName("the JDK has PBKDF2 for every digest but MD5, which stays on Bouncy Castle at any count")
    void jdkPbkdf2Names() {
        assertNull(KdfDigest.MD5.jdkPbkdf2());
        assertEquals("PBKDF2WithHmacSHA1", KdfDigest.SHA1.jdkPbkdf2());
        assertEquals("PBKDF2WithHmacSHA224", KdfDigest.SHA224.jdkPbkdf2());
        assertEquals("PBKDF2WithHmacSHA256", KdfDigest.SHA256.jdkPbkdf2());
        assertEquals("PBKDF2WithHmacSHA384", KdfDigest.SHA384.jdkPbkdf2());
        assertEquals("PBKDF2WithHmacSHA512", KdfDigest.SHA512.jdkPbkdf2());
        byte[] salt = unhex("0102030405060708");
        assertEquals(
                hex(Kdf.pbkdf2BouncyCastle(KdfDigest.MD5, "pw".toCharArray(), salt, 100_001, 24)),
                hex(Kdf.PBKDF2.derive(KdfDigest.MD5, "pw".toCharArray(), salt, 100_001, 24)));
    }

    static Stream<Arguments> digestsPasswordsSaltsAndLengths() {
        List<Arguments> cases = new ArrayList<>();
        for (KdfDigest digest : KdfDigest.values()) {
            passwordsSaltsAndLengths()
                    .forEach(a -> cases.add(Arguments.of(digest, a.get()[0], a.get()[1], a.get()[2])));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, password of {1} chars, {2}-byte salt, {3} bytes")
    @MethodSource("digestsPasswordsSaltsAndLengths")
    @DisplayName("EVP_BytesToKey agrees with Bouncy Castle's OpenSSLPBEParametersGenerator over every digest")
    void evpAgreesWithBouncyCastle(KdfDigest digest, String password, int saltLength, int length) {
        byte[] salt = pseudoRandomBytes(saltLength);
        OpenSSLPBEParametersGenerator reference = new OpenSSLPBEParametersGenerator(digest.newBcDigest());
        reference.init(PBEParametersGenerator.PKCS5PasswordToUTF8Bytes(password.toCharArray()), salt);
        byte[] expected = ((KeyParameter) reference.generateDerivedParameters(length * 8)).getKey();

        assertEquals(hex(expected), hex(Kdf.EVP_BYTES_TO_KEY.derive(digest, password.toCharArray(), salt, 1, length)));
    }

    @Test
    @DisplayName("derive leaves the caller's password as it was")
    void passwordIsNotWiped() {
        char[] password = "secret".toCharArray();
        for (Kdf kdf : Kdf.values()) {
            for (KdfDigest digest : KdfDigest.values()) {
                kdf.derive(digest, password, unhex("0102030405060708"), 1, 16);
            }
        }
        Kdf.pbkdf2Jdk(KdfDigest.SHA256, password, unhex("0102030405060708"), 1, 16);
        Kdf.pbkdf2BouncyCastle(KdfDigest.SHA256, password, unhex("0102030405060708"), 1, 16);
        assertEquals("secret", new String(password));
    }
}
