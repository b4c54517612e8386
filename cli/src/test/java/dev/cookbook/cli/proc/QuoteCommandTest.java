package dev.cookbook.cli.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cookbook.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuoteCommandTest {
    @TempDir
    Path tmp;

    @Test
    void quotesAndJoinsAsShlexJoin() {
        Cli.Result r = Cli.run("quote", "--", "du", "-sh", "/dev/null; ls -l /tmp", "it's", "", "été");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("du -sh '/dev/null; ls -l /tmp' 'it'\"'\"'s' '' 'été'\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void theCorpusQuotesAsPythonDoes() {
        List<String> args = new ArrayList<>(List.of("quote", "--"));
        args.addAll(HostileArguments.CORPUS);
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r::toString);
        assertEquals(new String(PythonShlex.join(tmp, HostileArguments.CORPUS), StandardCharsets.UTF_8), r.out());
    }

    @Test
    void eachPrintsOnePerLine() {
        Cli.Result r = Cli.run("quote", "--each", "a", "b c", "--", "--each");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("a\n'b c'\n--each\n", r.out());
    }

    @Test
    void noArgumentIsAnEmptyLineAsPythonPrintsIt() {
        assertEquals("\n", Cli.run("quote").out());
        assertEquals("", Cli.run("quote", "--each").out());
    }

    private static final String DASH_DASH_HINT =
            "cookbook quote: hint: to quote words that start with '-', put -- before them: cookbook quote -- ";

    @Test
    void anOptionLikeWordBeforeDashDashIsAUsageError() {
        assertUsageError(
                "cookbook quote: unknown option: '-rf'\n" + DASH_DASH_HINT + "-rf\n", "quote", "rm", "-rf", "x");
        Cli.Result r = Cli.run("quote", "--", "rm", "-rf", "x");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("rm -rf x\n", r.out());
    }

    /** The hint's own command line is quoted, and picocli's suggestion stays. */
    @Test
    void theDashDashHintQuotesTheWord() {
        assertUsageError("cookbook quote: unknown option: '-x y'\n" + DASH_DASH_HINT + "'-x y'\n", "quote", "-x y");
        assertUsageError(
                "cookbook quote: unknown option: '--eac'\n"
                        + "cookbook quote: hint: did you mean --each?\n"
                        + DASH_DASH_HINT
                        + "--eac\n",
                "quote",
                "--eac",
                "a");
    }

    private static void assertUsageError(String err, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals(err, r.err());
    }

    @Test
    void nulSeparatedStdinIsQuotedByteForByte() {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes("a b\0".getBytes(StandardCharsets.UTF_8));
        in.writeBytes(new byte[] {'c', (byte) 0xff, '\'', 0, 0});
        in.writeBytes("last without NUL".getBytes(StandardCharsets.UTF_8));
        Cli.Result r = Cli.run(in.toByteArray(), "quote", "-0");
        assertEquals(0, r.exit(), r::toString);
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes("'a b' 'c".getBytes(StandardCharsets.UTF_8));
        want.writeBytes(new byte[] {(byte) 0xff});
        want.writeBytes("'\"'\"'' '' 'last without NUL'\n".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(want.toByteArray(), r.stdout(), r::toString);

        r = Cli.run("x\0y\0".getBytes(StandardCharsets.UTF_8), "quote", "--null", "--each");
        assertEquals("x\ny\n", r.out());
        assertEquals("\n", Cli.run(new byte[0], "quote", "-0").out());
    }

    @Test
    void nulWithArgumentsIsAUsageError() {
        Cli.Result r = Cli.run("quote", "-0", "x");
        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook quote: -0/--null reads the arguments from standard input: give no ARG as well\n"
                        + "cookbook quote: hint: see 'cookbook quote --help'\n",
                r.err());
    }

    /**
     * In-process, main's command line is not this one, so an argument that Java decoded with a
     * U+FFFD cannot be read back as bytes: refused, never quoted wrong. (The packaged binary on
     * Linux reads the bytes: QuoteIT.)
     */
    @Test
    void anArgumentWhoseBytesAreLostIsRefused() {
        Cli.Result r = Cli.run("quote", "ok", "a\uFFFDb");
        assertEquals(3, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals(
                "cookbook quote: argument 2 is not valid UTF-8 (or holds U+FFFD) and its bytes cannot be read back "
                        + "here, so it cannot be quoted exactly\n"
                        + "cookbook quote: hint: pass such names on standard input with -0 "
                        + "(find ... -print0 | cookbook quote -0)\n",
                r.err());
    }
}
