package dev.cookbook.crypto.rsa;

import dev.cookbook.crypto.CryptoException;

/**
 * The key file is encrypted and no password was given: ask for one and read it again. The message
 * names no way to give one; that is the caller's to say.
 */
public final class PasswordRequiredException extends CryptoException {
    PasswordRequiredException() {
        this(null);
    }

    private PasswordRequiredException(String source) {
        super("the key is encrypted: a password is needed", null, source);
    }

    @Override
    public PasswordRequiredException withSource(String source) {
        return copyFrom(new PasswordRequiredException(source));
    }
}
