package dev.cookbook.crypto.cipher;

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
import java.util.Arrays;
import javax.crypto.Mac;
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
 * chunk   ciphertext (chunk size, the last one 0..chunk size) | tag (32)
 * </pre>
 *
 * <p>A random 32-byte file key is the root of every key: HKDF-SHA-256 (salt: the nonce) derives
 * from it the header MAC key, the payload MAC key, the cipher key and the chunk key. Stanzas carry
 * the file key wrapped for whoever may open the file; a password stanza XORs it with
 * PBKDF2-HMAC-SHA-256(password, salt, iterations). Other stanza types (a key wrapped with RSA-OAEP
 * for a recipient) fit the same header: a reader skips types it does not know.
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
     * Writes a header for a new file encrypted under {@code password}; returns it with its keys.
     */
    static Header writeHeader(OutputStream out, EncryptionOptions options, char[] password, SecureRandom random)
            throws IOException {
        byte[] fileKey = new byte[FILE_KEY_LENGTH];
        byte[] nonce = new byte[NONCE_LENGTH];
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(fileKey);
        random.nextBytes(nonce);
        random.nextBytes(salt);
        byte[] wrap = Kdf.PBKDF2_SHA256.derive(password, salt, options.iterations(), FILE_KEY_LENGTH);
        byte[] wrapped = xor(fileKey, wrap);
        Arrays.fill(wrap, (byte) 0);

        ByteArrayOutputStream h = new ByteArrayOutputStream(128);
        h.write(MAGIC);
        h.write(VERSION);
        h.write(options.cipher().id());
        h.write(Integer.numberOfTrailingZeros(options.chunkSize()));
        h.write(nonce);
        h.write(1);
        h.write(STANZA_PASSWORD);
        writeShort(h, 4 + SALT_LENGTH + FILE_KEY_LENGTH);
        writeInt(h, options.iterations());
        h.write(salt);
        h.write(wrapped);
        Keys keys = new Keys(fileKey, nonce, options.cipher());
        Arrays.fill(fileKey, (byte) 0);
        h.write(hmac(keys.headerMac, h.toByteArray()));
        byte[] header = h.toByteArray();
        out.write(header);
        return new Header(options.cipher(), options.chunkSize(), header, keys);
    }

    // ----------------------------------------------------------------------------------- reading

    /**
     * Reads and authenticates a header whose magic has been read already.
     *
     * @throws AuthenticationException for a wrong password or any damage to the header
     */
    static Header readHeader(InputStream in, char[] password) throws IOException, AuthenticationException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream(128);
        seen.write(MAGIC);
        DataInputStream d = new DataInputStream(in);
        try {
            // Every anomaly, even an unknown version, gets the one message: a flipped bit must not
            // be told apart from a wrong password (the header MAC cannot be checked before this).
            if (readByte(d, seen) != VERSION) {
                throw new AuthenticationException();
            }
            CipherAlgorithm cipher = CipherAlgorithm.fromId(readByte(d, seen))
                    .orElseThrow(AuthenticationException::new);
            int log2 = readByte(d, seen);
            if (log2 < 10 || log2 > 24) {
                throw new AuthenticationException();
            }
            byte[] nonce = readBytes(d, seen, NONCE_LENGTH);
            int stanzas = readByte(d, seen);
            if (stanzas < 1 || stanzas > MAX_STANZAS) {
                throw new AuthenticationException();
            }
            byte[] fileKey = null;
            for (int s = 0; s < stanzas; s++) {
                int type = readByte(d, seen);
                int length = readByte(d, seen) << 8 | readByte(d, seen);
                if (length > MAX_STANZA_LENGTH) {
                    throw new AuthenticationException();
                }
                byte[] body = readBytes(d, seen, length);
                if (type == STANZA_PASSWORD && fileKey == null && password != null) {
                    fileKey = unwrapPassword(body, password);
                }
            }
            byte[] expected = readBytes(d, null, TAG_LENGTH);
            if (fileKey == null) {
                throw new AuthenticationException();
            }
            Keys keys = new Keys(fileKey, nonce, cipher);
            Arrays.fill(fileKey, (byte) 0);
            byte[] header = seen.toByteArray();
            if (!MessageDigest.isEqual(expected, hmac(keys.headerMac, header))) {
                keys.destroy();
                throw new AuthenticationException();
            }
            return new Header(cipher, 1 << log2, header, keys);
        } catch (EOFException e) {
            throw new AuthenticationException();
        }
    }

    private static byte[] unwrapPassword(byte[] body, char[] password) throws AuthenticationException {
        if (body.length != 4 + SALT_LENGTH + FILE_KEY_LENGTH) {
            throw new AuthenticationException();
        }
        int iterations = (body[0] & 0xff) << 24 | (body[1] & 0xff) << 16 | (body[2] & 0xff) << 8 | (body[3] & 0xff);
        if (iterations < 1 || iterations > EncryptionOptions.MAX_ITERATIONS) {
            // A damaged count must not make us compute for minutes before saying so.
            throw new AuthenticationException();
        }
        byte[] salt = Arrays.copyOfRange(body, 4, 4 + SALT_LENGTH);
        byte[] wrap = Kdf.PBKDF2_SHA256.derive(password, salt, iterations, FILE_KEY_LENGTH);
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
         * Checks the tag after {@code len} ciphertext bytes of {@code buf}, then decrypts them in
         * place; nothing is decrypted if the tag is wrong.
         */
        void open(long i, boolean last, byte[] buf, int len) throws AuthenticationException {
            byte[] expected = new byte[TAG_LENGTH];
            tag(i, last, buf, len, expected, 0);
            if (!MessageDigest.isEqual(Arrays.copyOfRange(buf, len, len + TAG_LENGTH), expected)) {
                throw new AuthenticationException();
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
