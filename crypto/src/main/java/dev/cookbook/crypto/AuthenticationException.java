package dev.cookbook.crypto;

/**
 * The input does not authenticate under the key or password given: a wrong password, or data
 * that was modified, truncated or extended. The two cannot be told apart, by design, so the
 * message names both; no plaintext of unauthenticated data was released.
 */
public final class AuthenticationException extends CryptoException {
    public AuthenticationException() {
        super("wrong password or corrupted input");
    }

    public AuthenticationException(String message) {
        super(message);
    }

    private AuthenticationException(String message, Throwable cause, String source) {
        super(message, cause, source);
    }

    @Override
    public AuthenticationException withSource(String source) {
        return copyFrom(new AuthenticationException(getMessage(), getCause(), source));
    }
}
