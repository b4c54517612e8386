package dev.cookbook.crypto.digest;

import java.util.HexFormat;

/**
 * One well-formed line of a checksum file: the algorithm, the expected digest and the file name
 * (unescaped).
 *
 * @param binary whether the line marked the file as binary ({@code *}); informational only, as on
 *               every POSIX system
 */
public record ChecksumEntry(DigestAlgorithm algorithm, String expectedHex, String fileName, boolean binary) {

    /** True if {@code digest} is the expected one; hex case is ignored, as coreutils does. */
    public boolean matches(byte[] digest) {
        return expectedHex.equalsIgnoreCase(HexFormat.of().formatHex(digest));
    }
}
