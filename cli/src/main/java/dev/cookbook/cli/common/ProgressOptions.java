package dev.cookbook.cli.common;

import dev.cookbook.cli.Stdio;
import java.io.PrintWriter;
import java.util.function.LongSupplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --progress}/{@code --no-progress}, with one default everywhere: a bar on stderr when
 * stderr is a terminal and the work is large (its size unknown, or at least
 * {@value #LARGE_BYTES} bytes). Never over data: not while the data itself goes to the terminal
 * (stdout is one), whatever was asked.
 */
public final class ProgressOptions {
    /** Below this, the work ends too soon for a bar to be more than a flash. */
    public static final long LARGE_BYTES = 16L << 20;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--progress",
            negatable = true,
            description = "Show a progress bar on stderr (default: when stderr is a terminal and the input is large).")
    Boolean progress;

    /**
     * A started bar, or an inert one when it is not to be shown.
     *
     * @param dataToStdout whether the command's data goes to standard output
     * @param done         bytes done so far; read from the bar's thread
     * @param total        bytes in all, -1 if unknown; asked at most once, and only when the
     *                     answer matters (it may cost a look at every file)
     */
    public ProgressBar start(Stdio stdio, boolean dataToStdout, LongSupplier done, LongSupplier total) {
        return start(stdio, dataToStdout, spec.commandLine().getErr(), done, total);
    }

    /** {@link #start(Stdio, boolean, LongSupplier, LongSupplier)}, drawn on {@code err}. */
    public ProgressBar start(
            Stdio stdio, boolean dataToStdout, PrintWriter err, LongSupplier done, LongSupplier total) {
        long[] known = {-2};
        LongSupplier once = () -> known[0] != -2 ? known[0] : (known[0] = total.getAsLong());
        return ProgressBar.start(shown(stdio, dataToStdout, once), err, done, once);
    }

    /**
     * Whether a command whose work has no byte count (a load test, a server) shows its own live
     * line: asked with --progress, or stderr is a terminal.
     */
    public boolean shown(Stdio stdio) {
        return shown(stdio, false, () -> -1);
    }

    private boolean shown(Stdio stdio, boolean dataToStdout, LongSupplier total) {
        if (dataToStdout && stdio.stdoutIsTerminal()) {
            return false;
        }
        if (progress != null) {
            return progress;
        }
        if (!stdio.stderrIsTerminal()) {
            return false;
        }
        long bytes = total.getAsLong();
        return bytes < 0 || bytes >= LARGE_BYTES;
    }
}
