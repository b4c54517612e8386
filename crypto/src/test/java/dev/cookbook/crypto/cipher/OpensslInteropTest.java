package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.ExternalTools.exec;
import static dev.cookbook.crypto.ExternalTools.requireTool;
import static dev.cookbook.crypto.ExternalTools.run;
import static dev.cookbook.crypto.cipher.CipherTestSupport.TEST_ITERATIONS;
import static dev.cookbook.crypto.cipher.CipherTestSupport.assertBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.concat;
import static dev.cookbook.crypto.cipher.CipherTestSupport.decrypt;
import static dev.cookbook.crypto.cipher.CipherTestSupport.encrypt;
import static dev.cookbook.crypto.cipher.CipherTestSupport.hex;
import static dev.cookbook.crypto.cipher.CipherTestSupport.password;
import static dev.cookbook.crypto.cipher.CipherTestSupport.pseudoRandomBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cookbook.crypto.ExternalTools.ProcessResult;
import dev.cookbook.crypto.cipher.CipherTestSupport.FixedRandom;
import dev.cookbook.crypto.cipher.CipherVectorsTest.Vector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The openssl and raw formats against the real {@code openssl enc}, both ways and byte for byte.
 * Skipped when openssl (or its legacy provider, which has DES and RC4) is missing, except on CI
 * ({@code CI=true}), where that fails.
 */
class OpensslInteropTest {
    /** OpenSSL 3 keeps DES and RC4 in its legacy provider; triple DES stays in the default one. */
    private static final List<String> PROVIDERS = List.of("-provider", "legacy", "-provider", "default");

    private static final String PASSWORD = "correct horse ☕ battery";
    /**
     * Sizes: empty, and more than two of FileCipher's 256 KiB buffers (and parallel CFB pieces), not
     * a multiple of the DES block.
     */
    static final int LARGE = 600_001;

    private static final int[] SIZES = {0, LARGE};
    private static final Pattern PRINTED =
            Pattern.compile("^(salt|key|iv)\\s*=\\s*([0-9A-Fa-f]+)\\s*$", Pattern.MULTILINE);
    private static Boolean legacyProviderWorks;

    @TempDir
    Path dir;

    /** openssl's options for a key derivation: as FileCipher does it with {@link CipherTestSupport#TEST_ITERATIONS}. */
    private static List<String> kdfOptions(Kdf kdf) {
        return switch (kdf) {
            case PBKDF2_SHA256 -> List.of("-pbkdf2", "-iter", Integer.toString(TEST_ITERATIONS), "-md", "sha256");
            case EVP_MD5 -> List.of("-md", "md5");
        };
    }

    /** {@code openssl enc -<cipher>} with the providers, then {@code options}. */
    private static List<String> enc(CipherAlgorithm cipher, List<String> options) {
        List<String> command = new ArrayList<>(List.of("openssl", "enc", "-" + cipher.opensslName()));
        command.addAll(PROVIDERS);
        command.addAll(options);
        return command;
    }

