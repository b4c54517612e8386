package dev.cookbook.cli.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cookbook.crypto.cipher.CipherAlgorithm;
import dev.cookbook.crypto.cipher.Kdf;
import dev.cookbook.crypto.cipher.KdfDigest;
import java.util.List;
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
    @ValueSource(strings = {"", "des-ecb", "des-ede-cfb", "des3-ofb", "aes-256-cfb", "rc4-40", "arc4 x"})
    @DisplayName("the converter knows no other cipher")
    void fromNameUnknown(String name) {
        assertThrows(TypeConversionException.class, () -> new CipherOptions.CipherChoice().convert(name));
    }

    @Test
    @DisplayName("openssl's -des and -des3 are CBC, as in openssl")
    void opensslCbcNames() {
        CipherOptions.CipherChoice c = new CipherOptions.CipherChoice();
        assertEquals(CipherAlgorithm.DES3_CBC, c.convert("des3"));
        assertEquals(CipherAlgorithm.DES3_CBC, c.convert("DES-EDE3-CBC"));
        assertEquals(CipherAlgorithm.DES_CBC, c.convert("des"));
        assertEquals("des3-cbc", c.nameOf(CipherAlgorithm.DES3_CBC));
    }

    @Test
    @DisplayName("the key derivations by the names users type; evp-md5 of old is pointed to --md")
    void kdfNames() {
        CipherOptions.KdfChoice kdf = new CipherOptions.KdfChoice();
        assertEquals("pbkdf2", kdf.nameOf(Kdf.PBKDF2));
        assertEquals("evp", kdf.nameOf(Kdf.EVP_BYTES_TO_KEY));
        assertEquals(Kdf.EVP_BYTES_TO_KEY, kdf.convert("EVP_BytesToKey"));
        assertEquals(
                "unknown key derivation 'evp-md5' (pbkdf2 or evp; the digest is --md, as in --kdf evp --md md5)",
                assertThrows(TypeConversionException.class, () -> kdf.convert("evp-md5"))
                        .getMessage());
    }

    @Test
    @DisplayName("the digests of --md by openssl's names, with a dash, in any case")
    void digestNames() {
        CipherOptions.DigestChoice md = new CipherOptions.DigestChoice();
        assertEquals(
                List.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512"),
                java.util.stream.StreamSupport.stream(md.spliterator(), false).toList());
        assertEquals(KdfDigest.SHA256, md.convert("SHA-256"));
        assertEquals(KdfDigest.SHA1, md.convert("sha1"));
        assertEquals(
                "unknown digest 'sha3-256': use md5, sha1, sha224, sha256, sha384 or sha512",
                assertThrows(TypeConversionException.class, () -> md.convert("sha3-256"))
                        .getMessage());
    }
}
