package dev.cookbook.cli.rsa;

import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.IoOptions;
import dev.cookbook.cli.common.KeyReader;
import dev.cookbook.cli.common.Messenger;
import dev.cookbook.cli.common.PasswordOption;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.rsa.KeyFiles;
import dev.cookbook.crypto.rsa.KeyFormat;
import dev.cookbook.crypto.rsa.RsaKey;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cookbook key pub}: the public key of a key file. */
@Command(
        name = "pub",
        mixinStandardHelpOptions = true,
        description = "Print the public key (SPKI, BEGIN PUBLIC KEY) of a private key, public key or certificate.")
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class KeyPubCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The key file (- for standard input).")
    private String file;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "OUT",
            description = "Write OUT (default: standard output).")
    private String out;

    @Option(names = "--force", description = "Replace OUT if it exists.")
    private boolean force;

    @Mixin
    private PasswordOption pass;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, CryptoException {
        Stdio stdio = Stdio.of(spec);
        RsaKey key = KeyReader.read(file, pass, stdio, new Messenger(spec)::warn);
        try (IoOptions.Output o = IoOptions.open(spec, stdio, out, force, null, false, true)) {
            o.stream().write(KeyFiles.write(key, KeyFormat.SPKI, true, null));
            o.commit();
        }
        return ExitCodes.OK;
    }
}
