package dev.cookbook.cli.rsa;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook key}: RSA key files, in the formats openssl and ssh tooling use. */
@Command(
        name = "key",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Make, show and convert RSA key files (PKCS#8, PKCS#1, SPKI; PEM or DER).",
        subcommands = {KeyGenCommand.class, KeyPubCommand.class, KeyInspectCommand.class, KeyConvertCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook key gen -o key.pem --pub-out key.pub.pem",
            "  cookbook key inspect key.pem",
            "  cookbook key convert --to pkcs1 key.pem -o key.rsa.pem",
        })
public final class KeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: gen, pub, inspect or convert");
    }
}
