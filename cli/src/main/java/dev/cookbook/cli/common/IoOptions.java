package dev.cookbook.cli.common;

import dev.cookbook.cli.Stdio;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code -i IN}, {@code -o OUT}, {@code --force}: one input and one output, {@code -} for the
 * standard streams (the default). A file output is written atomically ({@link AtomicOutput}); an
 * existing file is replaced only with {@code --force}, and never when it is the input itself.
 */
public final class IoOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = {"-i", "--in"},
            paramLabel = "IN",
            description = "Read IN (default: standard input).")
    public String in;

    @Option(
            names = {"-o", "--out"},
            paramLabel = "OUT",
            description = "Write OUT, atomically (default: standard output).")
    public String out;

    @Option(names = "--force", description = "Replace OUT if it exists.")
    public boolean force;

    @Option(
            names = "--progress",
            negatable = true,
            description = "Show a progress bar on stderr (default: when stderr is a terminal and IN is a file).")
    public Boolean progress;

    public boolean inputIsStdin() {
        return in == null || in.equals("-");
    }

    public String inputName() {
        return inputIsStdin() ? "standard input" : in;
    }

    /** The input file, or null for standard input. */
    public Path inputPath() {
        return inputIsStdin() ? null : Path.of(in);
    }

    /** The size of IN if it is a regular file, else -1: the progress bar's 100 %. */
    public long inputSize() throws IOException {
        Path p = inputPath();
        return p != null && Files.isRegularFile(p) ? Files.size(p) : -1;
    }

    /** A progress bar over {@code done} bytes of the input, if asked for or if stderr is a terminal. */
    public ProgressBar progressBar(Stdio stdio, java.util.function.LongSupplier done) throws IOException {
        long total = inputSize();
        boolean show = progress != null ? progress : stdio.stderrIsTerminal() && total > 0;
        return ProgressBar.start(show, spec.commandLine().getErr(), done, () -> total);
    }

    /**
     * The input stream. Standard input is refused when it is a terminal and no {@code -i -} asked for it:
     * nobody types ciphertext.
     */
    public InputStream openInput(Stdio stdio) throws IOException {
        if (in == null && stdio.stdinIsTerminal()) {
            throw new ParameterException(
                    spec.commandLine(), "no input: give -i FILE, or pipe data in (-i - reads the terminal)");
        }
        return Inputs.open(spec, stdio, in == null ? "-" : in);
    }

    /** Where the output goes: an {@link AtomicOutput} readable by its owner only, or standard output. */
    public Output openOutput(Stdio stdio, boolean binary) throws IOException {
        return open(spec, stdio, out, force, inputPath(), binary, false);
    }

    /**
     * Opens {@code out} ({@code null} or {@code -} for standard output) for writing, atomically.
     *
     * @param source the input file, never to be overwritten, or null
     * @param binary refuse a terminal unless {@code -} was given explicitly
     * @param shared a file readable by everyone, else by its owner only
     */
    public static Output open(
            CommandSpec spec, Stdio stdio, String out, boolean force, Path source, boolean binary, boolean shared)
            throws IOException {
        if (out == null || out.equals("-")) {
            if (binary && out == null && stdio.stdoutIsTerminal()) {
                throw new ParameterException(
                        spec.commandLine(),
                        "refusing to write binary data to a terminal: give -o FILE (or -o - to insist)");
            }
            return new Output(stdio.out(), null);
        }
        Path target = Path.of(out);
        if (Files.exists(target)) {
            if (source != null && Files.exists(source) && Files.isSameFile(source, target)) {
                throw new ParameterException(
                        spec.commandLine(), Messages.quote(out) + " is both the input and the output");
            }
            if (!force) {
                throw new ParameterException(
                        spec.commandLine(), Messages.quote(out) + " exists: add --force to replace it");
            }
        }
        AtomicOutput file = AtomicOutput.create(target, out, !shared, force);
        return new Output(file.stream(), file);
    }

    /** An opened output; {@link #commit()} on success, and always close. */
    public static final class Output implements AutoCloseable {
        private final OutputStream stream;
        private final AtomicOutput file;

        public Output(OutputStream stream, AtomicOutput file) {
            this.stream = stream;
            this.file = file;
        }

        public OutputStream stream() {
            return stream;
        }

        public void commit() throws IOException {
            stream.flush();
            if (file != null) {
                file.commit();
            }
        }

        @Override
        public void close() throws IOException {
            if (file != null) {
                file.close();
            }
        }
    }
}
