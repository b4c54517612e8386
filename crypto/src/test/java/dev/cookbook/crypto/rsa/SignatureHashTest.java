package dev.cookbook.crypto.rsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.security.Signature;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link SignatureHash}: names as users and openssl write them, lengths, and which are still secure. */
class SignatureHashTest {
    @Test
    @DisplayName("the hashes, digest lengths and whether they are still secure")
    void table() {
        Map<SignatureHash, String> expected = Map.of(
                SignatureHash.SHA256, "sha256 32 secure",
                SignatureHash.SHA384, "sha384 48 secure",
                SignatureHash.SHA512, "sha512 64 secure",
                SignatureHash.SHA1, "sha1 20 broken",
                SignatureHash.MD5, "md5 16 broken");

        assertEquals(expected.size(), SignatureHash.values().length);
        for (SignatureHash h : SignatureHash.values()) {
            assertEquals(
                    expected.get(h),
                    h.name().toLowerCase(java.util.Locale.ROOT) + " " + h.length()
                            + (h.isSecure() ? " secure" : " broken"));
        }
    }

    @ParameterizedTest
    @EnumSource(SignatureHash.class)
    @DisplayName("the JDK knows the digest and the PKCS#1 v1.5 algorithm by the names the enum gives them")
    void jdkNames(SignatureHash h) throws Exception {
        assertEquals(h.length(), MessageDigest.getInstance(h.jdkName()).getDigestLength());
        assertEquals(h.name() + "withRSA", h.pkcs1Algorithm());
        assertTrue(Signature.getInstance(h.pkcs1Algorithm()) != null);
    }
}
