package dev.cookbook.proc.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a string into words as a POSIX shell reads them, expanding nothing: Python's
 * {@code shlex.split(s, comments=...)} (POSIX mode), with the same result for every string,
 * including its departures from a real shell, which are kept on purpose so that the two agree:
 *
 * <ul>
 *   <li>Words are separated by space, tab, carriage return and newline only.
 *   <li>Outside quotes a backslash escapes any character, a newline too (the newline is kept in
 *       the word, where {@code sh} would drop both).
 *   <li>Inside single quotes nothing is special. Inside double quotes a backslash escapes only
 *       {@code "} and {@code \}; before any other character ({@code $}, a backquote, a newline)
 *       it stays, with the character.
 *   <li>With {@code comments}, a {@code #} outside quotes ends the word it is in and skips to the
 *       end of the line, even in the middle of a word ({@code a#b} gives {@code a}); without it,
 *       {@code #} is an ordinary character.
 *   <li>{@code ''} and {@code ""} are empty words; nothing is expanded ({@code $HOME}, {@code *},
 *       {@code ~} stay as they are).
 * </ul>
 *
 * <pre>{@code
 * ShellSplit.split("du -sh '/dev/null; ls -l /tmp'", false)  // [du, -sh, /dev/null; ls -l /tmp]
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ShellSplit {
    private ShellSplit() {}

    private static final int BLANK = 0;
    private static final int WORD = 1;

    /**
     * The words of {@code s}.
     *
     * @param comments whether {@code #} starts a comment, as {@code shlex.split(s, comments=True)}
     * @throws ShellSyntaxException for a quote never closed or a backslash at the very end
     */
    public static List<String> split(String s, boolean comments) throws ShellSyntaxException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int state = BLANK;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (state == BLANK && isBlank(c)) {
                i++;
            } else if (isBlank(c)) { // state == WORD
                words.add(word.toString());
                word.setLength(0);
                state = BLANK;
                i++;
            } else if (comments && c == '#') {
                if (state == WORD) {
                    words.add(word.toString());
                    word.setLength(0);
                    state = BLANK;
                }
                int newline = s.indexOf('\n', i);
                i = newline < 0 ? n : newline + 1;
            } else if (c == '\\') {
                if (i + 1 >= n) {
                    throw new ShellSyntaxException(ShellSyntaxException.Kind.NO_ESCAPED_CHARACTER, c, position(s, i));
                }
                word.append(s.charAt(i + 1));
                state = WORD;
                i += 2;
            } else if (c == '\'' || c == '"') {
                int open = i;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new ShellSyntaxException(
                                ShellSyntaxException.Kind.NO_CLOSING_QUOTATION, c, position(s, open));
                    }
                    char d = s.charAt(i);
                    if (d == c) {
                        i++;
                        break;
                    }
                    if (c == '"' && d == '\\') {
                        if (i + 1 >= n) {
                            throw new ShellSyntaxException(
                                    ShellSyntaxException.Kind.NO_ESCAPED_CHARACTER, d, position(s, i));
                        }
                        char e = s.charAt(i + 1);
                        if (e != '\\' && e != '"') {
                            word.append('\\');
                        }
                        word.append(e);
                        i += 2;
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                state = WORD;
            } else {
                word.append(c);
                state = WORD;
                i++;
            }
        }
        if (state == WORD) {
            words.add(word.toString());
        }
        return words;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** The 1-based code point position of the char at {@code index}. */
    private static int position(String s, int index) {
        return s.codePointCount(0, index) + 1;
    }
}