    private static List<String> list(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof List<?> l) {
                l.forEach(x -> out.add(x.toString()));
            } else {
                out.add(p.toString());
            }
        }
        return out;
    }

    /**
     * Requires openssl with a working legacy provider: skipped without, except on CI, where it fails.
     */
    private static synchronized void requireOpenssl(Path dir) throws IOException, InterruptedException {
        requireTool("openssl");
        if (legacyProviderWorks == null) {
            ProcessResult r = exec(
                    dir,
                    enc(
                            CipherAlgorithm.DES_CFB,
                            List.of("-K", "0123456789abcdef", "-iv", "1234567890abcdef", "-in", "/dev/null")));
            legacyProviderWorks = r.exit() == 0;
        }
        if (!legacyProviderWorks) {
            String message = "openssl cannot load its legacy provider (DES, RC4)";
            if ("true".equals(System.getenv("CI"))) {
                fail(message + "; it is required when CI=true");
            }
            Assumptions.abort(message + "; skipping the comparison with it");
        }
    }

    /** Writes the password as openssl's {@code -pass file:} reads it: UTF-8, first line. */
    private Path passwordFile(String password) throws IOException {
        return Files.write(dir.resolve("password"), (password + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static EncryptionOptions salted(CipherAlgorithm cipher, Kdf kdf) {
        return CipherTestSupport.options(cipher, Format.OPENSSL, kdf);
    }

    static Stream<Arguments> ciphersKdfsAndSizes() {
        List<Arguments> cases = new ArrayList<>();
        for (CipherAlgorithm cipher : CipherAlgorithm.values()) {
            for (Kdf kdf : Kdf.values()) {
                for (int size : SIZES) {
                    cases.add(Arguments.of(cipher, kdf, size));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("ciphersKdfsAndSizes")
    @DisplayName("openssl enc -d decrypts our openssl-format output")
    void opensslDecryptsOurs(CipherAlgorithm cipher, Kdf kdf, int size) throws Exception {
        requireOpenssl(dir);
        byte[] plaintext = pseudoRandomBytes(size);
        Path ours = Files.write(
                dir.resolve("ours.enc"), encrypt(new FileCipher(), plaintext, salted(cipher, kdf), password(PASSWORD)));

        byte[] theirs = run(
                dir, enc(cipher, list("-d", kdfOptions(kdf), "-pass", "file:" + passwordFile(PASSWORD), "-in", ours)));

        assertBytes(plaintext, theirs, "openssl's decryption");
    }

    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("ciphersKdfsAndSizes")
    @DisplayName("we decrypt what openssl enc encrypts")
    void weDecryptOpenssls(CipherAlgorithm cipher, Kdf kdf, int size) throws Exception {
        requireOpenssl(dir);
        byte[] plaintext = pseudoRandomBytes(size);
        Path plain = Files.write(dir.resolve("plain"), plaintext);

        byte[] theirs =
                run(dir, enc(cipher, list(kdfOptions(kdf), "-pass", "file:" + passwordFile(PASSWORD), "-in", plain)));

        assertEquals(size + 16, theirs.length);
        assertEquals("Salted__", new String(theirs, 0, 8, StandardCharsets.US_ASCII));
        assertBytes(
                plaintext,
                decrypt(new FileCipher(), theirs, salted(cipher, kdf), password(PASSWORD)),
                "our decryption");
    }

    @ParameterizedTest(name = "{0} {1} {2} bytes")
    @MethodSource("ciphersKdfsAndSizes")
    @DisplayName("with the same salt (-S), our output is byte-identical to openssl's, header and all")
    void byteIdenticalWithTheSameSalt(CipherAlgorithm cipher, Kdf kdf, int size) throws Exception {
        requireOpenssl(dir);
        byte[] plaintext = pseudoRandomBytes(size);
        byte[] salt = pseudoRandomBytes(8, size);
        Path plain = Files.write(dir.resolve("plain"), plaintext);

        byte[] ours =
                encrypt(new FileCipher(new FixedRandom(salt)), plaintext, salted(cipher, kdf), password(PASSWORD));
        byte[] theirs = run(
                dir,
                enc(
                        cipher,
                        list(
                                kdfOptions(kdf),
                                "-S",
                                hex(salt),
                                "-pass",
                                "file:" + passwordFile(PASSWORD),
                                "-in",
                                plain)));

        // OpenSSL 3 writes the "Salted__" header only for a salt it drew itself, not for one given
        // with -S (apps/enc.c): its output is what follows the header in ours.
        assertBytes(concat(utf8("Salted__"), salt, theirs), ours, "our output against openssl's");
    }

    @ParameterizedTest
    @EnumSource(CipherAlgorithm.class)
    @DisplayName("raw keys: openssl enc -K -iv -nosalt and our raw format agree both ways")
    void rawBothWays(CipherAlgorithm cipher) throws Exception {
        requireOpenssl(dir);
        byte[] plaintext = pseudoRandomBytes(LARGE);
        byte[] key = pseudoRandomBytes(cipher.keyLength());
        byte[] iv = cipher.ivLength() == 0 ? null : pseudoRandomBytes(cipher.ivLength(), 99);
        List<String> keyOptions =
                iv == null ? list("-K", hex(key), "-nosalt") : list("-K", hex(key), "-iv", hex(iv), "-nosalt");
        EncryptionOptions options = CipherTestSupport.options(cipher, Format.RAW, Kdf.PBKDF2_SHA256);
        Path plain = Files.write(dir.resolve("plain"), plaintext);

        byte[] theirs = run(dir, enc(cipher, list(keyOptions, "-in", plain)));
        byte[] ours = encrypt(new FileCipher(), plaintext, options, new Secret.RawKey(key.clone(), iv));
        assertBytes(theirs, ours, "our raw encryption against openssl's");

        Path oursFile = Files.write(dir.resolve("ours.enc"), ours);
        assertBytes(plaintext, run(dir, enc(cipher, list("-d", keyOptions, "-in", oursFile))), "openssl's decryption");
        assertBytes(
                plaintext,
                decrypt(new FileCipher(), theirs, options, new Secret.RawKey(key.clone(), iv)),
                "our decryption");
    }

    /** The vectors openssl can check: all but RC4 keys other than 16 bytes, which {@code enc -rc4} pads. */
    static Stream<Vector> vectorsOpensslTakes() {
        return CipherVectorsTest.vectors().stream()
                .filter(v -> v.cipher() != CipherAlgorithm.ARC4 || v.key().length == 16);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorsOpensslTakes")
    @DisplayName("each known-answer vector is also what openssl enc -K -iv computes")
    void vectorsAgreeWithOpenssl(Vector v) throws Exception {
        requireOpenssl(dir);
        Path plain = Files.write(dir.resolve("plain"), v.plaintext());
        List<String> keyOptions =
                v.iv() == null ? list("-K", hex(v.key())) : list("-K", hex(v.key()), "-iv", hex(v.iv()));

        byte[] theirs = run(dir, enc(v.cipher(), list(keyOptions, "-nosalt", "-in", plain)));

        assertBytes(v.expected(), Arrays.copyOfRange(theirs, v.offset(), theirs.length), "openssl's ciphertext");
    }

    @Test
    @DisplayName("EncryptionOptions.OPENSSL output opens with a plain 'openssl enc -d -des-ede3-cfb -pbkdf2'")
    void defaultOpensslOptionsMatchOpensslDefaults() throws Exception {
        requireOpenssl(dir);
        byte[] plaintext = pseudoRandomBytes(1000);
        Path ours = Files.write(
                dir.resolve("ours.enc"),
                encrypt(new FileCipher(), plaintext, EncryptionOptions.OPENSSL, password(PASSWORD)));

        byte[] theirs = run(
                dir,
                List.of(
                        "openssl",
                        "enc",
                        "-d",
                        "-des-ede3-cfb",
                        "-pbkdf2",
                        "-pass",
                        "file:" + passwordFile(PASSWORD),
                        "-in",
                        ours.toString()));

        assertBytes(plaintext, theirs, "openssl's decryption with its defaults");
    }

    static Stream<Arguments> ciphersKdfsAndPasswords() {
        List<Arguments> cases = new ArrayList<>();
        for (CipherAlgorithm cipher : CipherAlgorithm.values()) {
            for (Kdf kdf : Kdf.values()) {
                for (String pw : List.of("password", KdfTest.NON_ASCII_PASSWORD)) {
                    cases.add(Arguments.of(cipher, kdf, pw));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("ciphersKdfsAndPasswords")
    @DisplayName("Kdf.derive gives the key and IV that openssl enc -P prints, split at the cipher's key length")
    void keyAndIvAsOpensslPrintsThem(CipherAlgorithm cipher, Kdf kdf, String password) throws Exception {
        requireOpenssl(dir);
        byte[] salt = pseudoRandomBytes(8);
        byte[] printed = run(
                dir,
                enc(cipher, list(kdfOptions(kdf), "-S", hex(salt), "-pass", "file:" + passwordFile(password), "-P")));
        Map<String, String> fields = new HashMap<>();
        Matcher m = PRINTED.matcher(new String(printed, StandardCharsets.US_ASCII));
        while (m.find()) {
            fields.put(m.group(1), m.group(2).toLowerCase(Locale.ROOT));
        }

        byte[] derived =
                kdf.derive(password.toCharArray(), salt, TEST_ITERATIONS, cipher.keyLength() + cipher.ivLength());

        assertEquals(hex(salt), fields.get("salt"));
        assertEquals(fields.get("key"), hex(Arrays.copyOf(derived, cipher.keyLength())), "key");
        assertEquals(
                fields.get("iv"),
                cipher.ivLength() == 0 ? null : hex(Arrays.copyOfRange(derived, cipher.keyLength(), derived.length)),
                "iv");
    }
}
