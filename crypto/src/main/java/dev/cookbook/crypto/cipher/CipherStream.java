package dev.cookbook.crypto.cipher;

/**
 * A running stream cipher (a block cipher in CFB mode, or RC4): transforms any number of bytes,
 * in order, with no padding and no buffering, so output length always equals input length. Not
 * thread-safe.
 */
public interface CipherStream {
    /** Encrypts or decrypts {@code len} bytes of {@code in} into {@code out}; the two may be the same array. */
    void process(byte[] in, int inOff, int len, byte[] out, int outOff);
}
