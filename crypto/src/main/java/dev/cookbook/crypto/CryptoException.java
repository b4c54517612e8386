package dev.cookbook.crypto;

/**
 * Data that cannot be decrypted or a key that cannot be used: malformed input, a bad key length,
 * an unknown format. The message is meant for the user and names no secret.
 *
 * @see AuthenticationException for a wrong password or tampered data
 */
public class CryptoException extends Exception {
    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
