package dev.cookbook.cli.common;

import dev.cookbook.cli.CookbookCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every diagnostic line a command prints goes through here, in the one format:
 * {@code cookbook <command>: <message>}, {@code cookbook <command>: hint: ...},
 * {@code cookbook <command>: warning: ...}. Warnings and notices are silenced by the root's
 * {@code -q/--quiet}; errors and what the user asked to see ({@link #line}) never are.
 *
 * <p>Lines are printed under the lock of the stderr writer, which a {@link ProgressBar} on the
 * same writer also takes.
 */
public final class Diagnostics {
    private final PrintWriter err;
    private final String prefix;
    private final boolean quiet;
    private final ProgressBar bar;

    private Diagnostics(PrintWriter err, String prefix, boolean quiet, ProgressBar bar) {
        this.err = err;
        this.prefix = prefix;
        this.quiet = quiet;
        this.bar = bar;
    }

    /** The diagnostics of the command {@code spec} (its name is the prefix). */
    public static Diagnostics of(CommandSpec spec) {
        boolean quiet = spec.root().userObject() instanceof CookbookCommand root && root.quiet();
        return of(spec.commandLine().getErr(), spec.qualifiedName(), quiet);
    }

    /** Lines on {@code err}, each after {@code prefix} (a command's qualified name, {@code cookbook checksum}). */
    public static Diagnostics of(PrintWriter err, String prefix, boolean quiet) {
        return new Diagnostics(err, prefix, quiet, null);
    }

    /** These diagnostics, erasing {@code bar} (drawn on the same stderr) before each line. */
    public Diagnostics over(ProgressBar bar) {
        return new Diagnostics(err, prefix, quiet, bar);
    }

    /** The stderr these lines go to, for a progress bar drawn there. */
    public PrintWriter err() {
        return err;
    }

    /** Whether {@code -q/--quiet} was given. */
    public boolean quiet() {
        return quiet;
    }

    /** {@code cookbook <command>: message}: a failure. */
    public void error(String message) {
        print(prefix + ": " + message);
    }

    /** {@code cookbook <command>: hint: advice}, after an error. */
    public void hint(String advice) {
        print(prefix + ": hint: " + advice);
    }

    /** {@code cookbook <command>: warning: message}, unless quiet. */
    public void warn(String message) {
        if (!quiet) {
            print(prefix + ": warning: " + message);
        }
    }

    /** {@code cookbook <command>: message}, something worth knowing that is no problem; unless quiet. */
    public void note(String message) {
        if (!quiet) {
            print(prefix + ": " + message);
        }
    }

    /**
     * The one warning an algorithm kept for old data gets, worded the same for digests, ciphers
     * and signatures.
     *
     * @param name     the algorithm as the command line names it
     * @param weakness why it is not secure, in a few words
     */
    public void legacy(String name, String weakness) {
        warn(name + " is a legacy algorithm (" + weakness + "): use it only for old data");
    }

    /** A line on stderr as it is, for information the user asked for (--print-openssl). */
    public void line(String text) {
        print(text);
    }

    private void print(String line) {
        synchronized (err) {
            if (bar != null) {
                bar.clear();
            }
            err.println(line);
            err.flush();
        }
    }
}
