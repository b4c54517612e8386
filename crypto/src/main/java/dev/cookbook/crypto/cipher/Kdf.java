package dev.cookbook.crypto.cipher;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Password-based key derivation, as {@code openssl enc} does it, over a {@link KdfDigest}.
 */
public enum Kdf {
    /**
     * PBKDF2 with HMAC (RFC 8018): openssl's {@code -pbkdf2 -iter N -md D}, and, with SHA-256, what
     * the cookbook format uses. Large iteration counts run on the JDK's implementation (HMAC on the
     * CPU's SHA instructions), small ones on Bouncy Castle's (see {@link #SMALL_ITERATIONS}).
     */
    PBKDF2,
    /**
     * openssl's legacy {@code EVP_BytesToKey} with one iteration: what {@code openssl enc} does
     * without {@code -pbkdf2} (over SHA-256 since OpenSSL 1.1.0, MD5 before). Trivially fast to
     * brute-force; for reading old files.
     */
    EVP_BYTES_TO_KEY;

    /**
     * Derives {@code length} bytes from {@code password} (its UTF-8 bytes, as openssl reads them).
     *
     * @param iterations for PBKDF2; ignored by EVP_BytesToKey, which runs once as {@code openssl enc} does
     */
    public byte[] derive(KdfDigest digest, char[] password, byte[] salt, int iterations, int length) {
        return switch (this) {
            case PBKDF2 -> pbkdf2(digest, password, salt, iterations, length);
            case EVP_BYTES_TO_KEY -> evpBytesToKey(digest, password, salt, length);
        };
    }

    /**
     * Up to this many iterations Bouncy Castle's PBKDF2 is faster in a fresh process: the JDK's
     * needs its cryptography providers looked up first, and runs an iteration faster only once
     * compiled (the measurements are in cli/bench and the README).
     */
    static final int SMALL_ITERATIONS = 100_000;

    private static byte[] pbkdf2(KdfDigest digest, char[] password, byte[] salt, int iterations, int length) {
        return iterations <= SMALL_ITERATIONS || digest.jdkPbkdf2() == null
                ? pbkdf2BouncyCastle(digest, password, salt, iterations, length)
                : pbkdf2Jdk(digest, password, salt, iterations, length);
    }

    static byte[] pbkdf2BouncyCastle(KdfDigest digest, char[] password, byte[] salt, int iterations, int length) {
        byte[] pass = utf8(password);
        try {
            PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(digest.newBcDigest());
            g.init(pass, salt, iterations);
            return ((KeyParameter) g.generateDerivedParameters(length * 8)).getKey();
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
    }

    static byte[] pbkdf2Jdk(KdfDigest digest, char[] password, byte[] salt, int iterations, int length) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance(digest.jdkPbkdf2())
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime lacks " + digest.jdkPbkdf2(), e);
        } finally {
            spec.clearPassword();
        }
    }

    /** EVP_BytesToKey(digest, count 1): D_i = digest(D_{i-1} || password || salt), concatenated. */
    private static byte[] evpBytesToKey(KdfDigest digest, char[] password, byte[] salt, int length) {
        byte[] pass = utf8(password);
        try {
            MessageDigest md = digest.newJdkDigest();
            byte[] out = new byte[length];
            byte[] d = new byte[0];
            for (int filled = 0; filled < length; ) {
                md.update(d);
                md.update(pass);
                if (salt != null) {
                    md.update(salt);
                }
                Arrays.fill(d, (byte) 0);
                d = md.digest();
                int n = Math.min(d.length, length - filled);
                System.arraycopy(d, 0, out, filled, n);
                filled += n;
            }
            Arrays.fill(d, (byte) 0);
            return out;
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
    }

    /** The UTF-8 bytes of {@code chars}, without leaving a copy in a String. */
    static byte[] utf8(char[] chars) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = Arrays.copyOfRange(b.array(), b.position(), b.limit());
        Arrays.fill(b.array(), (byte) 0);
        return out;
    }
}
