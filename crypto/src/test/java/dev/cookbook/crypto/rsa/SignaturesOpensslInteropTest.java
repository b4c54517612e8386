package dev.cookbook.crypto.rsa;

import static dev.cookbook.crypto.ExternalTools.requireTool;
import static dev.cookbook.crypto.rsa.RsaTestSupport.ascii;
import static dev.cookbook.crypto.rsa.RsaTestSupport.openssl;
import static dev.cookbook.crypto.rsa.RsaTestSupport.pseudoRandomBytes;
import static dev.cookbook.crypto.rsa.RsaTestSupport.publicKey;
import static dev.cookbook.crypto.rsa.RsaTestSupport.runOpenssl;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.crypto.ExternalTools.ProcessResult;
import dev.cookbook.crypto.rsa.RsaTestSupport.TestKeys;
import dev.cookbook.crypto.rsa.SignaturesTest.Scheme;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Signatures} against {@code openssl dgst -sign} and {@code -verify}, both ways, for every
 * hash and both paddings, and PSS signatures of every salt length openssl makes. The message is
 * 1 MiB + 7 bytes, more than Signatures' buffer. Skipped when openssl is missing, except on CI
 * ({@code CI=true}), where that fails.
 */
class SignaturesOpensslInteropTest {
    @TempDir
    static Path dir;

    private static Path privateKeyFile;
    private static Path publicKeyFile;
    private static Path message;
    private static RSAPublicKey publicKey;

    @BeforeAll
    static void files() throws Exception {
        RsaKey key = KeyFiles.of(TestKeys.alice());
        publicKey = publicKey(TestKeys.alice());
        privateKeyFile = Files.write(dir.resolve("key.pem"), KeyFiles.write(key, KeyFormat.PKCS8, true, null));
        publicKeyFile = Files.write(dir.resolve("public.pem"), KeyFiles.write(key, KeyFormat.SPKI, true, null));
        message = Files.write(dir.resolve("message"), pseudoRandomBytes(SignaturesTest.LARGE));
    }

    /** Skips each test without openssl, or fails it on CI ({@code CI=true}). */
    @BeforeEach
    void requireOpenssl() {
        requireTool("openssl");
    }

    static Stream<Scheme> schemes() {
        return SignaturesTest.schemes();
    }

    /** openssl's options for the padding, then {@code more}. */
    private static List<Object> sigopts(Scheme scheme, String... more) {
        List<Object> out = new ArrayList<>();
        if (scheme.pss()) {
            out.addAll(List.of("-sigopt", "rsa_padding_mode:pss"));
        }
        for (String option : more) {
            out.addAll(List.of("-sigopt", option));
        }
        return out;
    }

    /** {@code openssl dgst -<hash> -verify public.pem -signature <signature> <options> <data>}. */
    private static ProcessResult opensslVerify(Scheme scheme, byte[] signature, Path data, List<Object> options)
            throws Exception {
        Path signatureFile = Files.write(dir.resolve("signature"), signature);
        return openssl(
                dir,
                "dgst",
                "-" + scheme.hash().name().toLowerCase(java.util.Locale.ROOT),
                "-verify",
                publicKeyFile,
                "-signature",
                signatureFile,
                options,
                data);
    }

    /** {@code openssl dgst -<hash> -sign key.pem <options> <message>}: the signature. */
    private static byte[] opensslSign(Scheme scheme, List<Object> options) throws Exception {
        return runOpenssl(
                dir,
                "dgst",
                "-" + scheme.hash().name().toLowerCase(java.util.Locale.ROOT),
                "-sign",
                privateKeyFile,
                options,
                message);
    }

    private static byte[] ourSignature(Scheme scheme) throws Exception {
        try (InputStream in = Files.newInputStream(message)) {
            return Signatures.sign(in, TestKeys.alice().getPrivate(), scheme.hash(), scheme.pss());
        }
    }

