package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.cipher.CipherTestSupport.assertBytes;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Rc4} at the edges {@link CipherAlgorithm#newStream} does not reach, against the textbook RC4. */
class Rc4Test {

    @ParameterizedTest(name = "{0}-byte key")
    @ValueSource(ints = {1, 2, 129, 255, 256})
    void everyKeyLengthRc4AllowsMatchesTheTextbook(int keyLength) {
        Random random = new Random(keyLength);
        byte[] key = new byte[keyLength];
        random.nextBytes(key);
        byte[] data = new byte[1000 + keyLength];
        random.nextBytes(data);
        byte[] out = new byte[data.length];
        Rc4 rc4 = new Rc4(key);
        rc4.process(data, 0, 13, out, 0); // an odd first piece: the rest starts mid-word
        rc4.process(data, 13, data.length - 13, out, 13);
        assertBytes(CipherVectorsTest.TextbookRc4.crypt(key, data), out, keyLength + "-byte key");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, 257})
    void otherKeyLengthsAreRefused(int keyLength) {
        assertThrows(IllegalArgumentException.class, () -> new Rc4(new byte[keyLength]));
    }
}
