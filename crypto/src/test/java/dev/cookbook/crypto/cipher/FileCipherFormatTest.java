package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.cipher.CipherTestSupport.assertBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.concat;
import static dev.cookbook.crypto.cipher.CipherTestSupport.encrypt;
import static dev.cookbook.crypto.cipher.CipherTestSupport.password;
import static dev.cookbook.crypto.cipher.CipherTestSupport.pseudoRandomBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.cipher.CipherTestSupport.FixedRandom;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FileCipher#decrypt(java.io.InputStream, java.io.OutputStream, EncryptionOptions,
 * FileCipher.Unlock)}: the format and encoding the options name are checked against the input's
 * first bytes before any secret is asked for; {@link FileCipher.Unlock} is then asked once, with
 * what the input needs.
 */
class FileCipherFormatTest {
    private static final byte[] PLAINTEXT = pseudoRandomBytes(3000);
    private static final Secret.Password PASSWORD = password("pw");
    private static final KeyPair RSA = rsaKeyPair();

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, FixedRandom.seeded(11));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a file of each kind is encrypted with, and how it is read. */
    enum Kind {
        COOKBOOK_PASSWORD(Format.COOKBOOK),
        COOKBOOK_RECIPIENT(Format.COOKBOOK),
        OPENSSL(Format.OPENSSL),
        RAW(Format.RAW);

        final Format format;

        Kind(Format format) {
            this.format = format;
        }

        EncryptionOptions options(Encoding encoding) {
            return CipherTestSupport.options(CipherAlgorithm.DES_CFB, format, Kdf.PBKDF2).toBuilder()
                    .encoding(encoding)
                    .build();
        }

        /** The secret that encrypts. */
        Secret encryptingSecret() {
            return switch (this) {
                case COOKBOOK_PASSWORD, OPENSSL -> password("pw");
                case COOKBOOK_RECIPIENT -> new Secret.Recipients(List.of((RSAPublicKey) RSA.getPublic()));
                case RAW -> rawKey();
            };
        }

        /** The secret that decrypts. */
        Secret decryptingSecret() {
            return switch (this) {
                case COOKBOOK_PASSWORD, OPENSSL -> password("pw");
                case COOKBOOK_RECIPIENT -> new Secret.Identity(RSA.getPrivate(), (RSAPublicKey) RSA.getPublic());
                case RAW -> rawKey();
            };
        }

        /** What Unlock is told the input needs. */
        FileCipher.Envelope envelope() {
            return switch (this) {
                case COOKBOOK_PASSWORD -> new FileCipher.Envelope(Format.COOKBOOK, true, false);
                case COOKBOOK_RECIPIENT -> new FileCipher.Envelope(Format.COOKBOOK, false, true);
                case OPENSSL -> new FileCipher.Envelope(Format.OPENSSL, true, false);
                case RAW -> new FileCipher.Envelope(Format.RAW, false, false);
            };
        }

        byte[] file(Encoding encoding) throws IOException {
            return encrypt(
                    new FileCipher(FixedRandom.seeded(ordinal())), PLAINTEXT, options(encoding), encryptingSecret());
        }

        private static Secret.RawKey rawKey() {
            return new Secret.RawKey(pseudoRandomBytes(8, 1), pseudoRandomBytes(8, 2));
        }
    }

    /** Records every envelope it is shown, and answers with one secret. */
    static final class RecordingUnlock implements FileCipher.Unlock {
        final List<FileCipher.Envelope> envelopes = new ArrayList<>();
        private final Secret secret;

        RecordingUnlock(Secret secret) {
            this.secret = secret;
        }

        @Override
        public Secret secretFor(FileCipher.Envelope envelope) {
            envelopes.add(envelope);
            return secret;
        }
    }

    static Stream<Arguments> kindsAndEncodings() {
        List<Arguments> cases = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (Encoding encoding : Encoding.values()) {
                cases.add(Arguments.of(kind, encoding));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kindsAndEncodings")
    @DisplayName("Unlock is asked once, with the envelope the file calls for, and the file decrypts")
    void unlockIsAskedOnceWithTheEnvelope(Kind kind, Encoding encoding) throws Exception {
        byte[] file = kind.file(encoding);
        RecordingUnlock unlock = new RecordingUnlock(kind.decryptingSecret());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        FileCipher.Result r =
                new FileCipher().decrypt(new ByteArrayInputStream(file), out, kind.options(encoding), unlock);

        assertEquals(List.of(kind.envelope()), unlock.envelopes);
        assertBytes(PLAINTEXT, out.toByteArray(), "decrypted");
        assertEquals(kind.format, r.format());
        assertEquals(CipherAlgorithm.DES_CFB, r.cipher());
        assertEquals(encoding, r.encoding(), "the encoding read");
        assertEquals(PLAINTEXT.length, r.bytes());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("base64 written on several lines but read as one line is reported as lines, and the reverse")
    void encodingReportedIsTheOneFound(Kind kind) throws Exception {
        for (Encoding written : List.of(Encoding.BASE64, Encoding.BASE64_ONE_LINE)) {
            Encoding asked = written == Encoding.BASE64 ? Encoding.BASE64_ONE_LINE : Encoding.BASE64;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FileCipher.Result r = new FileCipher()
                    .decrypt(
                            new ByteArrayInputStream(kind.file(written)),
                            out,
                            kind.options(asked),
                            kind.decryptingSecret());
            assertEquals(written, r.encoding());
            assertBytes(PLAINTEXT, out.toByteArray(), "decrypted");
        }
    }

    @Test
    @DisplayName("a password is asked for only once the cookbook header is read: not for a header cut short")
    void noPasswordForACutHeader() throws Exception {
        byte[] file = Kind.COOKBOOK_PASSWORD.file(Encoding.BINARY);
        RecordingUnlock unlock = new RecordingUnlock(PASSWORD);
        CryptoException e = assertThrows(
                CryptoException.class,
                () -> new FileCipher()
                        .decrypt(
                                new ByteArrayInputStream(Arrays.copyOf(file, 60)),
                                new ByteArrayOutputStream(),
                                Kind.COOKBOOK_PASSWORD.options(Encoding.BINARY),
                                unlock));
        assertEquals("the file is cut short inside its header", e.getMessage());
        assertEquals(List.of(), unlock.envelopes);
    }

    @Test
    @DisplayName("what Unlock throws, say a prompt that failed, comes out of decrypt as it is, with nothing written")
    void unlockFailurePropagates() throws Exception {
        IOException failure = new IOException("no terminal to ask for the password on");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IOException e = assertThrows(
                IOException.class,
                () -> new FileCipher()
                        .decrypt(
                                new ByteArrayInputStream(Kind.OPENSSL.file(Encoding.BINARY)),
                                out,
                                Kind.OPENSSL.options(Encoding.BINARY),
                                envelope -> {
                                    throw failure;
                                }));
        assertSame(failure, e);
        assertEquals(0, out.size());
    }

    /**
     * Every file read as every other format, in the same encoding: the exception and message, and
     * Unlock never asked. Raw data has no magic, so read as another format it is "no header".
     */
    static Stream<Arguments> formatMismatches() {
        String cookbookAsOpenssl = "it is in the cookbook format (it starts with 'CKBK-ENC'), not openssl's";
        String cookbookAsRaw = "it is in the cookbook format (it starts with 'CKBK-ENC'): it was encrypted with a "
                + "password or to public keys, not a raw key";
        String opensslAsCookbook = "it is in openssl's format (it starts with 'Salted__'), not cookbook's: it does "
                + "not record how it was encrypted";
        String opensslAsRaw =
                "it starts with openssl's 'Salted__' header: it was encrypted with a password, not a raw key";
        List<Arguments> cases = new ArrayList<>();
        for (Encoding e : Encoding.values()) {
            Encoding found = e == Encoding.BINARY ? Encoding.BINARY : Encoding.BASE64;
            cases.add(
                    Arguments.of(Kind.COOKBOOK_PASSWORD, Format.OPENSSL, e, cookbookAsOpenssl, Format.COOKBOOK, found));
            cases.add(Arguments.of(Kind.COOKBOOK_PASSWORD, Format.RAW, e, cookbookAsRaw, Format.COOKBOOK, found));
            cases.add(Arguments.of(
                    Kind.COOKBOOK_RECIPIENT, Format.OPENSSL, e, cookbookAsOpenssl, Format.COOKBOOK, found));
            cases.add(Arguments.of(Kind.COOKBOOK_RECIPIENT, Format.RAW, e, cookbookAsRaw, Format.COOKBOOK, found));
            cases.add(Arguments.of(Kind.OPENSSL, Format.COOKBOOK, e, opensslAsCookbook, Format.OPENSSL, found));
            cases.add(Arguments.of(Kind.OPENSSL, Format.RAW, e, opensslAsRaw, Format.OPENSSL, found));
            cases.add(Arguments.of(
                    Kind.RAW, Format.COOKBOOK, e, "not encrypted by cookbook or 'openssl enc': no header", null, null));
            cases.add(Arguments.of(
                    Kind.RAW, Format.OPENSSL, e, "not openssl's salted format: no 'Salted__' header", null, null));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} read as {1}, {2}")
    @MethodSource("formatMismatches")
    @DisplayName("a file read as another format fails before any secret is asked for, naming the format found")
    void formatMismatch(
            Kind kind, Format expected, Encoding encoding, String message, Format found, Encoding foundEncoding)
            throws Exception {
        EncryptionOptions options = CipherTestSupport.options(CipherAlgorithm.DES_CFB, expected, Kdf.PBKDF2).toBuilder()
                .encoding(encoding)
                .build();
        CryptoException e = assertRefusedWithoutAsking(kind.file(encoding), options);
        assertEquals(message, e.getMessage());
        if (found == null) {
            assertEquals(CryptoException.class, e.getClass());
        } else {
            WrongFormatException w = (WrongFormatException) e;
            assertEquals(found, w.found());
            assertEquals(foundEncoding, w.foundEncoding());
        }
    }

    static Stream<Arguments> base64AsBinary() {
        List<Arguments> cases = new ArrayList<>();
        for (Kind kind : List.of(Kind.COOKBOOK_PASSWORD, Kind.COOKBOOK_RECIPIENT, Kind.OPENSSL)) {
            for (Encoding written : List.of(Encoding.BASE64, Encoding.BASE64_ONE_LINE)) {
                for (Format expected : Format.values()) {
                    cases.add(Arguments.of(kind, written, expected));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} in {1} read as binary {2}")
    @MethodSource("base64AsBinary")
    @DisplayName("base64 text read as binary, in any format, is told apart by its first characters")
    void base64ReadAsBinary(Kind kind, Encoding written, Format expected) throws Exception {
        EncryptionOptions options = CipherTestSupport.options(CipherAlgorithm.DES_CFB, expected, Kdf.PBKDF2);
        WrongFormatException e = (WrongFormatException) assertRefusedWithoutAsking(kind.file(written), options);
        assertEquals(
                kind.format == Format.COOKBOOK
                        ? "base64 text, not binary data: it starts with 'Q0tCSy1FTk', which is 'CKBK-ENC' in base64"
                        : "base64 text, not binary data: it starts with 'U2FsdGVkX1', which is 'Salted__' in base64",
                e.getMessage());
        assertEquals(kind.format, e.found());
        assertEquals(Encoding.BASE64, e.foundEncoding());
    }

    static Stream<Arguments> binaryAsBase64() {
        List<Arguments> cases = new ArrayList<>();
        for (Kind kind : List.of(Kind.COOKBOOK_PASSWORD, Kind.COOKBOOK_RECIPIENT, Kind.OPENSSL)) {
            for (Encoding asked : List.of(Encoding.BASE64, Encoding.BASE64_ONE_LINE)) {
                for (Format expected : Format.values()) {
                    cases.add(Arguments.of(kind, asked, expected));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} binary read as {1} {2}")
    @MethodSource("binaryAsBase64")
    @DisplayName("binary data read as base64, in any format, is told apart by its magic")
    void binaryReadAsBase64(Kind kind, Encoding asked, Format expected) throws Exception {
        EncryptionOptions options = CipherTestSupport.options(CipherAlgorithm.DES_CFB, expected, Kdf.PBKDF2).toBuilder()
                .encoding(asked)
                .build();
        WrongFormatException e = (WrongFormatException) assertRefusedWithoutAsking(kind.file(Encoding.BINARY), options);
        assertEquals(
                kind.format == Format.COOKBOOK
                        ? "binary data, not base64 text (it starts with 'CKBK-ENC')"
                        : "binary data, not base64 text (it starts with 'Salted__')",
                e.getMessage());
        assertEquals(kind.format, e.found());
        assertEquals(Encoding.BINARY, e.foundEncoding());
    }

    @Test
    @DisplayName("raw binary data read as base64 fails as not base64, naming its first bad byte and line")
    void rawBinaryReadAsBase64() throws Exception {
        EncryptionOptions options = Kind.RAW.options(Encoding.BASE64);
        CryptoException e = assertRefusedWithoutAsking(concat(utf8("QUJD\nQUJD\n"), new byte[] {(byte) 0x80}), options);
        assertEquals(CryptoException.class, e.getClass());
        assertEquals("not base64: line 3 has byte 0x80, which is not a base64 character", e.getMessage());
    }

    @Test
    @DisplayName("WrongFormatException.withSource keeps its class, message, format and encoding")
    void withSource() throws Exception {
        WrongFormatException e = (WrongFormatException)
                assertRefusedWithoutAsking(Kind.OPENSSL.file(Encoding.BINARY), Kind.RAW.options(Encoding.BINARY));
        WrongFormatException named = e.withSource("secret.enc");
        assertEquals("secret.enc", named.source());
        assertEquals(e.getMessage(), named.getMessage());
        assertEquals(Format.OPENSSL, named.found());
        assertEquals(Encoding.BINARY, named.foundEncoding());
        assertNull(e.source());
    }

    /** Decrypting {@code input} fails with a CryptoException, without asking Unlock or writing anything. */
    private static CryptoException assertRefusedWithoutAsking(byte[] input, EncryptionOptions options) {
        RecordingUnlock unlock = new RecordingUnlock(PASSWORD);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CryptoException e = assertThrows(
                CryptoException.class,
                () -> new FileCipher().decrypt(new ByteArrayInputStream(input), out, options, unlock));
        assertEquals(List.of(), unlock.envelopes, "envelopes shown to Unlock");
        assertEquals(0, out.size(), "bytes written");
        return e;
    }
}
