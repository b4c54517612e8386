package dev.cookbook.cli.common;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import java.io.Console;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Asking the user for a password on the controlling terminal, without echo. Java's
 * {@link Console} works only when stdin and stdout are both terminals; {@code cookbook encrypt
 * < in > out} has neither, so otherwise the terminal is opened as {@code /dev/tty} and its echo
 * turned off with {@code stty}, and back on whatever happens.
 */
public final class Terminal {
    private static final File TTY = new File("/dev/tty");

    private Terminal() {}

    /** The password typed at the terminal (twice if {@code confirm}); a usage error without a terminal. */
    public static char[] askPassword(CommandSpec spec, Stdio stdio, boolean confirm) throws IOException {
        if (!stdio.stderrIsTerminal() || !TTY.canRead()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "no password: give --pass SPEC (env:NAME, file:PATH, fd:N, stdin) or run on a terminal");
        }
        char[] first = ask("Password: ");
        if (!confirm) {
            return first;
        }
        char[] second = ask("Password again: ");
        try {
            if (!Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw new CommandFailure(ExitCodes.USAGE, "the two passwords differ");
            }
        } finally {
            Arrays.fill(second, '\0');
        }
        if (first.length == 0) {
            throw new CommandFailure(ExitCodes.USAGE, "the password is empty");
        }
        return first;
    }

    private static char[] ask(String prompt) throws IOException {
        Console console = System.console();
        if (console != null) {
            char[] p = console.readPassword("%s", prompt);
            if (p == null) {
                throw new CommandFailure(ExitCodes.USAGE, "no password typed");
            }
            return p;
        }
        try (InputStream in = new FileInputStream(TTY);
                OutputStream out = new FileOutputStream(TTY)) {
            out.write(prompt.getBytes(StandardCharsets.UTF_8));
            out.flush();
            stty("-echo");
            try {
                return PasswordOption.firstLine(in, "the terminal");
            } finally {
                stty("echo");
                out.write('\n');
                out.flush();
            }
        }
    }

    private static void stty(String setting) throws IOException {
        Process p = new ProcessBuilder("stty", setting)
                .redirectInput(TTY)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
