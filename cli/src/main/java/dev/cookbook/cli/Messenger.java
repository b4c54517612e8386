package dev.cookbook.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** Diagnostics on stderr in the one format, {@code cookbook <command>: message}. */
final class Messenger {
    private final PrintWriter err;
    private final String prefix;

    Messenger(CommandSpec spec) {
        this.err = spec.commandLine().getErr();
        this.prefix = spec.qualifiedName();
    }

    /** {@code cookbook <command>: message}. */
    void warn(String message) {
        synchronized (err) {
            err.println(prefix + ": " + message);
        }
    }

    /** A line on stderr as it is, for information a user asked for (--print-openssl). */
    void line(String text) {
        synchronized (err) {
            err.println(text);
        }
    }
}
