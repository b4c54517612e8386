package dev.cookbook.crypto.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link EncryptionOptions.Builder}: what it accepts, and the message naming what it refuses. */
class EncryptionOptionsTest {
    private static EncryptionOptions.Builder builder() {
        return EncryptionOptions.DEFAULT.toBuilder();
    }

    private static String rejection(EncryptionOptions.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, -600_000, Integer.MIN_VALUE, EncryptionOptions.MAX_ITERATIONS + 1, Integer.MAX_VALUE})
    @DisplayName("an iteration count below 1 or above the cap is refused, naming the count")
    void badIterationCount(int iterations) {
        assertEquals(
                "iterations must be from 1 to 100000000, not " + iterations,
                rejection(builder().iterations(iterations)));
        assertEquals(
                "iterations must be from 1 to 100000000, not " + iterations,
                rejection(EncryptionOptions.OPENSSL.toBuilder().iterations(iterations)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 1000, EncryptionOptions.MAX_ITERATIONS})
    @DisplayName("any iteration count from 1 to the readers' cap is accepted by the builder")
    void goodIterationCount(int iterations) {
        assertEquals(iterations, builder().iterations(iterations).build().iterations());
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                0,
                -1024,
                Integer.MIN_VALUE,
                1,
                512,
                1000,
                1023,
                1025,
                3 << 10,
                65_535,
                (16 << 20) + 1,
                32 << 20,
                1 << 30,
                Integer.MAX_VALUE
            })
    @DisplayName("a chunk size that is not a power of two from 1 KiB to 16 MiB is refused, naming the size")
    void badChunkSize(int chunkSize) {
        assertEquals(
                "chunk size must be a power of two from 1 KiB to 16 MiB, not " + chunkSize,
                rejection(builder().chunkSize(chunkSize)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1 << 10, 1 << 11, 1 << 16, 1 << 20, 1 << 24})
    @DisplayName("every power of two from 1 KiB to 16 MiB is a chunk size")
    void goodChunkSize(int chunkSize) {
        assertEquals(chunkSize, builder().chunkSize(chunkSize).build().chunkSize());
    }

    @ParameterizedTest
    @EnumSource(KdfDigest.class)
    @DisplayName("the cookbook format with EVP_BytesToKey is refused, whatever the digest, naming the KDF")
    void cookbookWithEvpBytesToKey(KdfDigest digest) {
        assertEquals(
                "the cookbook format derives keys with PBKDF2-HMAC-SHA-256 only, not openssl's EVP_BytesToKey",
                rejection(builder()
                        .format(Format.COOKBOOK)
                        .kdf(Kdf.EVP_BYTES_TO_KEY)
                        .digest(digest)));
    }

    @ParameterizedTest
    @EnumSource(
            value = KdfDigest.class,
            names = {"SHA256"},
            mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("the cookbook format with PBKDF2 over another digest than SHA-256 is refused, naming the digest")
    void cookbookWithAnotherDigest(KdfDigest digest) {
        assertEquals(
                "the cookbook format derives keys with PBKDF2-HMAC-SHA-256 only, not PBKDF2 over "
                        + digest.opensslName(),
                rejection(builder().format(Format.COOKBOOK).digest(digest)));
    }

    static Stream<Arguments> otherFormatsKdfsAndDigests() {
        List<Arguments> cases = new ArrayList<>();
        for (Format format : List.of(Format.OPENSSL, Format.RAW)) {
            for (Kdf kdf : Kdf.values()) {
                for (KdfDigest digest : KdfDigest.values()) {
                    cases.add(Arguments.of(format, kdf, digest));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("otherFormatsKdfsAndDigests")
    @DisplayName("every KDF over every digest is accepted outside the cookbook format")
    void everyDerivationElsewhereIsFine(Format format, Kdf kdf, KdfDigest digest) {
        EncryptionOptions o = builder().format(format).kdf(kdf).digest(digest).build();
        assertEquals(kdf, o.kdf());
        assertEquals(digest, o.digest());
    }

    @Test
    @DisplayName("the builder refuses null for every choice")
    void nulls() {
        assertThrows(NullPointerException.class, () -> builder().cipher(null));
        assertThrows(NullPointerException.class, () -> builder().format(null));
        assertThrows(NullPointerException.class, () -> builder().kdf(null));
        assertThrows(NullPointerException.class, () -> builder().digest(null));
        assertThrows(NullPointerException.class, () -> builder().encoding(null));
    }

    @Test
    @DisplayName("the presets: DEFAULT, OPENSSL (what cookbook writes) and OPENSSL_ENC_DEFAULT (plain openssl enc)")
    void presets() {
        assertEquals("COOKBOOK DES3_CFB PBKDF2 SHA256 600000 65536 BINARY", describe(EncryptionOptions.DEFAULT));
        assertEquals("OPENSSL DES3_CFB PBKDF2 SHA256 10000 65536 BINARY", describe(EncryptionOptions.OPENSSL));
        assertEquals(
                "OPENSSL DES3_CFB EVP_BYTES_TO_KEY SHA256 1 65536 BINARY",
                describe(EncryptionOptions.OPENSSL_ENC_DEFAULT));
    }

    private static String describe(EncryptionOptions o) {
        return String.join(
                " ",
                o.format().name(),
                o.cipher().name(),
                o.kdf().name(),
                o.digest().name(),
                Integer.toString(o.iterations()),
                Integer.toString(o.chunkSize()),
                o.encoding().name());
    }

    @Test
    @DisplayName("EVP_BytesToKey runs once: iterations() is 1 whatever the builder was told, PBKDF2's count returns")
    void evpBytesToKeyIterationsAreOne() {
        EncryptionOptions evp = EncryptionOptions.OPENSSL.toBuilder()
                .kdf(Kdf.EVP_BYTES_TO_KEY)
                .iterations(5000)
                .build();
        assertEquals(1, evp.iterations());
        assertEquals(5000, evp.toBuilder().kdf(Kdf.PBKDF2).build().iterations());
    }

    @Test
    @DisplayName("toBuilder copies every option, and a new build leaves the original as it was")
    void toBuilderCopies() {
        EncryptionOptions a = builder()
                .cipher(CipherAlgorithm.ARC4)
                .format(Format.OPENSSL)
                .kdf(Kdf.PBKDF2)
                .digest(KdfDigest.SHA512)
                .encoding(Encoding.BASE64_ONE_LINE)
                .iterations(1234)
                .chunkSize(2048)
                .build();
        EncryptionOptions b = a.toBuilder().build();
        EncryptionOptions c = a.toBuilder()
                .cipher(CipherAlgorithm.DES_CFB)
                .digest(KdfDigest.MD5)
                .encoding(Encoding.BINARY)
                .iterations(99)
                .build();

        for (EncryptionOptions o : new EncryptionOptions[] {a, b}) {
            assertEquals(CipherAlgorithm.ARC4, o.cipher());
            assertEquals(Format.OPENSSL, o.format());
            assertEquals(Kdf.PBKDF2, o.kdf());
            assertEquals(KdfDigest.SHA512, o.digest());
            assertEquals(Encoding.BASE64_ONE_LINE, o.encoding());
            assertEquals(1234, o.iterations());
            assertEquals(2048, o.chunkSize());
        }
        assertEquals(CipherAlgorithm.DES_CFB, c.cipher());
        assertEquals(KdfDigest.MD5, c.digest());
        assertEquals(Encoding.BINARY, c.encoding());
        assertEquals(99, c.iterations());
    }

    @Test
    @DisplayName("a refused combination leaves the builder usable once corrected")
    void builderRecovers() {
        EncryptionOptions.Builder b = builder().iterations(0);
        rejection(b);
        assertEquals(5, b.iterations(5).build().iterations());
    }

    /**
     * Regression: the builder once accepted any count from 1 up while the reader refuses more than
     * {@link EncryptionOptions#MAX_ITERATIONS}, so a file could be written that could never be read.
     */
    @Test
    @DisplayName("regression: no file is written with more iterations than the reader accepts")
    void iterationCountAboveTheReadersCapIsRefused() {
        assertEquals(
                "iterations must be from 1 to 100000000, not 100000001",
                rejection(builder().iterations(EncryptionOptions.MAX_ITERATIONS + 1)));
        assertEquals(
                EncryptionOptions.MAX_ITERATIONS,
                builder().iterations(EncryptionOptions.MAX_ITERATIONS).build().iterations());
    }
}
