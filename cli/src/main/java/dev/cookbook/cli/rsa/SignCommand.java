package dev.cookbook.cli.rsa;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.InputOptions;
import dev.cookbook.cli.common.KeyReader;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.cli.common.Output;
import dev.cookbook.cli.common.OutputOptions;
import dev.cookbook.cli.common.PasswordOption;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.rsa.RsaKey;
import dev.cookbook.crypto.rsa.Signatures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook sign}: an RSA signature of a file of any size. */
@Command(
        name = "sign",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Sign a file with an RSA private key, as 'openssl dgst -sha256 -sign KEY' does.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook sign --key key.pem -o report.sig report.pdf",
            "  cookbook sign --key key.pem --pss --base64 < message.txt",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class SignCommand implements Callable<Integer> {
    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The private key file.")
    String keyFile;

    @Mixin
    PasswordOption pass;

    @Mixin
    SignatureOptions options;

    @Mixin
    OutputOptions output;

    @Option(names = "--base64", description = "Write the signature in base64, one line, instead of raw bytes.")
    boolean base64;

    @Option(
            names = "--allow-weak",
            description = "Allow --hash sha1 or md5 for a new signature, though their collisions are practical "
                    + "(for old verifiers that accept nothing else).")
    boolean allowWeak;

    @Mixin
    InputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, CryptoException {
        options.check();
        if (!options.hash.isSecure() && !allowWeak) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--hash " + SignatureOptions.HashChoice.name(options.hash) + " is too weak for new signatures "
                            + "(collisions are practical): add --allow-weak if you must");
        }
        Stdio stdio = Stdio.of(spec);
        Diagnostics say = Diagnostics.of(spec);
        if ("-".equals(keyFile) && input.isStdin()) {
            throw new ParameterException(spec.commandLine(), "the key and the data cannot both come from stdin");
        }
        try (InputStream in = input.open(stdio);
                Output o = output.open(stdio, base64 ? Output.Kind.TEXT : Output.Kind.BINARY, input.path())) {
            RsaKey key = KeyReader.read(keyFile, pass, stdio, say::warn);
            if (key.privateKey() == null) {
                throw new CommandFailure(
                        ExitCodes.BAD_DATA, Messages.quote(keyFile) + " holds no private key: signing needs one");
            }
            options.warnLegacy(say);
            byte[] signature = Signatures.sign(in, key.privateKey(), options.hash, options.pss);
            o.stream()
                    .write(
                            base64
                                    ? (Base64.getEncoder().encodeToString(signature) + "\n")
                                            .getBytes(StandardCharsets.US_ASCII)
                                    : signature);
            o.commit();
        }
        return ExitCodes.OK;
    }
}
