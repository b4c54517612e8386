package dev.cookbook.crypto.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * Message digests, with the tags the BSD ("tagged") checksum line format prints.
 *
 * <p>Where the JDK has an algorithm it is used, because HotSpot compiles MD5, SHA-1 and SHA-2 to the
 * CPU's own instructions; Bouncy Castle's lightweight classes supply the rest (MD4, BLAKE2b, BLAKE3).
 * Immutable and thread-safe; {@link #newHasher()} returns a new, unshared {@link Hasher}.
 *
 * <pre>{@code
 * Hasher h = DigestAlgorithm.SHA256.newHasher();
 * h.update(bytes, 0, bytes.length);
 * byte[] digest = h.digest();
 * }</pre>
 */
public enum DigestAlgorithm {
    MD2(128, false, "MD2", List.of(), "MD2"),
    MD4(128, false, "MD4", List.of(), null),
    MD5(128, false, "MD5", List.of(), "MD5"),
    SHA1(160, false, "SHA1", List.of("SHA-1"), "SHA-1"),
    SHA224(224, true, "SHA224", List.of("SHA2-224", "SHA-224"), "SHA-224"),
    SHA256(256, true, "SHA256", List.of("SHA2-256", "SHA-256"), "SHA-256"),
    SHA384(384, true, "SHA384", List.of("SHA2-384", "SHA-384"), "SHA-384"),
    SHA512(512, true, "SHA512", List.of("SHA2-512", "SHA-512"), "SHA-512"),
    SHA512_256(256, true, "SHA512t256", List.of("SHA512-256", "SHA2-512/256", "SHA-512/256"), "SHA-512/256"),
    SHA3_224(224, true, "SHA3-224", List.of(), "SHA3-224"),
    SHA3_256(256, true, "SHA3-256", List.of(), "SHA3-256"),
    SHA3_384(384, true, "SHA3-384", List.of(), "SHA3-384"),
    SHA3_512(512, true, "SHA3-512", List.of(), "SHA3-512"),
    BLAKE2B_512(512, true, "BLAKE2b", List.of("BLAKE2b-512", "BLAKE2B-512"), null),
    BLAKE3(256, true, "BLAKE3", List.of(), null);

    private final int bits;
    private final boolean secure;
    private final String tag;
    private final List<String> tagAliases;
    /** The JCA name if the JDK provides it, else null: Bouncy Castle then. */
    private final String jcaName;

    DigestAlgorithm(int bits, boolean secure, String tag, List<String> tagAliases, String jcaName) {
        this.bits = bits;
        this.secure = secure;
        this.tag = tag;
        this.tagAliases = tagAliases;
        this.jcaName = jcaName;
    }

    /** Digest length in bits. */
    public int bits() {
        return bits;
    }

    /** Number of hexadecimal digits of a digest. */
    public int hexLength() {
        return bits / 4;
    }

    /**
     * False for algorithms with practical collision attacks (MD2, MD4, MD5, SHA-1): fine for
     * spotting accidental corruption, not for detecting deliberate tampering.
     */
    public boolean isSecure() {
        return secure;
    }

    /** The name printed by the tagged format, {@code SHA256 (file) = ...}, as coreutils and BSD print it. */
    public String tag() {
        return tag;
    }

    /**
     * True if {@code name} names this algorithm in a tagged line: our own tag, or the spelling of
     * another well-known tool (openssl's {@code SHA2-256}, BSD's {@code SHA512t256}).
     */
    boolean matchesTag(String name) {
        return tag.equals(name) || tagAliases.contains(name);
    }

    /** The JCA's name for this algorithm, or null if the JDK lacks it (Bouncy Castle's then). */
    String jcaName() {
        return jcaName;
    }

    /**
     * A new hasher; not thread-safe, reusable after {@link Hasher#digest()}. A JDK digest comes from
     * the class the runtime's {@code java.security} configures, without the JCA's provider list
     * where that configuration names SUN first and prefers none: a provider a program inserts at
     * run time is not asked for it.
     *
     * @throws DigestUnavailableException if the Java runtime's configuration leaves this JDK digest out
     */
    public Hasher newHasher() {
        if (jcaName != null) {
            MessageDigest sun = SunDigests.get(jcaName);
            if (sun != null) {
                return new JdkHasher(sun);
            }
            try {
                return new JdkHasher(MessageDigest.getInstance(jcaName));
            } catch (NoSuchAlgorithmException e) {
                // Every Java SE runtime ships these in its SUN provider, but its configuration can
                // disable one (jdk.crypto.disabledAlgorithms) or leave SUN out.
                throw new DigestUnavailableException(jcaName, e);
            }
        }
        return switch (this) {
            case MD4 -> new BcHasher(new MD4Digest());
            case BLAKE2B_512 -> new BcHasher(new Blake2bDigest(512));
            case BLAKE3 -> new BcHasher(new Blake3Digest(256));
            default -> throw new AssertionError(this);
        };
    }

    /**
     * The usual algorithm behind a digest of {@code hexLength} hex digits (32: md5, 40: sha1, 64:
     * sha256, ...), to suggest when a checksum file does not match the algorithm chosen.
     */
    public static Optional<DigestAlgorithm> usualForHexLength(int hexLength) {
        return Optional.ofNullable(
                switch (hexLength) {
                    case 32 -> MD5;
                    case 40 -> SHA1;
                    case 56 -> SHA224;
                    case 64 -> SHA256;
                    case 96 -> SHA384;
                    case 128 -> SHA512;
                    default -> null;
                });
    }

    /** The algorithm whose tagged-line name is {@code tag}, if any. */
    static Optional<DigestAlgorithm> fromTag(String tag) {
        for (DigestAlgorithm a : values()) {
            if (a.matchesTag(tag)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
