package dev.cookbook.cli.common;

import dev.cookbook.cli.Stdio;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Opening the one input a command reads: a file, or standard input when none is named. */
public final class Inputs {
    private Inputs() {}

    /**
     * {@code file}, or stdin for null or {@code -}. Stdin is refused when it is a terminal and was
     * not asked for by {@code -}: nobody types the data to sign.
     */
    public static InputStream open(CommandSpec spec, Stdio stdio, String file) throws IOException {
        if (file == null || file.equals("-")) {
            if (file == null && stdio.stdinIsTerminal()) {
                throw new ParameterException(
                        spec.commandLine(), "no input: give a FILE, or pipe data in (- reads the terminal)");
            }
            return stdio.in();
        }
        try {
            return new FileInputStream(file);
        } catch (FileNotFoundException e) {
            Path p = Path.of(file);
            if (Files.isDirectory(p)) {
                throw new FileSystemException(file, null, "Is a directory");
            }
            throw Files.exists(p) ? new AccessDeniedException(file) : new NoSuchFileException(file);
        }
    }
}
