package dev.cookbook.cli.common;

import dev.cookbook.cli.Stdio;
import java.io.Flushable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A command's running report: result lines on stdout, error lines on stderr, in the order they
 * happen. Stdout is flushed at least every 100 ms (every line when it is a terminal) and always
 * before an error line, so {@code 2>&1} keeps the order of events and a pipeline sees results
 * while a long run goes on, without a system call per line for ten thousand small files.
 */
public final class Report {
    private static final long FLUSH_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final Diagnostics say;
    private final boolean lineFlush;
    private final Flushable upstream;
    private long lastFlush = System.nanoTime();

    /**
     * @param upstream flushed before stdout, for a writer that buffers on top of it (a JSON
     *                 generator), or null
     */
    public Report(CommandSpec spec, Stdio stdio, ProgressBar bar, Flushable upstream) {
        this(spec.commandLine().getOut(), Diagnostics.of(spec), stdio, bar, upstream);
    }

    /** A report on {@code out} and what {@code say} prints, for a command run without picocli. */
    public Report(PrintWriter out, Diagnostics say, Stdio stdio, ProgressBar bar, Flushable upstream) {
        this.out = out;
        this.say = say.over(bar);
        this.lineFlush = stdio.stdoutIsTerminal();
        this.upstream = upstream;
    }

    /** Stdout, for writing one result; call {@link #resultWritten()} after each. */
    public PrintWriter out() {
        return out;
    }

    /** Flushes if a result line is due on screen. */
    public void resultWritten() {
        long now = System.nanoTime();
        if (lineFlush || now - lastFlush > FLUSH_NANOS) {
            flush();
            lastFlush = now;
        }
    }

    /** One line on stderr, {@code cookbook <command>: message}, after everything printed so far. */
    public void error(String message) {
        flush();
        say.error(message);
    }

    /** The diagnostics, for warnings and notes; call {@link #flush()} first to keep the order. */
    public Diagnostics diagnostics() {
        return say;
    }

    public void flush() {
        if (upstream != null) {
            try {
                upstream.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        out.flush();
    }
}
