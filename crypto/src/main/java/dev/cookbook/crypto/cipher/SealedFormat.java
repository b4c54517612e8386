package dev.cookbook.crypto.cipher;

import dev.cookbook.crypto.AuthenticationException;
import dev.cookbook.crypto.CryptoException;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The cookbook format: authenticated encryption from unauthenticated legacy ciphers, by
 * encrypt-then-MAC over fixed-size chunks.
 *
 * <pre>
 * header  magic "CKBK-ENC" (8) | version 1 (1) | cipher id (1) | log2 chunk size (1) | nonce (16)
 *         | stanza count (1) | stanzas | header MAC (32)
 * stanza  type (1) | body length (2, big-endian) | body
 *         type 1, password: PBKDF2 iterations (4) | salt (16) | wrapped file key (32)
 *         type 2, RSA recipient: SHA-256 of the key's SubjectPublicKeyInfo (32)
 *                 | RSA-OAEP (SHA-256, MGF1-SHA-256) of the file key (modulus length)
 * chunk   ciphertext (chunk size, the last one 0..chunk size) | tag (32)
 * </pre>
 *
 * <p>A random 32-byte file key is the root of every key: HKDF-SHA-256 (salt: the nonce) derives
 * from it the header MAC key, the payload MAC key, the cipher key and the chunk key. Stanzas carry
 * the file key wrapped for whoever may open the file; a password stanza XORs it with
 * PBKDF2-HMAC-SHA-256(password, salt, iterations); a recipient stanza encrypts it with RSA-OAEP to
 * one public key, named by its fingerprint, one stanza per recipient. A reader skips stanza types
 * it does not know.
 *
 * <p>The header MAC is HMAC-SHA-256 over every header byte before it: a wrong password yields a
 * wrong file key, so the header fails before any output. Chunk {@code i} is encrypted with its own
 * IV (CFB) or key (RC4), the first bytes of HMAC-SHA-256(chunk key, i), so chunks are independent of
 * each other; its tag is HMAC-SHA-256(payload MAC key, i | last | ciphertext), with {@code last} 1
 * for the final chunk only. Every chunk but the last is full, and a file always ends with a chunk
 * marked last (empty if need be): truncation, reordering and appended bytes all fail a tag.
 */
final class SealedFormat {
    static final byte[] MAGIC = "CKBK-ENC".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int NONCE_LENGTH = 16;
    static final int FILE_KEY_LENGTH = 32;
    static final int SALT_LENGTH = 16;
    static final int TAG_LENGTH = 32;
    static final int STANZA_PASSWORD = 1;
    static final int STANZA_RSA = 2;
    static final int FINGERPRINT_LENGTH = 32;
    private static final int MAX_STANZAS = 64;
    private static final int MAX_STANZA_LENGTH = 8192;

    private SealedFormat() {}

    /** The keys of one file, all derived from its file key. */
    static final class Keys {
        final byte[] headerMac;
        final byte[] payloadMac;
        final byte[] cipherKey;
        final byte[] chunkKey;

        Keys(byte[] fileKey, byte[] nonce, CipherAlgorithm cipher) {
            headerMac = hkdf(fileKey, nonce, "header mac", 32);
            payloadMac = hkdf(fileKey, nonce, "payload mac", 32);
            cipherKey = hkdf(fileKey, nonce, "cipher key", cipher.keyLength());
            chunkKey = hkdf(fileKey, nonce, "chunk key", 32);
        }

        void destroy() {
            for (byte[] k : new byte[][] {headerMac, payloadMac, cipherKey, chunkKey}) {
                Arrays.fill(k, (byte) 0);
            }
        }

        private static byte[] hkdf(byte[] ikm, byte[] salt, String purpose, int length) {
            HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
            g.init(new HKDFParameters(ikm, salt, ("cookbook-enc v1 " + purpose).getBytes(StandardCharsets.US_ASCII)));
            byte[] out = new byte[length];
            g.generateBytes(out, 0, length);
            return out;
        }
    }

    /** A parsed and authenticated header. */
    record Header(CipherAlgorithm cipher, int chunkSize, byte[] bytes, Keys keys) {}

    // ----------------------------------------------------------------------------------- writing

