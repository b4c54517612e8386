package dev.cookbook.crypto;

/**
 * The input does not authenticate: a wrong password (the header does not authenticate under it),
 * or data that was changed, truncated or extended (a chunk does not authenticate under a header
 * that did). The message says which, as far as the format can tell; no plaintext of
 * unauthenticated data was released.
 */
public final class AuthenticationException extends CryptoException {
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
