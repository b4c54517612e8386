package dev.cookbook.crypto.rsa;

import static dev.cookbook.crypto.rsa.RsaTestSupport.PASSWORD;
import static dev.cookbook.crypto.rsa.RsaTestSupport.PASSWORD_REQUIRED_MESSAGE;
import static dev.cookbook.crypto.rsa.RsaTestSupport.WRONG_PASSWORD;
import static dev.cookbook.crypto.rsa.RsaTestSupport.WRONG_PASSWORD_MESSAGE;
import static dev.cookbook.crypto.rsa.RsaTestSupport.ascii;
import static dev.cookbook.crypto.rsa.RsaTestSupport.assertSamePrivateKey;
import static dev.cookbook.crypto.rsa.RsaTestSupport.certificateRequest;
import static dev.cookbook.crypto.rsa.RsaTestSupport.chars;
import static dev.cookbook.crypto.rsa.RsaTestSupport.flipBit;
import static dev.cookbook.crypto.rsa.RsaTestSupport.pemBlock;
import static dev.cookbook.crypto.rsa.RsaTestSupport.privateKey;
import static dev.cookbook.crypto.rsa.RsaTestSupport.pseudoRandomBytes;
import static dev.cookbook.crypto.rsa.RsaTestSupport.selfSignedCertificate;
import static dev.cookbook.crypto.rsa.RsaTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.crypto.AuthenticationException;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.rsa.RsaTestSupport.TestKeys;
import java.io.IOException;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfoBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link KeyFiles#read} says about input that is no RSA key file, and about encrypted keys
 * read with a wrong password or none. The fixtures are made here with the JDK and Bouncy Castle;
 * openssl's own files are {@link KeyFilesOpensslInteropTest}'s.
 */
class KeyFilesReadErrorsTest {
    static final String NOT_RSA_EC = "holds an EC private key; cookbook uses RSA keys only";
    static final String NOT_RSA_EC_PUBLIC = "holds an EC public key; cookbook uses RSA keys only";
    static final String NOT_A_KEY_FILE = "not a valid key file: neither PEM nor DER";
    /** A PBKDF2 cost for encrypted fixtures where the cost is not the point (openssl's own default). */
    static final int CHEAP_ITERATIONS = 2048;

    private static final Provider BC = new BouncyCastleProvider();

    /** Input {@link KeyFiles#read} refuses, with the password given, the exception class and its message. */
    record Refused(String what, byte[] data, String password, Class<? extends CryptoException> type, String message) {
        @Override
        public String toString() {
            return what;
        }
    }

    private static Refused notAKey(String what, byte[] data, String message) {
        return new Refused(what, data, null, CryptoException.class, message);
    }

    private static final class EcKeys {
        static final KeyPair PAIR = generate("EC", new ECGenParameterSpec("secp256r1"));
    }

