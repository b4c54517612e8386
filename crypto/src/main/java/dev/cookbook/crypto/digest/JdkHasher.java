package dev.cookbook.crypto.digest;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/** A {@link Hasher} on a JDK {@link MessageDigest}, which HotSpot runs on the CPU's hash instructions. */
final class JdkHasher implements Hasher {
    private final MessageDigest md;

    JdkHasher(MessageDigest md) {
        this.md = md;
    }

    /** The JDK's digest this runs on. */
    MessageDigest messageDigest() {
        return md;
    }

    @Override
    public void update(byte[] b, int off, int len) {
        md.update(b, off, len);
    }

    @Override
    public void update(ByteBuffer b) {
        md.update(b);
    }

    @Override
    public byte[] digest() {
        return md.digest();
    }
}
