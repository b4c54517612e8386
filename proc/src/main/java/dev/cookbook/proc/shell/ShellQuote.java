package dev.cookbook.proc.shell;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Quoting for a POSIX shell, as Python's {@code shlex.quote} and {@code shlex.join} do, character
 * for character: a word made only of ASCII letters, digits and {@code @%+=:,./-_} stays as it is
 * (a leading {@code -} too: quoting cannot stop a program reading an option, only {@code --} can);
 * the empty word is {@code ''}; anything else goes in single quotes, each {@code '} inside written
 * as {@code '"'"'}. The shell then reads the word back exactly, expanding nothing.
 *
 * <pre>{@code
 * ShellQuote.join(List.of("du", "-sh", "/dev/null; ls -l /tmp"))  // du -sh '/dev/null; ls -l /tmp'
 * }</pre>
 */
public final class ShellQuote {
    private ShellQuote() {}

    /** {@code word} as one shell word. */
    public static String quote(String word) {
        if (word.isEmpty()) {
            return "''";
        }
        if (word.chars().allMatch(ShellQuote::isSafe)) {
            return word;
        }
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    /** The words quoted and joined by single spaces: {@code shlex.join}. */
    public static String join(List<String> words) {
        return words.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }

    /**
     * {@code word}, any bytes (a file name that is not valid UTF-8), as one shell word in bytes:
     * the same rule as {@link #quote(String)}, with every byte of 0x80 and above unsafe, so for
     * valid UTF-8 the result is {@code quote(String)} encoded in UTF-8. The bytes inside the quotes
     * are copied as they are.
     */
    public static byte[] quote(byte[] word) {
        if (word.length == 0) {
            return new byte[] {'\'', '\''};
        }
        boolean safe = true;
        int quotes = 0;
        for (byte b : word) {
            safe &= isSafe(b & 0xff);
            quotes += b == '\'' ? 1 : 0;
        }
        if (safe) {
            return word.clone();
        }
        byte[] out = new byte[word.length + 2 + 4 * quotes];
        int j = 0;
        out[j++] = '\'';
        for (byte b : word) {
            if (b == '\'') {
                for (char c : "'\"'\"'".toCharArray()) {
                    out[j++] = (byte) c;
                }
            } else {
                out[j++] = b;
            }
        }
        out[j] = '\'';
        return out;
    }

    private static boolean isSafe(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "@%+=:,./-_".indexOf(c) >= 0;
    }
}
