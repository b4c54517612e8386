package dev.cookbook.crypto.rsa;

import static dev.cookbook.crypto.rsa.RsaTestSupport.flipBit;
import static dev.cookbook.crypto.rsa.RsaTestSupport.hex;
import static dev.cookbook.crypto.rsa.RsaTestSupport.pseudoRandomBytes;
import static dev.cookbook.crypto.rsa.RsaTestSupport.publicKey;
import static dev.cookbook.crypto.rsa.RsaTestSupport.sha256;
import static dev.cookbook.crypto.rsa.RsaTestSupport.spkiFingerprint;
import static dev.cookbook.crypto.rsa.RsaTestSupport.stream;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.crypto.AuthenticationException;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.cipher.CipherAlgorithm;
import dev.cookbook.crypto.cipher.EncryptionOptions;
import dev.cookbook.crypto.cipher.FileCipher;
import dev.cookbook.crypto.cipher.Format;
import dev.cookbook.crypto.cipher.Secret;
import dev.cookbook.crypto.rsa.RsaTestSupport.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Encryption to RSA public keys through {@link FileCipher}: {@link Secret.Recipients} to encrypt,
 * {@link Secret.Identity} to decrypt. The recipient stanza is checked against the cookbook format's
 * documentation (type 2; SHA-256 of the SubjectPublicKeyInfo; RSA-OAEP with SHA-256 and
 * MGF1-SHA-256 of the file key), down to unwrapping the file key with the JDK alone.
 */
class RecipientEncryptionTest {
    static final String NOT_A_RECIPIENT = "this file is not encrypted to that key (SHA-256 fingerprint %s)";
    static final String PASSWORD_FILE = "this file is encrypted with a password, not to a key: use the password";
    static final String RECIPIENTS_FILE =
            "this file is encrypted to public keys, not with a password: decrypt it " + "with the private key";
    /** The right key opened a stanza, but the header MAC fails: damage, which a private key can tell. */
    static final String DAMAGED_HEADER = "the file's header is damaged";

    static final String STANZA_DOES_NOT_DECRYPT = "the file's header is damaged: the key's stanza does not decrypt";
    static final String UNKNOWN_STANZAS = "none of the file's key stanzas is of a kind this cookbook knows";

    // The cookbook header, from SealedFormat's Javadoc: magic (8), version, cipher id, log2 chunk size,
    // nonce (16), stanza count, then the stanzas (type, big-endian length (2), body), then the header MAC.
    static final int NONCE = 11;
    static final int STANZA_COUNT = NONCE + 16;
    static final int FIRST_STANZA = STANZA_COUNT + 1;
    static final int STANZA_RSA = 2;
    static final int FINGERPRINT_LENGTH = 32;
    static final int FILE_KEY_LENGTH = 32;
    static final int MAC_LENGTH = 32;
    /** The modulus of the 2048-bit test keys in bytes: the length of an OAEP ciphertext. */
    static final int MODULUS_BYTES = 256;

    /** The one OAEP the format documents: SHA-256, MGF1 with SHA-256, the empty label. */
    static final OAEPParameterSpec OAEP =
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    /** Small chunks, so that a few KiB of data cross chunk boundaries. */
    static final EncryptionOptions OPTIONS =
            EncryptionOptions.DEFAULT.toBuilder().chunkSize(1024).build();

    static final byte[] PLAINTEXT = pseudoRandomBytes(5000);

    // ------------------------------------------------------------------------------- helpers

    static Secret.Recipients recipients(KeyPair... pairs) {
        List<RSAPublicKey> keys = new ArrayList<>();
        for (KeyPair p : pairs) {
            keys.add(publicKey(p));
        }
        return new Secret.Recipients(keys);
    }

    static Secret.Identity identity(KeyPair pair) {
        return new Secret.Identity(pair.getPrivate(), publicKey(pair));
    }

