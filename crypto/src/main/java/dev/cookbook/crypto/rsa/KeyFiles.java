package dev.cookbook.crypto.rsa;

import dev.cookbook.crypto.AuthenticationException;
import dev.cookbook.crypto.CryptoException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * RSA key files: generating keys, reading every format openssl and ssh tooling write
 * ({@link KeyFormat}, PEM or DER, plain or password-protected), and writing them back.
 *
 * <pre>{@code
 * RsaKey key = KeyFiles.read(path, () -> askForPassword());
 * byte[] pem = KeyFiles.write(key, KeyFormat.SPKI, true, null);
 * }</pre>
 *
 * <p>Parsing and encryption of key files are Bouncy Castle's (PKIX); encrypted PKCS#8 is written
 * as OpenSSL 3 writes it, PBES2 with AES-256-CBC, but with HMAC-SHA-256 PBKDF2 at
 * {@value #PBKDF2_ITERATIONS} iterations rather than 2048. Stateless and thread-safe.
 */
public final class KeyFiles {
    /** Public exponent of generated keys: F4, as every tool uses. */
    public static final BigInteger EXPONENT = RSAKeyGenParameterSpec.F4;

    static final int PBKDF2_ITERATIONS = 600_000;

    private KeyFiles() {}

    /** A new RSA key pair of {@code bits} bits. */
    public static KeyPair generate(int bits, SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(new RSAKeyGenParameterSpec(bits, EXPONENT), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot make a " + bits + "-bit RSA key: " + e.getMessage(), e);
        }
    }

    /** The key pair as an {@link RsaKey} in PKCS#8 form, ready to {@link #write}. */
    public static RsaKey of(KeyPair pair) {
        return new RsaKey(KeyFormat.PKCS8, true, false, (RSAPublicKey) pair.getPublic(), pair.getPrivate(), null);
    }

    // ------------------------------------------------------------------------------- reading

    /** Key files are small; a larger file is none, and is not read whole into memory. */
    static final int MAX_SIZE = 1 << 20;

    /**
     * The password of an encrypted key file, asked for only when the file turns out to be
     * encrypted (a prompt, say). The array it returns is zeroed once used.
     */
    @FunctionalInterface
    public interface PasswordPrompt {
        char[] password() throws IOException;
    }

    /**
     * Reads the key file {@code file}, of any {@link KeyFormat}, PEM or DER, once; {@code password}
     * is asked only if the key is encrypted. Every failure names the file: a {@link CryptoException}
     * by its {@link CryptoException#source() source()}, {@code file} as given, and an I/O failure as
     * a {@link FileSystemException} whose {@link FileSystemException#getFile() file} it is.
     *
     * @param password asked at most once, for an encrypted key; null to refuse encrypted keys
     * @throws AuthenticationException   the password is wrong (or the encrypted key damaged)
     * @throws PasswordRequiredException the key is encrypted and {@code password} is null
     * @throws CryptoException           not a key file, or not an RSA key
     * @throws IOException               the file cannot be read; or {@code password} failed
     */
    public static RsaKey read(Path file, PasswordPrompt password) throws IOException, CryptoException {
        try {
            byte[] data = readFile(file);
            try {
                return read(data, null);
            } catch (PasswordRequiredException e) {
                if (password == null) {
                    throw e;
                }
                char[] p = password.password();
                try {
                    return read(data, p);
                } finally {
                    if (p != null) {
                        Arrays.fill(p, '\0');
                    }
                }
            }
        } catch (CryptoException e) {
            throw e.withSource(file.toString());
        }
    }

    private static byte[] readFile(Path file) throws IOException, CryptoException {
        byte[] data;
        try (InputStream in = Files.newInputStream(file)) {
            data = in.readNBytes(MAX_SIZE + 1);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            // "Is a directory" and other failures of read(2), which NIO reports without the file
            FileSystemException named = new FileSystemException(file.toString(), null, e.getMessage());
            named.initCause(e);
            throw named;
        }
        if (data.length > MAX_SIZE) {
            throw new CryptoException("not a valid key file: larger than 1 MiB, far more than any key");
        }
        return data;
    }

    /**
     * Reads a key file of any {@link KeyFormat}, PEM or DER.
     *
     * @param password for an encrypted private key; may be null otherwise
     * @throws AuthenticationException   the password is wrong (or the encrypted key damaged)
     * @throws PasswordRequiredException the key is encrypted and {@code password} is null
     * @throws CryptoException           not a key file, or not an RSA key
     */
    public static RsaKey read(byte[] data, char[] password) throws CryptoException {
        try {
            if (looksLikePem(data)) {
                return readPem(new String(data, StandardCharsets.US_ASCII), password);
            }
            return readDer(data, password);
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle's words ("failed to construct sequence from byte[]") are not the user's
            throw new CryptoException("not a valid key file: the key data is damaged", e);
        }
    }

    private static boolean looksLikePem(byte[] data) {
        String head = new String(data, 0, Math.min(data.length, 4096), StandardCharsets.US_ASCII);
        return head.contains("-----BEGIN ");
    }

    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([^-\\r\\n]*)-----");

    private static RsaKey readPem(String text, char[] password) throws IOException, CryptoException {
        PemObject pem;
        try (PemReader reader = new PemReader(new StringReader(text))) {
            pem = reader.readPemObject();
            // 'openssl ecparam -genkey' writes the curve's parameters before the key
            PemObject next = pem != null && pem.getType().equals("EC PARAMETERS") ? reader.readPemObject() : null;
            pem = next != null ? next : pem;
        } catch (IOException e) {
            Matcher begin = BEGIN.matcher(text);
            if (begin.find() && !text.contains("-----END " + begin.group(1) + "-----")) {
                throw new CryptoException(
                        "not a valid key file: no '-----END " + begin.group(1) + "-----' line: the file is cut short",
                        e);
            }
            throw new CryptoException("not a valid key file: the PEM body is not valid base64", e);
        }
        if (pem == null) {
            throw new CryptoException("not a valid key file: no complete PEM block");
        }
        String type = pem.getType();
        byte[] der = pem.getContent();
        String holds = type.equals("CERTIFICATE") ? "certificate" : "key";
        if (KNOWN_BLOCKS.contains(type) && pem.getHeaders().isEmpty()) {
            String problem = derProblem(der);
            if (problem != null) {
                throw new CryptoException("not a valid key file: the " + type + " block " + problem);
            }
        }
        try {
            switch (type) {
                case "PRIVATE KEY":
                    return privateKey(KeyFormat.PKCS8, true, false, PrivateKeyInfo.getInstance(der));
                case "ENCRYPTED PRIVATE KEY":
                    return privateKey(
                            KeyFormat.ENCRYPTED_PKCS8,
                            true,
                            true,
                            decrypt(new PKCS8EncryptedPrivateKeyInfo(der), password));
                case "RSA PRIVATE KEY":
                    return readTraditional(text, password);
                case "RSA PUBLIC KEY":
                    return publicKey(KeyFormat.PKCS1_PUBLIC, true, pkcs1Public(der));
                case "PUBLIC KEY":
                    return publicKey(KeyFormat.SPKI, true, spki(der));
                case "CERTIFICATE":
                    return certificate(true, der);
                case "OPENSSH PRIVATE KEY":
                    throw new CryptoException("holds a key in OpenSSH's own format, which cookbook does not read: "
                            + "it reads PKCS#8, PKCS#1, SPKI and X.509, PEM or DER");
                default:
                    String other = NOT_RSA_BLOCKS.get(type);
                    throw new CryptoException(
                            other != null ? holds(other) : "not a key file: PEM block '" + type + "'");
            }
        } catch (IOException | RuntimeException e) {
            throw new CryptoException("not a valid key file: the " + type + " block holds no valid " + holds, e);
        }
    }

    /** PEM blocks of keys that are not RSA (openssl's traditional forms): what they hold. */
    private static final java.util.Map<String, String> NOT_RSA_BLOCKS = java.util.Map.of(
            "EC PRIVATE KEY", "an EC private key",
            "EC PARAMETERS", "EC parameters",
            "DSA PRIVATE KEY", "a DSA private key");

    private static final java.util.Set<String> KNOWN_BLOCKS = java.util.Set.of(
            "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "RSA PUBLIC KEY", "PUBLIC KEY", "CERTIFICATE");

    /**
     * What is wrong with the outer framing of {@code der}, meant as one DER structure (every key
     * file is a SEQUENCE), in words that follow "the X block": null if it is sound.
     */
    private static String derProblem(byte[] der) {
        if (der.length == 0) {
            return "is empty";
        }
        long total = derLength(der);
        if (total < 0) {
            return "is damaged: it holds no DER structure";
        }
        if (total > der.length) {
            return "is truncated: " + der.length + " of its " + total + " bytes";
        }
        if (total < der.length) {
            return "has " + (der.length - total) + " stray bytes after its end";
        }
        return null;
    }

    /**
     * The length that the SEQUENCE at the start of {@code der} declares, header included, or -1 if
     * {@code der} does not start like one (a SEQUENCE whose first element is an INTEGER or a SEQUENCE,
     * as in every key structure: random bytes seldom pass).
     */
    private static long derLength(byte[] der) {
        if (der.length < 2 || (der[0] & 0xff) != 0x30) {
            return -1;
        }
        int first = der[1] & 0xff;
        int header = 2;
        long length = first;
        if (first >= 0x80) {
            int n = first & 0x7f;
            if (n == 0 || n > 3 || der.length < 2 + n) {
                return -1; // indefinite (BER), or longer than any key, or cut inside the header
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = (length << 8) | (der[2 + i] & 0xff);
            }
            header += n;
        }
        if (der.length > header && der[header] != 0x02 && der[header] != 0x30) {
            return -1;
        }
        return header + length;
    }

    /** {@code BEGIN RSA PRIVATE KEY}, maybe encrypted openssl's traditional way (DEK-Info). */
    private static RsaKey readTraditional(String text, char[] password) throws IOException, CryptoException {
        Object o;
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            o = parser.readObject();
        }
        boolean encrypted = o instanceof PEMEncryptedKeyPair;
        PEMKeyPair pair;
        if (encrypted) {
            requirePassword(password);
            pair = null;
            for (char[] attempt : passwordSpellings(password)) {
                try {
                    pair = ((PEMEncryptedKeyPair) o)
                            .decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                                    .setProvider(Bc.PROVIDER)
                                    .build(attempt));
                    break;
                } catch (PEMException | RuntimeException e) {
                    // wrong password, or the other spelling of it
                } finally {
                    if (attempt != password) {
                        java.util.Arrays.fill(attempt, '\0');
                    }
                }
            }
            if (pair == null) {
                throw new AuthenticationException("wrong password or corrupted key");
            }
        } else if (o instanceof PEMKeyPair p) {
            pair = p;
        } else {
            throw new CryptoException("not a valid key file: damaged RSA PRIVATE KEY block");
        }
        return privateKey(KeyFormat.PKCS1, true, encrypted, pair.getPrivateKeyInfo());
    }

    private static RsaKey readDer(byte[] der, char[] password) throws IOException, CryptoException {
        ASN1Primitive asn1;
        try {
            asn1 = ASN1Primitive.fromByteArray(der);
        } catch (IOException | RuntimeException e) {
            asn1 = null;
        }
        if (asn1 == null) {
            long total = derLength(der);
            throw new CryptoException(
                    der.length == 0
                            ? "not a valid key file: the file is empty"
                            : total > der.length
                                    ? "not a valid key file: truncated DER: " + der.length + " of its " + total
                                            + " bytes"
                                    : total > 0 && total < der.length
                                            ? "not a valid key file: DER with " + (der.length - total)
                                                    + " stray bytes after its end"
                                            : "not a valid key file: neither PEM nor DER");
        }
        CryptoException first = null;
        for (KeyFormat f : KeyFormat.values()) {
            try {
                return switch (f) {
                    case PKCS8 -> privateKey(f, false, false, PrivateKeyInfo.getInstance(asn1));
                    case ENCRYPTED_PKCS8 ->
                        privateKey(
                                f,
                                false,
                                true,
                                decrypt(
                                        new PKCS8EncryptedPrivateKeyInfo(
                                                org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo.getInstance(asn1)),
                                        password));
                    case PKCS1 ->
                        privateKey(
                                f,
                                false,
                                false,
                                new PrivateKeyInfo(
                                        new AlgorithmIdentifier(
                                                PKCSObjectIdentifiers.rsaEncryption,
                                                org.bouncycastle.asn1.DERNull.INSTANCE),
                                        org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(asn1)));
                    case PKCS1_PUBLIC -> publicKey(f, false, pkcs1Public(der));
                    case SPKI ->
                        publicKey(
                                f,
                                false,
                                spki(SubjectPublicKeyInfo.getInstance(asn1).getEncoded()));
                    case CERTIFICATE -> {
                        org.bouncycastle.asn1.x509.Certificate.getInstance(asn1); // throws unless shaped like one
                        yield certificate(false, der);
                    }
                };
            } catch (AuthenticationException | PasswordRequiredException e) {
                throw e;
            } catch (CryptoException e) {
                // the first structure that parsed says the most (a certificate parse of anything fails last)
                first = first != null ? first : e;
            } catch (IOException | RuntimeException e) {
                // not this structure (Bouncy Castle says so with assorted runtime exceptions); try the next
            }
        }
        if (first == null && isSec1(asn1)) {
            first = new CryptoException(holds(NOT_RSA_BLOCKS.get("EC PRIVATE KEY")));
        }
        throw first != null ? first : new CryptoException("not a valid key file: DER that holds no RSA key");
    }

    /** An EC private key in SEC1 form ({@code openssl ec -outform DER}): version 1 and the key's octets. */
    private static boolean isSec1(ASN1Primitive asn1) {
        try {
            return org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(asn1)
                            .toASN1Primitive()
                            .equals(asn1)
                    && ((org.bouncycastle.asn1.ASN1Sequence) asn1)
                            .getObjectAt(0)
                            .equals(new org.bouncycastle.asn1.ASN1Integer(1));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo info, char[] password) throws CryptoException {
        requirePassword(password);
        for (char[] attempt : passwordSpellings(password)) {
            try {
                return info.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                        .setProvider(Bc.PROVIDER)
                        .build(attempt));
            } catch (PKCSException | OperatorCreationException | RuntimeException e) {
                // wrong password, or the other spelling of it
            } finally {
                if (attempt != password) {
                    java.util.Arrays.fill(attempt, '\0');
                }
            }
        }
        throw new AuthenticationException("wrong password or corrupted key");
    }

    /**
     * The password, and for a non-ASCII one also its UTF-8 bytes one per char. openssl derives keys
     * from the password's bytes as typed (UTF-8); Bouncy Castle turns chars into bytes by UTF-8 for
     * some schemes but by their low 8 bits for others (PBKDF2 with HMAC-SHA1, openssl's traditional
     * PEM encryption), and for those the second spelling gives openssl's bytes.
     */
    private static List<char[]> passwordSpellings(char[] password) {
        boolean ascii = true;
        for (char c : password) {
            ascii &= c < 0x80;
        }
        if (ascii) {
            return List.of(password);
        }
        java.nio.ByteBuffer utf8 = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        char[] bytes = new char[utf8.remaining()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (char) (utf8.get(i) & 0xff);
        }
        java.util.Arrays.fill(utf8.array(), (byte) 0);
        return List.of(password, bytes);
    }

    private static void requirePassword(char[] password) throws CryptoException {
        if (password == null) {
            throw new PasswordRequiredException();
        }
    }

    private static RsaKey privateKey(KeyFormat format, boolean pem, boolean encrypted, PrivateKeyInfo info)
            throws CryptoException, IOException {
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(
                info.getPrivateKeyAlgorithm().getAlgorithm())) {
            throw notRsa(info.getPrivateKeyAlgorithm().getAlgorithm(), "private key");
        }
        PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(info);
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
        RSAPublicKey pub = rsaPublic(crt.getModulus(), crt.getPublicExponent());
        return new RsaKey(format, pem, encrypted, pub, key, null);
    }

    private static RsaKey publicKey(KeyFormat format, boolean pem, RSAPublicKey key) {
        return new RsaKey(format, pem, false, key, null, null);
    }

    private static RsaKey certificate(boolean pem, byte[] der) throws CryptoException {
        try {
            X509Certificate cert = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            if (!(cert.getPublicKey() instanceof RSAPublicKey rsa)) {
                ASN1ObjectIdentifier algorithm = SubjectPublicKeyInfo.getInstance(
                                cert.getPublicKey().getEncoded())
                        .getAlgorithm()
                        .getAlgorithm();
                throw new CryptoException(holds("a certificate for " + key(algorithm, "key")));
            }
            return new RsaKey(KeyFormat.CERTIFICATE, pem, false, rsa, null, cert);
        } catch (CertificateException e) {
            throw new CryptoException("not a valid key file: the certificate is damaged", e);
        }
    }

    /** A key of another algorithm than RSA: {@code what} is "private key" or "public key". */
    private static CryptoException notRsa(ASN1ObjectIdentifier algorithm, String what) {
        return new CryptoException(holds(key(algorithm, what)));
    }

    /**
     * The one wording for a file that holds something other than an RSA key, worded to follow the
     * file's name and to fit every use of a key: "holds an EC private key; cookbook uses RSA keys only".
     */
    private static String holds(String what) {
        return "holds " + what + "; cookbook uses RSA keys only";
    }

    /** "an EC private key", "a DSA public key", "an Ed25519 key": {@code what} with its algorithm's name. */
    private static String key(ASN1ObjectIdentifier algorithm, String what) {
        String name = switch (algorithm.getId()) {
            case "1.2.840.10045.2.1" -> "EC";
            case "1.2.840.10040.4.1" -> "DSA";
            case "1.2.840.113549.1.1.10" -> "RSA-PSS";
            case "1.3.101.110" -> "X25519";
            case "1.3.101.111" -> "X448";
            case "1.3.101.112" -> "Ed25519";
            case "1.3.101.113" -> "Ed448";
            default -> {
                var finder = new org.bouncycastle.operator.DefaultAlgorithmNameFinder();
                yield finder.hasAlgorithmName(algorithm) ? finder.getAlgorithmName(algorithm) : null;
            }
        };
        if (name == null) {
            return "a " + what + " of algorithm " + algorithm.getId();
        }
        // the article as the name is spoken: letter by letter for an acronym ("an RSA-PSS", "a DSA")
        char first = Character.toUpperCase(name.charAt(0));
        boolean acronym = name.length() < 2 || !Character.isLowerCase(name.charAt(1));
        boolean vowel = acronym ? "AEFHILMNORSX".indexOf(first) >= 0 : "AEIOU".indexOf(first) >= 0;
        return (vowel ? "an " : "a ") + name + " " + what;
    }

    private static RSAPublicKey pkcs1Public(byte[] der) {
        org.bouncycastle.asn1.pkcs.RSAPublicKey k = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
        return rsaPublic(k.getModulus(), k.getPublicExponent());
    }

    private static RSAPublicKey spki(byte[] der) throws CryptoException {
        ASN1ObjectIdentifier algorithm =
                SubjectPublicKeyInfo.getInstance(der).getAlgorithm().getAlgorithm();
        if (!PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            throw notRsa(algorithm, "public key");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key", e);
        }
    }

    private static RSAPublicKey rsaPublic(BigInteger modulus, BigInteger exponent) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key", e);
        }
    }

    // ------------------------------------------------------------------------------- writing

    /**
     * Writes {@code key} as {@code format}: PEM text, or DER ({@code pem} false).
     *
     * @param password encrypts a private key as {@link KeyFormat#ENCRYPTED_PKCS8} (also for DER); null for none
     * @throws IllegalArgumentException a private format for a public key, or a password for a format that
     *                                  cannot be encrypted
     */
    public static byte[] write(RsaKey key, KeyFormat format, boolean pem, char[] password) {
        try {
            PemObject block = switch (format) {
                case PKCS8, ENCRYPTED_PKCS8 -> {
                    PrivateKeyInfo info = privateInfo(key);
                    if (password == null && format == KeyFormat.PKCS8) {
                        yield new PemObject("PRIVATE KEY", info.getEncoded());
                    }
                    if (password == null) {
                        throw new IllegalArgumentException("an encrypted key needs a password");
                    }
                    yield new PemObject("ENCRYPTED PRIVATE KEY", encrypt(info, password));
                }
                case PKCS1 -> {
                    refuseEncryption(format, password);
                    yield new PemObject(
                            "RSA PRIVATE KEY",
                            privateInfo(key).parsePrivateKey().toASN1Primitive().getEncoded());
                }
                case PKCS1_PUBLIC -> {
                    refuseEncryption(format, password);
                    RSAPublicKey p = key.publicKey();
                    yield new PemObject(
                            "RSA PUBLIC KEY",
                            new org.bouncycastle.asn1.pkcs.RSAPublicKey(p.getModulus(), p.getPublicExponent())
                                    .getEncoded());
                }
                case SPKI -> {
                    refuseEncryption(format, password);
                    yield new PemObject("PUBLIC KEY", key.publicKey().getEncoded());
                }
                case CERTIFICATE -> throw new IllegalArgumentException("cookbook does not write certificates");
            };
            if (!pem) {
                return block.getContent();
            }
            StringWriter text = new StringWriter();
            try (PemWriter w = new PemWriter(text)) {
                w.writeObject(block);
            }
            return text.toString().getBytes(StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("encoding a key in memory failed", e);
        }
    }

    private static PrivateKeyInfo privateInfo(RsaKey key) {
        if (key.privateKey() == null) {
            throw new IllegalArgumentException("a public key has no private form");
        }
        return PrivateKeyInfo.getInstance(key.privateKey().getEncoded());
    }

    private static void refuseEncryption(KeyFormat format, char[] password) {
        if (password != null) {
            throw new IllegalArgumentException(format.label() + " cannot be encrypted; use encrypted PKCS#8");
        }
    }

    private static byte[] encrypt(PrivateKeyInfo info, char[] password) throws IOException {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(Bc.PROVIDER)
                    .setPRF(new AlgorithmIdentifier(
                            PKCSObjectIdentifiers.id_hmacWithSHA256, org.bouncycastle.asn1.DERNull.INSTANCE))
                    .setIterationCount(PBKDF2_ITERATIONS)
                    .setRandom(new SecureRandom())
                    .setPassword(password)
                    .build();
            return new org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfoBuilder(info)
                    .build(encryptor)
                    .getEncoded();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot encrypt a PKCS#8 key: " + e.getMessage(), e);
        }
    }

    /** Bouncy Castle as a provider instance, not registered globally: made only when a key file needs it. */
    private static final class Bc {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
