package dev.cookbook.crypto.cipher;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * RC4, producing eight keystream bytes at a time and combining them with the data as one
 * {@code long}.
 *
 * <p>Why not the JDK's ARCFOUR or Bouncy Castle's {@code RC4Engine}: both update the state and
 * write the output a byte at a time through array stores the compiler cannot combine; this one
 * does not (cli/bench and the README hold the measured speeds). The tests check it against the JDK's ARCFOUR on random keys and
 * data, the RFC 6229 vectors and openssl. Encryption and decryption are the same operation. Not
 * thread-safe.
 */
final class Rc4 implements CipherStream {
    private static final VarHandle LITTLE_ENDIAN =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The permutation of 0..255, as ints: int loads and stores are cheaper here than bytes. */
    private final int[] state = new int[256];

    private int i;
    private int j;

    /** @param key 1 to 256 bytes */
    Rc4(byte[] key) {
        if (key.length < 1 || key.length > 256) {
            throw new IllegalArgumentException("RC4 needs a 1- to 256-byte key, not " + key.length);
        }
        int[] s = state;
        for (int n = 0; n < 256; n++) {
            s[n] = n;
        }
        for (int n = 0, m = 0; n < 256; n++) {
            m = (m + s[n] + (key[n % key.length] & 0xff)) & 0xff;
            int t = s[n];
            s[n] = s[m];
            s[m] = t;
        }
    }

    @Override
    public void process(byte[] in, int inOff, int len, byte[] out, int outOff) {
        int[] s = state;
        int x = i;
        int y = j;
        int n = 0;
        for (; len - n >= 8; n += 8) {
            long keystream = 0;
            for (int b = 0; b < 64; b += 8) {
                x = (x + 1) & 0xff;
                int sx = s[x];
                y = (y + sx) & 0xff;
                int sy = s[y];
                s[x] = sy;
                s[y] = sx;
                keystream |= (long) s[(sx + sy) & 0xff] << b;
            }
            // in may be out: the long is read before it is written
            LITTLE_ENDIAN.set(out, outOff + n, (long) LITTLE_ENDIAN.get(in, inOff + n) ^ keystream);
        }
        for (; n < len; n++) {
            x = (x + 1) & 0xff;
            int sx = s[x];
            y = (y + sx) & 0xff;
            int sy = s[y];
            s[x] = sy;
            s[y] = sx;
            out[outOff + n] = (byte) (in[inOff + n] ^ s[(sx + sy) & 0xff]);
        }
        i = x;
        j = y;
    }
}
