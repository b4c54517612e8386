package dev.cookbook.crypto.rsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.Signature;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SignatureHash}: names as users and openssl write them, lengths, and which are still secure. */
class SignatureHashTest {
    @Test
    @DisplayName("the hashes, their openssl names, digest lengths and whether they are still secure")
    void table() {
        Map<SignatureHash, String> expected = Map.of(
                SignatureHash.SHA256, "sha256 32 secure",
                SignatureHash.SHA384, "sha384 48 secure",
                SignatureHash.SHA512, "sha512 64 secure",
                SignatureHash.SHA1, "sha1 20 broken",
                SignatureHash.MD5, "md5 16 broken");

        assertEquals(expected.size(), SignatureHash.values().length);
        for (SignatureHash h : SignatureHash.values()) {
            assertEquals(expected.get(h), h.cliName() + " " + h.length() + (h.isSecure() ? " secure" : " broken"));
            assertEquals(h.cliName(), h.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureHash.class)
    @DisplayName("the JDK knows the digest and the PKCS#1 v1.5 algorithm by the names the enum gives them")
    void jdkNames(SignatureHash h) throws Exception {
        assertEquals(h.length(), MessageDigest.getInstance(h.jdkName()).getDigestLength());
        assertEquals(h.cliName().toUpperCase(java.util.Locale.ROOT) + "withRSA", h.pkcs1Algorithm());
        assertTrue(Signature.getInstance(h.pkcs1Algorithm()) != null);
    }

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
    @DisplayName("fromName takes any case, dashes and surrounding blanks")
    void fromName(String name, SignatureHash expected) {
        assertEquals(Optional.of(expected), SignatureHash.fromName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha", "sha3-256", "sha224", "md4", "sha 256", "sha_256"})
    @DisplayName("fromName is empty for digests signatures are not made with")
    void unknownName(String name) {
        assertEquals(Optional.empty(), SignatureHash.fromName(name));
    }
}
