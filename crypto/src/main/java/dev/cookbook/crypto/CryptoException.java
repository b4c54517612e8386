package dev.cookbook.crypto;

/**
 * Data that cannot be decrypted or a key that cannot be used: malformed input, a bad key length,
 * an unknown format. The message is meant for the user and names no secret; it does not name the
 * file, which {@link #source()} does where the library read one.
 *
 * @see AuthenticationException for a wrong password or tampered data
 */
public class CryptoException extends Exception {
    private final String source;

    public CryptoException(String message) {
        this(message, null, null);
    }

    public CryptoException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /**
     * @param source the name of the file that holds the bad data, as the caller gave it; null if
     *     unknown or not a file (standard input, bytes in memory)
     */
    protected CryptoException(String message, Throwable cause, String source) {
        super(message, cause);
        this.source = source;
    }

    /** The name of the file the bad data came from, as the caller gave it; null if unknown. */
    public String source() {
        return source;
    }

    /**
     * This failure, found in the file {@code source}: a copy of the same class, message, cause
     * and stack trace. Subclasses override it to keep their class.
     */
    public CryptoException withSource(String source) {
        return copyFrom(new CryptoException(getMessage(), getCause(), source));
    }

    /** {@code copy} with this exception's stack trace and suppressed exceptions, for {@link #withSource}. */
    protected final <T extends CryptoException> T copyFrom(T copy) {
        copy.setStackTrace(getStackTrace());
        for (Throwable s : getSuppressed()) {
            copy.addSuppressed(s);
        }
        return copy;
    }
}
