package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.cipher.CipherTestSupport.assertBytes;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CipherStream#processWith}: two streams side by side give exactly what two {@link
 * CipherStream#process} calls give, for every stream cipher, whether or not they can run together, and
 * both carry on from there as if they had run alone.
 */
class DesCfbPairTest {
    private static final int[] LENGTHS = {0, 1, 7, 8, 9, 15, 16, 17, 100, 4096, 65536, 65537};
    /** Bytes each stream processes after the pair, to check where it was left. */
    private static final int MORE = 11;

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#streamCiphers")
    void twoStreamsTogetherEqualTwoAlone(CipherAlgorithm cipher) {
        Random random = new Random(cipher.ordinal());
        for (int la : LENGTHS) {
            for (int lb : new int[] {0, 5, la, la + 3, 65536}) {
                for (boolean encrypt : new boolean[] {true, false}) {
                    for (boolean sameKey : new boolean[] {true, false}) {
                        byte[] keyA = bytes(random, cipher.keyLength());
                        byte[] keyB = sameKey ? keyA : bytes(random, cipher.keyLength());
                        byte[] ivA = iv(cipher, random);
                        byte[] ivB = iv(cipher, random);
                        byte[] a = bytes(random, la + MORE);
                        byte[] b = bytes(random, lb + MORE);
                        byte[] expectedA = alone(cipher, encrypt, keyA, ivA, a);
                        byte[] expectedB = alone(cipher, encrypt, keyB, ivB, b);

                        CipherStream sa = cipher.newStream(encrypt, keyA, ivA);
                        CipherStream sb = cipher.newStream(encrypt, keyB, ivB);
                        DesCfb.processPair(sa, sb, a, la, b, lb);
                        sa.process(a, la, MORE, a, la);
                        sb.process(b, lb, MORE, b, lb);

                        String what = cipher + (encrypt ? " encrypt " : " decrypt ") + la + "+" + lb
                                + (sameKey ? ", one key" : ", two keys");
                        assertBytes(expectedA, a, what + ": first stream");
                        assertBytes(expectedB, b, what + ": second stream");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.cookbook.crypto.cipher.CipherTestSupport#streamCiphers")
    void streamsAlreadyUnderwayCarryOnExactly(CipherAlgorithm cipher) {
        Random random = new Random(50 + cipher.ordinal());
        for (int prefix : new int[] {1, 3, 8, 11}) {
            for (boolean encrypt : new boolean[] {true, false}) {
                byte[] key = bytes(random, cipher.keyLength());
                byte[] ivA = iv(cipher, random);
                byte[] ivB = iv(cipher, random);
                byte[] a = bytes(random, prefix + 1000);
                byte[] b = bytes(random, 1003);
                byte[] expectedA = alone(cipher, encrypt, key, ivA, a);
                byte[] expectedB = alone(cipher, encrypt, key, ivB, b);

                CipherStream sa = cipher.newStream(encrypt, key, ivA);
                CipherStream sb = cipher.newStream(encrypt, key, ivB);
                sa.process(a, 0, prefix, a, 0); // the first stream is partway through a block
                byte[] restA = java.util.Arrays.copyOfRange(a, prefix, a.length);
                DesCfb.processPair(sa, sb, restA, restA.length, b, b.length);
                System.arraycopy(restA, 0, a, prefix, restA.length);

                String what = cipher + (encrypt ? " encrypt" : " decrypt") + " after " + prefix + " bytes";
                assertBytes(expectedA, a, what + ": first stream");
                assertBytes(expectedB, b, what + ": second stream");
            }
        }
    }

    /** {@code data} through a stream of its own, in one call. */
    private static byte[] alone(CipherAlgorithm cipher, boolean encrypt, byte[] key, byte[] iv, byte[] data) {
        byte[] out = data.clone();
        cipher.newStream(encrypt, key, iv).process(out, 0, out.length, out, 0);
        return out;
    }

    private static byte[] iv(CipherAlgorithm cipher, Random random) {
        return cipher.ivLength() == 0 ? null : bytes(random, cipher.ivLength());
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
