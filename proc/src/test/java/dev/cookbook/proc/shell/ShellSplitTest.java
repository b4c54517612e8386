package dev.cookbook.proc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShellSplitTest {
    /** Strings chosen for the corners of shlex's POSIX mode. */
    static final List<String> CORPUS = List.of(
            "",
            " ",
            "du -sh '/dev/null; ls -l /tmp'",
            "/dev/null; ls -l /tmp",
            "echo $(touch MARKER) `touch MARKER`",
            "a;b|c&d",
            "'it'\"'\"'s'",
            "\"double \\\"quoted\\\" \\\\ \\$HOME \\` \\x\"",
            "'single \\ backslash'",
            "a\\ b c\\\\d \\'e\\\"",
            "line\\\nnext",
            "\"in quotes\\\nnewline\"",
            "tab\there\rcr\nnl",
            "a\u000bb\u000cc", // vertical tab and form feed are not blanks for shlex
            "* ~ ~/x $HOME ${x}",
            "'' \"\" a''b \"\"''",
            "-rf -- --all",
            "# a comment\nword # another\nend",
            "a#b c#d",
            "'#' \"#\" \\#",
            "x#",
            "#",
            "\u00e9t\u00e9 \u65e5\u672c \ud83d\ude00 \u00a0nbsp\u00a0",
            "a\u0000b",
            "'unterminated",
            "\"unterminated",
            "ok 'x' \"y",
            "trailing\\",
            "\"trailing\\",
            "\"\\",
            "'\\",
            "\\",
            "# comment with ' quote",
            "a # comment with \" quote\nb");

    @Test
    void examples() throws ShellSyntaxException {
        assertEquals(
                List.of("du", "-sh", "/dev/null; ls -l /tmp"),
                ShellSplit.split("du -sh '/dev/null; ls -l /tmp'", false));
        assertEquals(List.of("a#b", "c"), ShellSplit.split("a#b c", false));
        assertEquals(List.of("a"), ShellSplit.split("a#b c", true));
        assertEquals(List.of("", "\\$x", "\"", "line\nnext"), ShellSplit.split("'' \"\\$x\" \\\" line\\\nnext", false));
    }

    @Test
    void errorsNameThePosition() {
        ShellSyntaxException e = assertThrows(ShellSyntaxException.class, () -> ShellSplit.split("echo 'abc", false));
        assertEquals(ShellSyntaxException.Kind.NO_CLOSING_QUOTATION, e.kind());
        assertEquals(6, e.position());
        assertEquals("no closing quotation for the ' at character 6", e.getMessage());
        e = assertThrows(ShellSyntaxException.class, () -> ShellSplit.split("\ud83d\ude00 \"x", false));
        assertEquals("no closing quotation for the \" at character 3", e.getMessage());
        e = assertThrows(ShellSyntaxException.class, () -> ShellSplit.split("ab\\", false));
        assertEquals(ShellSyntaxException.Kind.NO_ESCAPED_CHARACTER, e.kind());
        assertEquals("no escaped character after the \\ at character 3", e.getMessage());
        e = assertThrows(ShellSyntaxException.class, () -> ShellSplit.split("\"a\\", false));
        assertEquals("no escaped character after the \\ at character 3", e.getMessage());
        // a comment hides what would be an error
        assertEquals(List.of("a"), assertDoesNotThrow("a #'", true));
    }

    private static List<String> assertDoesNotThrow(String s, boolean comments) {
        try {
            return ShellSplit.split(s, comments);
        } catch (ShellSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void corpusAgreesWithPython() throws Exception {
        compare(CORPUS, false);
        compare(CORPUS, true);
    }

    /** Thousands of random strings over an alphabet that is mostly what shlex treats specially. */
    @Test
    void randomStringsAgreeWithPython() throws Exception {
        String[] alphabet = {
            "'",
            "\"",
            "\\",
            " ",
            "\t",
            "\n",
            "\r",
            "#",
            "a",
            "b",
            "-",
            "$",
            "`",
            ";",
            "|",
            "&",
            "*",
            "~",
            "\u00e9",
            "\ud83d\ude00",
            "\u00a0",
            "\u000b",
            "(",
            ")"
        };
        Random random = new Random(15);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            strings.add(sb.toString());
        }
        compare(strings, false);
        compare(strings, true);
    }

    private static void compare(List<String> strings, boolean comments) throws Exception {
        List<PythonShlex.Answer> python = PythonShlex.split(strings, comments);
        int raised = 0;
        for (int i = 0; i < strings.size(); i++) {
            String s = strings.get(i);
            PythonShlex.Answer want = python.get(i);
            String label = "shlex.split(" + printable(s) + ", comments=" + comments + ")";
            List<String> streamed = new ArrayList<>();
            try {
                List<String> got = ShellSplit.split(s, comments);
                assertEquals(want.words(), got, label + (want.error() == null ? "" : " raised " + want.error()));
                ShellSplit.split(new Trickle(s), comments, streamed::add);
                assertEquals(got, streamed, label + " one char per read");
            } catch (ShellSyntaxException e) {
                ShellSyntaxException trickled = assertThrows(
                        ShellSyntaxException.class,
                        () -> ShellSplit.split(new Trickle(s), comments, streamed::add),
                        label + " one char per read");
                assertEquals(e.getMessage(), trickled.getMessage(), label);
                raised++;
                String expected = e.kind() == ShellSyntaxException.Kind.NO_CLOSING_QUOTATION
                        ? "No closing quotation"
                        : "No escaped character";
                assertEquals(expected, want.error(), label + ": we raised " + e.getMessage());
            }
        }
        if (strings.size() > 1000) {
            // the alphabet makes both outcomes common; a change that broke that would test less
            assertEquals(true, raised > strings.size() / 20 && raised < strings.size() * 19 / 20, "raised " + raised);
        }
    }

    @Test
    void streamsEachWordWhenItEnds() throws Exception {
        List<String> seen = new ArrayList<>();
        // a reader that fails if asked past "b ": the words before must be out by then
        Reader in = new Trickle("a 'x y' b ") {
            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n < 0) {
                    throw new IOException("read past the end; had " + seen);
                }
                return n;
            }
        };
        IOException e = assertThrows(IOException.class, () -> ShellSplit.split(in, false, seen::add));
        assertEquals("read past the end; had [a, x y, b]", e.getMessage());
    }

    @Test
    void wordsBeforeAnErrorAreHandedOn() {
        List<String> seen = new ArrayList<>();
        ShellSyntaxException e = assertThrows(
                ShellSyntaxException.class,
                () -> ShellSplit.split(new StringReader("a \ud83d\ude00 b 'c"), false, seen::add));
        assertEquals("no closing quotation for the ' at character 7", e.getMessage());
        assertEquals(List.of("a", "\ud83d\ude00", "b"), seen);
    }

    /** Hands out one char per read, so every buffer boundary (a surrogate pair's too) is crossed. */
    private static class Trickle extends Reader {
        private final String s;
        private int at;

        Trickle(String s) {
            this.s = s;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (at == s.length()) {
                return -1;
            }
            buf[off] = s.charAt(at++);
            return 1;
        }

        @Override
        public void close() {}
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints()
                .forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\u{%x}", c)));
        return sb.append('"').toString();
    }
}
