package dev.cookbook.cli.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cookbook.crypto.cipher.CipherAlgorithm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** The names the command line accepts (moved from the library's tests, which no longer know them). */
class CipherChoiceTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "des-cfb, DES_CFB",
        "des-cfb8, DES_CFB8",
        "des3-cfb, DES3_CFB",
        "des-ede3-cfb, DES3_CFB",
        "des3-cfb8, DES3_CFB8",
        "des-ede3-cfb8, DES3_CFB8",
        "arc4, ARC4",
        "rc4, ARC4",
        "' ARC4 ', ARC4",
        "DES-EDE3-CFB, DES3_CFB"
    })
    @DisplayName("the converter knows the CLI names, openssl's names and the aliases, ignoring case and spaces")
    void fromName(String name, CipherAlgorithm expected) {
        assertEquals(expected, new CipherOptions.CipherChoice().convert(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "des", "des-cbc", "des-ede-cfb", "des3", "aes-256-cfb", "rc4-40", "arc4 x"})
    @DisplayName("the converter knows no other cipher")
    void fromNameUnknown(String name) {
        assertThrows(TypeConversionException.class, () -> new CipherOptions.CipherChoice().convert(name));
    }

    @Test
    @DisplayName("the names users type")
    void kdfNames() {
        CipherOptions.KdfChoice kdf = new CipherOptions.KdfChoice();
        assertEquals("pbkdf2", kdf.nameOf(dev.cookbook.crypto.cipher.Kdf.PBKDF2_SHA256));
        assertEquals("evp-md5", kdf.nameOf(dev.cookbook.crypto.cipher.Kdf.EVP_MD5));
        assertEquals(dev.cookbook.crypto.cipher.Kdf.EVP_MD5, kdf.convert("evp-md5"));
        assertEquals(
                "unknown key derivation 'x': use pbkdf2 or evp-md5",
                assertThrows(TypeConversionException.class, () -> kdf.convert("x"))
                        .getMessage());
    }
}
