package dev.cookbook.cli;

import dev.cookbook.cli.model.CommandModel;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The exit-code table: the one place that says what every {@code cookbook} exit status means. It is
 * printed at the end of each command's {@code --help} and in the README.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A check came out negative: checksum mismatch, signature does not verify, child failed. */
    public static final int CHECK_FAILED = 1;
    /** Usage error: unknown option, bad value, conflicting options. */
    public static final int USAGE = 2;
    /** Bad data: malformed CSV/JSON/PEM, wrong password, tampered or truncated ciphertext. */
    public static final int BAD_DATA = 3;
    /** I/O or network failure: file missing or unreadable, connection refused, SMTP rejection. */
    public static final int IO_ERROR = 4;
    /** A bug in cookbook: an exception nobody expected. Run with -v for the stack trace. */
    public static final int INTERNAL = 70;
    /** {@code run}: the command timed out, as GNU timeout. */
    public static final int TIMEOUT = 124;
    /** {@code run}: command found but not executable. */
    public static final int NOT_EXECUTABLE = 126;
    /** {@code run}: command not found. */
    public static final int NOT_FOUND = 127;
    /**
     * Standard output was closed early ({@code cookbook ... | head -1}): the status a Unix tool
     * killed by SIGPIPE reports (128 + 13), printed nothing.
     */
    public static final int CLOSED_PIPE = 141;

    /** What every command can return, declared or not: success, a usage error, a bug. */
    public static final int[] ALWAYS = {OK, USAGE, INTERNAL};

    /**
     * The exit codes a command can return besides {@link #ALWAYS}; its {@code --help} lists those
     * only. Every command without subcommands declares it (a test checks); a command with
     * subcommands shows what its subcommands return. For example, {@code checksum} declares
     * {@code @ExitCodes.Returns({CHECK_FAILED, IO_ERROR, CLOSED_PIPE})}: {@code --check} can fail,
     * a file can be unreadable, and it writes standard output.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Returns {
        int[] value();
    }

    private ExitCodes() {}

    /** Every code's meaning, in order. */
    private static Map<Integer, String> meanings() {
        Map<Integer, String> t = new LinkedHashMap<>();
        t.put(OK, "success");
        t.put(CHECK_FAILED, "a check came out negative (checksum, signature or echo mismatch)");
        t.put(USAGE, "usage error: unknown option, bad value, conflicting options");
        t.put(BAD_DATA, "bad data: malformed input, wrong password, tampered data");
        t.put(IO_ERROR, "I/O or network failure: file missing or unreadable, server refused");
        t.put(INTERNAL, "internal error (a bug): run with -v for the stack trace");
        t.put(TIMEOUT, "run: the command timed out");
        t.put(NOT_EXECUTABLE, "run: command found but not executable");
        t.put(NOT_FOUND, "run: command not found");
        t.put(CLOSED_PIPE, "standard output was closed early (| head); nothing printed");
        return t;
    }

    /** The codes {@code command} declares with {@link Returns}, plus {@link #ALWAYS}; null if it declares none. */
    static TreeSet<Integer> declared(Class<?> command) {
        if (command == null) {
            return null;
        }
        int[] declared;
        if (CommandModel.generated()) {
            declared = CommandModel.exitCodes(command); // recorded at build time: no annotation read
        } else {
            Returns returns = command.getAnnotation(Returns.class);
            declared = returns == null ? null : returns.value();
        }
        if (declared == null) {
            return null;
        }
        TreeSet<Integer> codes = new TreeSet<>();
        for (int code : ALWAYS) {
            codes.add(code);
        }
        for (int code : declared) {
            if (!meanings().containsKey(code)) {
                throw new IllegalArgumentException(command.getName() + " declares an unknown exit code " + code);
            }
            codes.add(code);
        }
        return codes;
    }

    /** The table for {@code --help}: each of {@code codes} with its meaning, in order. */
    static Map<String, String> helpTable(Collection<Integer> codes) {
        Map<String, String> t = new LinkedHashMap<>();
        meanings().forEach((code, meaning) -> {
            if (codes.contains(code)) {
                t.put(pad(code), meaning);
            }
        });
        return t;
    }

    /** Right-aligned in four columns; not String.format, whose first use is a noticeable part of a short command (cli/bench). */
    private static String pad(int code) {
        String digits = Integer.toString(code);
        return "    ".substring(digits.length()) + digits;
    }
}
