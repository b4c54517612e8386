package dev.cookbook.cli.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The command line as the kernel holds it, for the one thing Java's own copy loses: the bytes of
 * an argument that is not valid UTF-8. The JVM decodes {@code argv} to strings, turning each bad
 * byte into U+FFFD, so such a name cannot even be shown; Linux keeps the original in
 * {@code /proc/self/cmdline}.
 */
final class RawArguments {
    private RawArguments() {}

    /**
     * The argument that Java decoded to {@code decoded}, as text with each byte that is not part
     * of valid UTF-8 written {@code \xHH}; null when no argument matches or the command line
     * cannot be read (not Linux).
     */
    static String bytesOf(String decoded) {
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        int start = 0;
        for (int i = 0; i <= cmdline.length; i++) {
            if (i == cmdline.length || cmdline[i] == 0) {
                if (i > start && lenient(cmdline, start, i).equals(decoded)) {
                    return escaped(cmdline, start, i);
                }
                start = i + 1;
            }
        }
        return null;
    }

    private static String lenient(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** The bytes as UTF-8 text where they are valid, {@code \xHH} where they are not. */
    static String escaped(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder();
        int i = from;
        while (i < to) {
            int len = sequenceLength(b, i, to);
            if (len > 0) {
                sb.append(new String(b, i, len, StandardCharsets.UTF_8));
                i += len;
            } else {
                sb.append(String.format("\\x%02x", b[i] & 0xff));
                i++;
            }
        }
        return sb.toString();
    }

    /** The length of the valid UTF-8 sequence at {@code i}, or 0 if the byte there starts none. */
    private static int sequenceLength(byte[] b, int i, int to) {
        int first = b[i] & 0xff;
        int len = first < 0x80
                ? 1
                : first >= 0xc2 && first < 0xe0
                        ? 2
                        : first >= 0xe0 && first < 0xf0 ? 3 : first >= 0xf0 && first < 0xf5 ? 4 : 0;
        if (len == 0 || i + len > to) {
            return 0;
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, i, len));
            return len;
        } catch (CharacterCodingException e) {
            return 0;
        }
    }
}
