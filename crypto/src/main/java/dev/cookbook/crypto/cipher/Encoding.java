package dev.cookbook.crypto.cipher;

/** How encrypted bytes are written down: as they are, or as base64 text ({@code openssl enc -a}). */
public enum Encoding {
    /** The bytes as they are. */
    BINARY,
    /**
     * Base64 in lines of 64 characters, each ending in a newline: {@code openssl enc -a}. Reading
     * accepts any line length, and one line with or without its newline.
     */
    BASE64,
    /** Base64 on one line without a newline at its end: {@code openssl enc -a -A}. */
    BASE64_ONE_LINE
}