    private static KeyPair generate(String algorithm, AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            g.initialize(spec);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Refused> notKeyFiles() throws IOException {
        byte[] pkcs8Pem = KeyFiles.write(KeyFiles.of(TestKeys.alice()), KeyFormat.PKCS8, true, null);
        byte[] pkcs8Der = KeyFiles.write(KeyFiles.of(TestKeys.alice()), KeyFormat.PKCS8, false, null);
        String pemText = ascii(pkcs8Pem);
        byte[] withoutEndLine = utf8(pemText.substring(0, pemText.indexOf("-----END")));
        return Stream.of(
                notAKey("an empty file", new byte[0], "not a valid key file: the file is empty"),
                notAKey("blank lines", utf8("\n \n\t\n"), NOT_A_KEY_FILE),
                notAKey("text", utf8("Lorem ipsum dolor sit amet, consectetur adipiscing elit\n"), NOT_A_KEY_FILE),
                notAKey("random bytes", pseudoRandomBytes(1000), NOT_A_KEY_FILE),
                notAKey(
                        "half a PKCS#8 DER key",
                        Arrays.copyOf(pkcs8Der, pkcs8Der.length / 2),
                        "not a valid key file: truncated DER: " + pkcs8Der.length / 2 + " of its " + pkcs8Der.length
                                + " bytes"),
                notAKey(
                        "a PKCS#8 DER key with a byte appended",
                        Arrays.copyOf(pkcs8Der, pkcs8Der.length + 1),
                        "not a valid key file: DER with 1 stray bytes after its end"),
                notAKey(
                        "a PEM key without its END line",
                        withoutEndLine,
                        "not a valid key file: no '-----END PRIVATE KEY-----' line: the file is cut short"),
                notAKey(
                        "half a PEM key",
                        Arrays.copyOf(pkcs8Pem, pkcs8Pem.length / 2),
                        "not a valid key file: no '-----END PRIVATE KEY-----' line: the file is cut short"),
                notAKey(
                        "a BEGIN with no type line",
                        utf8("-----BEGIN "),
                        "not a valid key file: no complete PEM block"),
                notAKey(
                        "a PEM block that is not base64",
                        utf8("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n"),
                        "not a valid key file: the PEM body is not valid base64"),
                notAKey(
                        "a PRIVATE KEY block of junk",
                        pemBlock("PRIVATE KEY", utf8("hello")),
                        "not a valid key file: the PRIVATE KEY block is damaged: it holds no DER structure"),
                notAKey(
                        "a PUBLIC KEY block of junk",
                        pemBlock("PUBLIC KEY", utf8("hello")),
                        "not a valid key file: the PUBLIC KEY block is damaged: it holds no DER structure"),
                notAKey(
                        "an RSA PUBLIC KEY block of junk",
                        pemBlock("RSA PUBLIC KEY", utf8("hello")),
                        "not a valid key file: the RSA PUBLIC KEY block is damaged: it holds no DER structure"),
                notAKey(
                        "a PRIVATE KEY block cut short, with its END line",
                        pemBlock("PRIVATE KEY", Arrays.copyOf(pkcs8Der, 300)),
                        "not a valid key file: the PRIVATE KEY block is truncated: 300 of its " + pkcs8Der.length
                                + " bytes"),
                notAKey(
                        "a PRIVATE KEY block with bytes after its key",
                        pemBlock("PRIVATE KEY", Arrays.copyOf(pkcs8Der, pkcs8Der.length + 2)),
                        "not a valid key file: the PRIVATE KEY block has 2 stray bytes after its end"),
                notAKey(
                        "an empty PRIVATE KEY block",
                        pemBlock("PRIVATE KEY", new byte[0]),
                        "not a valid key file: the PRIVATE KEY block is empty"),
                notAKey(
                        "a PUBLIC KEY block that holds a private key",
                        pemBlock("PUBLIC KEY", pkcs8Der),
                        "not a valid key file: the PUBLIC KEY block holds no valid key"));
    }

    static Stream<Refused> otherPemBlocks() throws IOException {
        KeyPair ec = EcKeys.PAIR;
        byte[] sec1 = PrivateKeyInfo.getInstance(ec.getPrivate().getEncoded())
                .parsePrivateKey()
                .toASN1Primitive()
                .getEncoded();
        return Stream.of(
                notAKey(
                        "a certificate request",
                        pemBlock("CERTIFICATE REQUEST", certificateRequest(TestKeys.alice())),
                        "not a key file: PEM block 'CERTIFICATE REQUEST'"),
                notAKey("an EC key in SEC1 form", pemBlock("EC PRIVATE KEY", sec1), NOT_RSA_EC),
                notAKey("an EC key in SEC1 DER", sec1, NOT_RSA_EC),
                notAKey(
                        "EC parameters, then the key in SEC1 form",
                        org.bouncycastle.util.Arrays.concatenate(
                                pemBlock("EC PARAMETERS", new byte[] {6, 8, 42, -122, 72, -50, 61, 3, 1, 7}),
                                pemBlock("EC PRIVATE KEY", sec1)),
                        NOT_RSA_EC),
                notAKey(
                        "an OpenSSH key",
                        pemBlock("OPENSSH PRIVATE KEY", utf8("openssh-key-v1\0")),
                        "holds a key in OpenSSH's own format, which cookbook does not read: it reads PKCS#8, "
                                + "PKCS#1, SPKI and X.509, PEM or DER"),
                notAKey(
                        "EC parameters",
                        pemBlock("EC PARAMETERS", new byte[] {6, 8, 42, -122, 72, -50, 61, 3, 1, 7}),
                        "holds EC parameters; cookbook uses RSA keys only"));
    }

    static Stream<Refused> nonRsaKeys() throws IOException {
        KeyPair ec = EcKeys.PAIR;
        byte[] ecCertificate = selfSignedCertificate(ec);
        return Stream.of(
                notAKey(
                        "an EC key in PKCS#8 PEM",
                        pemBlock("PRIVATE KEY", ec.getPrivate().getEncoded()),
                        NOT_RSA_EC),
                notAKey("an EC key in PKCS#8 DER", ec.getPrivate().getEncoded(), NOT_RSA_EC),
                notAKey(
                        "an EC public key in SPKI PEM",
                        pemBlock("PUBLIC KEY", ec.getPublic().getEncoded()),
                        NOT_RSA_EC_PUBLIC),
                notAKey("an EC public key in SPKI DER", ec.getPublic().getEncoded(), NOT_RSA_EC_PUBLIC),
                notAKey(
                        "an EC certificate in PEM",
                        pemBlock("CERTIFICATE", ecCertificate),
                        "holds a certificate for an EC key; cookbook uses RSA keys only"),
                notAKey(
                        "an EC certificate in DER",
                        ecCertificate,
                        "holds a certificate for an EC key; cookbook uses RSA keys only"),
                notAKey(
                        "a DSA key in PKCS#8 PEM",
                        pemBlock(
                                "PRIVATE KEY",
                                generate("DSA", 1024).getPrivate().getEncoded()),
                        "holds a DSA private key; cookbook uses RSA keys only"),
                notAKey(
                        "an Ed25519 key in PKCS#8 PEM",
                        pemBlock(
                                "PRIVATE KEY",
                                generate("Ed25519", 255).getPrivate().getEncoded()),
                        "holds an Ed25519 private key; cookbook uses RSA keys only"),
                notAKey(
                        "an X25519 public key in SPKI PEM",
                        pemBlock(
                                "PUBLIC KEY",
                                generate("X25519", 255).getPublic().getEncoded()),
                        "holds an X25519 public key; cookbook uses RSA keys only"),
                notAKey(
                        "an RSASSA-PSS key in PKCS#8 PEM",
                        pemBlock(
                                "PRIVATE KEY",
                                generate("RSASSA-PSS", 1024).getPrivate().getEncoded()),
                        "holds an RSA-PSS private key; cookbook uses RSA keys only"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"notKeyFiles", "otherPemBlocks", "nonRsaKeys"})
    @DisplayName("what is no RSA key file is refused with a CryptoException saying why")
    void refused(Refused r) {
        assertRefused(r);
    }

    private static void assertRefused(Refused r) {
        CryptoException e = assertThrows(CryptoException.class, () -> KeyFiles.read(r.data(), chars(r.password())));
        assertEquals(r.type(), e.getClass(), () -> "exception class, message: " + e.getMessage());
        assertEquals(r.message(), e.getMessage());
    }

    @Test
    @DisplayName("a CERTIFICATE block of junk is refused as no valid certificate")
    void junkCertificate() {
        CryptoException e = assertThrows(
                CryptoException.class, () -> KeyFiles.read(pemBlock("CERTIFICATE", pseudoRandomBytes(100)), null));

        assertEquals(CryptoException.class, e.getClass());
        assertEquals(
                "not a valid key file: the CERTIFICATE block is damaged: it holds no DER structure", e.getMessage());
    }

    @Test
    @DisplayName("a certificate cut in half is called truncated, in PEM and in DER")
    void truncatedCertificate() throws IOException {
        byte[] cert = selfSignedCertificate(TestKeys.alice());
        byte[] half = Arrays.copyOf(cert, cert.length / 2);
        CryptoException pem =
                assertThrows(CryptoException.class, () -> KeyFiles.read(pemBlock("CERTIFICATE", half), null));
        assertEquals(
                "not a valid key file: the CERTIFICATE block is truncated: " + half.length + " of its " + cert.length
                        + " bytes",
                pem.getMessage());
        CryptoException der = assertThrows(CryptoException.class, () -> KeyFiles.read(half, null));
        assertEquals(
                "not a valid key file: truncated DER: " + half.length + " of its " + cert.length + " bytes",
                der.getMessage());
    }

    @Test
    @DisplayName("read(Path) names the file in every failure: CryptoException.source(), and the I/O exception's file")
    void readingAFileNamesIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path junk = java.nio.file.Files.write(dir.resolve("junk.pem"), utf8("hello\n"));
        CryptoException e = assertThrows(CryptoException.class, () -> KeyFiles.read(junk, null));
        assertEquals(junk.toString(), e.source());
        assertEquals(NOT_A_KEY_FILE, e.getMessage());
        assertEquals(
                null,
                assertThrows(CryptoException.class, () -> KeyFiles.read(utf8("hello\n"), null))
                        .source());

        java.nio.file.FileSystemException folder =
                assertThrows(java.nio.file.FileSystemException.class, () -> KeyFiles.read(dir, null));
        assertEquals(dir.toString(), folder.getFile());
        assertEquals("Is a directory", folder.getReason());
        java.nio.file.NoSuchFileException missing =
                assertThrows(java.nio.file.NoSuchFileException.class, () -> KeyFiles.read(dir.resolve("none"), null));
        assertEquals(dir.resolve("none").toString(), missing.getFile());

        java.nio.file.Path big = java.nio.file.Files.write(dir.resolve("big"), new byte[KeyFiles.MAX_SIZE + 1]);
        CryptoException large = assertThrows(CryptoException.class, () -> KeyFiles.read(big, null));
        assertEquals("not a valid key file: larger than 1 MiB, far more than any key", large.getMessage());
        assertEquals(big.toString(), large.source());
    }

    @Test
    @DisplayName("read(Path) asks for the password only for an encrypted key, once, and zeroes it")
    void readingAFileAsksForItsPasswordOnlyIfEncrypted(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path plain = java.nio.file.Files.write(
                dir.resolve("plain.pem"), KeyFiles.write(KeyFiles.of(TestKeys.alice()), KeyFormat.PKCS8, true, null));
        assertEquals(
                KeyFormat.PKCS8,
                KeyFiles.read(plain, () -> {
                            throw new AssertionError("asked for the password of a plain key");
                        })
                        .format());
        java.nio.file.Path enc = java.nio.file.Files.write(dir.resolve("enc.der"), encryptedPkcs8Der());
        PasswordRequiredException none = assertThrows(PasswordRequiredException.class, () -> KeyFiles.read(enc, null));
        assertEquals(enc.toString(), none.source());
        assertEquals(PASSWORD_REQUIRED_MESSAGE, none.getMessage());
        AuthenticationException wrong =
                assertThrows(AuthenticationException.class, () -> KeyFiles.read(enc, () -> chars(WRONG_PASSWORD)));
        assertEquals(enc.toString(), wrong.source());
        assertEquals(WRONG_PASSWORD_MESSAGE, wrong.getMessage());
        char[][] given = new char[1][];
        int[] asked = {0};
        RsaKey key = KeyFiles.read(enc, () -> {
            asked[0]++;
            return given[0] = chars(PASSWORD);
        });
        assertEquals(KeyFormat.ENCRYPTED_PKCS8, key.format());
        assertEquals(1, asked[0]);
        assertTrue(new String(given[0]).chars().allMatch(c -> c == 0), "the password is zeroed");
    }

    @Test
    @DisplayName("well-formed DER that holds none of the key structures is called no key file, not a bad certificate")
    void derOfNoKeyStructure() throws IOException {
        byte[] sequenceOfOneInteger = {0x30, 3, 2, 1, 7}; // (an EC key in SEC1 form is named as one)
        for (byte[] der : List.of(sequenceOfOneInteger, new byte[] {5, 0})) {
            CryptoException e = assertThrows(CryptoException.class, () -> KeyFiles.read(der, null));
            assertEquals("not a valid key file: DER that holds no RSA key", e.getMessage());
        }
    }

    // ------------------------------------------------------------------------ encrypted keys

    /** Alice's key as encrypted PKCS#8 DER made by Bouncy Castle, PBES2 AES-256-CBC at a low cost. */
    static byte[] encryptedPkcs8Der() throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(BC)
                .setIterationCount(CHEAP_ITERATIONS)
                .setPassword(chars(PASSWORD))
                .build();
        return new PKCS8EncryptedPrivateKeyInfoBuilder(
                        PrivateKeyInfo.getInstance(TestKeys.alice().getPrivate().getEncoded()))
                .build(encryptor)
                .getEncoded();
    }

