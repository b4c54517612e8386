package dev.cookbook.crypto.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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

    @Test
    @DisplayName("the cookbook format with EVP_MD5 is refused, naming the format and the KDF")
    void cookbookWithEvpMd5() {
        String message = rejection(builder().format(Format.COOKBOOK).kdf(Kdf.EVP_MD5));
        assertEquals("the cookbook format derives keys with PBKDF2 only, not openssl's legacy EVP_BytesToKey", message);
    }

    @ParameterizedTest
    @EnumSource(
            value = Format.class,
            names = {"OPENSSL", "RAW"})
    @DisplayName("EVP_MD5 is accepted outside the cookbook format")
    void evpMd5ElsewhereIsFine(Format format) {
        assertEquals(
                Kdf.EVP_MD5, builder().format(format).kdf(Kdf.EVP_MD5).build().kdf());
    }

    @Test
    @DisplayName("the builder refuses null for every choice")
    void nulls() {
        assertThrows(NullPointerException.class, () -> builder().cipher(null));
        assertThrows(NullPointerException.class, () -> builder().format(null));
        assertThrows(NullPointerException.class, () -> builder().kdf(null));
    }

    @Test
    @DisplayName("toBuilder copies every option, and a new build leaves the original as it was")
    void toBuilderCopies() {
        EncryptionOptions a = builder()
                .cipher(CipherAlgorithm.ARC4)
                .format(Format.OPENSSL)
                .kdf(Kdf.EVP_MD5)
                .iterations(1234)
                .chunkSize(2048)
                .build();
        EncryptionOptions b = a.toBuilder().build();
        EncryptionOptions c =
                a.toBuilder().cipher(CipherAlgorithm.DES_CFB).iterations(99).build();

        for (EncryptionOptions o : new EncryptionOptions[] {a, b}) {
            assertEquals(CipherAlgorithm.ARC4, o.cipher());
            assertEquals(Format.OPENSSL, o.format());
            assertEquals(Kdf.EVP_MD5, o.kdf());
            assertEquals(1234, o.iterations());
            assertEquals(2048, o.chunkSize());
        }
        assertEquals(CipherAlgorithm.DES_CFB, c.cipher());
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
