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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.ExternalTools.ProcessResult;
import dev.cookbook.crypto.cipher.CipherTestSupport.FixedRandom;
import dev.cookbook.crypto.cipher.CipherVectorsTest.Vector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
 * The openssl and raw formats against the real {@code openssl enc}, both ways and byte for byte,
 * for every key derivation {@code openssl enc} has (PBKDF2 or EVP_BytesToKey, over each of its six
 * digests) and for binary and base64 ({@code -a}, {@code -a -A}) files. Skipped when openssl (or
 * its legacy provider, which has DES and RC4) is missing, except on CI ({@code CI=true}), where that
 * fails.
 *
 * <p>Every cipher, CBC included, meets every derivation at one small size, a few lines of base64 long and not a
 * multiple of the DES block; the large size, past FileCipher's buffers and parallel pieces, runs
 * once per cipher and KDF. The class runs a few hundred short openssl processes.
 */
class OpensslInteropTest {
    /** OpenSSL 3 keeps DES and RC4 in its legacy provider; triple DES stays in the default one. */
    private static final List<String> PROVIDERS = List.of("-provider", "legacy", "-provider", "default");

    private static final String PASSWORD = "correct horse ☕ battery";
    /** A plaintext of 63 lines of base64 (with the header), not a multiple of the DES block. */
    static final int SMALL = 3000 + 3;
    /** More than two of FileCipher's 256 KiB buffers (and parallel CFB pieces), not a multiple of the DES block. */
    static final int LARGE = 600_001;

    static final String NOTHING_AFTER_THE_SALT =
            "nothing after the salt: the file was cut short (or encrypts an empty file, which nothing can tell apart)";

    private static final Pattern PRINTED =
            Pattern.compile("^(salt|key|iv)\\s*=\\s*([0-9A-Fa-f]+)\\s*$", Pattern.MULTILINE);
    private static Boolean legacyProviderWorks;

    @TempDir
    Path dir;

    /** A key derivation as {@code openssl enc} names it: a KDF over a digest. */
    record Derivation(Kdf kdf, KdfDigest digest) {
        /** Every one of them: PBKDF2 and EVP_BytesToKey over each digest. */
        static List<Derivation> all() {
            List<Derivation> all = new ArrayList<>();
            for (Kdf kdf : Kdf.values()) {
                for (KdfDigest digest : KdfDigest.values()) {
                    all.add(new Derivation(kdf, digest));
                }
            }
            return all;
        }

        /** openssl's options for it, with {@link CipherTestSupport#TEST_ITERATIONS} for PBKDF2. */
        List<String> opensslOptions() {
            return kdf == Kdf.PBKDF2
                    ? List.of("-pbkdf2", "-iter", Integer.toString(TEST_ITERATIONS), "-md", digest.opensslName())
                    : List.of("-md", digest.opensslName());
        }

        EncryptionOptions options(CipherAlgorithm cipher) {
            return CipherTestSupport.options(cipher, Format.OPENSSL, kdf, digest);
        }

        EncryptionOptions options(CipherAlgorithm cipher, Encoding encoding) {
            return options(cipher).toBuilder().encoding(encoding).build();
        }

        @Override
        public String toString() {
            return kdf + "-" + digest.opensslName();
        }
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

