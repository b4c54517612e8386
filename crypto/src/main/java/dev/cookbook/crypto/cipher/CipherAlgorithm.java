package dev.cookbook.crypto.cipher;

import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ciphers of the reference recipe, all legacy: single DES (a 56-bit key, searchable in days),
 * triple DES (a 64-bit block, deprecated by NIST in 2023) and RC4 (biased keystream). They exist
 * for old data. All but CBC are stream modes, whose ciphertext is as long as the plaintext; the
 * two CBC ciphers ({@link #padded()}) are there to read and write what {@code openssl enc -des}
 * and {@code -des3} make, in openssl's format or with raw keys only.
 *
 * <p>Each constant is one line: adding a cipher means adding one here. The stream engines are this
 * package's own ({@link DesCfb} over {@link DesCore} for DES and triple DES, {@link Rc4} for RC4),
 * checked byte-identical to the JDK's and Bouncy Castle's by the tests; cli/bench and the README
 * hold their measured speeds. CBC runs on the JDK's DES and DESede, sequentially: it has no speed
 * target.
 */
public enum CipherAlgorithm {
    /** DES in CFB mode with 64-bit feedback: openssl {@code des-cfb}. */
    DES_CFB(1, "des-cfb", 8, 8, 64),
    /** DES in CFB mode with 8-bit feedback: openssl {@code des-cfb8}. */
    DES_CFB8(2, "des-cfb8", 8, 8, 8),
    /** Triple DES (EDE, three keys) in CFB mode with 64-bit feedback: openssl {@code des-ede3-cfb}. */
    DES3_CFB(3, "des-ede3-cfb", 24, 8, 64),
    /** Triple DES (EDE, three keys) in CFB mode with 8-bit feedback: openssl {@code des-ede3-cfb8}. */
    DES3_CFB8(4, "des-ede3-cfb8", 24, 8, 8),
    /** DES in CBC mode with PKCS#7 padding: openssl {@code des-cbc}, which {@code -des} means. Openssl's format and raw keys only. */
    DES_CBC(6, "des-cbc", 8, 8, 0),
    /**
     * Triple DES (EDE, three keys) in CBC mode with PKCS#7 padding: openssl {@code des-ede3-cbc},
     * which {@code -des3} means. Openssl's format and raw keys only.
     */
    DES3_CBC(7, "des-ede3-cbc", 24, 8, 0),
    /** RC4 (ARC4), with a 128-bit key from a password, or a raw key of 1 to 256 bytes: openssl {@code rc4}. */
    ARC4(5, "rc4", 16, 0, 0);

    private final int id;
    private final String opensslName;
    private final int keyLength;
    private final int ivLength;
    private final int feedbackBits;

    CipherAlgorithm(int id, String opensslName, int keyLength, int ivLength, int feedbackBits) {
        this.id = id;
        this.opensslName = opensslName;
        this.keyLength = keyLength;
        this.ivLength = ivLength;
        this.feedbackBits = feedbackBits;
    }

    /** The number stored in the cookbook format's header; never reused. */
    int id() {
        return id;
    }

    /** The name {@code openssl enc} knows it by, without the dash: {@code des-ede3-cfb}. */
    public String opensslName() {
        return opensslName;
    }

    /** Key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /**
     * Whether this is a padded block mode (CBC), whose ciphertext is longer than the plaintext: not
     * a {@link CipherStream}, and not for the cookbook format, whose chunks need a stream cipher.
     */
    public boolean padded() {
        return feedbackBits == 0 && ivLength > 0;
    }

    /** Whether a raw key of {@code length} bytes fits: the key length, or for RC4 1 to 256 bytes. */
    public boolean acceptsKeyLength(int length) {
        return this == ARC4 ? length >= 1 && length <= 256 : length == keyLength;
    }

    /** IV length in bytes; 0 for RC4, which has none. */
    public int ivLength() {
        return ivLength;
    }

    /**
     * The bytes of ciphertext that determine where CFB decryption of a segment starts: any segment
     * can be decrypted alone given the {@link #ivLength()} ciphertext bytes before it. 0 for RC4,
     * whose keystream can only be produced from the start.
     */
    boolean seekableByCiphertext() {
        return ivLength > 0 && !padded();
    }

    /**
     * A cipher keyed with {@code key} and {@code iv}, ready to process bytes from the start.
     *
     * @param key {@link #keyLength()} bytes; RC4 takes any key of 1 to 256 bytes, as the algorithm
     *     (and pycrypto's ARC4) does, though a key under 16 bytes is searchable
     * @throws IllegalArgumentException if the key or IV has the wrong length
     */
    public CipherStream newStream(boolean encrypt, byte[] key, byte[] iv) {
        if (!acceptsKeyLength(key.length)) {
            throw new IllegalArgumentException(opensslName + " needs a " + (this == ARC4 ? "1- to 256" : keyLength)
                    + "-byte key, not " + key.length);
        }
        if ((iv == null ? 0 : iv.length) != ivLength) {
            throw new IllegalArgumentException(
                    opensslName + " needs a " + ivLength + "-byte IV, not " + (iv == null ? 0 : iv.length));
        }
        if (padded()) {
            throw new IllegalArgumentException(opensslName + " is a padded block mode, not a stream cipher");
        }
        if (this == ARC4) {
            return new Rc4(key); // encryption and decryption are one operation
        }
        return new DesCfb(key, encrypt, feedbackBits == 64, iv);
    }

    /** The JDK's CBC with PKCS#5 (for 8-byte blocks, PKCS#7) padding, keyed; for {@link #padded()} ciphers. */
    Cipher newBlockCipher(boolean encrypt, byte[] key, byte[] iv) {
        if (!padded() || key.length != keyLength || iv == null || iv.length != ivLength) {
            throw new IllegalArgumentException(
                    opensslName + " needs a " + keyLength + "-byte key and an " + ivLength + "-byte IV");
        }
        String algorithm = keyLength == 8 ? "DES" : "DESede";
        try {
            Cipher c = Cipher.getInstance(algorithm + "/CBC/PKCS5Padding");
            c.init(
                    encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key, algorithm),
                    new IvParameterSpec(iv));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the Java runtime lacks " + algorithm + "/CBC", e);
        }
    }

    static Optional<CipherAlgorithm> fromId(int id) {
        for (CipherAlgorithm c : values()) {
            if (c.id == id) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
