package dev.cookbook.crypto.cipher;

import dev.cookbook.crypto.AuthenticationException;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.internal.OrderedExecutor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.ShortBufferException;

/**
 * Encrypts and decrypts streams in the three {@link Format}s.
 *
 * <pre>{@code
 * FileCipher fc = new FileCipher();
 * fc.encrypt(in, out, EncryptionOptions.DEFAULT, new Secret.Password(chars));
 * fc.decrypt(in, out, EncryptionOptions.DEFAULT, new Secret.Password(chars)); // the header says the rest
 * }</pre>
 *
 * <p>Decryption reads the format the options name and checks the input's first bytes against
 * it before any secret is asked for (see {@link Unlock}): the cookbook format's header holds
 * everything needed; openssl's {@code Salted__} format holds only the salt, so cipher, KDF, digest
 * and iterations come from the options, as they do for {@code openssl enc -d}; raw data takes a
 * {@link Secret.RawKey}. Memory is constant whatever the size of the stream. Instances are
 * thread-safe; each call works on its own.
 *
 * <p>Where the format allows it the work is spread over several threads: the cookbook format's
 * chunks are independent both ways, and CFB decryption of any piece needs only the ciphertext
 * just before it. CFB encryption, RC4 and CBC (both ways) run sequentially.
 *
 * @see SealedFormat the cookbook format
 */
public final class FileCipher {
    /** openssl's magic before the salt. */
    static final byte[] OPENSSL_MAGIC = "Salted__".getBytes(StandardCharsets.US_ASCII);

    static final int OPENSSL_SALT_LENGTH = 8;
    private static final int BUFFER = 256 << 10;

    /** Ciphertext per parallel piece when decrypting openssl's and raw CFB data. */
    static final int CFB_PIECE = 256 << 10;

    private final SecureRandom random;
    private final int threads;
    private final LongAdder consumed = new LongAdder();

    /** On as many threads as there are cores. */
    public FileCipher() {
        this(new SecureRandom(), Runtime.getRuntime().availableProcessors());
    }

