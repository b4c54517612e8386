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
    static final String NOT_RSA_EC = "not an RSA key (EC); cookbook keys are RSA";
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
                notAKey("half a PKCS#8 DER key", Arrays.copyOf(pkcs8Der, pkcs8Der.length / 2), NOT_A_KEY_FILE),
                notAKey(
                        "a PKCS#8 DER key with a byte appended",
                        Arrays.copyOf(pkcs8Der, pkcs8Der.length + 1),
                        NOT_A_KEY_FILE),
                notAKey(
                        "a PEM key without its END line",
                        withoutEndLine,
                        "not a valid key file: -----end private key----- not found"),
                notAKey(
                        "half a PEM key",
                        Arrays.copyOf(pkcs8Pem, pkcs8Pem.length / 2),
                        "not a valid key file: -----end private key----- not found"),
                notAKey(
                        "a BEGIN with no type line",
                        utf8("-----BEGIN "),
                        "not a valid key file: no complete PEM block"),
                notAKey(
                        "a PEM block that is not base64",
                        utf8("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n"),
                        "not a valid key file: malformed pem data: unable to decode base64 string: invalid characters "
                                + "encountered at end of base64 data"),
                notAKey(
                        "a PRIVATE KEY block of junk",
                        pemBlock("PRIVATE KEY", utf8("hello")),
                        "not a valid key file: failed to construct sequence from byte[]"),
                notAKey(
                        "a PUBLIC KEY block of junk",
                        pemBlock("PUBLIC KEY", utf8("hello")),
                        "not a valid key file: failed to construct sequence from byte[]"),
                notAKey(
                        "an RSA PUBLIC KEY block of junk",
                        pemBlock("RSA PUBLIC KEY", utf8("hello")),
                        "not a valid key file: failed to construct sequence from byte[]"));
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
                notAKey(
                        "an EC key in SEC1 form",
                        pemBlock("EC PRIVATE KEY", sec1),
                        "not a key file: PEM block 'EC PRIVATE KEY'"),
                notAKey(
                        "an OpenSSH key",
                        pemBlock("OPENSSH PRIVATE KEY", utf8("openssh-key-v1\0")),
                        "not a key file: PEM block 'OPENSSH PRIVATE KEY'"),
                notAKey(
                        "EC parameters",
                        pemBlock("EC PARAMETERS", new byte[] {6, 8, 42, -122, 72, -50, 61, 3, 1, 7}),
                        "not a key file: PEM block 'EC PARAMETERS'"));
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
                        NOT_RSA_EC),
                notAKey("an EC public key in SPKI DER", ec.getPublic().getEncoded(), NOT_RSA_EC),
                notAKey(
                        "an EC certificate in PEM",
                        pemBlock("CERTIFICATE", ecCertificate),
                        "the certificate holds no RSA key"),
                notAKey("an EC certificate in DER", ecCertificate, "the certificate holds no RSA key"),
                notAKey(
                        "a DSA key in PKCS#8 PEM",
                        pemBlock(
                                "PRIVATE KEY",
                                generate("DSA", 1024).getPrivate().getEncoded()),
                        "not an RSA key (DSA); cookbook keys are RSA"),
                notAKey(
                        "an Ed25519 key in PKCS#8 PEM",
                        pemBlock(
                                "PRIVATE KEY",
                                generate("Ed25519", 255).getPrivate().getEncoded()),
                        "not an RSA key (ED25519); cookbook keys are RSA"),
                notAKey(
                        "an RSASSA-PSS key in PKCS#8 PEM",
                        pemBlock(
                                "PRIVATE KEY",
                                generate("RSASSA-PSS", 1024).getPrivate().getEncoded()),
                        "not an RSA key (RSASSA-PSS); cookbook keys are RSA"));
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
        assertTrue(e.getMessage().startsWith("not a valid certificate: "), e.getMessage());
    }

    @Test
    @DisplayName("well-formed DER that holds none of the key structures is called no key file, not a bad certificate")
    void derOfNoKeyStructure() throws IOException {
        byte[] sec1 = PrivateKeyInfo.getInstance(EcKeys.PAIR.getPrivate().getEncoded())
                .parsePrivateKey()
                .toASN1Primitive()
                .getEncoded();
        for (byte[] der : List.of(sec1, new byte[] {5, 0})) {
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
