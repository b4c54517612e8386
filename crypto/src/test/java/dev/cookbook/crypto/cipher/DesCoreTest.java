package dev.cookbook.crypto.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Random;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DesCore} block by block against Bouncy Castle's engines, on random keys and blocks. */
class DesCoreTest {

    @ParameterizedTest(name = "{0}-byte keys")
    @ValueSource(ints = {8, 24})
    void everyBlockMatchesBouncyCastle(int keyLength) {
        Random random = new Random(keyLength);
        byte[] key = new byte[keyLength];
        byte[] block = new byte[8];
        byte[] expected = new byte[8];
        for (int k = 0; k < 200; k++) {
            random.nextBytes(key);
            DesCore core = new DesCore(key);
            BlockCipher reference = keyLength == 8 ? new DESEngine() : new DESedeEngine();
            reference.init(true, new KeyParameter(key));
            for (int b = 0; b < 50; b++) {
                random.nextBytes(block);
                reference.processBlock(block, 0, expected, 0);
                long got = core.encrypt(ByteBuffer.wrap(block).getLong());
                assertEquals(
                        ByteBuffer.wrap(expected).getLong(), got, () -> "key " + hex(key) + " block " + hex(block));
            }
        }
    }

    @ParameterizedTest(name = "{0}-byte keys")
    @ValueSource(ints = {8, 24})
    void twoBlocksSideBySideEqualTwoAlone(int keyLength) {
        Random random = new Random(100 + keyLength);
        byte[] key = new byte[keyLength];
        long[] pair = new long[2];
        for (int k = 0; k < 100; k++) {
            random.nextBytes(key);
            DesCore core = new DesCore(key);
            for (int b = 0; b < 50; b++) {
                long x = random.nextLong();
                long y = b == 0 ? x : random.nextLong();
                core.encrypt2(x, y, pair);
                assertEquals(core.encrypt(x), pair[0]);
                assertEquals(core.encrypt(y), pair[1]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, 7, 16, 23, 25})
    void otherKeyLengthsAreRefused(int keyLength) {
        assertThrows(IllegalArgumentException.class, () -> new DesCore(new byte[keyLength]));
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
