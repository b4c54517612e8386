package dev.cookbook.crypto.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link CipherAlgorithm}'s names, lengths and argument checks. */
class CipherAlgorithmTest {

    @Test
    @DisplayName("names, key and IV lengths as openssl enc has them")
    void lengthsAndNames() {
        assertEquals(
                "DES_CFB 8 8 des-cfb|DES_CFB8 8 8 des-cfb8|DES3_CFB 24 8 des-ede3-cfb|"
                        + "DES3_CFB8 24 8 des-ede3-cfb8|DES_CBC 8 8 des-cbc|DES3_CBC 24 8 des-ede3-cbc|ARC4 16 0 rc4|",
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
    @DisplayName("padded() is true for the two CBC modes only")
    void paddedIsCbc() {
        StringBuilder padded = new StringBuilder();
        for (CipherAlgorithm c : CipherAlgorithm.values()) {
            if (c.padded()) {
                padded.append(c).append(' ');
            }
        }
        assertEquals("DES_CBC DES3_CBC ", padded.toString());
    }

    @ParameterizedTest
    @EnumSource(
            value = CipherAlgorithm.class,
            names = {"DES_CBC", "DES3_CBC"})
    @DisplayName("newStream refuses CBC, with a key and IV of the right lengths: it is no CipherStream")
    void newStreamRefusesCbc(CipherAlgorithm cipher) {
        for (boolean encrypt : new boolean[] {true, false}) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> cipher.newStream(encrypt, new byte[cipher.keyLength()], new byte[8]));
            assertEquals(cipher.opensslName() + " is a padded block mode, not a stream cipher", e.getMessage());
        }
        // The lengths are checked first, as for every cipher.
        assertEquals(
                cipher.opensslName() + " needs a " + cipher.keyLength() + "-byte key, not 16",
                refusal(cipher, new byte[16], new byte[8]));
        assertEquals(
                cipher.opensslName() + " needs a 8-byte IV, not 0",
                refusal(cipher, new byte[cipher.keyLength()], null));
    }

    @Test
    @DisplayName("newBlockCipher is for CBC with its key and IV lengths, naming them; the JDK's cipher is CBC/PKCS5")
    void newBlockCipher() {
        assertEquals(
                "DES/CBC/PKCS5Padding",
                CipherAlgorithm.DES_CBC
                        .newBlockCipher(true, new byte[8], new byte[8])
                        .getAlgorithm());
        assertEquals(
                "DESede/CBC/PKCS5Padding",
                CipherAlgorithm.DES3_CBC
                        .newBlockCipher(false, new byte[24], new byte[8])
                        .getAlgorithm());
        assertEquals("des-cbc needs a 8-byte key and an 8-byte IV", blockRefusal(CipherAlgorithm.DES_CBC, 24, 8));
        assertEquals("des-ede3-cbc needs a 24-byte key and an 8-byte IV", blockRefusal(CipherAlgorithm.DES3_CBC, 8, 8));
        assertEquals(
                "des-ede3-cbc needs a 24-byte key and an 8-byte IV", blockRefusal(CipherAlgorithm.DES3_CBC, 24, 16));
        assertEquals(
                "des-cbc needs a 8-byte key and an 8-byte IV",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> CipherAlgorithm.DES_CBC.newBlockCipher(true, new byte[8], null))
                        .getMessage());
        assertEquals("des-cfb needs a 8-byte key and an 8-byte IV", blockRefusal(CipherAlgorithm.DES_CFB, 8, 8));
        assertEquals("rc4 needs a 16-byte key and an 0-byte IV", blockRefusal(CipherAlgorithm.ARC4, 16, 0));
    }

    private static String blockRefusal(CipherAlgorithm c, int keyLength, int ivLength) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> c.newBlockCipher(true, new byte[keyLength], new byte[ivLength]))
                .getMessage();
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
        assertEquals("rc4 needs a 1- to 256-byte key, not 0", refusal(CipherAlgorithm.ARC4, new byte[0], null));
        assertEquals("rc4 needs a 1- to 256-byte key, not 257", refusal(CipherAlgorithm.ARC4, new byte[257], null));
        assertEquals("rc4 needs a 0-byte IV, not 8", refusal(CipherAlgorithm.ARC4, new byte[16], new byte[8]));
    }

    private static String refusal(CipherAlgorithm c, byte[] key, byte[] iv) {
        return assertThrows(IllegalArgumentException.class, () -> c.newStream(true, key, iv))
                .getMessage();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 5, 8, 16, 128, 129, 200, 255, 256})
    @DisplayName("RC4 takes keys of 1 to 256 bytes, as the algorithm does, giving the textbook keystream")
    void rc4KeyLengths(int length) {
        assertRc4MatchesTextbook(length);
        CipherAlgorithm.ARC4.newStream(true, new byte[length], new byte[0]); // an empty IV is no IV
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 257, 1000})
    @DisplayName("RC4 refuses an empty key and keys over 256 bytes, naming the range and the length")
    void rc4BadKeyLengths(int length) {
        assertEquals(
                "rc4 needs a 1- to 256-byte key, not " + length, refusal(CipherAlgorithm.ARC4, new byte[length], null));
        assertFalse(CipherAlgorithm.ARC4.acceptsKeyLength(length));
    }

    @Test
    @DisplayName(
            "acceptsKeyLength: exactly the key length for DES and triple DES (CFB and CBC), 1 to 256 bytes for RC4")
    void acceptsKeyLength() {
        for (CipherAlgorithm c : CipherAlgorithm.values()) {
            String expected = c == CipherAlgorithm.ARC4
                    ? java.util.stream.IntStream.rangeClosed(1, 256)
                            .mapToObj(i -> i + " ")
                            .collect(java.util.stream.Collectors.joining())
                    : c.keyLength() + " ";
            assertEquals(expected, accepted(c), c.toString());
        }
        assertEquals("8 ", accepted(CipherAlgorithm.DES_CBC));
        assertEquals("24 ", accepted(CipherAlgorithm.DES3_CBC));
    }

    private static String accepted(CipherAlgorithm c) {
        StringBuilder accepted = new StringBuilder();
        for (int length = 0; length <= 300; length++) {
            if (c.acceptsKeyLength(length)) {
                accepted.append(length).append(' ');
            }
        }
        return accepted.toString();
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
