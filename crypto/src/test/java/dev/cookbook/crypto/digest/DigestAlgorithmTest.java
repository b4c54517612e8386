package dev.cookbook.crypto.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestAlgorithmTest {
    private static final Set<DigestAlgorithm> BROKEN =
            Set.of(DigestAlgorithm.MD2, DigestAlgorithm.MD4, DigestAlgorithm.MD5, DigestAlgorithm.SHA1);

    @ParameterizedTest(name = "{0}: {1} hex digits, tag {2}")
    @CsvSource(delimiter = '|', textBlock = """
            MD2         | md2         |  32 | MD2
            MD4         | md4         |  32 | MD4
            MD5         | md5         |  32 | MD5
            SHA1        | sha1        |  40 | SHA1
            SHA224      | sha224      |  56 | SHA224
            SHA256      | sha256      |  64 | SHA256
            SHA384      | sha384      |  96 | SHA384
            SHA512      | sha512      | 128 | SHA512
            SHA512_256  | sha512-256  |  64 | SHA512t256
            SHA3_224    | sha3-224    |  56 | SHA3-224
            SHA3_256    | sha3-256    |  64 | SHA3-256
            SHA3_384    | sha3-384    |  96 | SHA3-384
            SHA3_512    | sha3-512    | 128 | SHA3-512
            BLAKE2B_512 | blake2b-512 | 128 | BLAKE2b
            BLAKE3      | blake3      |  64 | BLAKE3
            """)
    @DisplayName("hexLength and tag; the hasher's digest has hexLength / 2 bytes")
    void namesAndLengths(DigestAlgorithm a, String cliName, int hexLength, String tag) {
        assertEquals(hexLength, a.hexLength());
        assertEquals(hexLength * 4, a.bits());
        assertEquals(tag, a.tag());
        assertEquals(hexLength / 2, a.newHasher().digest().length);
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    @DisplayName("isSecure is false exactly for md2, md4, md5 and sha1")
    void isSecure(DigestAlgorithm a) {
        assertEquals(!BROKEN.contains(a), a.isSecure());
    }

    @ParameterizedTest(name = "{0} hex digits -> {1}")
    @CsvSource(textBlock = """
            32, MD5
            40, SHA1
            56, SHA224
            64, SHA256
            96, SHA384
            128, SHA512
            """)
    @DisplayName("usualForHexLength names the common algorithm for each digest length")
    void usualForHexLength(int hexLength, DigestAlgorithm expected) {
        assertEquals(Optional.of(expected), DigestAlgorithm.usualForHexLength(hexLength));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 31, 33, 48, 63, 65, 127, 129, 256, -64})
    @DisplayName("usualForHexLength knows no algorithm for other lengths")
    void usualForOtherHexLength(int hexLength) {
        assertEquals(Optional.empty(), DigestAlgorithm.usualForHexLength(hexLength));
    }
}
