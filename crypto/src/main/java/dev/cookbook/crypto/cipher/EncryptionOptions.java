package dev.cookbook.crypto.cipher;

import java.util.Objects;

/**
 * How to encrypt (or, for the formats whose header does not say, how to decrypt): cipher,
 * format, key derivation with its digest and cost, chunk size, base64 or not. Immutable; start from {@link #DEFAULT} or
 * {@link #OPENSSL} and change what differs:
 *
 * <pre>{@code
 * EncryptionOptions o = EncryptionOptions.OPENSSL.toBuilder().cipher(CipherAlgorithm.ARC4).build();
 * }</pre>
 */
public final class EncryptionOptions {
    /** PBKDF2-HMAC-SHA-256 iterations of the cookbook format: OWASP's 2023 advice. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** {@code openssl enc -pbkdf2}'s own default, so that a plain {@code openssl enc -d -pbkdf2} opens our file. */
    public static final int OPENSSL_ITERATIONS = 10_000;
    /**
     * The most PBKDF2 iterations a file may ask for: reading refuses more, so that a damaged count
     * cannot make decryption compute for minutes before it fails; writing refuses more, so that no
     * file is made that cannot be read.
     */
    public static final int MAX_ITERATIONS = 100_000_000;
    /** Plaintext bytes per authenticated chunk of the cookbook format. */
    public static final int DEFAULT_CHUNK_SIZE = 64 << 10;

    /** The cookbook format with triple DES (CFB-64). */
    public static final EncryptionOptions DEFAULT = new Builder().build();
    /** openssl's salted format with PBKDF2-HMAC-SHA-256 and 10,000 iterations: what cookbook writes. */
    public static final EncryptionOptions OPENSSL =
            new Builder().format(Format.OPENSSL).iterations(OPENSSL_ITERATIONS).build();
    /**
     * openssl's salted format as a plain {@code openssl enc -pass ...} (OpenSSL 1.1.0 and later)
     * writes it: EVP_BytesToKey over SHA-256, once.
     */
    public static final EncryptionOptions OPENSSL_ENC_DEFAULT =
            OPENSSL.toBuilder().kdf(Kdf.EVP_BYTES_TO_KEY).build();

    private final CipherAlgorithm cipher;
    private final Format format;
    private final Kdf kdf;
    private final KdfDigest digest;
    private final int iterations;
    private final int chunkSize;
    private final Encoding encoding;

    private EncryptionOptions(Builder b) {
        this.cipher = b.cipher;
        this.format = b.format;
        this.kdf = b.kdf;
        this.digest = b.digest;
        this.encoding = b.encoding;
        this.iterations = b.iterations;
        this.chunkSize = b.chunkSize;
    }

    public CipherAlgorithm cipher() {
        return cipher;
    }

    public Format format() {
        return format;
    }

    public Kdf kdf() {
        return kdf;
    }

    public KdfDigest digest() {
        return digest;
    }

    /** PBKDF2's iterations; 1 for EVP_BytesToKey, which runs once whatever the builder was told. */
    public int iterations() {
        return kdf == Kdf.EVP_BYTES_TO_KEY ? 1 : iterations;
    }

    public int chunkSize() {
        return chunkSize;
    }

    public Encoding encoding() {
        return encoding;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Collects options and checks that they fit together. */
    public static final class Builder {
        private CipherAlgorithm cipher = CipherAlgorithm.DES3_CFB;
        private Format format = Format.COOKBOOK;
        private Kdf kdf = Kdf.PBKDF2;
        private KdfDigest digest = KdfDigest.SHA256;
        private int iterations = DEFAULT_ITERATIONS;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private Encoding encoding = Encoding.BINARY;

        private Builder() {}

        private Builder(EncryptionOptions o) {
            cipher = o.cipher;
            format = o.format;
            kdf = o.kdf;
            digest = o.digest;
            iterations = o.iterations;
            chunkSize = o.chunkSize;
            encoding = o.encoding;
        }

        public Builder cipher(CipherAlgorithm cipher) {
            this.cipher = Objects.requireNonNull(cipher);
            return this;
        }

        public Builder format(Format format) {
            this.format = Objects.requireNonNull(format);
            return this;
        }

        public Builder kdf(Kdf kdf) {
            this.kdf = Objects.requireNonNull(kdf);
            return this;
        }

        public Builder digest(KdfDigest digest) {
            this.digest = Objects.requireNonNull(digest);
            return this;
        }

        public Builder encoding(Encoding encoding) {
            this.encoding = Objects.requireNonNull(encoding);
            return this;
        }

        public Builder iterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /** Plaintext bytes per chunk of the cookbook format: a power of two from 1 KiB to 16 MiB. */
        public Builder chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        /**
         * @throws IllegalArgumentException for a combination that cannot work, naming both values
         */
        public EncryptionOptions build() {
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException(
                        "iterations must be from 1 to " + MAX_ITERATIONS + ", not " + iterations);
            }
            if (Integer.bitCount(chunkSize) != 1 || chunkSize < 1024 || chunkSize > (16 << 20)) {
                throw new IllegalArgumentException(
                        "chunk size must be a power of two from 1 KiB to 16 MiB, not " + chunkSize);
            }
            if (format == Format.COOKBOOK && cipher.padded()) {
                throw new IllegalArgumentException("the cookbook format takes the stream ciphers (CFB, RC4), not "
                        + cipher.opensslName() + ": CBC is for openssl's format and raw keys");
            }
            if (format == Format.COOKBOOK && (kdf != Kdf.PBKDF2 || digest != KdfDigest.SHA256)) {
                throw new IllegalArgumentException(
                        "the cookbook format derives keys with PBKDF2-HMAC-SHA-256 only, not "
                                + (kdf == Kdf.PBKDF2
                                        ? "PBKDF2 over " + digest.opensslName()
                                        : "openssl's EVP_BytesToKey"));
            }
            return new EncryptionOptions(this);
        }
    }
}
