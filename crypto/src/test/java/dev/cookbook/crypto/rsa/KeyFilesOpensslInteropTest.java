package dev.cookbook.crypto.rsa;

import static dev.cookbook.crypto.ExternalTools.onPath;
import static dev.cookbook.crypto.ExternalTools.requireTool;
import static dev.cookbook.crypto.rsa.RsaTestSupport.KEY_BITS;
import static dev.cookbook.crypto.rsa.RsaTestSupport.PASSWORD;
import static dev.cookbook.crypto.rsa.RsaTestSupport.PASSWORD_REQUIRED_MESSAGE;
import static dev.cookbook.crypto.rsa.RsaTestSupport.WRONG_PASSWORD;
import static dev.cookbook.crypto.rsa.RsaTestSupport.WRONG_PASSWORD_MESSAGE;
import static dev.cookbook.crypto.rsa.RsaTestSupport.ascii;
import static dev.cookbook.crypto.rsa.RsaTestSupport.chars;
import static dev.cookbook.crypto.rsa.RsaTestSupport.openssl;
import static dev.cookbook.crypto.rsa.RsaTestSupport.passwordSource;
import static dev.cookbook.crypto.rsa.RsaTestSupport.runOpenssl;
import static dev.cookbook.crypto.rsa.RsaTestSupport.sha256Hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.crypto.AuthenticationException;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.ExternalTools.ProcessResult;
import dev.cookbook.crypto.rsa.KeyFilesWriteTest.KeyKind;
import dev.cookbook.crypto.rsa.KeyFilesWriteTest.WriteCase;
import dev.cookbook.crypto.rsa.RsaTestSupport.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * Key files against the real openssl, both ways: {@link KeyFiles#read} on every format openssl
 * writes, and openssl on everything {@link KeyFiles#write} writes, the SHA-256 fingerprint of the
 * SubjectPublicKeyInfo agreeing throughout. Skipped when openssl is missing, except on CI
 * ({@code CI=true}), where that fails.
 */
class KeyFilesOpensslInteropTest {
    /** In an openssl command line, stands for the {@code file:} source of {@link RsaTestSupport#PASSWORD}. */
    private static final String PASS = "{password}";

    private static final String BITS = Integer.toString(KEY_BITS);
    /** The RSA key most fixtures are made from, in PKCS#8 PEM. */
    private static final String KEY = "rsa.pem";
    /** Makes a P-256 key, ec.pem, in PKCS#8. */
    private static final List<String> EC_KEY =
            List.of("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ec.pem");

    @TempDir
    static Path fixtures;

    @TempDir
    Path dir;

    /** Fingerprints of the private keys in {@link #fixtures}, by file name, as openssl computes them. */
    private static final Map<String, String> FINGERPRINTS = new HashMap<>();

    /**
     * A key file made by openssl: its name (".pem" or ".der"), what {@link KeyFiles#read} must say
     * of it, the file holding the private key it comes from, and the openssl arguments making it.
     */
    record OpensslFile(String name, KeyFormat format, boolean encrypted, String keyFile, List<String> args) {
        boolean pem() {
            return name.endsWith(".pem");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static OpensslFile file(String name, KeyFormat format, boolean encrypted, String keyFile, String... args) {
        return new OpensslFile(name, format, encrypted, keyFile, List.of(args));
    }

    /** In the order they are made: most come from {@link #KEY}; the five that are made with a new key are their own. */
    static final List<OpensslFile> FILES = List.of(
            file(
                    KEY,
                    KeyFormat.PKCS8,
                    false,
                    KEY,
                    "genpkey",
                    "-algorithm",
                    "RSA",
                    "-pkeyopt",
                    "rsa_keygen_bits:" + BITS,
                    "-out",
                    KEY),
            file(
                    "encrypted-pkcs8.pem",
                    KeyFormat.ENCRYPTED_PKCS8,
                    true,
                    "encrypted-pkcs8.pem",
                    "genpkey",
                    "-algorithm",
                    "RSA",
                    "-pkeyopt",
                    "rsa_keygen_bits:" + BITS,
                    "-aes256",
                    "-pass",
                    PASS,
                    "-out",
                    "encrypted-pkcs8.pem"),
            file("pkcs1.pem", KeyFormat.PKCS1, false, "pkcs1.pem", "genrsa", "-traditional", "-out", "pkcs1.pem", BITS),
            file(
                    "pkcs1-aes256.pem",
                    KeyFormat.PKCS1,
                    true,
                    "pkcs1-aes256.pem",
                    "genrsa",
                    "-traditional",
                    "-aes256",
                    "-passout",
                    PASS,
                    "-out",
                    "pkcs1-aes256.pem",
                    BITS),
            file(
                    "pkcs1-des3.pem",
                    KeyFormat.PKCS1,
                    true,
                    "pkcs1-des3.pem",
                    "genrsa",
                    "-traditional",
                    "-des3",
                    "-passout",
                    PASS,
                    "-out",
                    "pkcs1-des3.pem",
                    BITS),
            file(
                    "pkcs1-public.pem",
                    KeyFormat.PKCS1_PUBLIC,
                    false,
                    KEY,
                    "rsa",
                    "-in",
                    KEY,
                    "-RSAPublicKey_out",
                    "-out",
                    "pkcs1-public.pem"),
            file("spki.pem", KeyFormat.SPKI, false, KEY, "pkey", "-in", KEY, "-pubout", "-out", "spki.pem"),
            file(
                    "certificate.pem",
                    KeyFormat.CERTIFICATE,
                    false,
                    KEY,
                    "req",
                    "-new",
                    "-x509",
                    "-key",
                    KEY,
                    "-subj",
                    "/CN=test",
                    "-days",
                    "2",
                    "-out",
                    "certificate.pem"),
            file(
                    "pkcs8.der",
                    KeyFormat.PKCS8,
                    false,
                    KEY,
                    "pkcs8",
                    "-topk8",
                    "-nocrypt",
                    "-in",
                    KEY,
                    "-outform",
                    "DER",
                    "-out",
                    "pkcs8.der"),
            file(
                    "encrypted-pkcs8.der",
                    KeyFormat.ENCRYPTED_PKCS8,
                    true,
                    KEY,
                    "pkcs8",
                    "-topk8",
                    "-v2",
                    "aes256",
                    "-passout",
                    PASS,
                    "-in",
                    KEY,
                    "-outform",
                    "DER",
                    "-out",
                    "encrypted-pkcs8.der"),
            // OpenSSL 3's "pkey -outform DER" writes PKCS#1 too; "rsa -traditional" says so explicitly.
            file(
                    "pkcs1.der",
                    KeyFormat.PKCS1,
                    false,
                    KEY,
                    "rsa",
                    "-in",
                    KEY,
                    "-traditional",
                    "-outform",
                    "DER",
                    "-out",
                    "pkcs1.der"),
            file(
                    "pkcs1-public.der",
                    KeyFormat.PKCS1_PUBLIC,
                    false,
                    KEY,
                    "rsa",
                    "-in",
                    KEY,
                    "-RSAPublicKey_out",
                    "-outform",
                    "DER",
                    "-out",
                    "pkcs1-public.der"),
            file(
                    "spki.der",
                    KeyFormat.SPKI,
                    false,
                    KEY,
                    "pkey",
                    "-in",
                    KEY,
                    "-pubout",
                    "-outform",
                    "DER",
                    "-out",
                    "spki.der"),
            file(
                    "certificate.der",
                    KeyFormat.CERTIFICATE,
                    false,
                    KEY,
                    "x509",
                    "-in",
                    "certificate.pem",
                    "-outform",
                    "DER",
                    "-out",
                    "certificate.der"),
            // Encrypted PKCS#8 as older openssl and other tools write it.
            file(
                    "encrypted-pkcs8-des3.pem",
                    KeyFormat.ENCRYPTED_PKCS8,
                    true,
                    KEY,
                    "pkcs8",
                    "-topk8",
                    "-v2",
                    "des3",
                    "-passout",
                    PASS,
                    "-in",
                    KEY,
                    "-out",
                    "encrypted-pkcs8-des3.pem"),
            file(
                    "encrypted-pkcs8-hmacsha1.pem",
                    KeyFormat.ENCRYPTED_PKCS8,
                    true,
                    KEY,
                    "pkcs8",
                    "-topk8",
                    "-v2",
                    "aes128",
                    "-v2prf",
                    "hmacWithSHA1",
                    "-passout",
                    PASS,
                    "-in",
                    KEY,
                    "-out",
                    "encrypted-pkcs8-hmacsha1.pem"),
            file(
                    "encrypted-pkcs8-pbes1.pem",
                    KeyFormat.ENCRYPTED_PKCS8,
                    true,
                    KEY,
                    "pkcs8",
                    "-topk8",
                    "-v1",
                    "PBE-SHA1-3DES",
                    "-passout",
                    PASS,
                    "-in",
                    KEY,
                    "-out",
                    "encrypted-pkcs8-pbes1.pem"));

    /** openssl's PKCS#1 public DER, which {@link KeyFiles#read} cannot read: {@link #opensslPkcs1PublicDer}. */
    static final String PKCS1_PUBLIC_DER = "pkcs1-public.der";
    /**
     * PBES2 with PBKDF2's default PRF, hmacWithSHA1, which {@link KeyFiles#read} cannot open with a
     * non-ASCII password: {@link #defaultPrfWithNonAsciiPassword}.
     */
    static final String DEFAULT_PRF = "encrypted-pkcs8-hmacsha1.pem";

    /** Makes the fixtures once, if openssl is there; without it every test skips or fails ({@link #requireOpenssl()}). */
    @BeforeAll
    static void makeFixtures() throws Exception {
        if (onPath("openssl").isEmpty()) {
            return;
        }
        String password = passwordSource(fixtures);
        for (OpensslFile f : FILES) {
            runOpenssl(
                    fixtures,
                    f.args().stream().map(a -> a.equals(PASS) ? password : a).toList());
            if (f.keyFile().equals(f.name())) {
                FINGERPRINTS.put(f.name(), opensslFingerprint(fixtures.resolve(f.name())));
            }
        }
    }

    /** Skips each test without openssl, or fails it on CI ({@code CI=true}). */
    @BeforeEach
    void requireOpenssl() {
        requireTool("openssl");
    }

    /** What {@code openssl pkey -pubout -outform DER | sha256sum} prints for a private key file. */
    private static String opensslFingerprint(Path privateKeyFile) throws Exception {
        return sha256Hex(runOpenssl(
                fixtures,
                "pkey",
                "-in",
                privateKeyFile,
                "-passin",
                passwordSource(fixtures),
                "-pubout",
                "-outform",
                "DER"));
    }

    /** The files {@link KeyFiles#read} reads: all of them. */
    static Stream<OpensslFile> readableFiles() {
        return FILES.stream();
    }

    static Stream<OpensslFile> encryptedFiles() {
        return FILES.stream().filter(OpensslFile::encrypted);
    }

    // ------------------------------------------------------------------------ openssl to us

    @ParameterizedTest(name = "{0}")
    @MethodSource("readableFiles")
    @DisplayName("KeyFiles.read on openssl's file: format, PEM or DER, encrypted, 2048 bits, openssl's fingerprint")
    void readOpensslFile(OpensslFile f) throws Exception {
        RsaKey key = KeyFiles.read(Files.readAllBytes(fixtures.resolve(f.name())), chars(PASSWORD));

        assertEquals(f.format(), key.format());
        assertEquals(f.pem(), key.pem());
        assertEquals(f.encrypted(), key.encrypted());
        assertEquals(KEY_BITS, key.bits());
        assertEquals(FINGERPRINTS.get(f.keyFile()), key.fingerprint());
        assertEquals(f.format().holdsPrivateKey(), key.privateKey() != null, "private key");
        if (f.format() == KeyFormat.CERTIFICATE) {
            assertNotNull(key.certificate());
            assertEquals("CN=test", key.certificate().getSubjectX500Principal().getName());
        } else {
            assertNull(key.certificate());
        }
    }

    @Test
    @DisplayName("the keys openssl made are distinct, and the traditional encrypted ones carry Proc-Type and DEK-Info")
    void fixturesAreWhatTheySeem() throws Exception {
        assertEquals(5, FINGERPRINTS.values().stream().distinct().count(), "five keys");
        for (String[] f : new String[][] {{"pkcs1-aes256.pem", "AES-256-CBC"}, {"pkcs1-des3.pem", "DES-EDE3-CBC"}}) {
            String text = ascii(Files.readAllBytes(fixtures.resolve(f[0])));
            assertTrue(text.startsWith("-----BEGIN RSA PRIVATE KEY-----"), f[0]);
            assertTrue(text.contains("Proc-Type: 4,ENCRYPTED"), f[0]);
            assertTrue(text.contains("DEK-Info: " + f[1] + ","), f[0]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encryptedFiles")
    @DisplayName("openssl's encrypted keys: a wrong password is an AuthenticationException, none a "
            + "PasswordRequiredException")
    void opensslEncryptedKeyWithoutThePassword(OpensslFile f) throws Exception {
        byte[] data = Files.readAllBytes(fixtures.resolve(f.name()));

        AuthenticationException wrong =
                assertThrows(AuthenticationException.class, () -> KeyFiles.read(data, chars(WRONG_PASSWORD)));
        assertEquals(WRONG_PASSWORD_MESSAGE, wrong.getMessage());
        PasswordRequiredException none = assertThrows(PasswordRequiredException.class, () -> KeyFiles.read(data, null));
        assertEquals(PASSWORD_REQUIRED_MESSAGE, none.getMessage());
    }

    @Test
    @DisplayName("openssl's PKCS#1 public key in DER reads")
    void opensslPkcs1PublicDer() throws Exception {
        RsaKey key = KeyFiles.read(Files.readAllBytes(fixtures.resolve(PKCS1_PUBLIC_DER)), null);

        assertEquals(KeyFormat.PKCS1_PUBLIC, key.format());
        assertFalse(key.pem());
        assertEquals(FINGERPRINTS.get(KEY), key.fingerprint());
    }

    @Test
    @DisplayName("encrypted PKCS#8 with PBKDF2's default PRF opens with a non-ASCII password, as openssl opens it")
    void defaultPrfWithNonAsciiPassword() throws Exception {
        Path file = fixtures.resolve(DEFAULT_PRF);
        runOpenssl(fixtures, "pkey", "-in", file, "-passin", passwordSource(fixtures), "-noout");

        RsaKey key = KeyFiles.read(Files.readAllBytes(file), chars(PASSWORD));

        assertEquals(FINGERPRINTS.get(KEY), key.fingerprint());
    }

    @Test
    @DisplayName("encrypted PKCS#8 with PBKDF2's default PRF opens with an ASCII password")
    void defaultPrfWithAsciiPassword() throws Exception {
        runOpenssl(
                dir,
                "pkcs8",
                "-topk8",
                "-v2",
                "aes128",
                "-v2prf",
                "hmacWithSHA1",
                "-passout",
                "pass:ascii",
                "-in",
                fixtures.resolve(KEY),
                "-out",
                "default-prf.pem");

        RsaKey key = KeyFiles.read(Files.readAllBytes(dir.resolve("default-prf.pem")), chars("ascii"));

        assertEquals(KeyFormat.ENCRYPTED_PKCS8, key.format());
        assertEquals(FINGERPRINTS.get(KEY), key.fingerprint());
    }

    /** Other keys and objects openssl writes, with what {@link KeyFiles#read} says of them. */
    static Stream<Arguments> notRsaKeyFiles() {
        return Stream.of(
                Arguments.of("EC key, PKCS#8 PEM", List.of(EC_KEY), "ec.pem", KeyFilesReadErrorsTest.NOT_RSA_EC),
                Arguments.of(
                        "EC key, PKCS#8 DER",
                        List.of(
                                EC_KEY,
                                List.of(
                                        "pkcs8",
                                        "-topk8",
                                        "-nocrypt",
                                        "-in",
                                        "ec.pem",
                                        "-outform",
                                        "DER",
                                        "-out",
                                        "ec.der")),
                        "ec.der",
                        KeyFilesReadErrorsTest.NOT_RSA_EC),
                Arguments.of(
                        "EC key, SEC1 PEM",
                        List.of(EC_KEY, List.of("ec", "-in", "ec.pem", "-out", "sec1.pem")),
                        "sec1.pem",
                        KeyFilesReadErrorsTest.NOT_RSA_EC),
                Arguments.of(
                        "EC public key, SPKI PEM",
                        List.of(EC_KEY, List.of("pkey", "-in", "ec.pem", "-pubout", "-out", "ec-public.pem")),
                        "ec-public.pem",
                        KeyFilesReadErrorsTest.NOT_RSA_EC_PUBLIC),
                Arguments.of(
                        "EC certificate",
                        List.of(
                                EC_KEY,
                                List.of(
                                        "req",
                                        "-new",
                                        "-x509",
                                        "-key",
                                        "ec.pem",
                                        "-subj",
                                        "/CN=test",
                                        "-days",
                                        "2",
                                        "-out",
                                        "ec-certificate.pem")),
                        "ec-certificate.pem",
                        "holds a certificate for an EC key; cookbook uses RSA keys only"),
                Arguments.of(
                        "Ed25519 key",
                        List.of(List.of("genpkey", "-algorithm", "ED25519", "-out", "ed.pem")),
                        "ed.pem",
                        "holds an Ed25519 private key; cookbook uses RSA keys only"),
                Arguments.of(
                        "RSA-PSS key",
                        List.of(List.of(
                                "genpkey",
                                "-algorithm",
                                "RSA-PSS",
                                "-pkeyopt",
                                "rsa_keygen_bits:1024",
                                "-out",
                                "pss.pem")),
                        "pss.pem",
                        "holds an RSA-PSS private key; cookbook uses RSA keys only"),
                Arguments.of(
                        "certificate request",
                        List.of(List.of(
                                "req",
                                "-new",
                                "-newkey",
                                "rsa:1024",
                                "-nodes",
                                "-keyout",
                                "request-key.pem",
                                "-subj",
                                "/CN=test",
                                "-out",
                                "request.pem")),
                        "request.pem",
                        "not a key file: PEM block 'CERTIFICATE REQUEST'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notRsaKeyFiles")
    @DisplayName("what openssl writes that is no RSA key: a CryptoException saying what it is")
    void notAnRsaKeyFile(String what, List<List<String>> commands, String file, String message) throws Exception {
        for (List<String> command : commands) {
            runOpenssl(dir, command);
        }

        CryptoException e =
                assertThrows(CryptoException.class, () -> KeyFiles.read(Files.readAllBytes(dir.resolve(file)), null));

        assertEquals(CryptoException.class, e.getClass());
        assertEquals(message, e.getMessage());
    }

    // ------------------------------------------------------------------------ us to openssl

    /** Everything {@link KeyFiles#write} writes from a private key: each format, PEM and DER, and passwords. */
    static Stream<WriteCase> writtenFiles() {
        return KeyFilesWriteTest.everyCase()
                .filter(c -> c.kind() == KeyKind.PRIVATE && c.refusal().isEmpty());
    }

    /** The openssl command that reads {@code file} as {@code format} and writes its public key as SPKI DER. */
    private List<Object> opensslPublicKeyOf(KeyFormat format, boolean pem, Path file) throws Exception {
        List<Object> in = List.of("-in", file, "-inform", pem ? "PEM" : "DER", "-passin", passwordSource(dir));
        List<Object> out = List.of("-pubout", "-outform", "DER");
        return switch (format) {
            case PKCS8, ENCRYPTED_PKCS8 -> List.of("pkey", in, out);
            case PKCS1 -> List.of("rsa", in, out);
            case PKCS1_PUBLIC -> List.of("rsa", "-RSAPublicKey_in", in, out);
            case SPKI -> List.of("pkey", "-pubin", in, out);
            case CERTIFICATE -> throw new IllegalArgumentException("not written");
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writtenFiles")
    @DisplayName("openssl reads what KeyFiles.write writes: the same key (fingerprint), a consistent private key")
    void opensslReadsOurFile(WriteCase c) throws Exception {
        RsaKey key = KeyFiles.of(TestKeys.alice());
        Path file = Files.write(dir.resolve("ours"), KeyFiles.write(key, c.format(), c.pem(), chars(c.password())));

        byte[] spki = runOpenssl(
                dir, opensslPublicKeyOf(c.formatReadBack(), c.pem(), file).toArray());

        assertEquals(key.fingerprint(), sha256Hex(spki), "the fingerprint of the key openssl read");
        if (c.format().holdsPrivateKey()) {
            String tool = c.format() == KeyFormat.PKCS1 ? "rsa" : "pkey";
            runOpenssl(
                    dir,
                    tool,
                    "-in",
                    file,
                    "-inform",
                    c.pem() ? "PEM" : "DER",
                    "-passin",
                    passwordSource(dir),
                    "-check",
                    "-noout");
        }
        if (c.encrypted()) {
            ProcessResult wrong = openssl(
                    dir,
                    "pkey",
                    "-in",
                    file,
                    "-inform",
                    c.pem() ? "PEM" : "DER",
                    "-passin",
                    "pass:" + WRONG_PASSWORD,
                    "-noout");
            assertNotEquals(0, wrong.exit(), "openssl with a wrong password");
        }
    }

    static Stream<WriteCase> encryptedWrittenFiles() {
        return writtenFiles().filter(WriteCase::encrypted);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encryptedWrittenFiles")
    @DisplayName("openssl's asn1parse sees our encrypted PKCS#8 as PBES2, PBKDF2, hmacWithSHA256, 600000, aes-256-cbc")
    void opensslSeesOurEncryption(WriteCase c) throws Exception {
        Path file = Files.write(
                dir.resolve("ours"),
                KeyFiles.write(KeyFiles.of(TestKeys.alice()), c.format(), c.pem(), chars(c.password())));

        String parsed = ascii(runOpenssl(dir, "asn1parse", "-in", file, "-inform", c.pem() ? "PEM" : "DER"));

        List<String> objects = new ArrayList<>();
        for (String line : parsed.split("\n")) {
            if (line.contains("OBJECT") || line.contains("INTEGER")) {
                objects.add(line.substring(line.lastIndexOf(':') + 1).trim());
            }
        }
        // 600000 is 0x0927C0
        assertEquals(List.of("PBES2", "PBKDF2", "0927C0", "hmacWithSHA256", "aes-256-cbc"), objects);
    }
}
