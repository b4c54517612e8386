package dev.cookbook.cli.install;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.CookbookCli;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.proc.shell.ShellQuote;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cookbook install [--prefix DIR]}: the running executable, its completions and man pages, under a prefix. */
@Command(
        name = "install",
        mixinStandardHelpOptions = true,
        description = {
            "Install cookbook, its bash and zsh completion and its man pages under a prefix (~/.local).",
            "Writes DIR/bin/cookbook (a copy of this executable, or a link to it when it belongs to a "
                    + "self-contained distribution), DIR/share/bash-completion/completions/cookbook, "
                    + "DIR/share/zsh/site-functions/_cookbook and DIR/share/man/man1/cookbook*.1, and records "
                    + "them in DIR/share/cookbook/install-manifest for 'cookbook uninstall'. Installing again "
                    + "replaces them (an upgrade); a file that cookbook did not put there is replaced only with --force."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook install                                     # into ~/.local",
            "  cookbook install --prefix ~/opt/cookbook --dry-run   # print what it would write",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class InstallCommand implements Callable<Integer> {
    @Mixin
    PrefixOptions options;

    @Option(names = "--force", description = "Replace files at the targets that cookbook did not install.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Stdio stdio = Stdio.of(spec);
        Path prefix = options.prefix(stdio);
        Path launcher = launcher();
        PrintWriter out = spec.commandLine().getOut();
        Installer installer = new Installer(prefix, options.dryRun() ? out::println : null);
        Installer.Outcome done =
                installer.install(Installer.items(launcher, CookbookCli.create(stdio)), force, spec.commandLine());
        if (options.dryRun()) {
            return ExitCodes.OK;
        }
        Diagnostics say = Diagnostics.of(spec);
        say.note("installed " + done.written() + " files under " + Messages.quote(prefix.toString())
                + (done.removed() > 0 ? ", removed " + done.removed() + " left from the previous version" : ""));
        Path bin = prefix.resolve("bin");
        String path = stdio.environment().getOrDefault("PATH", "");
        if (Arrays.stream(path.split(File.pathSeparator))
                .noneMatch(d -> !d.isEmpty() && Path.of(d).equals(bin))) {
            say.note(Messages.quote(bin.toString()) + " is not on PATH: add it with export PATH="
                    + ShellQuote.quote(bin.toString()) + ":\"$PATH\"");
        }
        return ExitCodes.OK;
    }

    /**
     * The executable running now: the launcher file, which the JVM has as its class path (the
     * launcher runs {@code java -jar "$0"}), and which starts with {@code #!/bin/sh}.
     */
    private Path launcher() throws IOException {
        String classPath = System.getProperty("java.class.path", "");
        Path file = classPath.contains(File.pathSeparator) || classPath.isEmpty() ? null : Path.of(classPath);
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] start = in.readNBytes(10);
                if (new String(start, StandardCharsets.ISO_8859_1).equals("#!/bin/sh\n")) {
                    return file;
                }
            }
        }
        throw new CommandFailure(
                ExitCodes.USAGE,
                "this is not the cookbook executable (the class path is "
                        + Messages.quote(classPath.length() > 80 ? classPath.substring(0, 77) + "..." : classPath)
                        + ")",
                "run install from the built executable: cli/target/cookbook install",
                null);
    }
}
