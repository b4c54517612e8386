package dev.cookbook.cli.common;

import dev.cookbook.cli.Stdio;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -o/--out OUT} and {@code --force}: where a command's one output goes, standard output
 * by default. See {@link Output} for how a file, a device or a link is written.
 */
public final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "OUT",
            description = "Write OUT, atomically (default: standard output).")
    String out;

    @Option(names = "--force", description = "Replace OUT if it exists.")
    boolean force;

    /** The file named, as given; null for standard output (nothing given, or {@code -}). */
    public String name() {
        return out == null || out.equals("-") ? null : out;
    }

    public boolean isStdout() {
        return name() == null;
    }

    public boolean force() {
        return force;
    }

    /**
     * Opens the output.
     *
     * @param input the command's input file, never to be overwritten by its output, or null
     */
    public Output open(Stdio stdio, Output.Kind kind, Path input) throws IOException {
        return Output.open(spec, stdio, "-o/--out", out, force, kind, input);
    }

    /** Opens another output of the command ({@code --pub-out}), under the same {@code --force}. */
    public Output openOther(Stdio stdio, String option, String name, Output.Kind kind) throws IOException {
        return Output.open(spec, stdio, option, name, force, kind, null);
    }
}
