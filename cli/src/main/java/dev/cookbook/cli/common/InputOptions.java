package dev.cookbook.cli.common;

import dev.cookbook.cli.Stdio;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The one input of a command that reads one: {@code cookbook X FILE}, or {@code -i FILE}, or
 * standard input when neither is given (or for {@code -}). Standard input is refused when it is
 * a terminal and nobody asked for it with {@code -}: nobody types the data to hash or encrypt.
 *
 * <p>A name is always a name: {@code @notes} is the file {@code @notes}, and {@code -i -x} or
 * {@code -- -x} the file {@code -x}.
 */
public final class InputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Parameters(
            arity = "0..1",
            paramLabel = "FILE",
            description = "The input file (default: standard input, also read for -).")
    String operand;

    @Option(
            names = {"-i", "--in"},
            paramLabel = "FILE",
            description = "The input file, as the FILE operand.")
    String option;

    /**
     * The input the one operand {@code file} names, as picocli's parse of it sets the options: for a
     * command run without its command line built ({@code PlainCommand}).
     */
    public static InputOptions operand(String file) {
        InputOptions input = new InputOptions();
        input.operand = file;
        return input;
    }

    /** The file named, as given; null for standard input (nothing given, or {@code -}). */
    public String name() {
        String n = given();
        return n == null || n.equals("-") ? null : n;
    }

    /** The input file, or null for standard input. */
    public Path path() {
        String n = name();
        return n == null ? null : Path.of(n);
    }

    /** The file's name as given, or {@code standard input}, for messages. */
    public String displayName() {
        String n = name();
        return n == null ? "standard input" : n;
    }

    public boolean isStdin() {
        return name() == null;
    }

    /** The size of the input if it is a regular file, else -1 (a progress bar's 100 %). */
    public long size() {
        Path p = path();
        try {
            return p != null && Files.isRegularFile(p) ? Files.size(p) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Opens the input.
     *
     * @throws ParameterException both FILE and {@code -i} given, or standard input is a terminal
     *     that nobody asked for
     */
    public InputStream open(Stdio stdio) throws IOException {
        return open(stdio, nameOrDash(stdio));
    }

    /**
     * The name to read, {@code -} for standard input.
     *
     * @throws ParameterException as {@link #open}
     */
    public String nameOrDash(Stdio stdio) {
        String n = given();
        if (n == null && stdio.stdinIsTerminal()) {
            throw new ParameterException(
                    spec.commandLine(), "no input: name a FILE, or pipe data in (- reads the terminal)");
        }
        return n == null ? "-" : n;
    }

    private String given() {
        if (operand != null && option != null) {
            throw new ParameterException(spec.commandLine(), "the input is named twice (FILE and -i/--in): give one");
        }
        return operand != null ? operand : option;
    }

    /**
     * Opens {@code name} for reading, standard input for null or {@code -}. Failures name the file
     * as given: {@code 'notes.txt': No such file or directory}, {@code 'dir': Is a directory}.
     */
    public static InputStream open(Stdio stdio, String name) throws IOException {
        if (name == null || name.equals("-")) {
            return stdio.in();
        }
        try {
            return new FileInputStream(name);
        } catch (FileNotFoundException e) {
            throw Messages.openFailure(name, Path.of(name), e);
        }
    }

    /** Reads all of {@code name} (standard input for {@code -}): a key or a signature, small files. */
    public static byte[] readAll(Stdio stdio, String name) throws IOException {
        try (InputStream in = open(stdio, name)) {
            return in.readAllBytes();
        }
    }
}
