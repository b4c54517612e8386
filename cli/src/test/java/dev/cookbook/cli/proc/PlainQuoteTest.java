package dev.cookbook.cli.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code quote ARG...} with no ARG that starts with {@code -} runs without a command line built
 * ({@link dev.cookbook.cli.PlainCalls#run}): it must print and return exactly what the full path gives.
 */
class PlainQuoteTest {
    private static final List<String> HOSTILE = List.of(
            "/dev/null; ls -l /tmp",
            "$(touch marker)",
            "`id`",
            "a;b|c&d",
            "it's",
            "say \"hi\"",
            "new\nline",
            "tab\there",
            "*",
            "~",
            "",
            "naïve ✓ 日本",
            "not \uFFFD utf-8",
            "a-b",
            "@file",
            "plain");

    @Test
    void everyPlainCallPrintsAndReturnsWhatTheFullPathDoes() {
        List<List<String>> calls = new ArrayList<>();
        for (String arg : HOSTILE) {
            calls.add(List.of(arg));
        }
        calls.add(HOSTILE.stream().filter(a -> !a.contains("\uFFFD")).toList());
        calls.add(HOSTILE);
        Set<Integer> exits = new TreeSet<>();
        for (List<String> operands : calls) {
            String[] args = args(operands);
            Cli.Result plain = Cli.runPlain(new ByteArrayOutputStream(), args);
            Cli.Result full = Cli.run(args);
            assertEquals(full.toString(), plain.toString(), operands::toString);
            assertArrayEquals(full.stdout(), plain.stdout(), operands::toString);
            exits.add(plain.exit());
        }
        assertEquals(Set.of(0, 3), exits, "quoted, and a U+FFFD whose bytes cannot be read back");
    }

    @Test
    void aFailingStdoutEndsAsOnTheFullPath() {
        for (String message : List.of("Broken pipe", "No space left on device")) {
            String[] args = args(List.of("a b", "c"));
            Cli.Result plain = Cli.runPlain(Cli.failingOutput(message), args);
            Cli.Result full = Cli.run(new ByteArrayInputStream(new byte[0]), Cli.failingOutput(message), false, args);
            assertEquals(full.toString(), plain.toString(), message);
        }
    }

    @Test
    void onlyArgumentsWithoutADashArePlain() {
        for (String[] args : List.of(
                new String[] {"quote"},
                new String[] {"quote", "--", "-rf"},
                new String[] {"quote", "a", "-b"},
                new String[] {"quote", "-0"},
                new String[] {"quote", "--each", "a"},
                new String[] {"split", "a"})) {
            Cli.assertNotPlain(args);
        }
        assertTrue(QuoteCommand.isPlain(new String[] {"quote", "a", "", "@b", "c-d"}));
    }

    @Test
    void thePlainCommandIsTheParsedOne() {
        String[] args = args(List.of("a", "", "@b"));
        QuoteCommand parsed = (QuoteCommand) Cli.parsedCommand(args);
        Cli.assertSameOptions(parsed, QuoteCommand.plain(args), "quote");
        assertEquals(List.of("a", "", "@b"), parsed.args);
    }

    private static String[] args(List<String> operands) {
        List<String> args = new ArrayList<>();
        args.add("quote");
        args.addAll(operands);
        return args.toArray(String[]::new);
    }
}
