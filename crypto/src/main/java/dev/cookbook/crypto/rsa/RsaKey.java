package dev.cookbook.crypto.rsa;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;

/**
 * A key read from a file: what the file held ({@link #format()}, {@link #pem()}, whether it was
 * encrypted) and the key itself. The private key is null for public key files and certificates.
 */
public record RsaKey(
        KeyFormat format,
        boolean pem,
        boolean encrypted,
        RSAPublicKey publicKey,
        PrivateKey privateKey,
        X509Certificate certificate) {

    /** The modulus length in bits. */
    public int bits() {
        return publicKey.getModulus().bitLength();
    }

    /**
     * SHA-256 of the DER SubjectPublicKeyInfo, in lowercase hex: what
     * {@code openssl pkey -pubout -outform DER | sha256sum} prints for the same key.
     */
    public String fingerprint() {
        return HexFormat.of().formatHex(fingerprintBytes(publicKey));
    }

    static byte[] fingerprintBytes(RSAPublicKey key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
