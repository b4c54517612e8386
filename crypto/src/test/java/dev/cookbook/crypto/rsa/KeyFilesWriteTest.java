package dev.cookbook.crypto.rsa;

import static dev.cookbook.crypto.rsa.RsaTestSupport.PASSWORD;
import static dev.cookbook.crypto.rsa.RsaTestSupport.ascii;
import static dev.cookbook.crypto.rsa.RsaTestSupport.assertSamePrivateKey;
import static dev.cookbook.crypto.rsa.RsaTestSupport.assertSamePublicKey;
import static dev.cookbook.crypto.rsa.RsaTestSupport.chars;
import static dev.cookbook.crypto.rsa.RsaTestSupport.pemBlock;
import static dev.cookbook.crypto.rsa.RsaTestSupport.privateKey;
import static dev.cookbook.crypto.rsa.RsaTestSupport.publicKey;
import static dev.cookbook.crypto.rsa.RsaTestSupport.readPem;
import static dev.cookbook.crypto.rsa.RsaTestSupport.selfSignedCertificate;
import static dev.cookbook.crypto.rsa.RsaTestSupport.spkiFingerprint;
import static dev.cookbook.crypto.rsa.RsaTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.crypto.rsa.RsaTestSupport.TestKeys;
import java.io.IOException;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link KeyFiles#write} for every combination of key, format, encoding and password, read back
 * with {@link KeyFiles#read}: what it writes, what it refuses and with which message, every
 * conversion from one format to another, and the exact encryption of encrypted PKCS#8.
 * openssl's view of the same files is {@link KeyFilesOpensslInteropTest}'s.
 */
class KeyFilesWriteTest {
    static final String NO_PRIVATE_FORM = "a public key has no private form";
    static final String NEEDS_PASSWORD = "an encrypted key needs a password";
    static final String NO_CERTIFICATES = "cookbook does not write certificates";

    /** The PEM block type of each format that {@link KeyFiles#write} writes. */
    static final Map<KeyFormat, String> PEM_LABELS = Map.of(
            KeyFormat.PKCS8, "PRIVATE KEY",
            KeyFormat.ENCRYPTED_PKCS8, "ENCRYPTED PRIVATE KEY",
            KeyFormat.PKCS1, "RSA PRIVATE KEY",
            KeyFormat.PKCS1_PUBLIC, "RSA PUBLIC KEY",
            KeyFormat.SPKI, "PUBLIC KEY");

    /** What an {@link RsaKey} can hold: a key pair, a public key alone, or a certificate's public key. */
    enum KeyKind {
        PRIVATE,
        PUBLIC,
        CERTIFICATE
    }

    /** One call of {@link KeyFiles#write}; {@code password} null for none. */
    record WriteCase(KeyKind kind, KeyFormat format, boolean pem, String password) {
        boolean encrypted() {
            return password != null;
        }

        /** The format {@link KeyFiles#read} reports for the written file: a password makes PKCS#8 encrypted. */
        KeyFormat formatReadBack() {
            return format == KeyFormat.PKCS8 && encrypted() ? KeyFormat.ENCRYPTED_PKCS8 : format;
        }

        /**
         * Why {@link KeyFiles#write} refuses this case, as its message; empty if it writes it. The
         * order of the checks is the order of precedence: the format, then a password where none
         * fits, then a private format for a public key, then a missing password.
         */
        Optional<String> refusal() {
            if (format == KeyFormat.CERTIFICATE) {
                return Optional.of(NO_CERTIFICATES);
            }
            boolean canBeEncrypted = format == KeyFormat.PKCS8 || format == KeyFormat.ENCRYPTED_PKCS8;
            if (encrypted() && !canBeEncrypted) {
                return Optional.of(format.label() + " cannot be encrypted; use encrypted PKCS#8");
            }
            if (format.holdsPrivateKey() && kind != KeyKind.PRIVATE) {
                return Optional.of(NO_PRIVATE_FORM);
            }
            if (format == KeyFormat.ENCRYPTED_PKCS8 && !encrypted()) {
                return Optional.of(NEEDS_PASSWORD);
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return kind + " key as " + format + (pem ? " PEM" : " DER") + (encrypted() ? " with a password" : "");
        }
    }

    private static KeyPair pair;
    private static final Map<KeyKind, RsaKey> KEYS = new EnumMap<>(KeyKind.class);
    /** Every conversion source, read once: reading encrypted PKCS#8 takes a while. */
    private static final Map<Source, RsaKey> SOURCES = new LinkedHashMap<>();

    @BeforeAll
    static void keys() throws Exception {
        pair = TestKeys.alice();
        RsaKey privateKey = KeyFiles.of(pair);
        KEYS.put(KeyKind.PRIVATE, privateKey);
        KEYS.put(KeyKind.PUBLIC, KeyFiles.read(KeyFiles.write(privateKey, KeyFormat.SPKI, true, null), null));
        KEYS.put(KeyKind.CERTIFICATE, KeyFiles.read(selfSignedCertificate(pair), null));
        for (Source source : sources()) {
            SOURCES.put(source, KeyFiles.read(source.file(privateKey), chars(PASSWORD)));
        }
    }

    static Stream<WriteCase> everyCase() {
        List<WriteCase> cases = new ArrayList<>();
        for (KeyKind kind : KeyKind.values()) {
            for (KeyFormat format : KeyFormat.values()) {
                for (boolean pem : new boolean[] {true, false}) {
                    for (String password : Arrays.asList(null, PASSWORD)) {
                        cases.add(new WriteCase(kind, format, pem, password));
                    }
                }
            }
        }
        return cases.stream();
    }

    static Stream<WriteCase> writableCases() {
        return everyCase().filter(c -> c.refusal().isEmpty());
    }

    static Stream<WriteCase> refusedCases() {
        return everyCase().filter(c -> c.refusal().isPresent());
    }

    @Test
    @DisplayName("the case table: 20 combinations are written, 52 refused")
    void caseTable() {
        assertEquals(72, everyCase().count());
        assertEquals(52, refusedCases().count());
        // 20 writable: 6 formats and passwords x 2 encodings from a private key, 2 x 2 from each public one
        assertEquals(20, writableCases().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writableCases")
    @DisplayName("what write writes, read reads back: the same key, format, encoding and encryption")
    void writtenFileReadsBack(WriteCase c) throws Exception {
        RsaKey key = KEYS.get(c.kind());

        byte[] written = KeyFiles.write(key, c.format(), c.pem(), chars(c.password()));
        RsaKey back = KeyFiles.read(written, chars(c.password()));

        assertEquals(c.pem(), ascii(written).startsWith("-----BEGIN "), "PEM or DER");
        assertEquals(c.formatReadBack(), back.format());
        assertEquals(c.pem(), back.pem());
        assertEquals(c.encrypted(), back.encrypted());
        assertEquals(KeyFiles.of(pair).fingerprint(), back.fingerprint());
        assertEquals(RsaTestSupport.KEY_BITS, back.bits());
        assertSamePublicKey(publicKey(pair), back.publicKey());
        if (c.format().holdsPrivateKey()) {
            assertSamePrivateKey(privateKey(pair), back.privateKey());
        } else {
            assertNull(back.privateKey(), "a public key file holds no private key");
        }
        assertNull(back.certificate(), "write never writes a certificate");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedCases")
    @DisplayName("what write refuses: IllegalArgumentException with the documented message")
    void refusedCombination(WriteCase c) {
        RsaKey key = KEYS.get(c.kind());

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> KeyFiles.write(key, c.format(), c.pem(), chars(c.password())));

        assertEquals(c.refusal().orElseThrow(), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(
            value = KeyFormat.class,
            names = {"PKCS8", "PKCS1", "PKCS1_PUBLIC", "SPKI"})
    @DisplayName("unencrypted PEM is the DER in a block of the format's type")
    void pemIsTheDerInABlock(KeyFormat format) throws Exception {
        RsaKey key = KEYS.get(KeyKind.PRIVATE);
        byte[] der = KeyFiles.write(key, format, false, null);
        byte[] pem = KeyFiles.write(key, format, true, null);

        PemObject block = readPem(ascii(pem));

        assertEquals(PEM_LABELS.get(format), block.getType());
        assertArrayEquals(der, block.getContent());
        assertTrue(
                ascii(pem).endsWith("-----END " + PEM_LABELS.get(format) + "-----" + System.lineSeparator()),
                "ends with the END line and a newline");
    }

    @Test
    @DisplayName("PKCS#8 DER is a PrivateKeyInfo: rsaEncryption with NULL parameters and the PKCS#1 key")
    void pkcs8Structure() throws Exception {
        PrivateKeyInfo info =
                PrivateKeyInfo.getInstance(KeyFiles.write(KEYS.get(KeyKind.PRIVATE), KeyFormat.PKCS8, false, null));

        assertEquals(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                info.getPrivateKeyAlgorithm());
        assertPkcs1PrivateKey(RSAPrivateKey.getInstance(info.parsePrivateKey()));
    }

    @Test
    @DisplayName("PKCS#1 DER is an RSAPrivateKey: version 0, n, e, d, p, q, dP, dQ, qInv")
    void pkcs1Structure() {
        assertPkcs1PrivateKey(
                RSAPrivateKey.getInstance(KeyFiles.write(KEYS.get(KeyKind.PRIVATE), KeyFormat.PKCS1, false, null)));
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    @DisplayName("PKCS#1 public DER is an RSAPublicKey: n and e")
    void pkcs1PublicStructure(KeyKind kind) {
        org.bouncycastle.asn1.pkcs.RSAPublicKey k = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(
                KeyFiles.write(KEYS.get(kind), KeyFormat.PKCS1_PUBLIC, false, null));

        assertEquals(publicKey(pair).getModulus(), k.getModulus());
        assertEquals(publicKey(pair).getPublicExponent(), k.getPublicExponent());
    }

    @ParameterizedTest
    @EnumSource(KeyKind.class)
    @DisplayName("SPKI DER is a SubjectPublicKeyInfo of rsaEncryption, whose SHA-256 is the fingerprint")
    void spkiStructure(KeyKind kind) throws Exception {
        byte[] der = KeyFiles.write(KEYS.get(kind), KeyFormat.SPKI, false, null);
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(der);
        org.bouncycastle.asn1.pkcs.RSAPublicKey k =
                org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(info.parsePublicKey());

        assertEquals(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), info.getAlgorithm());
        assertEquals(publicKey(pair).getModulus(), k.getModulus());
        assertEquals(publicKey(pair).getPublicExponent(), k.getPublicExponent());
        assertEquals(RsaTestSupport.sha256Hex(der), KEYS.get(kind).fingerprint());
    }

    private static void assertPkcs1PrivateKey(RSAPrivateKey k) {
        RSAPrivateCrtKey expected = privateKey(pair);
        assertEquals(0, k.getVersion().intValueExact(), "two-prime version");
        assertEquals(expected.getModulus(), k.getModulus());
        assertEquals(expected.getPublicExponent(), k.getPublicExponent());
        assertEquals(expected.getPrivateExponent(), k.getPrivateExponent());
        assertEquals(expected.getPrimeP(), k.getPrime1());
        assertEquals(expected.getPrimeQ(), k.getPrime2());
        assertEquals(expected.getPrimeExponentP(), k.getExponent1());
        assertEquals(expected.getPrimeExponentQ(), k.getExponent2());
        assertEquals(expected.getCrtCoefficient(), k.getCoefficient());
    }

    // ------------------------------------------------------------------- encrypted PKCS#8

    @Test
    @DisplayName("encrypted PKCS#8 is PBES2: PBKDF2 with hmacWithSHA256 at 600000 iterations, AES-256-CBC; "
            + "it decrypts without cookbook's code")
    void encryptedPkcs8Parameters() throws Exception {
        RsaKey key = KEYS.get(KeyKind.PRIVATE);
        EncryptedPrivateKeyInfo fromDer = EncryptedPrivateKeyInfo.getInstance(
                KeyFiles.write(key, KeyFormat.ENCRYPTED_PKCS8, false, chars(PASSWORD)));
        PemObject pem = readPem(ascii(KeyFiles.write(key, KeyFormat.ENCRYPTED_PKCS8, true, chars(PASSWORD))));
        assertEquals("ENCRYPTED PRIVATE KEY", pem.getType());
        EncryptedPrivateKeyInfo fromPem = EncryptedPrivateKeyInfo.getInstance(pem.getContent());

        Pbes2 first = Pbes2.of(fromDer);
        Pbes2 second = Pbes2.of(fromPem);

        for (Pbes2 p : List.of(first, second)) {
            assertEquals(KeyFiles.PBKDF2_ITERATIONS, p.iterations());
            assertEquals(600_000, p.iterations());
            assertEquals(16, p.iv().length, "AES-CBC IV");
            assertTrue(p.salt().length >= 16, "a salt of at least 16 bytes, not " + p.salt().length);
        }
        assertFalse(Arrays.equals(first.salt(), second.salt()), "every file has its own salt");
        assertFalse(Arrays.equals(first.iv(), second.iv()), "every file has its own IV");
        // The parameters alone, with the JDK's AES and Bouncy Castle's bare PBKDF2, give the PrivateKeyInfo.
        assertArrayEquals(KeyFiles.write(key, KeyFormat.PKCS8, false, null), first.decrypt(PASSWORD));
    }

    /** The parameters of a PBES2 EncryptedPrivateKeyInfo, checked to be PBKDF2-HMAC-SHA-256 and AES-256-CBC. */
    record Pbes2(byte[] salt, int iterations, byte[] iv, byte[] ciphertext) {
        static Pbes2 of(EncryptedPrivateKeyInfo info) {
            AlgorithmIdentifier scheme = info.getEncryptionAlgorithm();
            assertEquals(PKCSObjectIdentifiers.id_PBES2, scheme.getAlgorithm(), "PBES2");
            PBES2Parameters pbes2 = PBES2Parameters.getInstance(scheme.getParameters());
            assertEquals(
                    PKCSObjectIdentifiers.id_PBKDF2,
                    pbes2.getKeyDerivationFunc().getAlgorithm(),
                    "PBKDF2");
            PBKDF2Params kdf =
                    PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
            assertFalse(kdf.isDefaultPrf(), "an explicit PRF, not the default hmacWithSHA1");
            assertEquals(PKCSObjectIdentifiers.id_hmacWithSHA256, kdf.getPrf().getAlgorithm(), "hmacWithSHA256");
            if (kdf.getKeyLength() != null) {
                assertEquals(32, kdf.getKeyLength().intValueExact(), "key length, if given");
            }
            assertEquals(
                    NISTObjectIdentifiers.id_aes256_CBC,
                    pbes2.getEncryptionScheme().getAlgorithm(),
                    "AES-256-CBC");
            byte[] iv = ASN1OctetString.getInstance(pbes2.getEncryptionScheme().getParameters())
                    .getOctets();
            return new Pbes2(kdf.getSalt(), kdf.getIterationCount().intValueExact(), iv, info.getEncryptedData());
        }

        /** PKCS#5 v2.1: PBKDF2-HMAC-SHA-256 of the UTF-8 password gives the AES key; CBC with PKCS#7 padding. */
        byte[] decrypt(String password) throws Exception {
            PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(new SHA256Digest());
            pbkdf2.init(utf8(password), salt, iterations);
            byte[] key = ((KeyParameter) pbkdf2.generateDerivedParameters(256)).getKey();
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return aes.doFinal(ciphertext);
        }
    }

    // ------------------------------------------------------------------------- conversions

    /** A key file of {@code format} as a source of conversions. */
    record Source(KeyFormat format, boolean pem) {
        /** {@code key} in this format; a self-signed certificate for {@link KeyFormat#CERTIFICATE}. */
        byte[] file(RsaKey key) throws IOException {
            if (format == KeyFormat.CERTIFICATE) {
                byte[] der = selfSignedCertificate(pair);
                return pem ? pemBlock("CERTIFICATE", der) : der;
            }
            char[] password = format == KeyFormat.ENCRYPTED_PKCS8 ? chars(PASSWORD) : null;
            return KeyFiles.write(key, format, pem, password);
        }

        @Override
        public String toString() {
            return format + (pem ? " PEM" : " DER");
        }
    }

    /** Every format in PEM and DER. */
    static List<Source> sources() {
        List<Source> out = new ArrayList<>();
        for (KeyFormat format : KeyFormat.values()) {
            for (boolean pem : new boolean[] {true, false}) {
                out.add(new Source(format, pem));
            }
        }
        return out;
    }

    /**
     * Every source to every format it can be written as: the private formats from private keys,
     * the public ones from all. The target is in the other encoding than the source, to cross
     * PEM and DER too.
     */
    static Stream<Arguments> conversions() {
        List<Arguments> out = new ArrayList<>();
        for (Source source : sources()) {
            for (KeyFormat target : KeyFormat.values()) {
                boolean targetPem = !source.pem();
                boolean writable = target != KeyFormat.CERTIFICATE
                        && (source.format().holdsPrivateKey() || !target.holdsPrivateKey());
                if (writable) {
                    out.add(Arguments.of(source, target, targetPem));
                }
            }
        }
        return out.stream();
    }

    @Test
    @DisplayName("each conversion source reads as its own format and encoding")
    void sourcesReadAsTheirFormat() {
        assertEquals(12, SOURCES.size());
        SOURCES.forEach((source, key) -> {
            assertEquals(source.format(), key.format(), source.toString());
            assertEquals(source.pem(), key.pem(), source.toString());
            assertEquals(source.format() == KeyFormat.ENCRYPTED_PKCS8, key.encrypted(), source.toString());
            assertEquals(source.format() == KeyFormat.CERTIFICATE, key.certificate() != null, source.toString());
            assertEquals(source.format().holdsPrivateKey(), key.privateKey() != null, source.toString());
        });
    }

    @ParameterizedTest(name = "{0} to {1} {2}")
    @MethodSource("conversions")
    @DisplayName("format to format: read, write as another format, read back: the same key")
    void convert(Source source, KeyFormat target, boolean targetPem) throws Exception {
        RsaKey from = SOURCES.get(source);
        char[] password = target == KeyFormat.ENCRYPTED_PKCS8 ? chars(PASSWORD) : null;

        RsaKey to = KeyFiles.read(KeyFiles.write(from, target, targetPem, password), password);

        assertEquals(target, to.format());
        assertEquals(targetPem, to.pem());
        assertEquals(from.fingerprint(), to.fingerprint());
        assertEquals(spkiFingerprint(publicKey(pair)), to.fingerprint());
        if (target.holdsPrivateKey()) {
            assertSamePrivateKey(privateKey(pair), to.privateKey());
        }
    }

    @Test
    @DisplayName("a certificate's key converts to SPKI byte for byte as the certificate holds it")
    void certificateToSpki() {
        RsaKey certificate = KEYS.get(KeyKind.CERTIFICATE);

        assertNotNull(certificate.certificate());
        assertArrayEquals(
                certificate.certificate().getPublicKey().getEncoded(),
                KeyFiles.write(certificate, KeyFormat.SPKI, false, null));
    }

    // ------------------------------------------------------------------------------ others

    @Test
    @DisplayName("KeyFiles.of is the pair as unencrypted PKCS#8 PEM, without certificate")
    void of() {
        RsaKey key = KeyFiles.of(pair);

        assertEquals(KeyFormat.PKCS8, key.format());
        assertTrue(key.pem());
        assertFalse(key.encrypted());
        assertHoldsPair(pair, key);
        assertNull(key.certificate());
        assertEquals(spkiFingerprint(publicKey(pair)), key.fingerprint());
    }

    private static void assertHoldsPair(KeyPair expected, RsaKey actual) {
        assertSamePublicKey(publicKey(expected), actual.publicKey());
        assertSamePrivateKey(privateKey(expected), actual.privateKey());
    }

    @Test
    @DisplayName("a password given for an unencrypted key is ignored")
    void passwordForUnencryptedKey() throws Exception {
        RsaKey key =
                KeyFiles.read(KeyFiles.write(KEYS.get(KeyKind.PRIVATE), KeyFormat.PKCS8, true, null), chars(PASSWORD));

        assertFalse(key.encrypted());
        assertHoldsPair(pair, key);
    }

    @Test
    @DisplayName("PKCS#1 public DER written by KeyFiles.write reads back")
    void pkcs1PublicDerReadsBack() throws Exception {
        byte[] der = KeyFiles.write(KEYS.get(KeyKind.PRIVATE), KeyFormat.PKCS1_PUBLIC, false, null);

        RsaKey back = KeyFiles.read(der, null);

        assertEquals(KeyFormat.PKCS1_PUBLIC, back.format());
        assertFalse(back.pem());
        assertSamePublicKey(publicKey(pair), back.publicKey());
    }
}
