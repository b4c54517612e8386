package dev.cookbook.cli.install;

import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.Messages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cookbook uninstall [--prefix DIR]}: removes exactly what {@code install} recorded. */
@Command(
        name = "uninstall",
        mixinStandardHelpOptions = true,
        description = {
            "Remove what 'cookbook install' put under a prefix (~/.local), as its manifest lists it.",
            "A file changed since it was installed is kept, with a warning; a directory goes only if "
                    + "install created it and nothing else is in it."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook install --prefix try && cookbook uninstall --prefix try   # leaves nothing behind",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class UninstallCommand implements Callable<Integer> {
    @Mixin
    PrefixOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path prefix = options.prefix(Stdio.of(spec));
        Diagnostics say = Diagnostics.of(spec);
        Installer installer =
                new Installer(prefix, options.dryRun() ? spec.commandLine().getOut()::println : null);
        Installer.Outcome done =
                installer.uninstall(file -> say.warn("kept " + file + ": it changed since it was installed"));
        if (!options.dryRun()) {
            say.note("removed " + done.removed() + " files from " + Messages.quote(prefix.toString())
                    + (done.kept() > 0 ? ", kept " + done.kept() : ""));
        }
        return ExitCodes.OK;
    }
}