    /** With a chosen source of salts, nonces and file keys (tests use a fixed one), on every core. */
    public FileCipher(SecureRandom random) {
        this(random, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param random  the source of salts, nonces and file keys (tests use a fixed one)
     * @param threads how many chunks to work on at once; 1 keeps everything on the caller's thread
     */
    public FileCipher(SecureRandom random, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.random = random;
        this.threads = threads;
    }

    /**
     * What a call did: enough to print the equivalent {@code openssl enc} command.
     *
     * @param kdf      null for {@link Format#RAW}
     * @param digest   null for {@link Format#RAW}
     * @param salt     openssl's salt; null for the other formats
     * @param encoding decrypting base64, {@link Encoding#BASE64_ONE_LINE} if the text had no line break
     * @param bytes    plaintext bytes
     */
    public record Result(
            Format format,
            CipherAlgorithm cipher,
            Kdf kdf,
            KdfDigest digest,
            int iterations,
            byte[] salt,
            Encoding encoding,
            long bytes) {}

    /**
     * What an encrypted input needs to be opened, known from its first bytes before any secret is
     * asked for: the cookbook format's header says whether it holds a password stanza, recipient
     * stanzas or both; openssl's format always takes a password; raw data a key.
     */
    public record Envelope(Format format, boolean password, boolean publicKeys) {}

    /** Gives the secret an input needs once its {@link Envelope} is known: asks for a password, reads a key. */
    @FunctionalInterface
    public interface Unlock {
        Secret secretFor(Envelope envelope) throws IOException, CryptoException;
    }

    /**
     * Input bytes read so far by this instance, header included: against the input's size, the
     * fraction done, for a progress display. Safe from any thread.
     */
    public long bytesRead() {
        return consumed.sum();
    }

    /** Counts what is read, for {@link #bytesRead()}. */
    private InputStream counted(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    consumed.add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    consumed.add(n);
                }
                return n;
            }
        };
    }

    /**
     * Encrypts {@code in} to its end into {@code out}. Neither stream is closed.
     *
     * @throws IllegalArgumentException if the secret does not fit the format (a raw key for
     *                                  {@link Format#RAW} only) or has the wrong length
     */
    public Result encrypt(InputStream input, OutputStream output, EncryptionOptions options, Secret secret)
            throws IOException {
        InputStream in = counted(input);
        if (options.encoding() == Encoding.BINARY) {
            return encryptBinary(in, output, options, secret);
        }
        OutputStream text = Base64Text.encoding(output, options.encoding());
        Result r = encryptBinary(in, text, options, secret);
        text.close(); // the last characters; output stays open
        return r;
    }

    private Result encryptBinary(InputStream in, OutputStream out, EncryptionOptions options, Secret secret)
            throws IOException {
        CipherAlgorithm cipher = options.cipher();
        Encoding encoding = options.encoding();
        switch (options.format()) {
            case COOKBOOK -> {
                if (!(secret instanceof Secret.Password || secret instanceof Secret.Recipients)) {
                    throw new IllegalArgumentException("the cookbook format takes a password or recipients");
                }
                SealedFormat.Header header = SealedFormat.writeHeader(out, options, secret, random);
                try {
                    long n = sealChunks(in, out, header);
                    return new Result(
                            Format.COOKBOOK,
                            cipher,
                            Kdf.PBKDF2,
                            KdfDigest.SHA256,
                            options.iterations(),
                            null,
                            encoding,
                            n);
                } finally {
                    header.keys().destroy();
                }
            }
            case OPENSSL -> {
                byte[] salt = new byte[OPENSSL_SALT_LENGTH];
                random.nextBytes(salt);
                byte[][] keyIv = deriveKeyIv(options, password(secret), salt);
                long n;
                try {
                    out.write(OPENSSL_MAGIC);
                    out.write(salt);
                    n = encryptWith(cipher, keyIv[0], keyIv[1], in, out);
                } finally {
                    wipe(keyIv);
                }
                return new Result(
                        Format.OPENSSL,
                        cipher,
                        options.kdf(),
                        options.digest(),
                        options.iterations(),
                        salt,
                        encoding,
                        n);
            }
            case RAW -> {
                if (!(secret instanceof Secret.RawKey raw)) {
                    throw new IllegalArgumentException("the raw format needs a key and IV, not a password");
                }
                long n = encryptWith(cipher, raw.key(), raw.iv(), in, out);
                return new Result(Format.RAW, cipher, null, null, 0, null, encoding, n);
            }
            default -> throw new AssertionError(options.format());
        }
    }

    /**
     * Decrypts {@code in} to its end into {@code out}, with a secret known in advance.
     *
     * @see #decrypt(InputStream, OutputStream, EncryptionOptions, Unlock)
     */
    public Result decrypt(InputStream in, OutputStream out, EncryptionOptions options, Secret secret)
            throws IOException, CryptoException {
        return decrypt(in, out, options, envelope -> secret);
    }

    /**
     * Decrypts {@code in}, in the format and encoding {@code options} name, to its end into
     * {@code out}; once the input's first bytes show what it needs, {@code unlock} gives the secret.
     * For the cookbook format every chunk is authenticated before its plaintext is written;
     * {@code out} may still have received the plaintext of earlier, authentic chunks when a later
     * one fails, so a caller writing a file must discard it on error. Neither stream is closed.
     *
     * <p>openssl's format holds only its salt, so cipher, KDF, digest and iterations come from
     * {@code options}, as they do for {@code openssl enc -d}, and nothing can prove them right. What
     * can be checked is: an input plainly in another format or encoding fails with {@link
     * WrongFormatException} before {@code unlock} is asked, and a {@code Salted__} file that ends
     * after its salt fails as cut short.
     *
     * @throws AuthenticationException wrong password, or the data was changed, truncated or extended
     * @throws WrongFormatException    the input is plainly in another format or encoding
     * @throws CryptoException         the input is in none of the formats
     */
    public Result decrypt(InputStream input, OutputStream out, EncryptionOptions options, Unlock unlock)
            throws IOException, CryptoException {
        InputStream in = counted(input);
        if (options.encoding() == Encoding.BINARY) {
            return decryptBinary(in, out, options, unlock, Encoding.BINARY, null);
        }
        byte[] first = in.readNBytes(MAGIC_LENGTH);
        Format binary = formatOf(first, first.length);
        if (binary != null) {
            throw new WrongFormatException(
                    "binary data, not base64 text (it starts with '" + magicOf(binary) + "')", binary, Encoding.BINARY);
        }
        Base64Text.Decoding text = Base64Text.decoding(prepend(first, first.length, in));
        try {
            return decryptBinary(text, out, options, unlock, Encoding.BASE64, text);
        } catch (Base64Text.MalformedException e) {
            throw new CryptoException(e.getMessage());
        }
    }

    private static final int MAGIC_LENGTH = 8;

    private Result decryptBinary(
            InputStream in,
            OutputStream out,
            EncryptionOptions options,
            Unlock unlock,
            Encoding encoding,
            Base64Text.Decoding text)
            throws IOException, CryptoException {
        byte[] magic = in.readNBytes(MAGIC_LENGTH);
        Format found = formatOf(magic, magic.length);
        if (found == null && encoding == Encoding.BINARY) {
            Format inBase64 = base64FormatOf(magic);
            if (inBase64 != null) {
                throw new WrongFormatException(
                        "base64 text, not binary data: it starts with '" + Base64Text.prefixOf(magicBytes(inBase64))
                                + "', which is '" + magicOf(inBase64) + "' in base64",
                        inBase64,
                        Encoding.BASE64);
            }
        }
        Format expected = options.format();
        if (found != expected && found != null) {
            throw new WrongFormatException(mismatch(found, expected), found, encoding);
        }
        switch (expected) {
            case RAW -> {
                Secret secret = unlock.secretFor(new Envelope(Format.RAW, false, false));
                if (!(secret instanceof Secret.RawKey raw)) {
                    throw new IllegalArgumentException("the raw format needs a key and IV, not a password");
                }
                long n = decryptWith(options.cipher(), raw.key(), raw.iv(), prepend(magic, magic.length, in), out);
                return new Result(Format.RAW, options.cipher(), null, null, 0, null, encodingRead(encoding, text), n);
            }
            case COOKBOOK -> {
                if (found == null) {
                    throw new CryptoException("not encrypted by cookbook or 'openssl enc': no header");
                }
                SealedFormat.Header header = SealedFormat.readHeader(in, unlock);
                try {
                    long n = openChunks(in, out, header);
                    return new Result(
                            Format.COOKBOOK,
                            header.cipher(),
                            Kdf.PBKDF2,
                            KdfDigest.SHA256,
                            0,
                            null,
                            encodingRead(encoding, text),
                            n);
                } finally {
                    header.keys().destroy();
                }
            }
            case OPENSSL -> {
                if (found == null) {
                    throw new CryptoException("not openssl's salted format: no 'Salted__' header");
                }
                byte[] salt = in.readNBytes(OPENSSL_SALT_LENGTH);
                if (salt.length != OPENSSL_SALT_LENGTH) {
                    throw new CryptoException("cut short: the salt after 'Salted__' is incomplete");
                }
                int next = in.read();
                if (next < 0) {
                    throw new CryptoException("nothing after the salt: the file was cut short (or encrypts an "
                            + "empty file, which nothing can tell apart)");
                }
                Secret secret = unlock.secretFor(new Envelope(Format.OPENSSL, true, false));
                CipherAlgorithm c = options.cipher();
                byte[][] keyIv = deriveKeyIv(options, password(secret), salt);
                try {
                    long n = decryptWith(c, keyIv[0], keyIv[1], prepend(new byte[] {(byte) next}, 1, in), out);
                    return new Result(
                            Format.OPENSSL,
                            c,
                            options.kdf(),
                            options.digest(),
                            options.iterations(),
                            salt,
                            encodingRead(encoding, text),
                            n);
                } finally {
                    wipe(keyIv);
                }
            }
            default -> throw new AssertionError(expected);
        }
    }

    /** Base64 that had no line break was one line, as {@code openssl enc -a -A} writes it. */
    private static Encoding encodingRead(Encoding encoding, Base64Text.Decoding text) {
        return text != null && text.oneLine() ? Encoding.BASE64_ONE_LINE : encoding;
    }

    /** The format whose magic {@code b} starts with, or null. */
    private static Format formatOf(byte[] b, int length) {
        if (length < MAGIC_LENGTH) {
            return null;
        }
        byte[] magic = Arrays.copyOf(b, MAGIC_LENGTH);
        return Arrays.equals(magic, SealedFormat.MAGIC)
                ? Format.COOKBOOK
                : Arrays.equals(magic, OPENSSL_MAGIC) ? Format.OPENSSL : null;
    }

    /** The format whose magic, in base64, {@code b} starts with, or null. */
    private static Format base64FormatOf(byte[] b) {
        String start = new String(b, StandardCharsets.ISO_8859_1);
        for (Format f : new Format[] {Format.COOKBOOK, Format.OPENSSL}) {
            if (!start.isEmpty() && Base64Text.prefixOf(magicBytes(f)).startsWith(start) && start.length() == 8) {
                return f;
            }
        }
        return null;
    }

    private static byte[] magicBytes(Format f) {
        return f == Format.COOKBOOK ? SealedFormat.MAGIC : OPENSSL_MAGIC;
    }

    private static String magicOf(Format f) {
        return new String(magicBytes(f), StandardCharsets.US_ASCII);
    }

    private static String mismatch(Format found, Format expected) {
        if (expected == Format.RAW) {
            return found == Format.OPENSSL
                    ? "it starts with openssl's 'Salted__' header: it was encrypted with a password, not a raw key"
                    : "it is in the cookbook format (it starts with 'CKBK-ENC'): it was encrypted with a password or "
                            + "to public keys, not a raw key";
        }
        return found == Format.OPENSSL
                ? "it is in openssl's format (it starts with 'Salted__'), not cookbook's: it does not record how it "
                        + "was encrypted"
                : "it is in the cookbook format (it starts with 'CKBK-ENC'), not openssl's";
    }

    /** {@code length} bytes of {@code head}, then the rest of {@code in}, which is left open. */
    private static InputStream prepend(byte[] head, int length, InputStream in) {
        if (length == 0) {
            return in;
        }
        // SequenceInputStream closes each stream it reaches the end of: that would be the caller's.
        InputStream unclosed = new java.io.FilterInputStream(in) {
            @Override
            public void close() {}
        };
        return new SequenceInputStream(new ByteArrayInputStream(head, 0, length), unclosed);
    }

    // -------------------------------------------------------------------------------- cookbook

    /** One chunk on its way through the {@link OrderedExecutor}. */
    private static final class Chunk {
        final long index;
        final byte[] buf;
        final int len;
        final boolean last;
        final byte[] iv;
        /** Sealing: the chunk after this one, worked on together with it; null if there is none. */
        Chunk next;

        Chunk(long index, byte[] buf, int len, boolean last, byte[] iv) {
            this.index = index;
            this.buf = buf;
            this.len = len;
            this.last = last;
            this.iv = iv;
        }
    }

    /**
     * Reads {@code in} in pieces of {@code size} bytes, knowing which one is the last: a full piece
     * is the last only if nothing follows it, which takes a byte of look-ahead.
     */
    private static final class Pieces {
        private final InputStream in;
        private final int size;
        private final int spare;
        private int carried = -1;
        private boolean done;

        Pieces(InputStream in, int size, int spare) {
            this.in = in;
            this.size = size;
            this.spare = spare;
        }

        /** The next piece in a buffer with {@code spare} bytes to spare after it, or null after the last. */
        Chunk next(long index, byte[] iv) throws IOException {
            if (done) {
                return null;
            }
            byte[] buf = new byte[size + spare];
            int n = 0;
            if (carried >= 0) {
                buf[n++] = (byte) carried;
            }
            n += in.readNBytes(buf, n, size - n);
            boolean last = n < size;
            if (!last) {
                carried = in.read();
                last = carried < 0;
            }
            done = last;
            return new Chunk(index, buf, n, last, iv);
        }
    }

    /**
     * Seals the chunks two at a time, so that a block cipher can run both encryptions side by side
     * (see {@link DesCfb#processPair}); pairs are sealed on the pipeline's threads, at most
     * {@code 2 * threads} of them in flight (the {@code 4 * threads} chunks of the other runs).
     */
    private long sealChunks(InputStream in, OutputStream out, SealedFormat.Header header) throws IOException {
        ThreadLocal<SealedFormat.ChunkCrypter> crypters =
                ThreadLocal.withInitial(() -> new SealedFormat.ChunkCrypter(header));
        Pieces pieces = new Pieces(in, header.chunkSize(), SealedFormat.TAG_LENGTH);
        long[] total = {0};
        long[] index = {0};
        try (OrderedExecutor pipeline = new OrderedExecutor(threads, "cipher")) {
            pipeline.run(
                    () -> {
                        Chunk c = pieces.next(index[0]++, null);
                        if (c != null && !c.last) {
                            c.next = pieces.next(index[0]++, null);
                        }
                        return c;
                    },
                    (c, stop) -> {
                        Chunk d = c.next;
                        if (d == null) {
                            crypters.get().seal(c.index, c.last, c.buf, c.len);
                        } else {
                            crypters.get().sealPair(c.index, c.buf, c.len, d.last, d.buf, d.len);
                        }
                        return c;
                    },
                    (c, done) -> {
                        for (Chunk d = c; d != null; d = d.next) {
                            out.write(d.buf, 0, d.len + SealedFormat.TAG_LENGTH);
                            total[0] += d.len;
                        }
                    },
                    2 * threads);
        }
        return total[0];
    }

    private long openChunks(InputStream in, OutputStream out, SealedFormat.Header header)
            throws IOException, AuthenticationException {
        ThreadLocal<SealedFormat.ChunkCrypter> crypters =
                ThreadLocal.withInitial(() -> new SealedFormat.ChunkCrypter(header));
        Pieces pieces = new Pieces(in, header.chunkSize() + SealedFormat.TAG_LENGTH, 0);
        long[] total = {0};
        long[] index = {0};
        try (OrderedExecutor pipeline = new OrderedExecutor(threads, "cipher")) {
            pipeline.run(
                    () -> pieces.next(index[0]++, null),
                    (c, stop) -> {
                        if (c.len < SealedFormat.TAG_LENGTH) { // truncated: no room even for a tag
                            throw SealedFormat.damagedChunk(c.index, header.chunkSize());
                        }
                        crypters.get().open(c.index, c.last, c.buf, c.len - SealedFormat.TAG_LENGTH);
                        return c;
                    },
                    (c, opened) -> {
                        int len = c.len - SealedFormat.TAG_LENGTH;
                        out.write(c.buf, 0, len);
                        total[0] += len;
                    },
                    4 * threads);
        }
        return total[0];
    }

    // --------------------------------------------------------------------------- openssl, raw

    /** The key and IV (null for RC4) openssl derives from the password and salt, as {@code options} say. */
    private static byte[][] deriveKeyIv(EncryptionOptions options, char[] password, byte[] salt) {
        CipherAlgorithm c = options.cipher();
        byte[] keyIv = options.kdf()
                .derive(options.digest(), password, salt, options.iterations(), c.keyLength() + c.ivLength());
        byte[] key = Arrays.copyOf(keyIv, c.keyLength());
        byte[] iv = c.ivLength() == 0 ? null : Arrays.copyOfRange(keyIv, c.keyLength(), keyIv.length);
        Arrays.fill(keyIv, (byte) 0);
        return new byte[][] {key, iv};
    }

    private static void wipe(byte[][] keys) {
        for (byte[] k : keys) {
            if (k != null) {
                Arrays.fill(k, (byte) 0);
            }
        }
    }

    private long encryptWith(CipherAlgorithm c, byte[] key, byte[] iv, InputStream in, OutputStream out)
            throws IOException {
        if (c.padded()) {
            try {
                return pumpPadded(in, out, c.newBlockCipher(true, key, iv), true);
            } catch (CryptoException e) {
                throw new AssertionError("encrypting never fails on padding", e);
            }
        }
        return pump(in, out, c.newStream(true, key, iv));
    }

    private long decryptWith(CipherAlgorithm c, byte[] key, byte[] iv, InputStream in, OutputStream out)
            throws IOException, CryptoException {
        return c.padded()
                ? pumpPadded(in, out, c.newBlockCipher(false, key, iv), false)
                : decryptStream(in, out, c, key, iv);
    }

    /**
     * Runs a padded block mode (CBC with PKCS#7 padding, as openssl pads) from the start of
     * {@code in} to its end. Decrypting, the padding is the one check the format allows: a wrong
     * key leaves a valid one about 1 time in 256 (a last byte 01, or rarer longer paddings). Every
     * block but the last is written before the check: on error a caller writing a file discards it.
     */
    private static long pumpPadded(InputStream in, OutputStream out, Cipher cipher, boolean encrypt)
            throws IOException, CryptoException {
        byte[] buf = new byte[BUFFER];
        byte[] done = new byte[BUFFER + 16];
        long total = 0;
        long read = 0;
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                int m = cipher.update(buf, 0, n, done, 0);
                out.write(done, 0, m);
                total += encrypt ? n : m;
                read += n;
            }
            if (!encrypt && read == 0) {
                // The JDK decrypts no bytes to no bytes; openssl refuses them, as padding is never empty.
                throw new CryptoException("cut short: the ciphertext is empty; CBC's is at least one 8-byte block");
            }
            int m = cipher.doFinal(done, 0);
            out.write(done, 0, m);
            return encrypt ? total : total + m;
        } catch (IllegalBlockSizeException e) {
            throw new CryptoException("cut short: the ciphertext is not a whole number of 8-byte blocks");
        } catch (BadPaddingException e) {
            throw new AuthenticationException("wrong password or key, or another key derivation than the file's, or "
                    + "damaged data: the padding at its end does not check out");
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e); // the buffer has room for a block more than the input
        } finally {
            Arrays.fill(buf, (byte) 0);
            Arrays.fill(done, (byte) 0);
        }
    }

    /**
     * Decrypts openssl's or raw data. CFB decryption of a piece needs only the ciphertext just
     * before it (its register), so pieces are decrypted in parallel; RC4 runs from the start.
     */
    private long decryptStream(InputStream in, OutputStream out, CipherAlgorithm c, byte[] key, byte[] iv)
            throws IOException {
        CipherStream first = c.newStream(false, key, iv); // checks the key and IV lengths
        if (!c.seekableByCiphertext() || threads == 1) {
            return pump(in, out, first);
        }
        Pieces pieces = new Pieces(in, CFB_PIECE, 0);
        byte[][] register = {iv};
        long[] total = {0};
        long[] index = {0};
        try (OrderedExecutor pipeline = new OrderedExecutor(threads, "cipher")) {
            pipeline.run(
                    () -> {
                        Chunk p = pieces.next(index[0]++, register[0]);
                        if (p != null && p.len >= iv.length) {
                            register[0] = Arrays.copyOfRange(p.buf, p.len - iv.length, p.len);
                        }
                        return p;
                    },
                    (p, stop) -> {
                        c.newStream(false, key, p.iv).process(p.buf, 0, p.len, p.buf, 0);
                        return p;
                    },
                    (p, done) -> {
                        out.write(p.buf, 0, p.len);
                        total[0] += p.len;
                    },
                    4 * threads);
        }
        return total[0];
    }

    /**
     * Runs a cipher from the start of {@code in} to its end. The cipher carries its state from one
     * buffer to the next, so it runs where buffers are taken, in order, right after each read;
     * with more than one thread, another one meanwhile writes out what is done. A read that waits
     * (a slow pipe) does not hold up what was read before it.
     */
    private long pump(InputStream in, OutputStream out, CipherStream s) throws IOException {
        // Buffers written out, for reading into again; taken and given back on different threads.
        ConcurrentLinkedDeque<byte[]> free = new ConcurrentLinkedDeque<>();
        long[] total = {0};
        try (OrderedExecutor pipeline = new OrderedExecutor(Math.min(threads, 2), "cipher")) {
            pipeline.run(
                    () -> {
                        byte[] buf = free.poll();
                        if (buf == null) {
                            buf = new byte[BUFFER];
                        }
                        int n = in.read(buf); // what is there, not necessarily a full buffer
                        if (n < 0) {
                            return null;
                        }
                        s.process(buf, 0, n, buf, 0);
                        return new Chunk(0, buf, n, false, null);
                    },
                    (c, stop) -> c,
                    (c, done) -> {
                        out.write(c.buf, 0, c.len);
                        total[0] += c.len;
                        free.push(c.buf);
                    },
                    4);
        }
        return total[0];
    }

    private static char[] password(Secret secret) {
        if (!(secret instanceof Secret.Password p)) {
            throw new IllegalArgumentException("the openssl format takes a password; "
                    + (secret instanceof Secret.Recipients
                            ? "recipients need the cookbook format"
                            : "a raw key needs the raw format"));
        }
        return p.chars();
    }
}
