package dev.cookbook.crypto.cipher;

import java.util.Arrays;
import org.bouncycastle.crypto.engines.DESEngine;

/**
 * The DES and triple-DES (EDE3) block function, forwards only (all CFB needs), on a block held in a
 * {@code long}. The key schedule is Bouncy Castle's ({@link DESEngine}'s working keys); the rounds
 * are the classic table-driven form of Richard Outerbridge's D3DES, the layout of Bouncy Castle's
 * engine (openssl's, from Eric Young's libdes, is the same kind of design).
 *
 * <p>Why not {@code DESedeEngine} itself: it runs each of the three DES passes as a separate call,
 * each converting the block from bytes to integers and back, applying the initial and final
 * permutations, and allocating a temporary block. Done once per triple-DES block, with the block
 * kept in registers between the passes (as openssl's {@code DES_encrypt3} does), the same
 * computation does less work (cli/bench and the README hold the measured speeds). The tests
 * check it byte for byte against Bouncy Castle's engines on random keys and data, the NIST vectors
 * and openssl.
 */
final class DesCore {
    /** The S-boxes of FIPS 46-3, each as four rows of sixteen. */
    private static final byte[][] S_BOXES = {
        {
            14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7, 0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
            4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0, 15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13
        },
        {
            15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10, 3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
            0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15, 13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9
        },
        {
            10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8, 13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
            13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7, 1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12
        },
        {
            7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15, 13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
            10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4, 3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14
        },
        {
            2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9, 14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
            4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14, 11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3
        },
        {
            12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11, 10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
            9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6, 4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13
        },
        {
            4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1, 13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
            1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2, 6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12
        },
        {
            13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7, 1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
            7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8, 2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11
        },
    };

    /** The permutation P of FIPS 46-3: bit i of the output is bit P[i] of the input (1 = the leftmost). */
    private static final byte[] P = {
        16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
        2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25,
    };

    // S-box and P together, one table per S-box, indexed by its six input bits.
    private static final int[] SP1 = spTable(0);
    private static final int[] SP2 = spTable(1);
    private static final int[] SP3 = spTable(2);
    private static final int[] SP4 = spTable(3);
    private static final int[] SP5 = spTable(4);
    private static final int[] SP6 = spTable(5);
    private static final int[] SP7 = spTable(6);
    private static final int[] SP8 = spTable(7);

    /** 32 round-key words per DES pass: one pass for DES, three for triple DES. */
    private final int[] keys;

    /** @param key 8 bytes for DES, 24 for triple DES (EDE, three keys) */
    DesCore(byte[] key) {
        if (key.length != 8 && key.length != 24) {
            throw new IllegalArgumentException("DES needs an 8- or 24-byte key, not " + key.length);
        }
        KeySchedule schedule = new KeySchedule();
        int passes = key.length / 8;
        keys = new int[32 * passes];
        for (int p = 0; p < passes; p++) {
            // EDE: the middle pass decrypts, which is DES with the round keys in reverse order.
            boolean forward = p != 1;
            System.arraycopy(
                    schedule.roundKeys(forward, Arrays.copyOfRange(key, 8 * p, 8 * p + 8)), 0, keys, 32 * p, 32);
        }
    }

    /**
     * SP[x] for one S-box: the S-box's output for input bits x (row from the outer two, column from
     * the inner four), placed at its nibble, permuted by P, and rotated left by one bit, the layout
     * D3DES keeps the halves in between its initial and final permutations.
     */
    private static int[] spTable(int box) {
        int[] table = new int[64];
        for (int x = 0; x < 64; x++) {
            int row = (x >>> 4 & 2) | (x & 1);
            int column = x >>> 1 & 0xf;
            int placed = S_BOXES[box][row * 16 + column] << (28 - 4 * box);
            int permuted = 0;
            for (int i = 0; i < 32; i++) {
                permuted |= (placed >>> (32 - P[i]) & 1) << (31 - i);
            }
            table[x] = Integer.rotateLeft(permuted, 1);
        }
        return table;
    }

    /** Whether {@code other} encrypts exactly as this does (the same key). */
    boolean sameKey(DesCore other) {
        return Arrays.equals(keys, other.keys);
    }

    /** Encrypts one block, its bytes in big-endian order (as read from a byte array). */
    long encrypt(long block) {
        long halves = initialPermutation(block);
        int left = (int) (halves >>> 32);
        int right = (int) halves;
        int[] k = keys;
        for (int i = 0; i < 32; i += 4) {
            left ^= f(right, k[i], k[i + 1]);
            right ^= f(left, k[i + 2], k[i + 3]);
        }
        if (k.length == 96) { // triple DES: a pass ends with the halves swapped, the next starts unswapped
            for (int i = 32; i < 64; i += 4) {
                right ^= f(left, k[i], k[i + 1]);
                left ^= f(right, k[i + 2], k[i + 3]);
            }
            for (int i = 64; i < 96; i += 4) {
                left ^= f(right, k[i], k[i + 1]);
                right ^= f(left, k[i + 2], k[i + 3]);
            }
        }
        return finalPermutation(left, right);
    }

