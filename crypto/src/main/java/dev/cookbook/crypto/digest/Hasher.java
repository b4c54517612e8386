package dev.cookbook.crypto.digest;

import java.nio.ByteBuffer;

/**
 * A running message digest. Not thread-safe; after {@link #digest()} it starts over, so one
 * instance can hash many inputs in turn.
 */
public interface Hasher {
    /** Adds {@code len} bytes of {@code b} from {@code off}. */
    void update(byte[] b, int off, int len);

    /** Adds the remaining bytes of {@code b}, which may be direct or memory-mapped. */
    void update(ByteBuffer b);

    /** Finishes the digest of everything added since the last call, and resets. */
    byte[] digest();
}
