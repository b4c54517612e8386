package dev.cookbook.crypto.cipher;

/**
 * The input does not authenticate under the key given: a wrong password, or data that was
 * modified, truncated or extended. The two cannot be told apart, by design, so the message names
 * both; no plaintext of an unauthenticated chunk was released.
 */
public final class AuthenticationException extends CryptoException {
    public AuthenticationException() {
        super("wrong password or corrupted input");
    }
}
