package dev.cookbook.cli.cipher;

import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.NamedChoice;
import dev.cookbook.crypto.cipher.CipherAlgorithm;
import dev.cookbook.crypto.cipher.EncryptionOptions;
import dev.cookbook.crypto.cipher.Format;
import dev.cookbook.crypto.cipher.Kdf;
import dev.cookbook.crypto.cipher.Secret;
import java.util.HexFormat;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options {@code encrypt} and {@code decrypt} share: cipher, format, key derivation, raw key.
 * They turn into {@link EncryptionOptions} and a {@link Secret}, after checking that they fit
 * together.
 */
public final class CipherOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = {"-c", "--cipher"},
            paramLabel = "CIPHER",
            converter = CipherChoice.class,
            completionCandidates = CipherChoice.class,
            description = "Cipher: ${COMPLETION-CANDIDATES} (default des3-cfb; alias rc4 for arc4). Decrypting the "
                    + "cookbook format, the file says.")
    CipherAlgorithm cipher;

    @Option(names = "--list", description = "List the ciphers and exit.")
    boolean list;

    @Option(
            names = "--openssl",
            description = "openssl's format (Salted__, salt, ciphertext), as 'openssl enc -salt' "
                    + "writes it. Not authenticated.")
    boolean openssl;

    @Option(
            names = "--kdf",
            paramLabel = "KDF",
            converter = KdfChoice.class,
            completionCandidates = KdfChoice.class,
            description = "With --openssl: pbkdf2 (PBKDF2-HMAC-SHA-256, the default) or evp-md5 (openssl's legacy "
                    + "derivation, for old files).")
    Kdf kdf;

    @Option(
            names = "--iter",
            paramLabel = "N",
            description = "PBKDF2 iterations (default " + EncryptionOptions.DEFAULT_ITERATIONS + "; with --openssl "
                    + EncryptionOptions.OPENSSL_ITERATIONS + ", openssl's own default).")
    Integer iterations;

    @Option(
            names = "-K",
            paramLabel = "HEX",
            description = "A raw key in hex, as 'openssl enc -K': no password, " + "no header.")
    String rawKey;

    @Option(names = "--iv", paramLabel = "HEX", description = "The IV in hex with -K (CFB ciphers).")
    String rawIv;

    @Option(names = "--print-openssl", description = "Print on stderr the 'openssl enc' command that does the same.")
    boolean printOpenssl;

    CipherAlgorithm cipherOrDefault() {
        return cipher != null ? cipher : CipherAlgorithm.DES3_CFB;
    }

    boolean raw() {
        return rawKey != null;
    }

    /**
     * Checks the combination and builds the library options. Decrypting, the cookbook format's
     * header names its own parameters, so the defaults are openssl's, for a {@code Salted__} file,
     * and {@code --kdf}/{@code --iter} need no {@code --openssl}.
     */
    EncryptionOptions toOptions(boolean decrypt) {
        if (rawIv != null && rawKey == null) {
            throw usage("--iv goes with -K");
        }
        if (raw() && (openssl || kdf != null || iterations != null)) {
            throw usage("-K is a raw key: --openssl, --kdf and --iter do not apply");
        }
        if (kdf != null && !openssl && !decrypt) {
            throw usage("--kdf applies to --openssl only (the cookbook format always uses pbkdf2)");
        }
        if (kdf == Kdf.EVP_MD5 && iterations != null) {
            throw usage("--iter applies to pbkdf2 only (openssl's evp-md5 derivation runs once)");
        }
        if (iterations != null && (iterations < 1 || iterations > EncryptionOptions.MAX_ITERATIONS)) {
            throw usage("--iter must be from 1 to " + EncryptionOptions.MAX_ITERATIONS + ", not " + iterations);
        }
        EncryptionOptions base = openssl || decrypt ? EncryptionOptions.OPENSSL : EncryptionOptions.DEFAULT;
        EncryptionOptions.Builder b = base.toBuilder().cipher(cipherOrDefault());
        if (raw()) {
            b.format(Format.RAW);
        }
        if (kdf != null) {
            b.kdf(kdf);
        }
        if (iterations != null) {
            b.iterations(iterations);
        }
        return b.build();
    }

    /** The raw key and IV of {@code -K} and {@code --iv}, checked against the cipher. */
    Secret.RawKey rawSecret() {
        CipherAlgorithm c = cipherOrDefault();
        byte[] key = hex("-K", rawKey);
        if (key.length != c.keyLength()) {
            throw usage("-K must be " + c.keyLength() + " bytes (" + 2 * c.keyLength() + " hex digits) for "
                    + CipherChoice.name(c) + ", not " + key.length);
        }
        if (c.ivLength() == 0) {
            if (rawIv != null) {
                throw usage(CipherChoice.name(c) + " takes no IV: drop --iv");
            }
            return new Secret.RawKey(key, null);
        }
        if (rawIv == null) {
            throw usage(CipherChoice.name(c) + " needs --iv HEX with -K (" + 2 * c.ivLength() + " hex digits)");
        }
        byte[] iv = hex("--iv", rawIv);
        if (iv.length != c.ivLength()) {
            throw usage("--iv must be " + c.ivLength() + " bytes (" + 2 * c.ivLength() + " hex digits) for "
                    + CipherChoice.name(c) + ", not " + iv.length);
        }
        return new Secret.RawKey(key, iv);
    }

    private byte[] hex(String option, String value) {
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw usage(option + " must be hexadecimal digits, an even number of them");
        }
    }

    void printList() {
        var out = spec.commandLine().getOut();
        for (CipherAlgorithm c : CipherAlgorithm.values()) {
            out.println(String.format(
                    "%-10s openssl %-14s key %2d bytes, IV %d bytes",
                    CipherChoice.name(c), c.opensslName(), c.keyLength(), c.ivLength()));
        }
    }

    /** The one warning every cipher here gets: all are kept for old data only. */
    static void warnLegacy(Diagnostics say, CipherAlgorithm c) {
        say.legacy(
                CipherChoice.name(c),
                c == CipherAlgorithm.ARC4
                        ? "RC4's keystream is biased"
                        : c.keyLength() == 8 ? "DES keys are found by brute force" : "triple DES has 64-bit blocks");
    }

    /** A usage error if {@code option} was given with {@code -K}, which needs no password or key file. */
    void refuseWithRawKey(String option, boolean given) {
        if (raw() && given) {
            throw usage("-K is a raw key: " + option + " does not apply");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Cipher names, for the option and for completion: cookbook's ({@code des3-cfb}, shown), and
     * openssl's where it differs ({@code des-ede3-cfb}, {@code rc4}), in any case.
     */
    public static final class CipherChoice extends NamedChoice<CipherAlgorithm> {
        private static final CipherChoice INSTANCE = new CipherChoice();

        public CipherChoice() {
            super(CipherAlgorithm.class, "cipher");
        }

        @Override
        protected List<String> names(CipherAlgorithm c) {
            return switch (c) {
                case DES_CFB -> List.of("des-cfb");
                case DES_CFB8 -> List.of("des-cfb8");
                case DES3_CFB -> List.of("des3-cfb", "des-ede3-cfb");
                case DES3_CFB8 -> List.of("des3-cfb8", "des-ede3-cfb8");
                case ARC4 -> List.of("arc4", "rc4");
            };
        }

        @Override
        protected String unknown(String value) {
            return "unknown cipher '" + value + "' (see --list)";
        }

        /** The name {@code c} is shown by: {@code des3-cfb}. */
        static String name(CipherAlgorithm c) {
            return INSTANCE.nameOf(c);
        }
    }

    /** KDF names, for the option and for completion. */
    public static final class KdfChoice extends NamedChoice<Kdf> {
        public KdfChoice() {
            super(Kdf.class, "key derivation");
        }

        @Override
        protected List<String> names(Kdf k) {
            return switch (k) {
                case PBKDF2_SHA256 -> List.of("pbkdf2");
                case EVP_MD5 -> List.of("evp-md5");
            };
        }
    }
}
