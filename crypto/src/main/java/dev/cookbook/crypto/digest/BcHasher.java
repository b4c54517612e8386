package dev.cookbook.crypto.digest;

import java.nio.ByteBuffer;
import org.bouncycastle.crypto.Digest;

/** A {@link Hasher} on a Bouncy Castle lightweight digest (no JCA provider lookup, no registration cost). */
final class BcHasher implements Hasher {
    private final Digest digest;
    private byte[] chunk;

    BcHasher(Digest digest) {
        this.digest = digest;
    }

    @Override
    public void update(byte[] b, int off, int len) {
        digest.update(b, off, len);
    }

    @Override
    public void update(ByteBuffer b) {
        if (b.hasArray()) {
            digest.update(b.array(), b.arrayOffset() + b.position(), b.remaining());
            b.position(b.limit());
            return;
        }
        if (chunk == null) {
            chunk = new byte[64 << 10];
        }
        while (b.hasRemaining()) {
            int n = Math.min(chunk.length, b.remaining());
            b.get(chunk, 0, n);
            digest.update(chunk, 0, n);
        }
    }

    @Override
    public byte[] digest() {
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
