package dev.cookbook.cli.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cookbook.crypto.digest.DigestAlgorithm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** The names the command line accepts (moved from the library's tests, which no longer know them). */
class DigestAlgorithmChoiceTest {
    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sha256        | SHA256
            SHA-256       | SHA256
            sha2-256      | SHA256
            SHA256        | SHA256
            Sha-256       | SHA256
            '  sha256  '  | SHA256
            md2           | MD2
            MD4           | MD4
            md5           | MD5
            sha1          | SHA1
            SHA-1         | SHA1
            sha224        | SHA224
            SHA2-224      | SHA224
            sha-384       | SHA384
            sha512        | SHA512
            sha2-512      | SHA512
            sha512-256    | SHA512_256
            SHA512t256    | SHA512_256
            sha512t256    | SHA512_256
            SHA2-512/256  | SHA512_256
            sha-512/256   | SHA512_256
            sha3-224      | SHA3_224
            SHA3-256      | SHA3_256
            Sha3-384      | SHA3_384
            sha3-512      | SHA3_512
            blake2b       | BLAKE2B_512
            BLAKE2b       | BLAKE2B_512
            BLAKE2b-512   | BLAKE2B_512
            blake2b-512   | BLAKE2B_512
            BLAKE3        | BLAKE3
            """)
    @DisplayName("the converter accepts cli names, tags and aliases in any case")
    void fromNameAccepts(String name, DigestAlgorithm expected) {
        assertEquals(expected, new DigestAlgorithmChoice().convert(name));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "",
                " ",
                "sha",
                "sha257",
                "sha-3",
                "md6",
                "blake2s",
                "blake2b-256",
                "crc32",
                "sha256sum",
                "sha 256"
            })
    @DisplayName("the converter rejects unknown names")
    void fromNameRejects(String name) {
        assertThrows(TypeConversionException.class, () -> new DigestAlgorithmChoice().convert(name));
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    @DisplayName("the converter finds every algorithm by its shown name and its tag")
    void fromNameRoundTrips(DigestAlgorithm a) {
        assertEquals(a, new DigestAlgorithmChoice().convert(DigestAlgorithmChoice.name(a)));
        assertEquals(a, new DigestAlgorithmChoice().convert(a.tag()));
    }

    @Test
    void anUnknownNamePointsToTheList() {
        TypeConversionException e =
                assertThrows(TypeConversionException.class, () -> new DigestAlgorithmChoice().convert("sha999"));
        assertEquals("unknown algorithm 'sha999' (see 'cookbook checksum --list')", e.getMessage());
    }
}
