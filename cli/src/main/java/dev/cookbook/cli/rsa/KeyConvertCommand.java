package dev.cookbook.cli.rsa;

import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.InputOptions;
import dev.cookbook.cli.common.KeyReader;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.cli.common.NamedChoice;
import dev.cookbook.cli.common.Output;
import dev.cookbook.cli.common.OutputOptions;
import dev.cookbook.cli.common.PasswordOption;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.rsa.KeyFiles;
import dev.cookbook.crypto.rsa.KeyFormat;
import dev.cookbook.crypto.rsa.RsaKey;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook key convert}: a key file in another format. */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Convert a key file: pkcs8 (BEGIN PRIVATE KEY), pkcs1 (BEGIN RSA PRIVATE KEY, or BEGIN RSA PUBLIC KEY "
                    + "for a public key), spki (BEGIN PUBLIC KEY) or der (PKCS#8 DER for a private key, SPKI DER "
                    + "for a public one).",
            "--pass unlocks an encrypted input; --out-pass encrypts a private key output (encrypted PKCS#8).",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class KeyConvertCommand implements Callable<Integer> {

    /** The targets of {@code --to}. */
    enum Target {
        PKCS8,
        PKCS1,
        SPKI,
        DER
    }

    /** {@code pkcs8}, {@code pkcs1}, {@code spki}, {@code der}. */
    static final class TargetChoice extends NamedChoice<Target> {
        TargetChoice() {
            super(Target.class, "format");
        }
    }

    @Option(
            names = "--to",
            required = true,
            paramLabel = "FORMAT",
            converter = TargetChoice.class,
            completionCandidates = TargetChoice.class,
            description = "The output format: ${COMPLETION-CANDIDATES}.")
    Target to;

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Mixin
    PasswordOption pass;

    @Option(
            names = "--out-pass",
            paramLabel = "SPEC",
            description = "Encrypt the private key output with this "
                    + "password: env:NAME, file:PATH, fd:N, stdin or pass:TEXT.")
    String outPass;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, CryptoException {
        Stdio stdio = Stdio.of(spec);
        Diagnostics say = Diagnostics.of(spec);
        RsaKey key = KeyReader.read(input, pass, stdio, say::warn);
        boolean privateOut = key.privateKey() != null && (to == Target.PKCS8 || to == Target.PKCS1 || to == Target.DER);
        if (to == Target.PKCS8 && key.privateKey() == null) {
            throw usage("pkcs8 holds a private key and " + Messages.quote(input.displayName())
                    + " holds only a public key: use spki");
        }
        if (outPass != null && !(privateOut && to != Target.PKCS1)) {
            throw usage("--out-pass encrypts a private key as pkcs8 or der only");
        }
        KeyFormat format = switch (to) {
            case PKCS8, DER ->
                key.privateKey() != null
                        ? (outPass != null ? KeyFormat.ENCRYPTED_PKCS8 : KeyFormat.PKCS8)
                        : KeyFormat.SPKI;
            case PKCS1 -> key.privateKey() != null ? KeyFormat.PKCS1 : KeyFormat.PKCS1_PUBLIC;
            case SPKI -> KeyFormat.SPKI;
        };
        char[] password = outPass == null ? null : PasswordOption.read(spec, "--out-pass", outPass, stdio, say::warn);
        Output.Kind kind = to == Target.DER
                ? (privateOut ? Output.Kind.SECRET_BINARY : Output.Kind.BINARY)
                : (privateOut ? Output.Kind.SECRET : Output.Kind.TEXT);
        try (Output o = output.open(stdio, kind, input.path())) {
            o.stream().write(KeyFiles.write(key, format, to != Target.DER, password));
            o.commit();
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
        return ExitCodes.OK;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