    /**
     * Writes a header for a new file, with a password stanza or one stanza per recipient; returns
     * it with its keys.
     */
    static Header writeHeader(OutputStream out, EncryptionOptions options, Secret secret, SecureRandom random)
            throws IOException {
        byte[] fileKey = new byte[FILE_KEY_LENGTH];
        byte[] nonce = new byte[NONCE_LENGTH];
        random.nextBytes(fileKey);
        random.nextBytes(nonce);

        ByteArrayOutputStream h = new ByteArrayOutputStream(128);
        h.write(MAGIC);
        h.write(VERSION);
        h.write(options.cipher().id());
        h.write(Integer.numberOfTrailingZeros(options.chunkSize()));
        h.write(nonce);
        if (secret instanceof Secret.Password p) {
            h.write(1);
            byte[] salt = new byte[SALT_LENGTH];
            random.nextBytes(salt);
            byte[] wrap = Kdf.PBKDF2.derive(KdfDigest.SHA256, p.chars(), salt, options.iterations(), FILE_KEY_LENGTH);
            byte[] wrapped = xor(fileKey, wrap);
            Arrays.fill(wrap, (byte) 0);
            h.write(STANZA_PASSWORD);
            writeShort(h, 4 + SALT_LENGTH + FILE_KEY_LENGTH);
            writeInt(h, options.iterations());
            h.write(salt);
            h.write(wrapped);
        } else if (secret instanceof Secret.Recipients r) {
            if (r.keys().size() > MAX_STANZAS) {
                throw new IllegalArgumentException("at most " + MAX_STANZAS + " recipients, not "
                        + r.keys().size());
            }
            h.write(r.keys().size());
            for (RSAPublicKey key : r.keys()) {
                byte[] wrapped = oaep(Cipher.ENCRYPT_MODE, key, random).doFinalUnchecked(fileKey);
                h.write(STANZA_RSA);
                writeShort(h, FINGERPRINT_LENGTH + wrapped.length);
                h.write(fingerprint(key));
                h.write(wrapped);
            }
        } else {
            throw new IllegalArgumentException("the cookbook format takes a password or recipients");
        }
        Keys keys = new Keys(fileKey, nonce, options.cipher());
        Arrays.fill(fileKey, (byte) 0);
        h.write(hmac(keys.headerMac, h.toByteArray()));
        byte[] header = h.toByteArray();
        out.write(header);
        return new Header(options.cipher(), options.chunkSize(), header, keys);
    }

    // ----------------------------------------------------------------------------------- reading

    /** A header that fails its MAC under a password: the likely cause first. */
    static final String WRONG_PASSWORD = "wrong password (or the file's header was changed)";

    static final String DAMAGED_HEADER = "the file's header is damaged";

