package dev.cookbook.cli.rsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cookbook.crypto.rsa.SignatureHash;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** The names the command line accepts (moved from the library's tests, which no longer know them). */
class HashChoiceTest {
    @ParameterizedTest
    @CsvSource({
        "sha256, SHA256",
        "SHA-256, SHA256",
        "' Sha-384 ', SHA384",
        "sha512, SHA512",
        "SHA1, SHA1",
        "sha-1, SHA1",
        "MD5, MD5"
    })
    @DisplayName("the converter takes any case, dashes and surrounding blanks")
    void fromName(String name, SignatureHash expected) {
        assertEquals(expected, new SignatureOptions.HashChoice().convert(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha", "sha3-256", "sha224", "md4", "sha 256", "sha_256"})
    @DisplayName("the converter is empty for digests signatures are not made with")
    void unknownName(String name) {
        assertThrows(TypeConversionException.class, () -> new SignatureOptions.HashChoice().convert(name));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        assertEquals(
                "unknown digest 'sha3-256': use sha256, sha384, sha512, sha1 or md5",
                assertThrows(TypeConversionException.class, () -> new SignatureOptions.HashChoice().convert("sha3-256"))
                        .getMessage());
    }
}