    /** openssl's base64 options for {@code encoding}. */
    private static List<String> base64Options(Encoding encoding) {
        return switch (encoding) {
            case BINARY -> List.of();
            case BASE64 -> List.of("-a");
            case BASE64_ONE_LINE -> List.of("-a", "-A");
        };
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

    private List<String> pass() throws IOException {
        return List.of("-pass", "file:" + passwordFile(PASSWORD));
    }

    static Stream<Arguments> ciphersAndDerivations() {
        List<Arguments> cases = new ArrayList<>();
        for (CipherAlgorithm cipher : CipherAlgorithm.values()) {
            for (Derivation d : Derivation.all()) {
                cases.add(Arguments.of(cipher, d));
            }
        }
        return cases.stream();
    }

    @Test
    @DisplayName("the derivations are openssl enc's twelve: PBKDF2 and EVP_BytesToKey over six digests")
    void twelveDerivations() {
        assertEquals(
                "[PBKDF2-md5, PBKDF2-sha1, PBKDF2-sha224, PBKDF2-sha256, PBKDF2-sha384, PBKDF2-sha512, "
                        + "EVP_BYTES_TO_KEY-md5, EVP_BYTES_TO_KEY-sha1, EVP_BYTES_TO_KEY-sha224, "
                        + "EVP_BYTES_TO_KEY-sha256, EVP_BYTES_TO_KEY-sha384, EVP_BYTES_TO_KEY-sha512]",
                Derivation.all().toString());
        assertEquals(84, ciphersAndDerivations().count(), "seven ciphers, CBC's two included");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ciphersAndDerivations")
    @DisplayName("openssl enc -d decrypts our openssl-format output")
    void opensslDecryptsOurs(CipherAlgorithm cipher, Derivation d) throws Exception {
        assertOpensslDecryptsOurs(cipher, d, SMALL);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ciphersAndDerivations")
    @DisplayName("we decrypt what openssl enc encrypts")
    void weDecryptOpenssls(CipherAlgorithm cipher, Derivation d) throws Exception {
        assertWeDecryptOpenssls(cipher, d, SMALL);
    }

    static Stream<Arguments> ciphersAndKdfs() {
        List<Arguments> cases = new ArrayList<>();
        for (CipherAlgorithm cipher : CipherAlgorithm.values()) {
            cases.add(Arguments.of(cipher, new Derivation(Kdf.PBKDF2, KdfDigest.SHA256)));
            cases.add(Arguments.of(cipher, new Derivation(Kdf.EVP_BYTES_TO_KEY, KdfDigest.MD5)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ciphersAndKdfs")
    @DisplayName("a large file, past the buffers and parallel pieces, goes both ways")
    void largeBothWays(CipherAlgorithm cipher, Derivation d) throws Exception {
        assertOpensslDecryptsOurs(cipher, d, LARGE);
        assertWeDecryptOpenssls(cipher, d, LARGE);
    }

    private void assertOpensslDecryptsOurs(CipherAlgorithm cipher, Derivation d, int size) throws Exception {
        requireOpenssl(dir);
        byte[] plaintext = pseudoRandomBytes(size);
        Path ours = Files.write(
                dir.resolve("ours.enc"), encrypt(new FileCipher(), plaintext, d.options(cipher), password(PASSWORD)));

        byte[] theirs = run(dir, enc(cipher, list("-d", d.opensslOptions(), pass(), "-in", ours)));

        assertBytes(plaintext, theirs, "openssl's decryption");
    }

    private void assertWeDecryptOpenssls(CipherAlgorithm cipher, Derivation d, int size) throws Exception {
        requireOpenssl(dir);
        byte[] plaintext = pseudoRandomBytes(size);
        Path plain = Files.write(dir.resolve("plain"), plaintext);

        byte[] theirs = run(dir, enc(cipher, list(d.opensslOptions(), pass(), "-in", plain)));

        assertEquals(16 + CipherTestSupport.ciphertextLength(cipher, size), theirs.length);
        assertEquals("Salted__", new String(theirs, 0, 8, StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FileCipher.Result r =
                new FileCipher().decrypt(new ByteArrayInputStream(theirs), out, d.options(cipher), password(PASSWORD));
        assertBytes(plaintext, out.toByteArray(), "our decryption");
        assertEquals(
                List.of(Format.OPENSSL, cipher, d.kdf(), d.digest(), hex(Arrays.copyOfRange(theirs, 8, 16))),
                List.of(r.format(), r.cipher(), r.kdf(), r.digest(), hex(r.salt())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ciphersAndDerivations")
    @DisplayName("with the same salt (-S), our output is byte-identical to openssl's, header and all")
    void byteIdenticalWithTheSameSalt(CipherAlgorithm cipher, Derivation d) throws Exception {
        requireOpenssl(dir);
        byte[] plaintext = pseudoRandomBytes(SMALL);
        byte[] salt = pseudoRandomBytes(8, cipher.ordinal() * 100 + d.digest().ordinal());
        Path plain = Files.write(dir.resolve("plain"), plaintext);

        byte[] ours = encrypt(new FileCipher(new FixedRandom(salt)), plaintext, d.options(cipher), password(PASSWORD));
        byte[] theirs = run(dir, enc(cipher, list(d.opensslOptions(), "-S", hex(salt), pass(), "-in", plain)));

        // OpenSSL 3 writes the "Salted__" header only for a salt it drew itself, not for one given
        // with -S (apps/enc.c): its output is what follows the header in ours.
        assertBytes(concat(utf8("Salted__"), salt, theirs), ours, "our output against openssl's");
    }

    static Stream<Arguments> ciphersDerivationsAndPasswords() {
        return ciphersAndDerivations()
                .flatMap(a -> Stream.of("password", KdfTest.NON_ASCII_PASSWORD)
                        .map(pw -> Arguments.of(a.get()[0], a.get()[1], pw)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("ciphersDerivationsAndPasswords")
    @DisplayName("Kdf.derive gives the key and IV that openssl enc -P prints, split at the cipher's key length")
    void keyAndIvAsOpensslPrintsThem(CipherAlgorithm cipher, Derivation d, String password) throws Exception {
        requireOpenssl(dir);
        byte[] salt = pseudoRandomBytes(8);
        byte[] printed = run(
                dir,
                enc(
                        cipher,
                        list(d.opensslOptions(), "-S", hex(salt), "-pass", "file:" + passwordFile(password), "-P")));
        Map<String, String> fields = new HashMap<>();
        Matcher m = PRINTED.matcher(new String(printed, StandardCharsets.US_ASCII));
        while (m.find()) {
            fields.put(m.group(1), m.group(2).toLowerCase(Locale.ROOT));
        }

        byte[] derived = d.kdf()
                .derive(
                        d.digest(),
                        password.toCharArray(),
                        salt,
                        TEST_ITERATIONS,
                        cipher.keyLength() + cipher.ivLength());

        assertEquals(hex(salt), fields.get("salt"));
        assertEquals(fields.get("key"), hex(Arrays.copyOf(derived, cipher.keyLength())), "key");
        assertEquals(
                fields.get("iv"),
                cipher.ivLength() == 0 ? null : hex(Arrays.copyOfRange(derived, cipher.keyLength(), derived.length)),
                "iv");
    }

    static Stream<Arguments> ciphersDerivationsAndEncodings() {
        return ciphersAndDerivations()
                .flatMap(a -> Stream.of(Encoding.BASE64, Encoding.BASE64_ONE_LINE)
                        .map(e -> Arguments.of(a.get()[0], a.get()[1], e)));
    }

    /**
     * Ours: the text is what {@code openssl base64} makes of our binary file (which the tests above
     * prove is openssl's), and {@code openssl enc -d} with the same base64 options reads it. Theirs:
     * we read what {@code openssl enc -a [-A]} writes whichever base64 encoding our options name,
     * since the decoder takes every layout, and report the layout we found.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("ciphersDerivationsAndEncodings")
    @DisplayName("base64 (-a, -a -A) both ways: our text is openssl's layout, and each side reads the other's")
    void base64BothWays(CipherAlgorithm cipher, Derivation d, Encoding encoding) throws Exception {
        requireOpenssl(dir);
        byte[] plaintext = pseudoRandomBytes(SMALL);
        byte[] salt = pseudoRandomBytes(8, 7);
        byte[] binary =
                encrypt(new FileCipher(new FixedRandom(salt)), plaintext, d.options(cipher), password(PASSWORD));
        byte[] text = encrypt(
                new FileCipher(new FixedRandom(salt)), plaintext, d.options(cipher, encoding), password(PASSWORD));

        Path binaryFile = Files.write(dir.resolve("ours.bin"), binary);
        byte[] opensslsText = run(
                dir,
                list(
                        "openssl",
                        "base64",
                        base64Options(encoding)
                                .subList(1, base64Options(encoding).size()),
                        "-in",
                        binaryFile));
        assertEquals(new String(opensslsText, StandardCharsets.US_ASCII), new String(text, StandardCharsets.US_ASCII));

        Path ours = Files.write(dir.resolve("ours.b64"), text);
        assertBytes(
                plaintext,
                run(dir, enc(cipher, list("-d", base64Options(encoding), d.opensslOptions(), pass(), "-in", ours))),
                "openssl's decryption of our base64");

        Path plain = Files.write(dir.resolve("plain"), plaintext);
        byte[] theirs = run(dir, enc(cipher, list(base64Options(encoding), d.opensslOptions(), pass(), "-in", plain)));
        assertEquals(encoding == Encoding.BASE64, new String(theirs, StandardCharsets.US_ASCII).contains("\n"));
        for (Encoding asked : List.of(Encoding.BASE64, Encoding.BASE64_ONE_LINE)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FileCipher.Result r = new FileCipher()
                    .decrypt(new ByteArrayInputStream(theirs), out, d.options(cipher, asked), password(PASSWORD));
            assertBytes(plaintext, out.toByteArray(), "our decryption of openssl's base64, read as " + asked);
            assertEquals(encoding, r.encoding(), "the layout found, read as " + asked);
        }
    }

    @Test
    @DisplayName("openssl enc -d -a needs -A for one long line; we read it either way")
    void oneLongLine() throws Exception {
        requireOpenssl(dir);
        Derivation d = new Derivation(Kdf.PBKDF2, KdfDigest.SHA256);
        byte[] plaintext = pseudoRandomBytes(SMALL);
        Path oneLine = Files.write(
                dir.resolve("one.b64"),
                encrypt(
                        new FileCipher(),
                        plaintext,
                        d.options(CipherAlgorithm.DES3_CFB, Encoding.BASE64_ONE_LINE),
                        password(PASSWORD)));

        ProcessResult withoutA =
                exec(dir, enc(CipherAlgorithm.DES3_CFB, list("-d", "-a", d.opensslOptions(), pass(), "-in", oneLine)));
        assertFalse(
                withoutA.exit() == 0 && Arrays.equals(plaintext, withoutA.out()), "openssl -d -a read one long line");
        assertBytes(
                plaintext,
                run(
                        dir,
                        enc(
                                CipherAlgorithm.DES3_CFB,
                                list("-d", "-a", "-A", d.opensslOptions(), pass(), "-in", oneLine))),
                "openssl -d -a -A");
        assertBytes(
                plaintext,
                decrypt(
                        new FileCipher(),
                        Files.readAllBytes(oneLine),
                        d.options(CipherAlgorithm.DES3_CFB, Encoding.BASE64),
                        password(PASSWORD)),
                "ours, asked for lines");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("ciphersAndKdfs")
    @DisplayName("empty plaintext: openssl's 16-byte header-only file is refused (CBC: a block of padding, read); "
            + "we write the same bytes")
    void emptyPlaintext(CipherAlgorithm cipher, Derivation d) throws Exception {
        requireOpenssl(dir);
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        byte[] theirs = run(dir, enc(cipher, list(d.opensslOptions(), pass(), "-in", empty)));
        assertEquals(cipher.padded() ? 24 : 16, theirs.length);
        assertEquals("Salted__", new String(theirs, 0, 8, StandardCharsets.US_ASCII));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (cipher.padded()) {
            FileCipher.Result r = new FileCipher()
                    .decrypt(new ByteArrayInputStream(theirs), out, d.options(cipher), password(PASSWORD));
            assertEquals(0, r.bytes());
        } else {
            CryptoException e = assertThrows(
                    CryptoException.class,
                    () -> new FileCipher()
                            .decrypt(new ByteArrayInputStream(theirs), out, d.options(cipher), password(PASSWORD)));
            assertEquals(CryptoException.class, e.getClass());
            assertEquals(NOTHING_AFTER_THE_SALT, e.getMessage());
        }
        assertEquals(0, out.size());

        byte[] salt = pseudoRandomBytes(8, 16);
        byte[] ours =
                encrypt(new FileCipher(new FixedRandom(salt)), new byte[0], d.options(cipher), password(PASSWORD));
        byte[] theirsWithSalt = run(dir, enc(cipher, list(d.opensslOptions(), "-S", hex(salt), pass(), "-in", empty)));
        assertBytes(concat(utf8("Salted__"), salt, theirsWithSalt), ours, "our empty file against openssl's");
        assertEquals(cipher.padded() ? 24 : 16, ours.length);
        Path oursFile = Files.write(dir.resolve("ours.enc"), ours);
        assertEquals(0, run(dir, enc(cipher, list("-d", d.opensslOptions(), pass(), "-in", oursFile))).length);
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
        EncryptionOptions options = CipherTestSupport.options(cipher, Format.RAW, Kdf.PBKDF2);
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

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#paddedCiphers")
    @DisplayName("CBC with raw keys, every size from 0 to 40 bytes and a large one: openssl's bytes, both ways")
    void cbcEverySizeBothWays(CipherAlgorithm cipher) throws Exception {
        requireOpenssl(dir);
        byte[] key = pseudoRandomBytes(cipher.keyLength(), 31);
        byte[] iv = pseudoRandomBytes(8, 32);
        List<String> keyOptions = list("-K", hex(key), "-iv", hex(iv), "-nosalt");
        EncryptionOptions options = CipherTestSupport.options(cipher, Format.RAW, Kdf.PBKDF2);
        for (int size : java.util.stream.IntStream.concat(
                        java.util.stream.IntStream.rangeClosed(0, 40), java.util.stream.IntStream.of(LARGE))
                .toArray()) {
            byte[] plaintext = pseudoRandomBytes(size);
            Path plain = Files.write(dir.resolve("plain"), plaintext);

            byte[] theirs = run(dir, enc(cipher, list(keyOptions, "-in", plain)));
            byte[] ours = encrypt(new FileCipher(), plaintext, options, new Secret.RawKey(key.clone(), iv.clone()));

            assertEquals(CipherTestSupport.ciphertextLength(cipher, size), theirs.length, size + " bytes");
            assertBytes(theirs, ours, "our encryption against openssl's, " + size + " bytes");
            assertBytes(
                    plaintext,
                    decrypt(new FileCipher(), theirs, options, new Secret.RawKey(key.clone(), iv.clone())),
                    "our decryption of openssl's, " + size + " bytes");
            Path oursFile = Files.write(dir.resolve("ours.enc"), ours);
            assertBytes(
                    plaintext,
                    run(dir, enc(cipher, list("-d", keyOptions, "-in", oursFile))),
                    "openssl's decryption of ours, " + size + " bytes");
        }
    }

    /**
     * openssl checks the padding as we do: a wrong password that fails ours fails openssl's ("bad
     * decrypt", exit 1), and one that passes ours passes openssl's with the same wrong bytes. The
     * passwords come from a fixed seed; about one in 256 passes.
     */
    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#paddedCiphers")
    @DisplayName("CBC, wrong passwords: openssl's padding check fails and passes where ours does")
    void cbcWrongPasswordsAsOpensslSeesThem(CipherAlgorithm cipher) throws Exception {
        requireOpenssl(dir);
        Derivation d = new Derivation(Kdf.EVP_BYTES_TO_KEY, KdfDigest.MD5); // cheap, for many tries
        byte[] plaintext = pseudoRandomBytes(100);
        Path file = Files.write(
                dir.resolve("ours.enc"),
                encrypt(new FileCipher(FixedRandom.seeded(11)), plaintext, d.options(cipher), password(PASSWORD)));
        java.util.Random random = new java.util.Random(12);
        int passed = 0;
        int failed = 0;
        for (int i = 0; i < 5000 && (passed < 2 || failed < 2); i++) {
            String wrong = Long.toString(random.nextLong(), 36);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean ours;
            try {
                new FileCipher()
                        .decrypt(
                                new ByteArrayInputStream(Files.readAllBytes(file)),
                                out,
                                d.options(cipher),
                                password(wrong));
                ours = true;
            } catch (dev.cookbook.crypto.AuthenticationException e) {
                ours = false;
            }
            if (ours ? passed >= 2 : failed >= 2) {
                continue;
            }
            ProcessResult theirs = exec(
                    dir,
                    enc(cipher, list("-d", d.opensslOptions(), "-pass", "file:" + passwordFile(wrong), "-in", file)));
            if (ours) {
                passed++;
                assertEquals(0, theirs.exit(), wrong + ": " + theirs.err());
                assertBytes(out.toByteArray(), theirs.out(), "openssl's output for " + wrong);
            } else {
                failed++;
                assertEquals(1, theirs.exit(), wrong);
                assertTrue(theirs.err().contains("bad decrypt"), theirs.err());
            }
        }
        assertEquals(List.of(2, 2), List.of(passed, failed), "wrong passwords that passed and failed");
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

        byte[] theirs = run(dir, list("openssl", "enc", "-d", "-des-ede3-cfb", "-pbkdf2", pass(), "-in", ours));

        assertBytes(plaintext, theirs, "openssl's decryption with its defaults");
    }

    @Test
    @DisplayName("EncryptionOptions.OPENSSL_ENC_DEFAULT is a plain 'openssl enc -des-ede3-cfb -pass ...', both ways")
    void opensslEncDefaultBothWays() throws Exception {
        requireOpenssl(dir);
        byte[] plaintext = pseudoRandomBytes(1000);
        Path plain = Files.write(dir.resolve("plain"), plaintext);
        EncryptionOptions options = EncryptionOptions.OPENSSL_ENC_DEFAULT;

        byte[] theirs = run(dir, list("openssl", "enc", "-des-ede3-cfb", pass(), "-in", plain));
        assertBytes(plaintext, decrypt(new FileCipher(), theirs, options, password(PASSWORD)), "our decryption");

        Path ours =
                Files.write(dir.resolve("ours.enc"), encrypt(new FileCipher(), plaintext, options, password(PASSWORD)));
        assertBytes(
                plaintext,
                run(dir, list("openssl", "enc", "-d", "-des-ede3-cfb", pass(), "-in", ours)),
                "openssl's decryption with its defaults");
    }
}
