package dev.cookbook.cli.rsa;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Inputs;
import dev.cookbook.cli.common.IoOptions;
import dev.cookbook.cli.common.KeyReader;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.cli.common.Messenger;
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
import picocli.CommandLine.Parameters;
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
    private String keyFile;

    @Mixin
    private PasswordOption pass;

    @Mixin
    private SignatureOptions options;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "SIG",
            description = "Write the signature to SIG (default: " + "standard output).")
    private String out;

    @Option(names = "--base64", description = "Write the signature in base64, one line, instead of raw bytes.")
    private boolean base64;

    @Option(names = "--force", description = "Replace SIG if it exists.")
    private boolean force;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "The file to sign (default: standard input).")
    private String file;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, CryptoException {
        Messenger say = new Messenger(spec);
        String warning = options.check();
        Stdio stdio = Stdio.of(spec);
        if ("-".equals(keyFile) && (file == null || file.equals("-"))) {
            throw new ParameterException(spec.commandLine(), "the key and the data cannot both come from stdin");
        }
        RsaKey key = KeyReader.read(keyFile, pass, stdio, say::warn);
        if (key.privateKey() == null) {
            throw new CommandFailure(
                    ExitCodes.BAD_DATA, Messages.quote(keyFile) + " holds no private key: signing " + "needs one");
        }
        if (warning != null) {
            say.warn(warning);
        }
        byte[] signature;
        try (InputStream in = Inputs.open(spec, stdio, file)) {
            signature = Signatures.sign(in, key.privateKey(), options.hash, options.pss);
        }
        try (IoOptions.Output o = IoOptions.open(spec, stdio, out, force, null, !base64, true)) {
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
