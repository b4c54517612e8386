package dev.cookbook.cli.checksum;

import dev.cookbook.cli.common.NamedChoice;
import dev.cookbook.crypto.digest.DigestAlgorithm;
import java.util.List;

/**
 * {@code -a sha256}: the names the command line accepts for each {@link DigestAlgorithm}. The first
 * is the one shown in help, {@code --list}, completion and output ({@code sha256}, {@code sha3-512},
 * {@code blake2b-512}); the others are the JDK's and openssl's spellings ({@code SHA-256},
 * {@code sha2-256}, {@code blake2b}), accepted in any case.
 */
public final class DigestAlgorithmChoice extends NamedChoice<DigestAlgorithm> {
    private static final DigestAlgorithmChoice INSTANCE = new DigestAlgorithmChoice();

    public DigestAlgorithmChoice() {
        super(DigestAlgorithm.class, "algorithm");
    }

    @Override
    protected List<String> names(DigestAlgorithm a) {
        return switch (a) {
            case MD2 -> List.of("md2");
            case MD4 -> List.of("md4");
            case MD5 -> List.of("md5");
            case SHA1 -> List.of("sha1", "sha-1");
            case SHA224 -> List.of("sha224", "sha2-224", "sha-224");
            case SHA256 -> List.of("sha256", "sha2-256", "sha-256");
            case SHA384 -> List.of("sha384", "sha2-384", "sha-384");
            case SHA512 -> List.of("sha512", "sha2-512", "sha-512");
            case SHA512_256 -> List.of("sha512-256", "sha512t256", "sha2-512/256", "sha-512/256");
            case SHA3_224 -> List.of("sha3-224");
            case SHA3_256 -> List.of("sha3-256");
            case SHA3_384 -> List.of("sha3-384");
            case SHA3_512 -> List.of("sha3-512");
            case BLAKE2B_512 -> List.of("blake2b-512", "blake2b");
            case BLAKE3 -> List.of("blake3");
        };
    }

    @Override
    protected String unknown(String value) {
        return "unknown algorithm '" + value + "' (see 'cookbook checksum --list')";
    }

    /** The name {@code a} is shown by: {@code sha256}. */
    static String name(DigestAlgorithm a) {
        return INSTANCE.nameOf(a);
    }

    /** The algorithm {@code -a name} selects, exactly as the option's converter reads it; or null. */
    static DigestAlgorithm named(String name) {
        try {
            return INSTANCE.convert(name);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
