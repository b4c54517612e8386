package dev.cookbook.cli.rsa;

import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.crypto.rsa.SignatureHash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code --hash} and {@code --pss}: what {@code sign} and {@code verify} agree on. */
public final class SignatureOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = "--hash",
            paramLabel = "HASH",
            converter = HashConverter.class,
            completionCandidates = HashConverter.class,
            description = "Digest: ${COMPLETION-CANDIDATES} (default sha256; sha1 and md5 only for old signatures).")
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
            say.legacy(hash.toString(), "collisions are practical");
        }
    }

    /** Digest names, for the option and for completion. */
    static final class HashConverter implements ITypeConverter<SignatureHash>, Iterable<String> {
        @Override
        public SignatureHash convert(String value) {
            return SignatureHash.fromName(value)
                    .orElseThrow(() -> new TypeConversionException(
                            "unknown digest '" + value + "': use sha256, sha384, sha512, sha1 or md5"));
        }

        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>();
            for (SignatureHash h : SignatureHash.values()) {
                names.add(h.cliName());
            }
            return names.iterator();
        }
    }
}