    static byte[] encrypt(byte[] plaintext, EncryptionOptions options, Secret secret) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FileCipher().encrypt(stream(plaintext), out, options, secret);
        return out.toByteArray();
    }

    static byte[] decrypt(byte[] file, Secret secret) throws IOException, CryptoException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FileCipher().decrypt(stream(file), out, OPTIONS, secret);
        return out.toByteArray();
    }

    /**
     * Fails unless decrypting {@code file} with {@code secret} throws exactly {@code type} with
     * {@code message} before writing anything.
     */
    static void assertRefused(byte[] file, Secret secret, Class<? extends CryptoException> type, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CryptoException e =
                assertThrows(CryptoException.class, () -> new FileCipher().decrypt(stream(file), out, OPTIONS, secret));
        assertEquals(type, e.getClass(), () -> "exception class, message: " + e.getMessage());
        assertEquals(message, e.getMessage());
        assertEquals(0, out.size(), "nothing is written");
    }

    static String notARecipient(KeyPair pair) {
        return String.format(NOT_A_RECIPIENT, spkiFingerprint(publicKey(pair)));
    }

    /** A stanza of the header: where it starts, its type and its body. */
    record Stanza(int offset, int type, byte[] body) {
        int bodyOffset() {
            return offset + 3;
        }
    }

    /** The header's stanzas and where its MAC starts, read at the documented offsets. */
    record Header(byte[] nonce, List<Stanza> stanzas, int macOffset) {
        static Header parse(byte[] file) {
            ByteBuffer b = ByteBuffer.wrap(file); // big-endian, as the format
            byte[] nonce = Arrays.copyOfRange(file, NONCE, NONCE + 16);
            int count = file[STANZA_COUNT] & 0xff;
            b.position(FIRST_STANZA);
            List<Stanza> stanzas = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int offset = b.position();
                int type = b.get() & 0xff;
                byte[] body = new byte[b.getShort() & 0xffff];
                b.get(body);
                stanzas.add(new Stanza(offset, type, body));
            }
            return new Header(nonce, stanzas, b.position());
        }
    }

    // ---------------------------------------------------------------------------- round trips

    /** The ciphers the cookbook format takes: the stream ciphers, not CBC. */
    static Stream<CipherAlgorithm> streamCiphers() {
        return Arrays.stream(CipherAlgorithm.values()).filter(c -> !c.padded());
    }

    @ParameterizedTest
    @MethodSource("streamCiphers")
    @DisplayName("encrypted to one key, the file opens with its private key")
    void oneRecipient(CipherAlgorithm cipher) throws Exception {
        EncryptionOptions options = OPTIONS.toBuilder().cipher(cipher).build();

        byte[] file = encrypt(PLAINTEXT, options, recipients(TestKeys.alice()));

        assertArrayEquals(PLAINTEXT, decrypt(file, identity(TestKeys.alice())));
    }

    @Test
    @DisplayName("encrypted to two keys, the file opens with either private key; a third key is no recipient")
    void twoRecipients() throws Exception {
        byte[] file = encrypt(PLAINTEXT, OPTIONS, recipients(TestKeys.alice(), TestKeys.bob()));

        assertArrayEquals(PLAINTEXT, decrypt(file, identity(TestKeys.alice())), "Alice's key");
        assertArrayEquals(PLAINTEXT, decrypt(file, identity(TestKeys.bob())), "Bob's key");
        assertRefused(file, identity(TestKeys.carol()), CryptoException.class, notARecipient(TestKeys.carol()));
    }

    @Test
    @DisplayName("empty data round trips")
    void emptyData() throws Exception {
        byte[] file = encrypt(new byte[0], OPTIONS, recipients(TestKeys.alice()));

        assertArrayEquals(new byte[0], decrypt(file, identity(TestKeys.alice())));
    }

    @Test
    @DisplayName("a non-recipient's key: CryptoException naming its SHA-256 fingerprint, as key inspect prints it")
    void notARecipient() throws Exception {
        byte[] file = encrypt(PLAINTEXT, OPTIONS, recipients(TestKeys.alice()));
        String fingerprint = KeyFiles.of(TestKeys.bob()).fingerprint();

        assertRefused(
                file,
                identity(TestKeys.bob()),
                CryptoException.class,
                "this file is not encrypted to that key (SHA-256 fingerprint " + fingerprint + ")");
    }

    @Test
    @DisplayName("a password-encrypted file opened with a private key: told to use the password")
    void identityForPasswordFile() throws Exception {
        EncryptionOptions cheap = OPTIONS.toBuilder().iterations(1000).build();
        byte[] file = encrypt(PLAINTEXT, cheap, new Secret.Password("pw".toCharArray()));

        assertRefused(file, identity(TestKeys.alice()), CryptoException.class, PASSWORD_FILE);
    }

    @Test
    @DisplayName("a file encrypted to keys opened with a password: told to use the private key")
    void passwordForRecipientsFile() throws Exception {
        byte[] file = encrypt(PLAINTEXT, OPTIONS, recipients(TestKeys.alice()));

        assertRefused(file, new Secret.Password("pw".toCharArray()), CryptoException.class, RECIPIENTS_FILE);
    }

    // ------------------------------------------------------------------------------- layout

    @Test
    @DisplayName("one type-2 stanza per recipient, in order: SHA-256 of the SPKI DER, then the modulus-long OAEP "
            + "ciphertext")
    void stanzaLayout() throws Exception {
        List<KeyPair> keys = List.of(TestKeys.alice(), TestKeys.bob());
        byte[] file = encrypt(PLAINTEXT, OPTIONS, recipients(keys.toArray(KeyPair[]::new)));

        Header h = Header.parse(file);

        assertEquals("CKBK-ENC", new String(file, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(keys.size(), h.stanzas().size(), "stanza count");
        for (int i = 0; i < keys.size(); i++) {
            Stanza s = h.stanzas().get(i);
            RSAPublicKey key = publicKey(keys.get(i));
            assertEquals(STANZA_RSA, s.type(), "type");
            assertEquals(FINGERPRINT_LENGTH + MODULUS_BYTES, s.body().length, "length = 32 + modulus bytes");
            assertEquals(
                    hex(sha256(key.getEncoded())),
                    hex(Arrays.copyOf(s.body(), FINGERPRINT_LENGTH)),
                    "fingerprint of recipient " + i);
            assertEquals(KeyFiles.of(keys.get(i)).fingerprint(), hex(Arrays.copyOf(s.body(), FINGERPRINT_LENGTH)));
        }
        assertEquals(FIRST_STANZA + keys.size() * (3 + FINGERPRINT_LENGTH + MODULUS_BYTES), h.macOffset());
        // 5000 bytes in 1 KiB chunks: four full chunks and a last one of 904 bytes, each with a 32-byte tag
        assertEquals(h.macOffset() + MAC_LENGTH + PLAINTEXT.length + 5 * 32, file.length);
    }

    @Test
    @DisplayName("the JDK's RSA/ECB/OAEPPadding with SHA-256 and MGF1-SHA-256 unwraps the file key, which the "
            + "header MAC proves")
    void fileKeyUnwrapsWithTheDocumentedOaep() throws Exception {
        List<KeyPair> keys = List.of(TestKeys.alice(), TestKeys.bob());
        byte[] file = encrypt(PLAINTEXT, OPTIONS, recipients(keys.toArray(KeyPair[]::new)));
        Header h = Header.parse(file);

        byte[] fileKey = null;
        for (int i = 0; i < keys.size(); i++) {
            byte[] body = h.stanzas().get(i).body();
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
            oaep.init(Cipher.DECRYPT_MODE, keys.get(i).getPrivate(), OAEP);
            byte[] unwrapped = oaep.doFinal(body, FINGERPRINT_LENGTH, body.length - FINGERPRINT_LENGTH);

            assertEquals(FILE_KEY_LENGTH, unwrapped.length, "file key length");
            if (fileKey != null) {
                assertArrayEquals(fileKey, unwrapped, "every stanza wraps the same file key");
            }
            fileKey = unwrapped;
        }

        byte[] headerMacKey = hkdf(fileKey, h.nonce(), "header mac");
        assertEquals(
                hex(hmac(headerMacKey, Arrays.copyOf(file, h.macOffset()))),
                hex(Arrays.copyOfRange(file, h.macOffset(), h.macOffset() + MAC_LENGTH)),
                "HMAC-SHA-256 under HKDF(file key, nonce, 'cookbook-enc v1 header mac') over the header");
    }

    @Test
    @DisplayName("the JDK's default OAEP (MGF1 with SHA-1) does not unwrap it: the MGF1 digest is SHA-256")
    void mgf1IsSha256() throws Exception {
        byte[] file = encrypt(PLAINTEXT, OPTIONS, recipients(TestKeys.alice()));
        byte[] body = Header.parse(file).stanzas().get(0).body();
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding"); // MGF1 over SHA-1
        oaep.init(Cipher.DECRYPT_MODE, TestKeys.alice().getPrivate());

        assertThrows(
                BadPaddingException.class,
                () -> oaep.doFinal(body, FINGERPRINT_LENGTH, body.length - FINGERPRINT_LENGTH));
    }

    static byte[] hkdf(byte[] fileKey, byte[] nonce, String purpose) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(fileKey, nonce, ("cookbook-enc v1 " + purpose).getBytes(StandardCharsets.US_ASCII)));
        byte[] out = new byte[32];
        g.generateBytes(out, 0, out.length);
        return out;
    }

    static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    // ------------------------------------------------------------------------------ tampering

    /** Where in a recipient stanza a bit is flipped. */
    enum Damage {
        FINGERPRINT_FIRST_BYTE(0),
        FINGERPRINT_LAST_BYTE(FINGERPRINT_LENGTH - 1),
        WRAPPED_KEY_FIRST_BYTE(FINGERPRINT_LENGTH),
        WRAPPED_KEY_MIDDLE(FINGERPRINT_LENGTH + MODULUS_BYTES / 2),
        WRAPPED_KEY_LAST_BYTE(FINGERPRINT_LENGTH + MODULUS_BYTES - 1);

        final int bodyIndex;

        Damage(int bodyIndex) {
            this.bodyIndex = bodyIndex;
        }

        boolean inFingerprint() {
            return bodyIndex < FINGERPRINT_LENGTH;
        }
    }

    static byte[] damageStanza(byte[] file, int stanza, Damage damage) {
        return flipBit(file, Header.parse(file).stanzas().get(stanza).bodyOffset() + damage.bodyIndex, 0);
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    @DisplayName("one recipient, a flipped bit in its stanza: a damaged fingerprint names no key any more "
            + "(not a recipient); a damaged wrapped key fails authentication")
    void damagedStanza(Damage damage) throws Exception {
        byte[] file = damageStanza(encrypt(PLAINTEXT, OPTIONS, recipients(TestKeys.alice())), 0, damage);

        if (damage.inFingerprint()) {
            assertRefused(file, identity(TestKeys.alice()), CryptoException.class, notARecipient(TestKeys.alice()));
        } else {
            assertRefused(file, identity(TestKeys.alice()), AuthenticationException.class, STANZA_DOES_NOT_DECRYPT);
        }
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    @DisplayName("two recipients, a flipped bit in the first stanza: the second key still unwraps the file key, "
            + "but the header MAC fails")
    void damagedOtherStanza(Damage damage) throws Exception {
        byte[] file =
                damageStanza(encrypt(PLAINTEXT, OPTIONS, recipients(TestKeys.alice(), TestKeys.bob())), 0, damage);

        assertRefused(file, identity(TestKeys.bob()), AuthenticationException.class, DAMAGED_HEADER);
    }

    @Test
    @DisplayName("a flipped bit in the stanza type makes it a stanza of unknown type, skipped: no recipient")
    void damagedStanzaType() throws Exception {
        byte[] file = encrypt(PLAINTEXT, OPTIONS, recipients(TestKeys.alice()));
        byte[] damaged = flipBit(file, FIRST_STANZA, 2); // type 2 -> 6

        // With no stanza of a known type, nothing says which secret would have fitted.
        assertRefused(damaged, identity(TestKeys.alice()), CryptoException.class, UNKNOWN_STANZAS);
        assertRefused(damaged, new Secret.Password("pw".toCharArray()), CryptoException.class, UNKNOWN_STANZAS);
    }

    // --------------------------------------------------------------------------------- limits

    @Test
    @DisplayName("64 recipients are written, and the first opens the file; 65 are refused before anything is written")
    void recipientLimit() throws Exception {
        List<RSAPublicKey> keys = new ArrayList<>(Collections.nCopies(63, publicKey(TestKeys.bob())));
        keys.add(0, publicKey(TestKeys.alice()));
        byte[] file = encrypt(PLAINTEXT, OPTIONS, new Secret.Recipients(keys));
        assertEquals(64, file[STANZA_COUNT] & 0xff);
        assertArrayEquals(PLAINTEXT, decrypt(file, identity(TestKeys.alice())));

        keys.add(publicKey(TestKeys.bob()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new FileCipher().encrypt(stream(PLAINTEXT), out, OPTIONS, new Secret.Recipients(keys)));
        assertEquals("at most 64 recipients, not 65", e.getMessage());
        assertEquals(0, out.size());
    }

    @Test
    @DisplayName("no recipients: refused when the secret is made")
    void noRecipients() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Secret.Recipients(List.of()));

        assertEquals("no recipients", e.getMessage());
    }

    @Test
    @DisplayName("a key too short for OAEP-SHA-256 of 32 bytes (512 bits) is refused before anything is written")
    void keyTooShortForOaep() {
        KeyPair small = KeyFiles.generate(512, new SecureRandom());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new FileCipher().encrypt(stream(PLAINTEXT), out, OPTIONS, recipients(small)));

        assertTrue(e.getMessage().startsWith("cannot encrypt to this RSA key: "), e.getMessage());
        assertEquals(0, out.size());
    }

    static Stream<Arguments> otherFormats() {
        return Stream.of(Arguments.of(Format.OPENSSL), Arguments.of(Format.RAW));
    }

    @ParameterizedTest
    @MethodSource("otherFormats")
    @DisplayName("only the cookbook format encrypts to keys: the others refuse recipients")
    void recipientsNeedTheCookbookFormat(Format format) {
        EncryptionOptions options = OPTIONS.toBuilder().format(format).build();

        assertThrows(
                IllegalArgumentException.class,
                () -> new FileCipher()
                        .encrypt(
                                stream(PLAINTEXT), new ByteArrayOutputStream(), options, recipients(TestKeys.alice())));
    }
}
