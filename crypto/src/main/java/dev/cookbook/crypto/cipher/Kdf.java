package dev.cookbook.crypto.cipher;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Password-based key derivation, as {@code openssl enc} does it.
 */
public enum Kdf {
    /**
     * PBKDF2 with HMAC-SHA-256 (RFC 8018): openssl's {@code -pbkdf2 -md sha256}, and what the cookbook
     * format uses. Large iteration counts run on the JDK's implementation (HMAC on the CPU's SHA
     * instructions), small ones on Bouncy Castle's (see {@link #SMALL_ITERATIONS}).
     */
    PBKDF2_SHA256,
    /**
     * openssl's legacy {@code EVP_BytesToKey} with MD5 and one iteration: what {@code openssl enc}
     * did before 1.1.1 without {@code -pbkdf2}. Trivially fast to brute-force; for reading old files.
     */
    EVP_MD5;

    /**
     * Derives {@code length} bytes from {@code password} (its UTF-8 bytes, as openssl reads them).
     *
     * @param iterations for PBKDF2; ignored by EVP_MD5, which always runs once as openssl does
     */
    public byte[] derive(char[] password, byte[] salt, int iterations, int length) {
        return switch (this) {
            case PBKDF2_SHA256 -> pbkdf2(password, salt, iterations, length);
            case EVP_MD5 -> evpBytesToKey(password, salt, length);
        };
    }

    /**
     * Up to this many iterations Bouncy Castle's PBKDF2 is faster in a fresh process: the JDK's
     * needs its cryptography providers looked up first, and runs an iteration faster only once
     * compiled (the measurements are in cli/bench and the README).
     */
    static final int SMALL_ITERATIONS = 100_000;

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int length) {
        return iterations <= SMALL_ITERATIONS
                ? pbkdf2BouncyCastle(password, salt, iterations, length)
                : pbkdf2Jdk(password, salt, iterations, length);
    }

    static byte[] pbkdf2BouncyCastle(char[] password, byte[] salt, int iterations, int length) {
        byte[] pass = utf8(password);
        try {
            PKCS5S2ParametersGenerator g = new PKCS5S2ParametersGenerator(new SHA256Digest());
            g.init(pass, salt, iterations);
            return ((KeyParameter) g.generateDerivedParameters(length * 8)).getKey();
        } finally {
            Arrays.fill(pass, (byte) 0);
        }
    }

    static byte[] pbkdf2Jdk(char[] password, byte[] salt, int iterations, int length) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, length * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime lacks PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** EVP_BytesToKey(md5, count 1): D_i = MD5(D_{i-1} || password || salt), concatenated. */
    private static byte[] evpBytesToKey(char[] password, byte[] salt, int length) {
        byte[] pass = utf8(password);
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] out = new byte[length];
            byte[] d = new byte[0];
            for (int filled = 0; filled < length; ) {
                md5.update(d);
                md5.update(pass);
                if (salt != null) {
                    md5.update(salt);
                }
                d = md5.digest();
                int n = Math.min(d.length, length - filled);
                System.arraycopy(d, 0, out, filled, n);
                filled += n;
            }
            Arrays.fill(d, (byte) 0);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime lacks MD5", e);
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