    /** Alice's key as openssl's traditional encrypted PEM (Proc-Type, DEK-Info), made by Bouncy Castle. */
    static byte[] encryptedPkcs1Pem(String cipher) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            w.writeObject(
                    TestKeys.alice().getPrivate(),
                    new JcePEMEncryptorBuilder(cipher).setProvider(BC).build(chars(PASSWORD)));
        }
        return utf8(text.toString());
    }

    /** Encrypted key files, each with the format it reads as. */
    static Stream<EncryptedFile> encryptedFiles() {
        return Stream.of(
                new EncryptedFile(
                        "encrypted PKCS#8 DER", KeyFormat.ENCRYPTED_PKCS8, KeyFilesReadErrorsTest::encryptedPkcs8Der),
                new EncryptedFile(
                        "encrypted PKCS#8 PEM",
                        KeyFormat.ENCRYPTED_PKCS8,
                        () -> pemBlock("ENCRYPTED PRIVATE KEY", encryptedPkcs8Der())),
                new EncryptedFile("PKCS#1 PEM, AES-256-CBC", KeyFormat.PKCS1, () -> encryptedPkcs1Pem("AES-256-CBC")),
                new EncryptedFile(
                        "PKCS#1 PEM, DES-EDE3-CBC", KeyFormat.PKCS1, () -> encryptedPkcs1Pem("DES-EDE3-CBC")));
    }

    interface Maker {
        byte[] make() throws Exception;
    }

    record EncryptedFile(String what, KeyFormat format, Maker maker) {
        @Override
        public String toString() {
            return what;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encryptedFiles")
    @DisplayName("an encrypted key: the right password opens it, a wrong one is an AuthenticationException, "
            + "none a PasswordRequiredException")
    void encryptedKey(EncryptedFile file) throws Exception {
        byte[] data = file.maker().make();
        if (file.format() == KeyFormat.PKCS1) {
            assertTrue(ascii(data).contains("Proc-Type: 4,ENCRYPTED"), "the traditional encrypted form");
        }

        RsaKey key = KeyFiles.read(data, chars(PASSWORD));
        assertEquals(file.format(), key.format());
        assertTrue(key.encrypted());
        assertSamePrivateKey(privateKey(TestKeys.alice()), key.privateKey());

        assertRefused(new Refused(
                "wrong password", data, WRONG_PASSWORD, AuthenticationException.class, WRONG_PASSWORD_MESSAGE));
        assertRefused(new Refused("empty password", data, "", AuthenticationException.class, WRONG_PASSWORD_MESSAGE));
        assertRefused(
                new Refused("no password", data, null, PasswordRequiredException.class, PASSWORD_REQUIRED_MESSAGE));
    }

    @Test
    @DisplayName("encrypted PKCS#8 whose last block is damaged (the padding breaks) is an AuthenticationException")
    void damagedEncryptedPkcs8() throws Exception {
        byte[] der = encryptedPkcs8Der();
        // The last byte of the next-to-last CBC block flips a bit of the last padding byte: never valid padding.
        byte[] damaged = flipBit(der, der.length - 17, 0);

        assertRefused(new Refused("damaged", damaged, PASSWORD, AuthenticationException.class, WRONG_PASSWORD_MESSAGE));
    }
}
