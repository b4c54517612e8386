package dev.cookbook.cli.rsa;

import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.NamedChoice;
import dev.cookbook.crypto.rsa.SignatureHash;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --hash} and {@code --pss}: what {@code sign} and {@code verify} agree on. */
public final class SignatureOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--hash",
            paramLabel = "HASH",
            converter = HashChoice.class,
            completionCandidates = HashChoice.class,
            description =
                    "Digest: ${COMPLETION-CANDIDATES} (default sha256; sha1 and md5 are legacy, for old systems only).")
    SignatureHash hash = SignatureHash.SHA256;

    @Option(names = "--pss", description = "RSA-PSS instead of PKCS#1 v1.5 (openssl: -sigopt rsa_padding_mode:pss).")
    boolean pss;

    /** Checks the combination: a usage error if it cannot work. */
    void check() {
        if (pss && hash == SignatureHash.MD5) {
            throw new ParameterException(spec.commandLine(), "--pss does not go with md5");
        }
    }

    /** The legacy-algorithm warning, if the digest deserves one. */
    void warnLegacy(Diagnostics say) {
        if (!hash.isSecure()) {
            say.legacy(HashChoice.name(hash), "collisions are practical");
        }
    }

    /** Digest names, for the option and for completion: {@code sha256}, also {@code SHA-256}. */
    public static final class HashChoice extends NamedChoice<SignatureHash> {
        private static final HashChoice INSTANCE = new HashChoice();

        public HashChoice() {
            super(SignatureHash.class, "digest");
        }

        @Override
        protected List<String> names(SignatureHash h) {
            return switch (h) {
                case SHA256 -> List.of("sha256", "sha-256");
                case SHA384 -> List.of("sha384", "sha-384");
                case SHA512 -> List.of("sha512", "sha-512");
                case SHA1 -> List.of("sha1", "sha-1");
                case MD5 -> List.of("md5");
            };
        }

        /** The name {@code h} is shown by: {@code sha256}. */
        static String name(SignatureHash h) {
            return INSTANCE.nameOf(h);
        }
    }
}
