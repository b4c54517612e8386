package dev.cookbook.crypto.cipher;

/** How encrypted data is framed. */
public enum Format {
    /**
     * cookbook's own format: a header that names the cipher and how the key was made, then the data
     * in chunks, each authenticated with HMAC-SHA-256 (encrypt-then-MAC). A wrong password and any
     * change to the data are detected. Described in {@link SealedFormat}.
     */
    COOKBOOK,
    /** {@code Salted__}, an 8-byte salt, the ciphertext: what {@code openssl enc -salt} writes. Unauthenticated. */
    OPENSSL,
    /** Ciphertext only, with a key and IV given directly ({@code openssl enc -K -iv}). Unauthenticated. */
    RAW
}
