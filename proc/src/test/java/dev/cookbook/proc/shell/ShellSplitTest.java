package dev.cookbook.proc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
            try {
                List<String> got = ShellSplit.split(s, comments);
                assertEquals(want.words(), got, label + (want.error() == null ? "" : " raised " + want.error()));
            } catch (ShellSyntaxException e) {
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

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints()
                .forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\u{%x}", c)));
        return sb.append('"').toString();
    }
}
