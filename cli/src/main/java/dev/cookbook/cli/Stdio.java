package dev.cookbook.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The process's standard streams and whether each is a terminal; the real ones in {@link Main},
 * in-memory ones in tests. Commands reach it through {@link #of(CommandSpec)}.
 *
 * <p>Text goes through picocli's {@code getOut()}/{@code getErr()} writers, which wrap {@link #out()}
 * and {@link #err()}; a command that writes raw bytes to {@link #out()} flushes {@code getOut()} first.
 */
public final class Stdio {
    private final InputStream in;
    private final OutputStream out;
    private final OutputStream err;
    private final boolean stdinTerminal;
    private final boolean stdoutTerminal;
    private final boolean stderrTerminal;
    private final Map<String, String> environment;

    /**
     * @param out standard output; wrapped so that a closed pipe or a failed write ends the command
     *            instead of being ignored (see {@link GuardedOutputStream})
     */
    public Stdio(
            InputStream in,
            OutputStream out,
            OutputStream err,
            boolean stdinTerminal,
            boolean stdoutTerminal,
            boolean stderrTerminal) {
        this(in, new GuardedOutputStream(out), err, stdinTerminal, stdoutTerminal, stderrTerminal, System.getenv());
    }

    private Stdio(
            InputStream in,
            GuardedOutputStream out,
            OutputStream err,
            boolean stdinTerminal,
            boolean stdoutTerminal,
            boolean stderrTerminal,
            Map<String, String> environment) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.stdinTerminal = stdinTerminal;
        this.stdoutTerminal = stdoutTerminal;
        this.stderrTerminal = stderrTerminal;
        this.environment = environment;
    }

    /** The same streams with another environment (for tests: the process's own cannot be changed). */
    public Stdio withEnvironment(Map<String, String> environment) {
        return new Stdio(
                in,
                (GuardedOutputStream) out,
                err,
                stdinTerminal,
                stdoutTerminal,
                stderrTerminal,
                Map.copyOf(environment));
    }

    /** The environment variables the command sees: the process's, unless a test gave others. */
    public Map<String, String> environment() {
        return environment;
    }

    /**
     * The real streams. Java cannot ask whether a descriptor is a terminal, so the launcher script
     * does ({@code [ -t 0 ]}) and passes the answer as {@code -Dcookbook.tty=ioe} (a letter for each
     * of stdin, stdout, stderr that is one).
     */
    public static Stdio system() {
        String tty = System.getProperty("cookbook.tty", "");
        return new Stdio(
                new FileInputStream(FileDescriptor.in),
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                new FileOutputStream(FileDescriptor.err),
                tty.indexOf('i') >= 0,
                tty.indexOf('o') >= 0,
                tty.indexOf('e') >= 0);
    }

    /** The streams of the running {@code cookbook} command tree. */
    public static Stdio of(CommandSpec spec) {
        return ((CookbookCommand) spec.root().userObject()).stdio();
    }

    public InputStream in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    public OutputStream err() {
        return err;
    }

    /** A command's writer on stdout: UTF-8, flushed by the command (see {@code Report}) and at its end. */
    public PrintWriter outWriter() {
        return new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
    }

    /** A command's writer on stderr: UTF-8, each line flushed. */
    public PrintWriter errWriter() {
        return new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    }

    public boolean stdinIsTerminal() {
        return stdinTerminal;
    }

    public boolean stdoutIsTerminal() {
        return stdoutTerminal;
    }

    public boolean stderrIsTerminal() {
        return stderrTerminal;
    }
}
