package dev.cookbook.proc.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuoteTest {
    @Test
    void safeWordsStayAsTheyAre() {
        assertEquals("du", ShellQuote.quote("du"));
        assertEquals("-sh", ShellQuote.quote("-sh"));
        assertEquals("a@b%c+d=e:f,g./h-i_j", ShellQuote.quote("a@b%c+d=e:f,g./h-i_j"));
    }

    @Test
    void everythingElseIsSingleQuoted() {
        assertEquals("''", ShellQuote.quote(""));
        assertEquals("'/dev/null; ls -l /tmp'", ShellQuote.quote("/dev/null; ls -l /tmp"));
        assertEquals("'it'\"'\"'s'", ShellQuote.quote("it's"));
        assertEquals("'$(rm -rf ~)'", ShellQuote.quote("$(rm -rf ~)"));
        assertEquals("'a\nb'", ShellQuote.quote("a\nb"));
        assertEquals("'é'", ShellQuote.quote("é"));
        assertEquals("'*'", ShellQuote.quote("*"));
    }

    @Test
    void joinQuotesEachWord() {
        assertEquals(
                "du -sh '/dev/null; ls -l /tmp' ''",
                ShellQuote.join(List.of("du", "-sh", "/dev/null; ls -l /tmp", "")));
    }

    @Test
    void bytesAreQuotedByteForByte() {
        assertArrayEquals("''".getBytes(StandardCharsets.UTF_8), ShellQuote.quote(new byte[0]));
        assertArrayEquals(
                "a-b".getBytes(StandardCharsets.UTF_8), ShellQuote.quote("a-b".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals(
                new byte[] {'\'', 'a', (byte) 0xff, '\'', '"', '\'', '"', '\'', '\''},
                ShellQuote.quote(new byte[] {'a', (byte) 0xff, '\''}));
        for (String s : List.of("", "x", "it's", "\u00e9t\u00e9", "a b", "$(x)", "\ud83d\ude00")) {
            assertArrayEquals(
                    ShellQuote.quote(s).getBytes(StandardCharsets.UTF_8),
                    ShellQuote.quote(s.getBytes(StandardCharsets.UTF_8)),
                    s);
        }
    }
}
