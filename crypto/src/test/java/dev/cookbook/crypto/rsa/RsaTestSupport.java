package dev.cookbook.crypto.rsa;

import static dev.cookbook.crypto.ExternalTools.exec;
import static dev.cookbook.crypto.ExternalTools.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.cookbook.crypto.ExternalTools.ProcessResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/** Helpers shared by the RSA tests: test keys, byte helpers and running openssl. */
final class RsaTestSupport {
    /** The password of encrypted key files in the tests: not ASCII, so that its encoding is tested too. */
    static final String PASSWORD = "pässwörd ☕";

    static final String WRONG_PASSWORD = "not the password";
    /** What every wrong password or damaged encrypted key gives. */
    static final String WRONG_PASSWORD_MESSAGE = "wrong password or corrupted key";
    /** What an encrypted key read without a password gives. */
    static final String PASSWORD_REQUIRED_MESSAGE = "the key is encrypted: a password is needed";

    static final int KEY_BITS = 2048;

    private RsaTestSupport() {}

    // ---------------------------------------------------------------------------------- keys

    /**
     * 2048-bit key pairs, each generated once for the whole run on first use: key generation is
     * slow, and no test changes a key.
     */
    static final class TestKeys {
        private TestKeys() {}

        static KeyPair alice() {
            return Alice.PAIR;
        }

        static KeyPair bob() {
            return Bob.PAIR;
        }

        static KeyPair carol() {
            return Carol.PAIR;
        }

        private static final class Alice {
            static final KeyPair PAIR = KeyFiles.generate(KEY_BITS, new SecureRandom());
        }

        private static final class Bob {
            static final KeyPair PAIR = KeyFiles.generate(KEY_BITS, new SecureRandom());
        }

        private static final class Carol {
            static final KeyPair PAIR = KeyFiles.generate(KEY_BITS, new SecureRandom());
        }
    }

    static RSAPublicKey publicKey(KeyPair pair) {
        return (RSAPublicKey) pair.getPublic();
    }

    static RSAPrivateCrtKey privateKey(KeyPair pair) {
        return (RSAPrivateCrtKey) pair.getPrivate();
    }

    /**
     * A self-signed X.509 certificate for {@code pair} (RSA or EC), made with Bouncy Castle, in
     * DER.
     */
    static byte[] selfSignedCertificate(KeyPair pair) {
        X500Name name = new X500Name("CN=test");
        long now = System.currentTimeMillis();
        try {
            return new JcaX509v3CertificateBuilder(
                            name,
                            BigInteger.ONE,
                            new Date(now - 60_000L),
                            new Date(now + 2 * 86_400_000L),
                            name,
                            pair.getPublic())
                    .build(signer(pair))
                    .getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PKCS#10 certificate request for {@code pair}, in DER. */
    static byte[] certificateRequest(KeyPair pair) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=test"), pair.getPublic())
                    .build(signer(pair))
                    .getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ContentSigner signer(KeyPair pair) {
        String algorithm = pair.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            return new JcaContentSignerBuilder(algorithm).build(pair.getPrivate());
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    /** SHA-256 of {@code key}'s DER SubjectPublicKeyInfo in lowercase hex, computed here with the JDK. */
    static String spkiFingerprint(RSAPublicKey key) {
        return sha256Hex(key.getEncoded());
    }

    /** Fails unless {@code actual} is the same RSA public key as {@code expected}. */
    static void assertSamePublicKey(RSAPublicKey expected, RSAPublicKey actual) {
        assertEquals(expected.getModulus(), actual.getModulus(), "modulus");
        assertEquals(expected.getPublicExponent(), actual.getPublicExponent(), "public exponent");
    }

    /** Fails unless {@code actual} is the same RSA private key, CRT parameters and all. */
    static void assertSamePrivateKey(RSAPrivateCrtKey expected, Object actual) {
        if (!(actual instanceof RSAPrivateCrtKey crt)) {
            throw new AssertionError("not an RSA CRT private key: " + actual);
        }
        assertEquals(expected.getModulus(), crt.getModulus(), "modulus");
        assertEquals(expected.getPublicExponent(), crt.getPublicExponent(), "public exponent");
        assertEquals(expected.getPrivateExponent(), crt.getPrivateExponent(), "private exponent");
        assertEquals(expected.getPrimeP(), crt.getPrimeP(), "p");
        assertEquals(expected.getPrimeQ(), crt.getPrimeQ(), "q");
        assertEquals(expected.getPrimeExponentP(), crt.getPrimeExponentP(), "d mod (p-1)");
        assertEquals(expected.getPrimeExponentQ(), crt.getPrimeExponentQ(), "d mod (q-1)");
        assertEquals(expected.getCrtCoefficient(), crt.getCrtCoefficient(), "q^-1 mod p");
    }

    // --------------------------------------------------------------------------------- bytes

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    static String sha256Hex(byte[] data) {
        return hex(sha256(data));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code size} bytes that differ from one size to another but not from one run to another. */
    static byte[] pseudoRandomBytes(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    /** A copy of {@code data} with bit {@code bit} of byte {@code index} flipped. */
    static byte[] flipBit(byte[] data, int index, int bit) {
        byte[] copy = data.clone();
        copy[index] ^= (byte) (1 << bit);
        return copy;
    }

    static InputStream stream(byte[] data) {
        return new ByteArrayInputStream(data);
    }

    static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }

    // ----------------------------------------------------------------------------------- PEM

    /** The first PEM block in {@code text}, parsed with Bouncy Castle's reader; fails if there is none. */
    static PemObject readPem(String text) throws IOException {
        try (PemReader reader = new PemReader(new StringReader(text))) {
            PemObject block = reader.readPemObject();
            assertNotNull(block, "a PEM block");
            return block;
        }
    }

    /** {@code der} in a PEM block of {@code type}, as ASCII bytes. */
    static byte[] pemBlock(String type, byte[] der) throws IOException {
        StringWriter text = new StringWriter();
        try (PemWriter w = new PemWriter(text)) {
            w.writeObject(new PemObject(type, der));
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------------ external tools

    /** {@code openssl} with {@code args} (strings, paths, or lists of them), run in {@code dir}. */
    static ProcessResult openssl(Path dir, Object... args) throws IOException, InterruptedException {
        return exec(dir, command("openssl", args));
    }

    /** Like {@link #openssl}, returning standard output; fails on a non-zero exit. */
    static byte[] runOpenssl(Path dir, Object... args) throws IOException, InterruptedException {
        return run(dir, command("openssl", args));
    }

    /** A command line from strings, paths and lists of them, flattened. */
    static List<String> command(String program, Object... args) {
        List<String> out = new ArrayList<>();
        out.add(program);
        for (Object a : args) {
            if (a instanceof List<?> l) {
                l.forEach(x -> out.add(x.toString()));
            } else {
                out.add(a.toString());
            }
        }
        return out;
    }

    /**
     * Writes {@link #PASSWORD} as openssl's {@code file:} pass phrase source reads it (UTF-8,
     * first line) and returns the argument naming it: {@code file:/tmp/.../password}. A file,
     * not {@code pass:}, so that the non-ASCII password reaches openssl as UTF-8 whatever the
     * JVM's command-line encoding.
     */
    static String passwordSource(Path dir) throws IOException {
        Path file = dir.resolve("password.txt");
        if (!Files.exists(file)) {
            Files.write(file, utf8(PASSWORD + "\n"));
        }
        return "file:" + file;
    }
}
