package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.cipher.CipherTestSupport.assertBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Rc4} against published output and the textbook RC4, at every key length it takes. */
class Rc4Test {

    /**
     * The reference recipe's example (/work/shared/reference/crypto-hash-cipher-rsa.txt, "Stream
     * ciphers"): pycrypto's {@code ARC4.new('01234567').encrypt('abcdefghijklmnop')} printed
     * {@code '\xf0\xb7\x90{#ABXY9\xd06\x9f\xc0\x8c '}.
     */
    @Test
    @DisplayName("pycrypto's published ARC4 output for the key '01234567', both ways, through newStream")
    void pycryptoVector() {
        byte[] key = "01234567".getBytes(StandardCharsets.US_ASCII);
        byte[] plaintext = "abcdefghijklmnop".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[plaintext.length];

        CipherAlgorithm.ARC4.newStream(true, key, null).process(plaintext, 0, plaintext.length, out, 0);
        assertEquals("f0b7907b234142585939d0369fc08c20", hex(out));

        byte[] back = new byte[out.length];
        CipherAlgorithm.ARC4.newStream(false, key, null).process(out, 0, out.length, back, 0);
        assertEquals("abcdefghijklmnop", new String(back, StandardCharsets.US_ASCII));
    }

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
        assertEquals(
                "rc4 needs a 1- to 256-byte key, not " + keyLength,
                assertThrows(
                                IllegalArgumentException.class,
                                () -> CipherAlgorithm.ARC4.newStream(true, new byte[keyLength], null))
                        .getMessage());
    }

    @ParameterizedTest(name = "{0}-byte key")
    @ValueSource(ints = {1, 256})
    @DisplayName("the shortest and longest raw keys encrypt and decrypt through FileCipher as the textbook RC4")
    void shortestAndLongestKeysThroughFileCipher(int keyLength) throws Exception {
        byte[] key = CipherTestSupport.pseudoRandomBytes(keyLength);
        byte[] plaintext = CipherTestSupport.pseudoRandomBytes(5000);
        EncryptionOptions raw = CipherTestSupport.options(CipherAlgorithm.ARC4, Format.RAW, Kdf.PBKDF2);
        byte[] ciphertext = CipherTestSupport.encrypt(new FileCipher(), plaintext, raw, new Secret.RawKey(key, null));
        assertBytes(CipherVectorsTest.TextbookRc4.crypt(key, plaintext), ciphertext, "raw encryption");
        assertBytes(
                plaintext,
                CipherTestSupport.decrypt(new FileCipher(), ciphertext, raw, new Secret.RawKey(key, null)),
                "raw decryption");
    }
}
