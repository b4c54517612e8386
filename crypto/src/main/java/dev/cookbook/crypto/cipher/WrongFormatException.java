package dev.cookbook.crypto.cipher;

import dev.cookbook.crypto.CryptoException;

/**
 * The input is plainly in another {@link Format} or {@link Encoding} than the one it was to be
 * read as: a cookbook file read as openssl's, a {@code Salted__} file read with a raw key, base64
 * text read as binary. Decrypting it anyway would give garbage, so nothing is decrypted.
 */
public final class WrongFormatException extends CryptoException {
    private final Format found;
    private final Encoding foundEncoding;

    WrongFormatException(String message, Format found, Encoding foundEncoding) {
        this(message, found, foundEncoding, null);
    }

    private WrongFormatException(String message, Format found, Encoding foundEncoding, String source) {
        super(message, null, source);
        this.found = found;
        this.foundEncoding = foundEncoding;
    }

    /** The format the input is in: {@link Format#COOKBOOK} or {@link Format#OPENSSL}; null if not known. */
    public Format found() {
        return found;
    }

    /** How the input is written down: base64 text where binary was expected, or the reverse. */
    public Encoding foundEncoding() {
        return foundEncoding;
    }

    @Override
    public WrongFormatException withSource(String source) {
        return copyFrom(new WrongFormatException(getMessage(), found, foundEncoding, source));
    }
}
