package dev.cookbook.crypto.cipher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Encrypts and decrypts streams in the three {@link Format}s.
 *
 * <pre>{@code
 * FileCipher fc = new FileCipher();
 * fc.encrypt(in, out, EncryptionOptions.DEFAULT, new Secret.Password(chars));
 * fc.decrypt(in, out, EncryptionOptions.DEFAULT, new Secret.Password(chars)); // the header says the rest
 * }</pre>
 *
 * <p>Decryption recognises the format by its first bytes: the cookbook format's header holds
 * everything needed; openssl's {@code Salted__} format holds only the salt, so cipher, KDF and
 * iterations come from the options, as they do for {@code openssl enc -d}; a {@link Secret.RawKey}
 * means raw data. Memory is constant whatever the size of the stream. Instances are thread-safe;
 * each call works on its own.
 *
 * @see SealedFormat the cookbook format
 */
public final class FileCipher {
    /** openssl's magic before the salt. */
    static final byte[] OPENSSL_MAGIC = "Salted__".getBytes(StandardCharsets.US_ASCII);
    static final int OPENSSL_SALT_LENGTH = 8;
    private static final int BUFFER = 64 << 10;

    private final SecureRandom random;
    private final LongAdder processed = new LongAdder();

    public FileCipher() {
        this(new SecureRandom());
    }

    /** With a chosen source of salts, nonces and file keys (tests use a fixed one). */
    public FileCipher(SecureRandom random) {
        this.random = random;
    }

    /** What a call did: enough to print the equivalent {@code openssl enc} command. */
    public record Result(Format format, CipherAlgorithm cipher, Kdf kdf, int iterations, byte[] salt, long bytes) {}

    /** Plaintext bytes processed so far by this instance, for a progress display; any thread. */
    public long processed() {
        return processed.sum();
    }

    /**
     * Encrypts {@code in} to its end into {@code out}. Neither stream is closed.
     *
     * @throws IllegalArgumentException if the secret does not fit the format (a raw key for
     *                                  {@link Format#RAW} only) or has the wrong length
     */
    public Result encrypt(InputStream in, OutputStream out, EncryptionOptions options, Secret secret) throws IOException {
        CipherAlgorithm cipher = options.cipher();
        switch (options.format()) {
            case COOKBOOK -> {
                SealedFormat.Header header = SealedFormat.writeHeader(out, options, password(secret), random);
                try {
                    long n = sealChunks(in, out, header);
                    return new Result(Format.COOKBOOK, cipher, Kdf.PBKDF2_SHA256, options.iterations(), null, n);
                } finally {
                    header.keys().destroy();
                }
            }
            case OPENSSL -> {
                byte[] salt = new byte[OPENSSL_SALT_LENGTH];
                random.nextBytes(salt);
                CipherStream s = opensslStream(true, options, password(secret), salt);
                out.write(OPENSSL_MAGIC);
                out.write(salt);
                long n = pump(in, out, s);
                return new Result(Format.OPENSSL, cipher, options.kdf(), options.iterations(), salt, n);
            }
            case RAW -> {
                long n = pump(in, out, rawStream(true, cipher, secret));
                return new Result(Format.RAW, cipher, null, 0, null, n);
            }
            default -> throw new AssertionError(options.format());
        }
    }

    /**
     * Decrypts {@code in} to its end into {@code out}. For the cookbook format every chunk is
     * authenticated before its plaintext is written; {@code out} may still have received the
     * plaintext of earlier, authentic chunks when a later one fails, so a caller writing a file
     * must discard it on error.
     *
     * @throws AuthenticationException wrong password, or the data was modified, truncated or extended
     * @throws CryptoException         the input is in none of the formats
     */
    public Result decrypt(InputStream in, OutputStream out, EncryptionOptions options, Secret secret)
            throws IOException, CryptoException {
        if (secret instanceof Secret.RawKey) {
            long n = pump(in, out, rawStream(false, options.cipher(), secret));
            return new Result(Format.RAW, options.cipher(), null, 0, null, n);
        }
        byte[] magic = new byte[8];
        int got = in.readNBytes(magic, 0, magic.length);
        if (got == magic.length && Arrays.equals(magic, SealedFormat.MAGIC)) {
            SealedFormat.Header header = SealedFormat.readHeader(in, password(secret));
            try {
                long n = openChunks(in, out, header);
                return new Result(Format.COOKBOOK, header.cipher(), Kdf.PBKDF2_SHA256, 0, null, n);
            } finally {
                header.keys().destroy();
            }
        }
        if (got == magic.length && Arrays.equals(magic, OPENSSL_MAGIC)) {
            byte[] salt = in.readNBytes(OPENSSL_SALT_LENGTH);
            if (salt.length != OPENSSL_SALT_LENGTH) {
                throw new CryptoException("openssl format truncated: the salt after 'Salted__' is incomplete");
            }
            CipherStream s = opensslStream(false, options, password(secret), salt);
            long n = pump(in, out, s);
            return new Result(Format.OPENSSL, options.cipher(), options.kdf(), options.iterations(), salt, n);
        }
        throw new CryptoException("not encrypted by cookbook or 'openssl enc -salt': no header (for data encrypted "
                + "with a raw key, give the key)");
    }

