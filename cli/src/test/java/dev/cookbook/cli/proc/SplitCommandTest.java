package dev.cookbook.cli.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cookbook.cli.Cli;
import dev.cookbook.proc.shell.ShellQuote;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

class SplitCommandTest {
    @TempDir
    Path tmp;

    @Test
    void printsAJsonArray() {
        Cli.Result r = Cli.run("split", "du -sh '/dev/null; ls -l /tmp' \"a\\\"b\" ''");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("[\"du\",\"-sh\",\"/dev/null; ls -l /tmp\",\"a\\\"b\",\"\"]\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void readsStdinForDashOrNothing() {
        byte[] in = "a 'b c' # d\ne".getBytes(StandardCharsets.UTF_8);
        assertEquals("[\"a\",\"b c\",\"#\",\"d\",\"e\"]\n", Cli.run(in, "split").out());
        assertEquals(
                "[\"a\",\"b c\",\"e\"]\n",
                Cli.run(in, "split", "--comments", "-").out());
    }

    @Test
    void aTerminalOnStdinIsNoInput() {
        Cli.Result r = Cli.withTerminalStdin("split");
        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook split: no input: give a STRING, or pipe it in (- reads the terminal)\n"
                        + "cookbook split: hint: see 'cookbook split --help'\n",
                r.err());
    }

