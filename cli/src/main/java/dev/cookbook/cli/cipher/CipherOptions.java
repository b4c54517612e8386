package dev.cookbook.cli.cipher;

import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.NamedChoice;
import dev.cookbook.crypto.cipher.CipherAlgorithm;
import dev.cookbook.crypto.cipher.Encoding;
import dev.cookbook.crypto.cipher.EncryptionOptions;
import dev.cookbook.crypto.cipher.Format;
import dev.cookbook.crypto.cipher.Kdf;
import dev.cookbook.crypto.cipher.KdfDigest;
import dev.cookbook.crypto.cipher.Secret;
import java.util.ArrayList;
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
    CommandSpec spec;

    @Option(
            names = {"-c", "--cipher"},
            paramLabel = "CIPHER",
            converter = CipherChoice.class,
            completionCandidates = CipherChoice.class,
            description = "Cipher: ${COMPLETION-CANDIDATES} (default des3-cfb; openssl's names work too: "
                    + "des-ede3-cfb, rc4, and des3 for des3-cbc). CBC is for --openssl and -K. Decrypting the cookbook "
                    + "format, the file says.")
    CipherAlgorithm cipher;

    @Option(names = "--list", description = "List the ciphers and exit.")
    boolean list;

    @Option(
            names = "--openssl",
            description = "openssl's format (Salted__, salt, ciphertext), as 'openssl enc' writes it. Not "
                    + "authenticated. Decrypting, --kdf, --pbkdf2, --md and --iter imply it.")
    boolean openssl;

    @Option(
            names = "--kdf",
            paramLabel = "KDF",
            converter = KdfChoice.class,
            completionCandidates = KdfChoice.class,
            description = "With --openssl, the key derivation: pbkdf2 (what encrypt writes) or evp (openssl's "
                    + "EVP_BytesToKey, what 'openssl enc' uses without -pbkdf2, and what decrypt assumes).")
    Kdf kdf;

    @Option(names = "--pbkdf2", description = "With --openssl: PBKDF2, as openssl's -pbkdf2 (same as --kdf pbkdf2).")
    boolean pbkdf2;

    @Option(
            names = "--md",
            paramLabel = "DIGEST",
            converter = DigestChoice.class,
            completionCandidates = DigestChoice.class,
            description = "With --openssl, the digest of either key derivation, as openssl's -md (-md, -iter, -pbkdf2 "
                    + "and -base64 work too): "
                    + "${COMPLETION-CANDIDATES} (default sha256, openssl's since 1.1.0; md5 before).")
    KdfDigest digest;

    @Option(
            names = "--iter",
            paramLabel = "N",
            description = "PBKDF2 iterations (default " + EncryptionOptions.DEFAULT_ITERATIONS + "; with --openssl "
                    + EncryptionOptions.OPENSSL_ITERATIONS + ", openssl's own default). With --openssl it means "
                    + "--pbkdf2, as in openssl.")
    Integer iterations;

    // openssl's own spellings, for a command line copied from openssl: without them '-iter 5' would
    // be read as '-i ter' and '-md' and '-pbkdf2' as unknown options.
    @Option(names = "-md", hidden = true, converter = DigestChoice.class)
    void opensslMd(KdfDigest d) {
        digest = d;
    }

    @Option(names = "-iter", hidden = true)
    void opensslIter(int n) {
        iterations = n;
    }

    @Option(names = "-pbkdf2", hidden = true)
    void opensslPbkdf2(boolean on) {
        pbkdf2 = on;
    }

    @Option(names = "-base64", hidden = true)
    void opensslBase64(boolean on) {
        base64 = on;
    }

    @Option(
            names = {"-a", "--base64"},
            description = "Base64 text, as openssl's -a: written in lines of 64 characters; read in any layout.")
    boolean base64;

    @Option(names = "-A", description = "With -a, write one line without a newline at its end, as openssl's -a -A.")
    boolean oneLine;

    @Option(
            names = "-K",
            paramLabel = "HEX",
            description = "A raw key in hex, as 'openssl enc -K': no password, no header. An arc4 key is used as "
                    + "given, 1 to 256 bytes (as pycrypto's ARC4); openssl pads a shorter -rc4 -K with zero bytes, "
                    + "so for openssl give 32 hex digits.")
    String rawKey;

    @Option(names = "--iv", paramLabel = "HEX", description = "The IV in hex with -K (CFB and CBC ciphers).")
    String rawIv;

    @Option(names = "--print-openssl", description = "Print on stderr the 'openssl enc' command that does the same.")
    boolean printOpenssl;

    CipherAlgorithm cipherOrDefault() {
        return cipher != null ? cipher : CipherAlgorithm.DES3_CFB;
    }

    boolean raw() {
        return rawKey != null;
    }

    /** Whether an option that only openssl's format has was given: decrypting, they mean {@code --openssl}. */
    boolean derivationGiven() {
        return kdf != null || pbkdf2 || digest != null || iterations != null;
    }

    /**
     * Checks the combination and builds the library options. Encrypting, the format is cookbook's
     * unless --openssl or -K; decrypting, the cookbook format's header names its own parameters, and
     * openssl's format (asked for by --openssl or any option of its key derivation) gets openssl
     * enc's own defaults: EVP_BytesToKey over SHA-256, or with --pbkdf2 10,000 iterations.
     */
    EncryptionOptions toOptions(boolean decrypt) {
        if (rawIv != null && rawKey == null) {
            throw usage("--iv goes with -K");
        }
        if (oneLine && !base64) {
            throw usage("-A goes with -a");
        }
        if (raw() && (openssl || derivationGiven())) {
            throw usage("-K is a raw key: --openssl, --kdf, --pbkdf2, --md and --iter do not apply");
        }
        if (pbkdf2 && kdf == Kdf.EVP_BYTES_TO_KEY) {
            throw usage("--pbkdf2 and --kdf evp name two different key derivations: give one");
        }
        Kdf derivation = pbkdf2 ? Kdf.PBKDF2 : kdf;
        if (derivation == Kdf.EVP_BYTES_TO_KEY && iterations != null) {
            throw usage("--iter applies to pbkdf2 only (openssl's EVP_BytesToKey runs once)");
        }
        if (iterations != null && (iterations < 1 || iterations > EncryptionOptions.MAX_ITERATIONS)) {
            throw usage("--iter must be from 1 to " + EncryptionOptions.MAX_ITERATIONS + ", not " + iterations);
        }
        boolean opensslFormat = openssl || (decrypt && derivationGiven());
        if (!opensslFormat && !raw() && (kdf != null || pbkdf2 || digest != null)) {
            throw usage((kdf != null ? "--kdf" : pbkdf2 ? "--pbkdf2" : "--md")
                    + " applies to --openssl only (the cookbook format always uses PBKDF2-HMAC-SHA-256)");
        }
        if (!opensslFormat && !raw() && cipherOrDefault().padded()) {
            throw usage(CipherChoice.name(cipherOrDefault()) + " is for openssl's format and raw keys: add --openssl"
                    + " or -K" + (decrypt ? "" : " (the cookbook format takes the CFB ciphers and arc4)"));
        }
        EncryptionOptions.Builder b;
        if (raw()) {
            b = EncryptionOptions.OPENSSL.toBuilder().format(Format.RAW);
        } else if (!opensslFormat) {
            b = EncryptionOptions.DEFAULT.toBuilder();
        } else {
            b = (decrypt ? EncryptionOptions.OPENSSL_ENC_DEFAULT : EncryptionOptions.OPENSSL).toBuilder();
            if (derivation == null && iterations != null) {
                derivation = Kdf.PBKDF2; // as openssl's -iter
            }
            if (derivation != null) {
                b.kdf(derivation);
            }
            if (digest != null) {
                b.digest(digest);
            }
        }
        b.cipher(cipherOrDefault());
        if (iterations != null) {
            b.iterations(iterations);
        }
        if (base64) {
            b.encoding(oneLine ? Encoding.BASE64_ONE_LINE : Encoding.BASE64);
        }
        return b.build();
    }

    /**
     * What decrypting openssl's format took for granted, for a warning: the cipher, and the key
     * derivation, where no option named them; null if they were given.
     */
    String assumed(EncryptionOptions o) {
        List<String> parts = new ArrayList<>();
        List<String> options = new ArrayList<>();
        if (cipher == null) {
            parts.add(CipherChoice.name(o.cipher()));
            options.add("-c");
        }
        if (!derivationGiven()) {
            parts.add("EVP_BytesToKey over " + o.digest().opensslName() + ", openssl enc's default");
            options.add("--pbkdf2, --iter, --md");
        }
        if (parts.isEmpty()) {
            return null;
        }
        return "openssl's format does not record how it was made: assumed " + String.join(" and ", parts) + " (give "
                + String.join(", ", options) + " if it was made otherwise)";
    }

    /** Why --print-openssl has no command for an RC4 -K that is not 16 bytes long. */
    static final String RC4_KEY_PADDED = "--print-openssl: openssl enc -rc4 pads or cuts -K to 16 bytes, so no openssl "
            + "command uses this key; give 32 hex digits for openssl interop";

    /** Whether {@code openssl enc -K} would use the raw key as it is (not an RC4 key of another length than 16). */
    boolean opensslTakesRawKey() {
        return !raw() || cipherOrDefault() != CipherAlgorithm.ARC4 || rawKey.length() == 32;
    }

    /** The raw key and IV of {@code -K} and {@code --iv}, checked against the cipher. */
    Secret.RawKey rawSecret() {
        CipherAlgorithm c = cipherOrDefault();
        byte[] key = hex("-K", rawKey);
        if (!c.acceptsKeyLength(key.length)) {
            throw usage(
                    c == CipherAlgorithm.ARC4
                            ? "-K must be 1 to 256 bytes (2 to 512 hex digits) for arc4, not " + key.length
                            : "-K must be " + c.keyLength() + " bytes (" + 2 * c.keyLength() + " hex digits) for "
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
                case DES_CBC -> List.of("des-cbc", "des");
                case DES3_CBC -> List.of("des3-cbc", "des3", "des-ede3-cbc", "des-ede3");
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
                case PBKDF2 -> List.of("pbkdf2");
                case EVP_BYTES_TO_KEY -> List.of("evp", "evp_bytestokey");
            };
        }

        @Override
        protected String unknown(String value) {
            return "unknown key derivation '" + value
                    + "' (pbkdf2 or evp; the digest is --md, as in --kdf evp --md md5)";
        }
    }

    /** The digests of --md, by openssl's names, and with a dash ({@code sha-256}) in any case. */
    public static final class DigestChoice extends NamedChoice<KdfDigest> {
        public DigestChoice() {
            super(KdfDigest.class, "digest");
        }

        @Override
        protected List<String> names(KdfDigest d) {
            return d == KdfDigest.MD5
                    ? List.of("md5")
                    : List.of(d.opensslName(), d.opensslName().replace("sha", "sha-"));
        }
    }
}
