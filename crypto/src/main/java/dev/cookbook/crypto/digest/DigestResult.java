package dev.cookbook.crypto.digest;

import java.io.IOException;
import java.util.HexFormat;

/**
 * The outcome of hashing one {@link Source}: the digest and the number of bytes read, or the
 * {@link IOException} that stopped it.
 */
public record DigestResult(byte[] digest, long size, IOException error) {

    static DigestResult of(byte[] digest, long size) {
        return new DigestResult(digest, size, null);
    }

    static DigestResult failure(IOException error) {
        return new DigestResult(null, -1, error);
    }

    public boolean ok() {
        return error == null;
    }

    /** The digest in lowercase hexadecimal, as every checksum tool prints it. */
    public String hex() {
        return HexFormat.of().formatHex(digest);
    }
}
