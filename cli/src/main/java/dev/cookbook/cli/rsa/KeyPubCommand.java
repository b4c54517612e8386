package dev.cookbook.cli.rsa;

import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.InputOptions;
import dev.cookbook.cli.common.KeyReader;
import dev.cookbook.cli.common.Output;
import dev.cookbook.cli.common.OutputOptions;
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
import picocli.CommandLine.Spec;

/** {@code cookbook key pub}: the public key of a key file. */
@Command(
        name = "pub",
        mixinStandardHelpOptions = true,
        description = "Print the public key (SPKI, BEGIN PUBLIC KEY) of a private key, public key or certificate.")
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class KeyPubCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Mixin
    PasswordOption pass;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, CryptoException {
        Stdio stdio = Stdio.of(spec);
        try (Output o = output.open(stdio, Output.Kind.TEXT, input.path())) {
            RsaKey key = KeyReader.read(input, pass, stdio, Diagnostics.of(spec)::warn);
            o.stream().write(KeyFiles.write(key, KeyFormat.SPKI, true, null));
            o.commit();
        }
        return ExitCodes.OK;
    }
}
