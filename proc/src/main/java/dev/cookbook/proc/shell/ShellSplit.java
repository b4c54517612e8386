package dev.cookbook.proc.shell;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
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
 * <p>{@link #split(Reader, boolean, WordSink)} reads a stream and hands each word on as soon as it
 * is complete, so memory holds one word at a time, not the input; {@link #split(String, boolean)}
 * is the same parser over a string.
 *
 * <pre>{@code
 * ShellSplit.split("du -sh '/dev/null; ls -l /tmp'", false)  // [du, -sh, /dev/null; ls -l /tmp]
 * ShellSplit.split(reader, false, word -> out.println(word)); // word by word
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ShellSplit {
    private ShellSplit() {}

    /** Receives the words of {@link #split(Reader, boolean, WordSink)}, in order, each once complete. */
    @FunctionalInterface
    public interface WordSink {
        void accept(String word) throws IOException;
    }

    /**
     * The words of {@code s}.
     *
     * @param comments whether {@code #} starts a comment, as {@code shlex.split(s, comments=True)}
     * @throws ShellSyntaxException for a quote never closed or a backslash at the very end
     */
    public static List<String> split(String s, boolean comments) throws ShellSyntaxException {
        List<String> words = new ArrayList<>();
        try {
            split(new StringReader(s), comments, words::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // neither a StringReader nor a list fails
        }
        return words;
    }

    /**
     * Reads {@code in} to its end and gives each of its words to {@code sink} as soon as the word is
     * complete (at the blank, comment or end of input after it). The words before an error have been
     * given to {@code sink} when it is thrown. Does not close {@code in}.
     *
     * @param comments whether {@code #} starts a comment, as {@code shlex.split(s, comments=True)}
     * @throws ShellSyntaxException for a quote never closed or a backslash at the very end
     * @throws IOException from {@code in} or {@code sink}
     */
    public static void split(Reader in, boolean comments, WordSink sink) throws IOException, ShellSyntaxException {
        new Parser(in, comments, sink).run();
    }

    private static final class Parser {
        /** A word builder grown past this is dropped after its word, so one long word does not pin memory. */
        private static final int KEEP_CAPACITY = 1 << 16;

        private final Reader in;
        private final boolean comments;
        private final WordSink sink;
        private final char[] buffer = new char[8192];
        private int next;
        private int limit;
        /** Code points read so far: the 1-based position of the last one read. */
        private long position;

        private boolean afterHighSurrogate;
        private StringBuilder word = new StringBuilder();

        Parser(Reader in, boolean comments, WordSink sink) {
            this.in = in;
            this.comments = comments;
            this.sink = sink;
        }

        void run() throws IOException, ShellSyntaxException {
            boolean inWord = false;
            for (int c = read(); c >= 0; c = read()) {
                if (isBlank(c)) {
                    if (inWord) {
                        emit();
                        inWord = false;
                    }
                } else if (comments && c == '#') {
                    if (inWord) {
                        emit();
                        inWord = false;
                    }
                    int d;
                    do {
                        d = read();
                    } while (d >= 0 && d != '\n');
                } else if (c == '\\') {
                    word.append(escaped());
                    inWord = true;
                } else if (c == '\'' || c == '"') {
                    quoted((char) c);
                    inWord = true;
                } else {
                    word.append((char) c);
                    inWord = true;
                }
            }
            if (inWord) {
                emit();
            }
        }

        /** After an opening quote: the quoted text up to its closing quote, into the word. */
        private void quoted(char quote) throws IOException, ShellSyntaxException {
            long open = position;
            while (true) {
                int d = read();
                if (d < 0) {
                    throw new ShellSyntaxException(ShellSyntaxException.Kind.NO_CLOSING_QUOTATION, quote, open);
                }
                if (d == quote) {
                    return;
                }
                if (quote == '"' && d == '\\') {
                    char e = escaped();
                    if (e != '\\' && e != '"') {
                        word.append('\\');
                    }
                    word.append(e);
                } else {
                    word.append((char) d);
                }
            }
        }

        /** After a backslash: the character it escapes. */
        private char escaped() throws IOException, ShellSyntaxException {
            long backslash = position;
            int e = read();
            if (e < 0) {
                throw new ShellSyntaxException(ShellSyntaxException.Kind.NO_ESCAPED_CHARACTER, '\\', backslash);
            }
            return (char) e;
        }

        private void emit() throws IOException {
            sink.accept(word.toString());
            if (word.capacity() > KEEP_CAPACITY) {
                word = new StringBuilder();
            } else {
                word.setLength(0);
            }
        }

        /** The next char, or -1 at the end; counts code points, as Python's positions do. */
        private int read() throws IOException {
            if (next == limit) {
                int n;
                do {
                    n = in.read(buffer);
                } while (n == 0);
                if (n < 0) {
                    return -1;
                }
                next = 0;
                limit = n;
            }
            char c = buffer[next++];
            if (!(afterHighSurrogate && Character.isLowSurrogate(c))) {
                position++;
            }
            afterHighSurrogate = Character.isHighSurrogate(c);
            return c;
        }
    }

    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
