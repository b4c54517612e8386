package dev.cookbook.cli.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cookbook.cli.Binary;
import dev.cookbook.proc.shell.ShellQuote;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, "Must show": the hostile arguments through the packaged {@code cookbook quote}, then
 * {@code sh -c 'printf "%s\0" '"$quoted"}, come back exactly, byte for byte, and nothing they hold
 * runs (no MARKER file); the quoting is Python's {@code shlex.join}; names that are not UTF-8 come
 * back exact through {@code -0} and, on Linux, through argv too.
 */
class QuoteIT {
    @TempDir
    Path dir;

    @Test
    void theCorpusComesBackExactlyThroughSh() throws IOException {
        List<String> command = new ArrayList<>(List.of(Binary.PATH.toString(), "quote", "--"));
        command.addAll(HostileArguments.CORPUS);
        Binary.Result quoted = Binary.exec(dir, Map.of(), null, command);
        assertEquals(0, quoted.exit(), quoted::toString);
        assertEquals("", quoted.err());
        assertArrayEquals(PythonShlex.join(dir, HostileArguments.CORPUS), quoted.stdout(), "shlex.join");

        String line = quoted.out().substring(0, quoted.out().length() - 1);
        Binary.Result back = Binary.exec(dir, Map.of(), null, List.of("sh", "-c", "printf '%s\\0' " + line));
        assertEquals(0, back.exit(), back::toString);
        assertEquals(nulTerminated(HostileArguments.CORPUS), back.out());
        assertFalse(Files.exists(dir.resolve("MARKER")), "an injected command ran");
    }

    @Test
    void eachLineIsOneWordForSh() {
        List<String> command = new ArrayList<>(List.of(Binary.PATH.toString(), "quote", "--each", "--"));
        command.addAll(HostileArguments.CORPUS);
        Binary.Result quoted = Binary.exec(dir, Map.of(), null, command);
        assertEquals(0, quoted.exit(), quoted::toString);
        // a word with a newline spans lines, inside its quotes
        StringBuilder want = new StringBuilder();
        for (String word : HostileArguments.CORPUS) {
            want.append(ShellQuote.quote(word)).append('\n');
        }
        assertEquals(want.toString(), quoted.out());
    }

    /** Names that are not UTF-8 (and every other hostile byte) from find -print0, through quote -0 and sh. */
    @Test
    void findPrint0ThroughQuote0IsByteExact() {
        String names =
                "'a'$'\\xff\\xfe'' b' $'caf\\xe9' $'half\\xc3' $'nl\\n\\xff' '$(touch MARKER)' \"it's\" '-rf' '*' $'\\t'";
        Binary.Result r = Binary.exec(
                dir,
                Map.of(),
                null,
                List.of(
                        "bash",
                        "-c",
                        "set -e; mkdir d; cd d; touch -- " + names + "; cd ..;"
                                + " find d -type f -print0 | sort -z > found;"
                                + " \"$0\" quote -0 < found > quoted;"
                                + " sh -c \"printf '%s\\0' $(cat quoted)\" > back;"
                                + " cmp found back",
                        Binary.PATH.toString()));
        assertEquals(0, r.exit(), r::toString);
        assertFalse(Files.exists(dir.resolve("MARKER")), "an injected command ran");
        assertFalse(Files.exists(dir.resolve("d/MARKER")), "an injected command ran");
    }

    /**
     * A word that is not UTF-8 on the command line: Java sees U+FFFD, the launcher passed the bytes
     * unchanged, and quote reads them back from /proc/self/cmdline (Linux), so the quoting is exact.
     */
    @Test
    void argvThatIsNotUtf8IsQuotedFromItsBytes() throws IOException {
        Binary.Result r = Binary.exec(
                dir,
                Map.of(),
                null,
                List.of(
                        "bash",
                        "-c",
                        "\"$0\" -v quote --each -- $'a\\xff\\xfeb' x $'c\\xe9 d' '\uFFFD' > quoted",
                        Binary.PATH.toString()));
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        byte[] quoted = Files.readAllBytes(dir.resolve("quoted"));
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(new byte[] {'\'', 'a', (byte) 0xff, (byte) 0xfe, 'b', '\'', '\n', 'x', '\n'});
        want.writeBytes(new byte[] {'\'', 'c', (byte) 0xe9, ' ', 'd', '\'', '\n'});
        want.writeBytes("'\uFFFD'\n".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(want.toByteArray(), quoted, () -> Arrays.toString(quoted));
    }

    @Test
    void splitRefusesAStringThatIsNotUtf8() {
        Binary.Result r = Binary.exec(
                dir, Map.of(), null, List.of("bash", "-c", "\"$0\" split $'a \\xff'", Binary.PATH.toString()));
        assertEquals(3, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals("cookbook split: STRING is not valid UTF-8 text\n", r.err());
        r = Binary.exec(dir, Map.of(), null, List.of(Binary.PATH.toString(), "split", "--", "a \uFFFD"));
        assertEquals(0, r.exit(), r::toString);
        assertEquals("[\"a\",\"\uFFFD\"]\n", r.out());
    }

    private static String nulTerminated(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(w).append('\0');
        }
        return sb.toString();
    }
}
