package dev.cookbook.crypto.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CipherAlgorithm}'s names, lengths and argument checks. */
class CipherAlgorithmTest {

    @Test
    @DisplayName("names, key and IV lengths as openssl enc has them")
    void lengthsAndNames() {
        assertEquals(
                "DES_CFB 8 8 des-cfb|DES_CFB8 8 8 des-cfb8|DES3_CFB 24 8 des-ede3-cfb|"
                        + "DES3_CFB8 24 8 des-ede3-cfb8|ARC4 16 0 rc4|",
                describeAll());
    }

    private static String describeAll() {
        StringBuilder sb = new StringBuilder();
        for (CipherAlgorithm c : CipherAlgorithm.values()) {
            sb.append(c)
                    .append(' ')
                    .append(c.keyLength())
                    .append(' ')
                    .append(c.ivLength())
                    .append(' ')
                    .append(c.opensslName())
                    .append('|');
        }
        return sb.toString();
    }

    @Test
    @DisplayName("newStream refuses a key or IV of the wrong length, naming both lengths")
    void wrongLengths() {
        assertEquals("des-cfb needs a 8-byte key, not 7", refusal(CipherAlgorithm.DES_CFB, new byte[7], new byte[8]));
        assertEquals(
                "des-ede3-cfb8 needs a 24-byte key, not 16",
                refusal(CipherAlgorithm.DES3_CFB8, new byte[16], new byte[8]));
        assertEquals(
                "des-cfb8 needs a 8-byte IV, not 16", refusal(CipherAlgorithm.DES_CFB8, new byte[8], new byte[16]));
        assertEquals("des-ede3-cfb needs a 8-byte IV, not 0", refusal(CipherAlgorithm.DES3_CFB, new byte[24], null));
        assertEquals("rc4 needs a 5- to 128-byte key, not 4", refusal(CipherAlgorithm.ARC4, new byte[4], null));
        assertEquals("rc4 needs a 5- to 128-byte key, not 129", refusal(CipherAlgorithm.ARC4, new byte[129], null));
        assertEquals("rc4 needs a 0-byte IV, not 8", refusal(CipherAlgorithm.ARC4, new byte[16], new byte[8]));
    }

    private static String refusal(CipherAlgorithm c, byte[] key, byte[] iv) {
        return assertThrows(IllegalArgumentException.class, () -> c.newStream(true, key, iv))
                .getMessage();
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 16, 128})
    @DisplayName("RC4 takes keys of 5 to 128 bytes, giving the textbook algorithm's keystream")
    void rc4KeyLengths(int length) {
        assertRc4MatchesTextbook(length);
        CipherAlgorithm.ARC4.newStream(true, new byte[length], new byte[0]); // an empty IV is no IV
    }

    /**
     * newStream's Javadoc and check admit RC4 keys of up to 256 bytes, but the JDK's ARCFOUR takes
     * at most 1024 bits: keys of 129 to 256 bytes throw IllegalStateException("the Java runtime
     * lacks ARCFOUR"), caused by InvalidKeyException "Key length must be between 40 and 1024 bit".
     */
    @ParameterizedTest
    @ValueSource(ints = {129, 200, 256})
    @DisplayName("regression: RC4 keys beyond the JDK's 128 bytes are refused up front, not as a broken runtime")
    void rc4LongKeys(int length) {
        assertEquals(
                "rc4 needs a 5- to 128-byte key, not " + length, refusal(CipherAlgorithm.ARC4, new byte[length], null));
    }

    private static void assertRc4MatchesTextbook(int keyLength) {
        byte[] key = CipherTestSupport.pseudoRandomBytes(keyLength);
        byte[] out = new byte[300];
        CipherAlgorithm.ARC4.newStream(true, key, null).process(new byte[300], 0, 300, out, 0);
        assertEquals(
                CipherTestSupport.hex(CipherVectorsTest.TextbookRc4.crypt(key, new byte[300])),
                CipherTestSupport.hex(out));
    }
}