    // -------------------------------------------------------------------------------- cookbook

    private long sealChunks(InputStream in, OutputStream out, SealedFormat.Header header) throws IOException {
        SealedFormat.ChunkCrypter crypter = new SealedFormat.ChunkCrypter(header);
        int size = header.chunkSize();
        byte[] buf = new byte[size + SealedFormat.TAG_LENGTH];
        int carried = -1;
        long total = 0;
        for (long i = 0; ; i++) {
            int n = 0;
            if (carried >= 0) {
                buf[n++] = (byte) carried;
            }
            n += in.readNBytes(buf, n, size - n);
            boolean last = n < size;
            if (!last) {
                carried = in.read(); // a full chunk is the last one only if nothing follows it
                last = carried < 0;
            }
            crypter.seal(i, last, buf, n);
            out.write(buf, 0, n + SealedFormat.TAG_LENGTH);
            total += n;
            processed.add(n);
            if (last) {
                return total;
            }
        }
    }

    private long openChunks(InputStream in, OutputStream out, SealedFormat.Header header)
            throws IOException, AuthenticationException {
        SealedFormat.ChunkCrypter crypter = new SealedFormat.ChunkCrypter(header);
        int wire = header.chunkSize() + SealedFormat.TAG_LENGTH;
        byte[] buf = new byte[wire];
        int carried = -1;
        long total = 0;
        for (long i = 0; ; i++) {
            int n = 0;
            if (carried >= 0) {
                buf[n++] = (byte) carried;
            }
            n += in.readNBytes(buf, n, wire - n);
            if (n < SealedFormat.TAG_LENGTH) {
                throw new AuthenticationException(); // truncated: no room even for a tag
            }
            boolean last = n < wire;
            if (!last) {
                carried = in.read();
                last = carried < 0;
            }
            int len = n - SealedFormat.TAG_LENGTH;
            crypter.open(i, last, buf, len);
            out.write(buf, 0, len);
            total += len;
            processed.add(len);
            if (last) {
                return total;
            }
        }
    }

    // --------------------------------------------------------------------------- openssl, raw

    private static CipherStream opensslStream(boolean encrypt, EncryptionOptions options, char[] password,
            byte[] salt) {
        CipherAlgorithm c = options.cipher();
        byte[] keyIv = options.kdf().derive(password, salt, options.iterations(), c.keyLength() + c.ivLength());
        byte[] key = Arrays.copyOf(keyIv, c.keyLength());
        byte[] iv = c.ivLength() == 0 ? null : Arrays.copyOfRange(keyIv, c.keyLength(), keyIv.length);
        try {
            return c.newStream(encrypt, key, iv);
        } finally {
            Arrays.fill(keyIv, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    private static CipherStream rawStream(boolean encrypt, CipherAlgorithm cipher, Secret secret) {
        if (!(secret instanceof Secret.RawKey raw)) {
            throw new IllegalArgumentException("the raw format needs a key and IV, not a password");
        }
        return cipher.newStream(encrypt, raw.key(), raw.iv());
    }

    private long pump(InputStream in, OutputStream out, CipherStream s) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            s.process(buf, 0, n, buf, 0);
            out.write(buf, 0, n);
            total += n;
            processed.add(n);
        }
        return total;
    }

    private static char[] password(Secret secret) {
        if (!(secret instanceof Secret.Password p)) {
            throw new IllegalArgumentException("this format derives its key from a password; a raw key needs "
                    + "the raw format");
        }
        return p.chars();
    }
}
