package dev.cookbook.cli.common;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** Diagnostics on stderr in the one format, {@code cookbook <command>: message}. */
public final class Messenger {
    private final PrintWriter err;
    private final String prefix;

    public Messenger(CommandSpec spec) {
        this.err = spec.commandLine().getErr();
        this.prefix = spec.qualifiedName();
    }

    /** {@code cookbook <command>: message}. */
    public void warn(String message) {
        synchronized (err) {
            err.println(prefix + ": " + message);
        }
    }

    /** A line on stderr as it is, for information a user asked for (--print-openssl). */
    public void line(String text) {
        synchronized (err) {
            err.println(text);
        }
    }
}
