package dev.cookbook.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root: {@code cookbook [-v] [--log-file PATH] COMMAND ...}. */
@Command(
        name = "cookbook",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Classic cookbook recipes as one fast, safe command-line tool.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook checksum README.md",
            "  cookbook checksum -a md5 -r src/ > MD5SUMS && cookbook checksum -c MD5SUMS",
            "  cookbook encrypt --pass env:PASSWORD -i notes.txt -o notes.txt.enc && cookbook decrypt --pass env:PASSWORD -i notes.txt.enc",
            "  cookbook help checksum",
        })
public final class CookbookCommand implements Callable<Integer> {
    @Mixin
    LoggingMixin logging;

    @Spec
    CommandSpec spec;

    private final Stdio stdio;

    CookbookCommand(Stdio stdio) {
        this.stdio = stdio;
    }

    public Stdio stdio() {
        return stdio;
    }

    /** Whether {@code -q/--quiet} silences warnings and notices. */
    public boolean quiet() {
        return logging.quiet();
    }

    LoggingMixin logging() {
        return logging;
    }

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(), "missing command: say what to do, for example 'cookbook checksum FILE'");
    }
}
