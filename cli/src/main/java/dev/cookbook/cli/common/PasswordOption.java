package dev.cookbook.cli.common;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --pass SPEC}: where a password comes from, as openssl spells it, so that it never has to
 * appear on the command line: {@code env:NAME}, {@code file:PATH}, {@code fd:N} (the first line of
 * each), {@code stdin}, or {@code pass:TEXT} (accepted, with a warning). Without it, the password
 * is asked for on the terminal, without echo; with no terminal, that is a usage error.
 */
public final class PasswordOption {
    private static final int MAX_LENGTH = 4096;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--pass",
            paramLabel = "SPEC",
            description =
                    "Password source: env:NAME, file:PATH, fd:N, stdin or pass:TEXT (default: ask on the terminal).")
    public String source;

    /** Whether {@code --pass} was given. */
    public boolean given() {
        return source != null;
    }

    public boolean readsStdin() {
        return "stdin".equals(source);
    }

    /**
     * The password, as characters the caller wipes after use.
     *
     * @param confirm ask twice when prompting (for a new password)
     */
    public char[] read(Stdio stdio, java.util.function.Consumer<String> warn, boolean confirm) throws IOException {
        if (source == null) {
            return Terminal.askPassword(spec, stdio, confirm);
        }
        return read(spec, "--pass", source, stdio, warn);
    }

    /**
     * The password that the source {@code spec} of option {@code option} names.
     *
     * @throws ParameterException an unknown or unusable source: a usage error
     */
    public static char[] read(
            CommandSpec command, String option, String source, Stdio stdio, java.util.function.Consumer<String> warn)
            throws IOException {
        int colon = source.indexOf(':');
        String kind = colon < 0 ? source : source.substring(0, colon);
        String arg = colon < 0 ? null : source.substring(colon + 1);
        char[] password = switch (kind) {
            case "stdin" -> {
                if (arg != null) {
                    throw unknown(command, option, source);
                }
                yield firstLine(stdio.in(), "standard input");
            }
            case "env" -> {
                String v = arg == null || arg.isEmpty()
                        ? null
                        : stdio.environment().get(arg);
                if (v == null) {
                    throw usage(
                            command, option + " env:" + (arg == null ? "" : arg) + ": no such environment variable");
                }
                yield v.toCharArray();
            }
            case "file" -> {
                try (InputStream in = new FileInputStream(arg)) {
                    yield firstLine(in, arg);
                } catch (java.io.FileNotFoundException e) {
                    throw new CommandFailure(
                            ExitCodes.IO_ERROR,
                            option + " file:"
                                    + Messages.fileError(
                                            arg, new java.nio.file.NoSuchFileException(arg, null, reason(e))));
                }
            }
            case "fd" -> {
                if (arg == null || !arg.matches("\\d{1,9}")) {
                    throw usage(command, option + " fd:N needs a file descriptor number, not '" + arg + "'");
                }
                try (InputStream in = new FileInputStream("/dev/fd/" + arg)) {
                    yield firstLine(in, "fd " + arg);
                } catch (java.io.FileNotFoundException e) {
                    throw usage(command, option + " fd:" + arg + ": file descriptor " + arg + " is not open");
                }
            }
            case "pass" -> {
                if (arg == null) {
                    throw unknown(command, option, source);
                }
                warn.accept("a password given as pass:TEXT can be seen by other users (ps, shell history); "
                        + "prefer env:, file: or fd:");
                yield arg.toCharArray();
            }
            default -> throw unknown(command, option, source);
        };
        if (password.length == 0) {
            throw usage(command, "the password from " + option + " " + kind + (arg == null ? "" : ":…") + " is empty");
        }
        return password;
    }

    private static ParameterException unknown(CommandSpec command, String option, String source) {
        return usage(
                command,
                option + ": unknown source '" + source + "': use env:NAME, file:PATH, fd:N, stdin or " + "pass:TEXT");
    }

    private static ParameterException usage(CommandSpec command, String message) {
        return new ParameterException(command.commandLine(), message);
    }

    private static String reason(java.io.FileNotFoundException e) {
        String m = String.valueOf(e.getMessage());
        int open = m.lastIndexOf(" (");
        return open >= 0 && m.endsWith(")") ? m.substring(open + 2, m.length() - 1) : m;
    }

    /**
     * The first line of {@code in}, without its line end, decoded as UTF-8; read byte by byte so
     * that nothing after it is consumed (stdin may carry the data too).
     */
    public static char[] firstLine(InputStream in, String what) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() == MAX_LENGTH) {
                throw new CommandFailure(
                        ExitCodes.BAD_DATA, "the password in " + what + " is longer than " + MAX_LENGTH + " bytes");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, len));
            char[] out = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            return out;
        } catch (CharacterCodingException e) {
            throw new CommandFailure(ExitCodes.BAD_DATA, "the password in " + what + " is not valid UTF-8");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
