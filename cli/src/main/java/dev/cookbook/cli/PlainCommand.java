package dev.cookbook.cli;

import java.io.PrintWriter;

/**
 * A command that can run without its command line being built ({@link PlainCalls#run}): made
 * from arguments that picocli's parse would turn into operands (and, for {@code checksum}, the
 * algorithm) and nothing else, every option at the value that parse would give it. For a small
 * input, building picocli's model and parsing is most of a run (the README's start-up section),
 * and these are the forms scripts call in loops.
 */
public interface PlainCommand {
    /**
     * Runs the command on {@code stdio} as its {@code call()} would: results on {@code stdio}'s stdout
     * or {@code out} (which the caller flushes), diagnostics on {@code err}. What it throws is reported
     * as the full path reports it.
     */
    int runPlain(Stdio stdio, PrintWriter out, PrintWriter err) throws Exception;

    /**
     * Whether {@code args} go on past {@code from} with operands only: at least one, and none that
     * starts with {@code -} (an option, {@code --}, or {@code -} for standard input).
     */
    static boolean operandsOnly(String[] args, int from) {
        if (args.length <= from) {
            return false;
        }
        for (int i = from; i < args.length; i++) {
            if (args[i].startsWith("-")) {
                return false;
            }
        }
        return true;
    }
}