    @Test
    void nulTerminatedWords() {
        Cli.Result r = Cli.run("split", "-0", "a \"b c\" ''");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("a\0b c\0\0", r.out());
        r = Cli.run("a\0b c".getBytes(StandardCharsets.UTF_8), "split", "-0");
        assertEquals(3, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals(
                "cookbook split: word 1 holds a NUL character, which -0/--null output cannot show\n"
                        + "cookbook split: hint: leave out -0 for the JSON array, where it is \\u0000\n",
                r.err());
    }

    @Test
    void anUnterminatedQuoteIsBadDataWithItsPosition() {
        Cli.Result r = Cli.run("split", "echo 'abc");
        assertEquals(3, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals("cookbook split: no closing quotation for the ' at character 6\n", r.err());
        r = Cli.run("x \"y".getBytes(StandardCharsets.UTF_8), "split");
        assertEquals(3, r.exit(), r::toString);
        assertEquals("cookbook split: no closing quotation for the \" at character 3\n", r.err());
    }

    @Test
    void aTrailingBackslashIsBadDataWithItsPosition() {
        Cli.Result r = Cli.run("split", "rm a\\");
        assertEquals(3, r.exit(), r::toString);
        assertEquals("cookbook split: no escaped character after the \\ at character 5\n", r.err());
    }

    /** A short output is all or nothing: an error prints no word, as before words were streamed. */
    @Test
    void anErrorInAShortInputPrintsNoWord() {
        for (String option : new String[] {"--comments", "-0"}) {
            Cli.Result r = Cli.run("a b c 'd".getBytes(StandardCharsets.UTF_8), "split", option);
            assertEquals(3, r.exit(), r::toString);
            assertEquals("", r.out());
            assertEquals("cookbook split: no closing quotation for the ' at character 7\n", r.err());
        }
    }

    /**
     * Past 64 KiB the words stream out; an error then leaves exactly the words before it: whole
     * words with -0, and an array never closed (that no JSON reader accepts) without.
     */
    @Test
    void anErrorInALongInputLeavesTheWordsBeforeIt() {
        String words = "word ".repeat(20_000); // 100,000 bytes of output with -0
        byte[] in = (words + "'open").getBytes(StandardCharsets.UTF_8);
        String message = "cookbook split: no closing quotation for the ' at character 100001\n";
        Cli.Result r = Cli.run(in, "split", "-0");
        assertEquals(3, r.exit(), r::toString);
        assertEquals("word\0".repeat(20_000), r.out());
        assertEquals(message, r.err());
        r = Cli.run(in, "split");
        assertEquals(3, r.exit(), r::toString);
        assertEquals("[" + "\"word\",".repeat(19_999) + "\"word\"", r.out());
        assertEquals(message, r.err());
        r = Cli.run((words + "a\0b").getBytes(StandardCharsets.UTF_8), "split", "-0");
        assertEquals(3, r.exit(), r::toString);
        assertEquals("word\0".repeat(20_000), r.out());
        assertEquals(
                "cookbook split: word 20001 holds a NUL character, which -0/--null output cannot show\n"
                        + "cookbook split: hint: leave out -0 for the JSON array, where it is \\u0000\n",
                r.err());
        r = Cli.run((words + "\"\u00e9\" \\").getBytes(StandardCharsets.UTF_8), "split");
        assertEquals(3, r.exit(), r::toString);
        assertEquals("cookbook split: no escaped character after the \\ at character 100005\n", r.err());
    }

    /** Reading fails (exit 4) after 64 KiB of output: what went out ends on a whole word. */
    @Test
    void aReadErrorLeavesWholeWords() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Input/output error");
            }
        };
        InputStream in = new SequenceInputStream(
                new ByteArrayInputStream("word ".repeat(20_000).getBytes(StandardCharsets.UTF_8)), failing);
        Cli.Result r = Cli.run(in, new ByteArrayOutputStream(), false, "split", "-0");
        assertEquals(4, r.exit(), r::toString);
        assertEquals("word\0".repeat(20_000), r.out());
        assertEquals("cookbook split: Input/output error\n", r.err());
    }

    @Test
    void aLongInputSplitsWhole() {
        String line = "a 'b c' \"d\\\"e\" f\\ g \u00e9\n";
        Cli.Result r = Cli.run(line.repeat(20_000).getBytes(StandardCharsets.UTF_8), "split", "-0");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("a\0b c\0d\"e\0f g\0\u00e9\0".repeat(20_000), r.out());
        r = Cli.run(line.repeat(20_000).getBytes(StandardCharsets.UTF_8), "split");
        assertEquals(0, r.exit(), r::toString);
        assertEquals(
                "["
                        + "\"a\",\"b c\",\"d\\\"e\",\"f g\",\"\u00e9\","
                                .repeat(20_000)
                                .replaceAll(",$", "") + "]\n",
                r.out());
    }

    /** Long words are encoded in slices: a surrogate pair split between two is still one character. */
    @Test
    void aLongWordWithPairsAcrossSlices() {
        String word = "\u00e9\ud83d\ude00".repeat(5_000);
        byte[] in = ("a '" + word + "' b").getBytes(StandardCharsets.UTF_8);
        Cli.Result r = Cli.run(in, "split", "-0");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("a\0" + word + "\0b\0", r.out());
        r = Cli.run(in, "split");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("[\"a\",\"" + word + "\",\"b\"]\n", r.out());
    }

    @Test
    void stdinThatIsNotUtf8IsBadData() {
        Cli.Result r = Cli.run(new byte[] {'a', (byte) 0xff}, "split");
        assertEquals(3, r.exit(), r::toString);
        assertEquals("cookbook split: standard input is not valid UTF-8 text\n", r.err());
    }

    /** split(quote(x)) is x, and split agrees with shlex.split on each hostile argument read as shell text. */
    @Test
    void theCorpusSplitsAsShlexSplits() {
        List<PythonShlex.Case> cases = new ArrayList<>();
        List<String> inputs = new ArrayList<>(HostileArguments.CORPUS);
        inputs.add(ShellQuote.join(HostileArguments.CORPUS));
        inputs.add(String.join(" ", HostileArguments.CORPUS));
        inputs.remove("-"); // the STRING - means standard input, as every file operand
        for (String input : inputs) {
            for (boolean comments : new boolean[] {false, true}) {
                Cli.Result r = comments ? Cli.run("split", "--comments", "--", input) : Cli.run("split", "--", input);
                assertEquals(r.exit() == 0 ? "" : "exit 3", r.exit() == 0 ? r.err() : "exit " + r.exit(), r::toString);
                cases.add(new PythonShlex.Case(input, comments, r.exit() == 0 ? r.out() : null));
            }
        }
        assertEquals("[]", PythonShlex.disagreements(tmp, cases));
        Cli.Result r = Cli.run("split", "--", ShellQuote.join(HostileArguments.CORPUS));
        assertEquals(0, r.exit(), r::toString);
        assertEquals(HostileArguments.CORPUS, jsonArray(r.out()));
    }

    private static List<String> jsonArray(String json) {
        List<String> words = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), json)) {
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            while (p.nextToken() != JsonToken.END_ARRAY) {
                words.add(p.getString());
            }
        }
        return words;
    }
}
