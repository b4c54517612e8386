package dev.cookbook.crypto.digest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SunDigestsTest {
    private static final String OURS = "cookbook-digests";

    static TreeSet<String> names() {
        return new TreeSet<>(SunDigests.CLASSES.keySet());
    }

    @ParameterizedTest
    @MethodSource("names")
    @DisplayName("the table names the class this runtime's SUN provider makes for each digest")
    void theTableIsTheSunProvidersOwn(String name) {
        Provider.Service service = Security.getProvider("SUN").getService("MessageDigest", name);
        assertNotNull(service, name);
        assertEquals(service.getClassName(), SunDigests.CLASSES.get(name));
    }

    @ParameterizedTest
    @MethodSource("names")
    @DisplayName("with this runtime's java.security, the digest comes without the provider list and equals the JCA's")
    void theShortcutGivesTheJcasDigest(String name) throws NoSuchAlgorithmException {
        assumeConfiguredForSun();
        MessageDigest ours = SunDigests.get(name);
        assertNotNull(ours, name);
        assertEquals(OURS, ours.getProvider().getName());
        byte[] random = new byte[300_001];
        new Random(name.hashCode()).nextBytes(random);
        for (byte[] input : new byte[][] {new byte[0], "abc".getBytes(StandardCharsets.US_ASCII), random}) {
            MessageDigest jca = MessageDigest.getInstance(name);
            assertArrayEquals(jca.digest(input), ours.digest(input), name);
        }
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    @DisplayName("newHasher takes the shortcut for every algorithm the JDK has, and only for those")
    void newHasherTakesTheShortcut(DigestAlgorithm algorithm) {
        assumeConfiguredForSun();
        Hasher hasher = algorithm.newHasher();
        if (algorithm.jcaName() == null) {
            assertEquals(BcHasher.class, hasher.getClass());
        } else {
            assertEquals(
                    OURS, ((JdkHasher) hasher).messageDigest().getProvider().getName());
        }
    }

    /** The shortcut is for a runtime configured as the JDK ships (a FIPS setup, for one, is not). */
    private static void assumeConfiguredForSun() {
        assumeTrue(
                SunDigests.listGivesSun(
                        Security.getProperty("security.provider.1"),
                        Security.getProperty("jdk.security.provider.preferred")),
                "this runtime's java.security does not give SUN's digests");
    }

    @Test
    @DisplayName("a digest whose class this runtime lacks gives null, for the caller to ask the JCA")
    void aMissingClassGivesNull() {
        Provider renamed = new SunDigests.DigestProvider(Map.of("SHA-256", "sun.security.provider.NoSuchSha256"));
        assertNull(SunDigests.make("SHA-256", renamed));
        assertNull(SunDigests.make("SHA-1", renamed));
    }

    @Test
    @DisplayName("a name outside the table gives null")
    void anUnknownNameGivesNull() {
        assertNull(SunDigests.get("MD4"));
        assertNull(SunDigests.get("sha-256"));
    }

    @ParameterizedTest(name = "provider 1 {0}, preferred {1}: {2}")
    @CsvSource(nullValues = "null", textBlock = """
            SUN                        | null                              | true
            sun.security.provider.Sun  | null                              | true
            SUN                        | ''                                | true
            SUN                        | '   '                             | true
            SUN                        | MessageDigest.SHA-256:SunPKCS11   | false
            SUN                        | SHA256:SunJCE                     | false
            SunPKCS11-NSS-FIPS         | null                              | false
            SunRsaSign                 | null                              | false
            sun                        | null                              | false
            null                       | null                              | false
            """, delimiter = '|')
    @DisplayName("the provider list answers a digest from SUN only when SUN is first and nothing is preferred")
    void whenTheListGivesSun(String first, String preferred, boolean expected) {
        assertEquals(expected, SunDigests.listGivesSun(first, preferred));
    }
}
