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

    private static boolean isSafe(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "@%+=:,./-_".indexOf(c) >= 0;
    }
}
