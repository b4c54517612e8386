package dev.cookbook.cli.rsa;

import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.IoOptions;
import dev.cookbook.cli.common.KeyReader;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.cli.common.Messenger;
import dev.cookbook.cli.common.PasswordOption;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.rsa.KeyFiles;
import dev.cookbook.crypto.rsa.KeyFormat;
import dev.cookbook.crypto.rsa.RsaKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
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
        pkcs8,
        pkcs1,
        spki,
        der
    }

    @Option(
            names = "--to",
            required = true,
            paramLabel = "FORMAT",
            description = "The output format: ${COMPLETION-CANDIDATES}.")
    private Target to;

    @Parameters(paramLabel = "FILE", description = "The key file (- for standard input).")
    private String file;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "OUT",
            description = "Write OUT (default: standard output).")
    private String out;

    @Mixin
    private PasswordOption pass;

    @Option(
            names = "--out-pass",
            paramLabel = "SPEC",
            description = "Encrypt the private key output with this "
                    + "password: env:NAME, file:PATH, fd:N, stdin or pass:TEXT.")
    private String outPass;

    @Option(names = "--force", description = "Replace OUT if it exists.")
    private boolean force;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, CryptoException {
        Stdio stdio = Stdio.of(spec);
        Messenger say = new Messenger(spec);
        RsaKey key = KeyReader.read(file, pass, stdio, say::warn);
        boolean privateOut = key.privateKey() != null && (to == Target.pkcs8 || to == Target.pkcs1 || to == Target.der);
        if (to == Target.pkcs8 && key.privateKey() == null) {
            throw usage("pkcs8 holds a private key and " + Messages.quote(file) + " holds only a public key: use spki");
        }
        if (outPass != null && !(privateOut && to != Target.pkcs1)) {
            throw usage("--out-pass encrypts a private key as pkcs8 or der only");
        }
        KeyFormat format = switch (to) {
            case pkcs8, der ->
                key.privateKey() != null
                        ? (outPass != null ? KeyFormat.ENCRYPTED_PKCS8 : KeyFormat.PKCS8)
                        : KeyFormat.SPKI;
            case pkcs1 -> key.privateKey() != null ? KeyFormat.PKCS1 : KeyFormat.PKCS1_PUBLIC;
            case spki -> KeyFormat.SPKI;
        };
        char[] password = outPass == null ? null : PasswordOption.read(spec, "--out-pass", outPass, stdio, say::warn);
        try (IoOptions.Output o = IoOptions.open(
                spec, stdio, out, force, file.equals("-") ? null : Path.of(file), to == Target.der, !privateOut)) {
            o.stream().write(KeyFiles.write(key, format, to != Target.der, password));
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
