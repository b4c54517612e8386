package dev.cookbook.cli.install;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --prefix DIR} and {@code --dry-run}, shared by {@code install} and {@code uninstall}. */
final class PrefixOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--prefix",
            paramLabel = "DIR",
            description = "The prefix: DIR/bin, DIR/share/man, ... (default: $HOME/.local).")
    Path prefix;

    @Option(names = "--dry-run", description = "Print on stdout what would be done, and change nothing.")
    boolean dryRun;

    /** The prefix, absolute. */
    Path prefix(Stdio stdio) {
        Path dir;
        if (prefix != null) {
            dir = prefix.toAbsolutePath().normalize();
        } else {
            String home = stdio.environment().get("HOME");
            if (home == null || home.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "HOME is not set: give --prefix DIR");
            }
            dir = Path.of(home, ".local").toAbsolutePath().normalize();
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CommandFailure(ExitCodes.IO_ERROR, Messages.quote(dir.toString()) + ": Not a directory");
        }
        return dir;
    }

    boolean dryRun() {
        return dryRun;
    }
}