    /**
     * Encrypts two independent blocks, {@code a} into {@code out[0]} and {@code b} into
     * {@code out[1]}, their rounds interleaved: one block's rounds form a single chain of dependent
     * steps, and two chains side by side let the processor overlap them, more throughput than two
     * {@link #encrypt} calls. For whatever has blocks that do not depend on each other: CFB
     * decryption, and two chunks of the cookbook format.
     */
    void encrypt2(long a, long b, long[] out) {
        long ha = initialPermutation(a);
        long hb = initialPermutation(b);
        int la = (int) (ha >>> 32);
        int ra = (int) ha;
        int lb = (int) (hb >>> 32);
        int rb = (int) hb;
        int[] k = keys;
        for (int i = 0; i < 32; i += 4) {
            la ^= f(ra, k[i], k[i + 1]);
            lb ^= f(rb, k[i], k[i + 1]);
            ra ^= f(la, k[i + 2], k[i + 3]);
            rb ^= f(lb, k[i + 2], k[i + 3]);
        }
        if (k.length == 96) {
            for (int i = 32; i < 64; i += 4) {
                ra ^= f(la, k[i], k[i + 1]);
                rb ^= f(lb, k[i], k[i + 1]);
                la ^= f(ra, k[i + 2], k[i + 3]);
                lb ^= f(rb, k[i + 2], k[i + 3]);
            }
            for (int i = 64; i < 96; i += 4) {
                la ^= f(ra, k[i], k[i + 1]);
                lb ^= f(rb, k[i], k[i + 1]);
                ra ^= f(la, k[i + 2], k[i + 3]);
                rb ^= f(lb, k[i + 2], k[i + 3]);
            }
        }
        out[0] = finalPermutation(la, ra);
        out[1] = finalPermutation(lb, rb);
    }

    /** FIPS 46-3's IP, then each half rotated left by one: the halves as {@code left << 32 | right}. */
    private static long initialPermutation(long block) {
        int left = (int) (block >>> 32);
        int right = (int) block;
        int work;
        work = ((left >>> 4) ^ right) & 0x0f0f0f0f;
        right ^= work;
        left ^= work << 4;
        work = ((left >>> 16) ^ right) & 0x0000ffff;
        right ^= work;
        left ^= work << 16;
        work = ((right >>> 2) ^ left) & 0x33333333;
        left ^= work;
        right ^= work << 2;
        work = ((right >>> 8) ^ left) & 0x00ff00ff;
        left ^= work;
        right ^= work << 8;
        right = Integer.rotateLeft(right, 1);
        work = (left ^ right) & 0xaaaaaaaa;
        left ^= work;
        right ^= work;
        left = Integer.rotateLeft(left, 1);
        return (long) left << 32 | (right & 0xffffffffL);
    }

    /** The inverse of {@link #initialPermutation}, with the last round's swap undone: the output block. */
    private static long finalPermutation(int left, int right) {
        int work;
        right = Integer.rotateRight(right, 1);
        work = (left ^ right) & 0xaaaaaaaa;
        left ^= work;
        right ^= work;
        left = Integer.rotateRight(left, 1);
        work = ((left >>> 8) ^ right) & 0x00ff00ff;
        right ^= work;
        left ^= work << 8;
        work = ((left >>> 2) ^ right) & 0x33333333;
        right ^= work;
        left ^= work << 2;
        work = ((right >>> 16) ^ left) & 0x0000ffff;
        left ^= work;
        right ^= work << 16;
        work = ((right >>> 4) ^ left) & 0x0f0f0f0f;
        left ^= work;
        right ^= work << 4;
        return (long) right << 32 | (left & 0xffffffffL);
    }

    /** The round function on half-block {@code r} with the round's two key words. */
    private static int f(int r, int k0, int k1) {
        int work = Integer.rotateRight(r, 4) ^ k0;
        int out = SP7[work & 0x3f] | SP5[(work >>> 8) & 0x3f] | SP3[(work >>> 16) & 0x3f] | SP1[(work >>> 24) & 0x3f];
        work = r ^ k1;
        return out
                | SP8[work & 0x3f]
                | SP6[(work >>> 8) & 0x3f]
                | SP4[(work >>> 16) & 0x3f]
                | SP2[(work >>> 24) & 0x3f];
    }

    /** Bouncy Castle's DES key schedule, reached through the method it offers subclasses. */
    private static final class KeySchedule extends DESEngine {
        int[] roundKeys(boolean forward, byte[] key) {
            return generateWorkingKey(forward, key);
        }
    }
}
