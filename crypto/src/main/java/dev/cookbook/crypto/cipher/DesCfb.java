package dev.cookbook.crypto.cipher;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * CFB mode with 64-bit or 8-bit feedback over DES or triple DES ({@link DesCore}), eight bytes at a
 * time where it can: the register, the keystream and the data move as {@code long}s.
 *
 * <p>Why not Bouncy Castle's {@code CFBBlockCipher}: it moves every byte through a method call of
 * its stream interface, which on DES costs a measurable part of the throughput (cli/bench/encrypt-bench.sh). The result is byte-identical,
 * which the known-answer tests, the comparison with Bouncy Castle and the openssl interoperability
 * tests check. Not thread-safe.
 */
final class DesCfb implements CipherStream {
    private static final VarHandle BIG_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final DesCore core;
    private final boolean encrypt;
    private final boolean fullBlock;
    /** The last ciphertext block (CFB-64) or the last eight ciphertext bytes (CFB-8); the IV at first. */
    private long register;
    /** CFB-64 only: the keystream block being used up, and how many of its bytes earlier calls used. */
    private long keystream;

    private int used;
    /** Where {@link DesCore#encrypt2} leaves its two blocks. */
    private final long[] pair = new long[2];

    /** @param fullBlock 64-bit feedback; false for 8-bit */
    DesCfb(byte[] key, boolean encrypt, boolean fullBlock, byte[] iv) {
        this.core = new DesCore(key);
        this.encrypt = encrypt;
        this.fullBlock = fullBlock;
        this.register = (long) BIG_ENDIAN.get(iv, 0);
    }

    @Override
    public void process(byte[] in, int inOff, int len, byte[] out, int outOff) {
        if (fullBlock) {
            cfb64(in, inOff, len, out, outOff);
        } else {
            cfb8(in, inOff, len, out, outOff);
        }
    }

    /**
     * Transforms in place the first {@code len} bytes of {@code buf} with {@code one} and the first
     * {@code otherLen} of {@code otherBuf} with {@code other}, as two {@link CipherStream#process}
     * calls would. Two fresh DES encryptions under the same key (two chunks of the cookbook format)
     * run side by side over the bytes they both have (see {@link DesCore#encrypt2}); anything else
     * one after the other.
     */
    static void processPair(CipherStream one, CipherStream other, byte[] buf, int len, byte[] otherBuf, int otherLen) {
        if (one instanceof DesCfb d) {
            d.processWith(other, buf, len, otherBuf, otherLen);
        } else {
            one.process(buf, 0, len, buf, 0);
            other.process(otherBuf, 0, otherLen, otherBuf, 0);
        }
    }

    private void processWith(CipherStream other, byte[] buf, int len, byte[] otherBuf, int otherLen) {
        if (!(other instanceof DesCfb o)
                || !encrypt
                || !o.encrypt
                || fullBlock != o.fullBlock
                || used != 0
                || o.used != 0
                || !core.sameKey(o.core)) {
            process(buf, 0, len, buf, 0);
            other.process(otherBuf, 0, otherLen, otherBuf, 0);
            return;
        }
        long[] ks = pair;
        long ra = register;
        long rb = o.register;
        int n = Math.min(len, otherLen);
        if (fullBlock) {
            n &= ~7;
            for (int i = 0; i < n; i += 8) {
                core.encrypt2(ra, rb, ks);
                ra = (long) BIG_ENDIAN.get(buf, i) ^ ks[0];
                rb = (long) BIG_ENDIAN.get(otherBuf, i) ^ ks[1];
                BIG_ENDIAN.set(buf, i, ra);
                BIG_ENDIAN.set(otherBuf, i, rb);
            }
        } else {
            for (int i = 0; i < n; i++) {
                core.encrypt2(ra, rb, ks);
                byte ca = (byte) (buf[i] ^ (ks[0] >>> 56));
                byte cb = (byte) (otherBuf[i] ^ (ks[1] >>> 56));
                buf[i] = ca;
                otherBuf[i] = cb;
                ra = ra << 8 | (ca & 0xffL);
                rb = rb << 8 | (cb & 0xffL);
            }
        }
        register = ra;
        o.register = rb;
        process(buf, n, len - n, buf, n);
        o.process(otherBuf, n, otherLen - n, otherBuf, n);
    }

    private void cfb64(byte[] in, int inOff, int len, byte[] out, int outOff) {
        int i = 0;
        while (i < len && used != 0) { // finish a block an earlier call began
            step64(in, inOff + i, out, outOff + i);
            i++;
        }
        if (!encrypt) { // each keystream block comes from known ciphertext: two at a time
            long[] ks = pair;
            for (; len - i >= 16; i += 16) {
                long c0 = (long) BIG_ENDIAN.get(in, inOff + i);
                long c1 = (long) BIG_ENDIAN.get(in, inOff + i + 8);
                core.encrypt2(register, c0, ks);
                BIG_ENDIAN.set(out, outOff + i, c0 ^ ks[0]);
                BIG_ENDIAN.set(out, outOff + i + 8, c1 ^ ks[1]);
                register = c1;
            }
        }
        for (; len - i >= 8; i += 8) {
            long plain = (long) BIG_ENDIAN.get(in, inOff + i); // read before writing: in may be out
            long result = plain ^ core.encrypt(register);
            BIG_ENDIAN.set(out, outOff + i, result);
            register = encrypt ? result : plain;
        }
        for (; i < len; i++) {
            step64(in, inOff + i, out, outOff + i);
        }
    }

    /** One byte of CFB-64: the register takes each ciphertext byte in place as the block goes on. */
    private void step64(byte[] in, int at, byte[] out, int outAt) {
        if (used == 0) {
            keystream = core.encrypt(register);
        }
        int shift = 56 - 8 * used;
        byte b = in[at];
        byte o = (byte) (b ^ (keystream >>> shift));
        out[outAt] = o;
        long c = (encrypt ? o : b) & 0xffL;
        register = register & ~(0xffL << shift) | c << shift;
        used = (used + 1) & 7;
    }

    private void cfb8(byte[] in, int inOff, int len, byte[] out, int outOff) {
        long r = register;
        int i = 0;
        if (!encrypt) { // each keystream byte comes from known ciphertext: two at a time
            long[] ks = pair;
            for (; len - i >= 2; i += 2) {
                byte c0 = in[inOff + i];
                byte c1 = in[inOff + i + 1];
                long next = r << 8 | (c0 & 0xffL);
                core.encrypt2(r, next, ks);
                out[outOff + i] = (byte) (c0 ^ (ks[0] >>> 56));
                out[outOff + i + 1] = (byte) (c1 ^ (ks[1] >>> 56));
                r = next << 8 | (c1 & 0xffL);
            }
        }
        for (; i < len; i++) {
            byte b = in[inOff + i];
            byte o = (byte) (b ^ (core.encrypt(r) >>> 56));
            out[outOff + i] = o;
            r = r << 8 | ((encrypt ? o : b) & 0xffL);
        }
        register = r;
    }
}
