package dev.cookbook.crypto.cipher;

/**
 * A running stream cipher (a block cipher in CFB mode, or RC4): transforms any number of bytes,
 * in order, with no padding and no buffering, so output length always equals input length. Not
 * thread-safe.
 */
public interface CipherStream {
    /** Encrypts or decrypts {@code len} bytes of {@code in} into {@code out}; the two may be the same array. */
    void process(byte[] in, int inOff, int len, byte[] out, int outOff);

    /**
     * Transforms in place the first {@code len} bytes of {@code buf} with this stream and the first
     * {@code otherLen} of {@code otherBuf} with {@code other}, as two {@link #process} calls would.
     * Two streams under the same key may run side by side, faster than one after the other (see
     * {@link DesCore#encrypt2}); by default they run one after the other.
     */
    default void processWith(CipherStream other, byte[] buf, int len, byte[] otherBuf, int otherLen) {
        process(buf, 0, len, buf, 0);
        other.process(otherBuf, 0, otherLen, otherBuf, 0);
    }
}