    /**
     * Reads a header whose magic has been read already, asks {@code unlock} for the secret its
     * stanzas call for, and authenticates the header with it.
     *
     * @throws AuthenticationException for a wrong password or any damage to the header
     */
    static Header readHeader(InputStream in, FileCipher.Unlock unlock) throws IOException, CryptoException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream(128);
        seen.write(MAGIC);
        DataInputStream d = new DataInputStream(in);
        int version;
        CipherAlgorithm cipher;
        int log2;
        byte[] nonce;
        List<byte[]> passwordStanzas = new ArrayList<>();
        List<byte[]> recipientStanzas = new ArrayList<>();
        byte[] expected;
        try {
            version = readByte(d, seen);
            if (version != VERSION) {
                throw new AuthenticationException("written in version " + version + " of the cookbook format, which "
                        + "this cookbook does not know (or the header is damaged)");
            }
            cipher = CipherAlgorithm.fromId(readByte(d, seen))
                    .filter(c -> !c.padded()) // CBC's ids belong to openssl's format: no cookbook file has one
                    .orElseThrow(() -> new AuthenticationException(DAMAGED_HEADER + ": unknown cipher"));
            log2 = readByte(d, seen);
            if (log2 < 10 || log2 > 24) {
                throw new AuthenticationException(DAMAGED_HEADER + ": impossible chunk size");
            }
            nonce = readBytes(d, seen, NONCE_LENGTH);
            int stanzas = readByte(d, seen);
            if (stanzas < 1 || stanzas > MAX_STANZAS) {
                throw new AuthenticationException(DAMAGED_HEADER + ": impossible number of keys");
            }
            for (int s = 0; s < stanzas; s++) {
                int type = readByte(d, seen);
                int length = readByte(d, seen) << 8 | readByte(d, seen);
                if (length > MAX_STANZA_LENGTH) {
                    throw new AuthenticationException(DAMAGED_HEADER + ": impossible key length");
                }
                byte[] body = readBytes(d, seen, length);
                if (type == STANZA_PASSWORD) {
                    passwordStanzas.add(body);
                } else if (type == STANZA_RSA) {
                    recipientStanzas.add(body);
                }
            }
            expected = readBytes(d, null, TAG_LENGTH);
        } catch (EOFException e) {
            throw new AuthenticationException("the file is cut short inside its header");
        }
        Secret secret = unlock.secretFor(
                new FileCipher.Envelope(Format.COOKBOOK, !passwordStanzas.isEmpty(), !recipientStanzas.isEmpty()));
        if (!(secret instanceof Secret.Password || secret instanceof Secret.Identity)) {
            throw new IllegalArgumentException("the cookbook format is opened with a password or a private key");
        }
        byte[] fileKey = null;
        if (secret instanceof Secret.Password p) {
            for (int i = 0; fileKey == null && i < passwordStanzas.size(); i++) {
                fileKey = unwrapPassword(passwordStanzas.get(i), p.chars());
            }
        } else if (secret instanceof Secret.Identity id) {
            for (int i = 0; fileKey == null && i < recipientStanzas.size(); i++) {
                fileKey = unwrapRecipient(recipientStanzas.get(i), id);
            }
        }
        if (fileKey == null) {
            throw noKey(secret, !passwordStanzas.isEmpty(), !recipientStanzas.isEmpty());
        }
        Keys keys = new Keys(fileKey, nonce, cipher);
        Arrays.fill(fileKey, (byte) 0);
        if (!MessageDigest.isEqual(expected, hmac(keys.headerMac, seen.toByteArray()))) {
            keys.destroy();
            // A key that opened its recipient stanza is the right key; a password cannot be checked before this.
            throw new AuthenticationException(secret instanceof Secret.Password ? WRONG_PASSWORD : DAMAGED_HEADER);
        }
        return new Header(cipher, 1 << log2, seen.toByteArray(), keys);
    }

    /** Why no stanza opened with {@code secret}. */
    private static CryptoException noKey(Secret secret, boolean passwords, boolean recipients) {
        if (secret instanceof Secret.Identity id && recipients) {
            return new CryptoException("this file is not encrypted to that key (SHA-256 fingerprint "
                    + HexFormat.of().formatHex(fingerprint(id.publicKey())) + ")");
        }
        if (secret instanceof Secret.Identity && passwords) {
            return new CryptoException("this file is encrypted with a password, not to a key: use the password");
        }
        if (secret instanceof Secret.Password && recipients && !passwords) {
            return new CryptoException(
                    "this file is encrypted to public keys, not with a password: decrypt it " + "with the private key");
        }
        return new CryptoException("none of the file's key stanzas is of a kind this cookbook knows");
    }

    /** The file key from a recipient stanza for {@code id}, or null if the stanza is another key's. */
    private static byte[] unwrapRecipient(byte[] body, Secret.Identity id) throws AuthenticationException {
        if (body.length <= FINGERPRINT_LENGTH
                || !MessageDigest.isEqual(Arrays.copyOf(body, FINGERPRINT_LENGTH), fingerprint(id.publicKey()))) {
            return null;
        }
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(Cipher.DECRYPT_MODE, id.key(), OAEP);
            byte[] fileKey = c.doFinal(body, FINGERPRINT_LENGTH, body.length - FINGERPRINT_LENGTH);
            if (fileKey.length != FILE_KEY_LENGTH) {
                throw new AuthenticationException(DAMAGED_HEADER + ": the key's stanza does not decrypt");
            }
            return fileKey;
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException(DAMAGED_HEADER + ": the key's stanza does not decrypt");
        }
    }

    private static final OAEPParameterSpec OAEP =
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    /** RSA-OAEP with SHA-256 for both the label hash and MGF1 (the JDK's default MGF1 is SHA-1). */
    private static OaepCipher oaep(int mode, RSAPublicKey key, SecureRandom random) {
        try {
            Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
            c.init(mode, key, OAEP, random);
            return new OaepCipher(c);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot encrypt to this RSA key: " + e.getMessage(), e);
        }
    }

    private record OaepCipher(Cipher cipher) {
        byte[] doFinalUnchecked(byte[] data) {
            try {
                return cipher.doFinal(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot encrypt to this RSA key: " + e.getMessage(), e);
            }
        }
    }

    /** SHA-256 of the key's DER SubjectPublicKeyInfo: how a recipient stanza names its key. */
    static byte[] fingerprint(RSAPublicKey key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unwrapPassword(byte[] body, char[] password) throws AuthenticationException {
        if (body.length != 4 + SALT_LENGTH + FILE_KEY_LENGTH) {
            throw new AuthenticationException(DAMAGED_HEADER + ": impossible password stanza");
        }
        int iterations = (body[0] & 0xff) << 24 | (body[1] & 0xff) << 16 | (body[2] & 0xff) << 8 | (body[3] & 0xff);
        if (iterations < 1 || iterations > EncryptionOptions.MAX_ITERATIONS) {
            // A damaged count must not make us compute for minutes before saying so.
            throw new AuthenticationException(DAMAGED_HEADER + ": impossible iteration count");
        }
        byte[] salt = Arrays.copyOfRange(body, 4, 4 + SALT_LENGTH);
        byte[] wrap = Kdf.PBKDF2.derive(KdfDigest.SHA256, password, salt, iterations, FILE_KEY_LENGTH);
        byte[] fileKey = xor(Arrays.copyOfRange(body, 4 + SALT_LENGTH, body.length), wrap);
        Arrays.fill(wrap, (byte) 0);
        return fileKey;
    }

    // ------------------------------------------------------------------------------------ chunks

    /** Per-thread chunk work: the MACs and cipher set-up for chunk {@code i}. Not thread-safe. */
    static final class ChunkCrypter {
        private final Header header;
        private final Mac chunkMac;
        private final Mac payloadMac;
        private final byte[] index = new byte[8];

        ChunkCrypter(Header header) {
            this.header = header;
            this.chunkMac = mac(header.keys().chunkKey);
            this.payloadMac = mac(header.keys().payloadMac);
        }

        /** Encrypts {@code len} bytes of {@code buf} in place and writes the tag after them. */
        void seal(long i, boolean last, byte[] buf, int len) {
            stream(i, true).process(buf, 0, len, buf, 0);
            tag(i, last, buf, len, buf, len);
        }

        /**
         * Seals chunk {@code i} ({@code len} bytes of {@code buf}, not the last) and chunk {@code i + 1}
         * ({@code nextLen} bytes of {@code next}) as {@link #seal} would, their encryptions side by
         * side where the cipher can (see {@link DesCfb#processPair}).
         */
        void sealPair(long i, byte[] buf, int len, boolean nextLast, byte[] next, int nextLen) {
            DesCfb.processPair(stream(i, true), stream(i + 1, true), buf, len, next, nextLen);
            tag(i, false, buf, len, buf, len);
            tag(i + 1, nextLast, next, nextLen, next, nextLen);
        }

        /**
         * Checks the tag after {@code len} ciphertext bytes of {@code buf}, then decrypts them in
         * place; nothing is decrypted if the tag is wrong.
         */
        void open(long i, boolean last, byte[] buf, int len) throws AuthenticationException {
            byte[] expected = new byte[TAG_LENGTH];
            tag(i, last, buf, len, expected, 0);
            if (!MessageDigest.isEqual(Arrays.copyOfRange(buf, len, len + TAG_LENGTH), expected)) {
                throw damagedChunk(i, header.chunkSize());
            }
            stream(i, false).process(buf, 0, len, buf, 0);
        }

        private CipherStream stream(long i, boolean encrypt) {
            setIndex(i);
            chunkMac.update(index);
            byte[] material = chunkMac.doFinal();
            CipherAlgorithm c = header.cipher();
            CipherStream s = c.ivLength() == 0
                    ? c.newStream(encrypt, Arrays.copyOf(material, c.keyLength()), null)
                    : c.newStream(encrypt, header.keys().cipherKey, Arrays.copyOf(material, c.ivLength()));
            Arrays.fill(material, (byte) 0);
            return s;
        }

        private void tag(long i, boolean last, byte[] ct, int len, byte[] out, int outOff) {
            setIndex(i);
            payloadMac.update(index);
            payloadMac.update((byte) (last ? 1 : 0));
            payloadMac.update(ct, 0, len);
            try {
                payloadMac.doFinal(out, outOff);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e); // the output always has room for 32 bytes
            }
        }

        private void setIndex(long i) {
            for (int b = 7; b >= 0; b--) {
                index[b] = (byte) i;
                i >>>= 8;
            }
        }
    }

    /** Chunk {@code i} (from 0) failed its tag under an authentic header: damage, not a wrong password. */
    static AuthenticationException damagedChunk(long i, int chunkSize) {
        return new AuthenticationException("chunk " + (i + 1) + " (plaintext from byte " + i * chunkSize
                + ") failed authentication: the file was changed or truncated");
    }

    // ----------------------------------------------------------------------------------- helpers

    static byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    static Mac mac(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime lacks HmacSHA256", e);
        }
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    private static int readByte(DataInputStream d, ByteArrayOutputStream seen) throws IOException {
        int b = d.readUnsignedByte();
        seen.write(b);
        return b;
    }

    private static byte[] readBytes(DataInputStream d, ByteArrayOutputStream seen, int n) throws IOException {
        byte[] b = new byte[n];
        d.readFully(b);
        if (seen != null) {
            seen.write(b);
        }
        return b;
    }

    private static void writeShort(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}
