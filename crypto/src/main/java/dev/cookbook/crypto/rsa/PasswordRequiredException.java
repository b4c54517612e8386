package dev.cookbook.crypto.rsa;

import dev.cookbook.crypto.CryptoException;

/** The key file is encrypted and no password was given: ask for one and read it again. */
public final class PasswordRequiredException extends CryptoException {
    PasswordRequiredException() {
        super("the key is encrypted: a password is needed (--pass)");
    }
}
