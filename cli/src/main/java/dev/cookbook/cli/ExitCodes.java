package dev.cookbook.cli;

import java.util.LinkedHashMap;
import java.util.Map;

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

    private ExitCodes() {}

    /** The table for {@code --help}: code to meaning, in order. */
    static Map<String, String> helpTable(boolean withRunCodes) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put(pad(OK), "success");
        t.put(pad(CHECK_FAILED), "a check came out negative (checksum mismatch, bad signature)");
        t.put(pad(USAGE), "usage error: unknown option, bad value, conflicting options");
        t.put(pad(BAD_DATA), "bad data: malformed input, wrong password, tampered data");
        t.put(pad(IO_ERROR), "I/O or network failure: file missing or unreadable");
        t.put(pad(INTERNAL), "internal error (a bug): run with -v for the stack trace");
        if (withRunCodes) {
            t.put(pad(TIMEOUT), "run: the command timed out");
            t.put(pad(NOT_EXECUTABLE), "run: command found but not executable");
            t.put(pad(NOT_FOUND), "run: command not found");
        }
        t.put(pad(CLOSED_PIPE), "standard output was closed early (| head); nothing printed");
        return t;
    }

    /** Right-aligned in four columns; not String.format, whose first use is a noticeable part of a short command (cli/bench). */
    private static String pad(int code) {
        String digits = Integer.toString(code);
        return "    ".substring(digits.length()) + digits;
    }
}