    private static boolean weVerify(Scheme scheme, byte[] signature) throws Exception {
        try (InputStream in = Files.newInputStream(message)) {
            return Signatures.verify(in, publicKey, scheme.hash(), scheme.pss(), signature);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    @DisplayName("openssl dgst -verify accepts our signature, and refuses it for another message")
    void opensslVerifiesOurs(Scheme scheme) throws Exception {
        byte[] signature = ourSignature(scheme);

        ProcessResult ok = opensslVerify(scheme, signature, message, sigopts(scheme));
        assertEquals(0, ok.exit(), ok::err);
        assertEquals("Verified OK\n", ascii(ok.out()));

        Path other = Files.write(dir.resolve("other"), pseudoRandomBytes(1000));
        ProcessResult refused = opensslVerify(scheme, signature, other, sigopts(scheme));
        assertEquals(1, refused.exit());
        assertEquals("Verification failure\n", ascii(refused.out()));
    }

    static Stream<Scheme> pssSchemes() {
        return schemes().filter(Scheme::pss);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pssSchemes")
    @DisplayName("our PSS signatures pass openssl's strict check of a digest-long salt (rsa_pss_saltlen:digest)")
    void opensslSeesDigestLongSalt(Scheme scheme) throws Exception {
        byte[] signature = ourSignature(scheme);

        ProcessResult r = opensslVerify(scheme, signature, message, sigopts(scheme, "rsa_pss_saltlen:digest"));

        assertEquals(0, r.exit(), r::err);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemes")
    @DisplayName("we verify openssl's signature (PKCS#1 v1.5 byte for byte ours; PSS with openssl's maximum salt)")
    void weVerifyOpenssls(Scheme scheme) throws Exception {
        byte[] signature = opensslSign(scheme, sigopts(scheme));

        assertTrue(weVerify(scheme, signature));
        if (scheme.pss()) {
            assertEquals(
                    maxSaltLength(scheme),
                    Signatures.pssSaltLength(publicKey, scheme.hash(), signature),
                    "openssl's default salt for signing is the most that fits");
        } else {
            assertArrayEquals(signature, ourSignature(scheme), "PKCS#1 v1.5 is deterministic");
        }
    }

    /** emLen - hLen - 2 for the 2048-bit key. */
    private static int maxSaltLength(Scheme scheme) {
        return 256 - scheme.hash().length() - 2;
    }

    /**
     * openssl's {@code rsa_pss_saltlen} values with the salt length each gives when signing (OpenSSL 3
     * docs: {@code digest} and -1 the digest length, {@code max} and -3 the most that fits,
     * {@code auto} and -2 the most as well when signing).
     */
    static Stream<Arguments> saltLengths() {
        List<Arguments> out = new ArrayList<>();
        pssSchemes().forEach(scheme -> {
            int digest = scheme.hash().length();
            int max = maxSaltLength(scheme);
            String[][] table = {
                {"0", "0"},
                {"20", "20"},
                {"32", "32"},
                {"digest", "" + digest},
                {"-1", "" + digest},
                {"max", "" + max},
                {"-3", "" + max},
                {"auto", "" + max},
                {"-2", "" + max}
            };
            for (String[] row : table) {
                out.add(Arguments.of(scheme, row[0], Integer.parseInt(row[1])));
            }
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0} rsa_pss_saltlen:{1}")
    @MethodSource("saltLengths")
    @DisplayName("openssl's PSS signatures of every salt length verify, and carry the salt length asked for")
    void opensslPssSaltLengths(Scheme scheme, String saltOption, int expectedSaltLength) throws Exception {
        byte[] signature = opensslSign(scheme, sigopts(scheme, "rsa_pss_saltlen:" + saltOption));

        assertEquals(expectedSaltLength, Signatures.pssSaltLength(publicKey, scheme.hash(), signature), "salt length");
        assertTrue(weVerify(scheme, signature));
        assertFalse(weVerify(scheme.otherPadding(), signature), "not as PKCS#1 v1.5");
    }

    @Test
    @DisplayName("openssl's md5 PSS signature (the CLI refuses md5 with PSS): Signatures.verify refuses md5 with PSS")
    void opensslMd5Pss() throws Exception {
        Scheme md5Pss = new Scheme(SignatureHash.MD5, true);
        byte[] signature = opensslSign(md5Pss, sigopts(md5Pss));

        assertEquals(256 - 16 - 2, Signatures.pssSaltLength(publicKey, SignatureHash.MD5, signature));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> weVerify(md5Pss, signature));
        assertEquals("RSA-PSS with md5 is not supported: use PKCS#1 v1.5 or a SHA-2 hash", e.getMessage());
    }
}
