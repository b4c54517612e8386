package dev.cookbook.cli.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of the operands of a command, as the kernel holds them. The JVM decodes {@code argv}
 * with the locale's charset (UTF-8: the launcher sees to that), turning each byte that is not
 * valid UTF-8 into U+FFFD, and no JVM option gives the bytes back. Linux keeps the original
 * command line in {@code /proc/self/cmdline}: the JVM's arguments, then {@code main}'s, which the
 * launcher passes unchanged ({@code exec java ... -jar cookbook "$@"}). Its last entries are
 * {@code main}'s arguments when, decoded as the JVM does, they equal them; anything else (another
 * system, an in-process run whose {@code main} was never called) gives null, and the command
 * refuses rather than guess.
 */
final class RawArgv {
    private RawArgv() {}

    /**
     * The bytes of each operand of {@code command}, in order, or null when they cannot be known.
     *
     * @param argv     {@code main}'s arguments, or null when the command was built without them
     * @param command  the subcommand's name ({@code quote})
     * @param operands the operands picocli gave the command, to check the result against
     */
    static List<byte[]> operands(String[] argv, String command, List<String> operands) {
        if (argv == null) {
            return null;
        }
        List<byte[]> raw = tail(argv);
        if (raw == null) {
            return null;
        }
        List<byte[]> result = new ArrayList<>();
        int i = 0;
        // skip the root's options to the command's name (only --log-file takes a value)
        for (; i < argv.length && !argv[i].equals(command); i++) {
            if (argv[i].equals("--log-file")) {
                i++;
            } else if (!argv[i].startsWith("-")) {
                return null;
            }
        }
        boolean endOfOptions = false;
        for (i++; i < argv.length; i++) {
            String a = argv[i];
            if (!endOfOptions && a.equals("--")) {
                endOfOptions = true;
            } else if (!endOfOptions && a.equals("--log-file")) {
                i++; // the root's one option with a value, allowed after the command name too
            } else if (endOfOptions || !a.startsWith("-") || a.equals("-")) {
                result.add(raw.get(i));
            }
        }
        if (result.size() != operands.size()) {
            return null;
        }
        for (int k = 0; k < result.size(); k++) {
            if (!decoded(result.get(k)).equals(operands.get(k))) {
                return null;
            }
        }
        return result;
    }

    /** The last {@code argv.length} entries of this process's command line, if they are {@code argv}. */
    private static List<byte[]> tail(String[] argv) {
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        List<byte[]> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                entries.add(Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        if (entries.size() < argv.length) {
            return null;
        }
        List<byte[]> tail = entries.subList(entries.size() - argv.length, entries.size());
        for (int i = 0; i < argv.length; i++) {
            if (!decoded(tail.get(i)).equals(argv[i])) {
                return null;
            }
        }
        return tail;
    }

    /** The bytes as the JVM decodes an argument: UTF-8, U+FFFD for what is not. */
    private static String decoded(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
