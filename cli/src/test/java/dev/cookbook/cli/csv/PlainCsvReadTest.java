package dev.cookbook.cli.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Cli;
import dev.cookbook.cli.PlainCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code csv read FILE} runs without a command line built ({@link PlainCalls#run}): for every such call it
 * must print and return exactly what the full path, picocli's parse, gives the same arguments, bad data and
 * failures included.
 */
class PlainCsvReadTest {
    @TempDir
    Path dir;

    @Test
    void everyPlainCallPrintsAndReturnsWhatTheFullPathDoes() throws IOException {
        List<String> names = new ArrayList<>();
        names.add(file("people.csv", "name,qty\nada,1\n\"b, c\",2\n"));
        names.add(file("crlf and bom.csv", "\uFEFFa,b\r\n1,\"two\r\nlines\"\r\n"));
        names.add(file("ragged.csv", "a,b\n1\n1,2,3,4\n"));
        names.add(file("header only.csv", "a,b\n"));
        names.add(file("empty.csv", ""));
        names.add(file("@notes.csv", "x\n1\n"));
        names.add(file("naïve ✓.csv", "ключ,值\nда,是\n"));
        names.add(file("dup.csv", "a,a\n1,2\n"));
        names.add(file("quote.csv", "a,b\n\"1,2\n"));
        names.add(file("after quote.csv", "a,b\n\"1\"x,2\n"));
        names.add(file("huge field.csv", "a\n" + "x".repeat(200_000) + "\n"));
        byte[] latin1 = "a\nn\u00e9e\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("latin1.csv"), latin1);
        names.add(dir.resolve("latin1.csv").toString());
        Files.createDirectory(dir.resolve("folder"));
        names.add(dir.resolve("folder").toString());
        names.add(dir.resolve("missing.csv").toString());
        names.add("");
        Set<Integer> exits = new TreeSet<>();
        for (String name : names) {
            String[] args = {"csv", "read", name};
            Cli.Result plain = Cli.runPlain(new ByteArrayOutputStream(), args);
            Cli.Result full = Cli.run(args);
            assertEquals(full.toString(), plain.toString(), name);
            assertArrayEquals(full.stdout(), plain.stdout(), name);
            exits.add(plain.exit());
        }
        assertEquals(Set.of(0, 3, 4), exits, "the corpus has data, bad data and unreadable files");
    }

    @Test
    void aFailingStdoutEndsAsOnTheFullPath() throws IOException {
        String name = file("people.csv", "name,qty\nada,1\n");
        for (String message : List.of("Broken pipe", "No space left on device")) {
            Cli.Result plain = Cli.runPlain(Cli.failingOutput(message), "csv", "read", name);
            Cli.Result full = Cli.run(
                    new ByteArrayInputStream(new byte[0]), Cli.failingOutput(message), false, "csv", "read", name);
            assertEquals(full.toString(), plain.toString(), message);
        }
    }

    @Test
    void onlyOneFileWithoutOptionsIsPlain() {
        for (String[] args : List.of(
                new String[] {"csv", "read"},
                new String[] {"csv", "read", "-"},
                new String[] {"csv", "read", "--", "a"},
                new String[] {"csv", "read", "a", "b"},
                new String[] {"csv", "read", "--rows", "a"},
                new String[] {"csv", "write", "a"},
                new String[] {"csv", "a", "read"},
                new String[] {"-v", "csv", "read", "a"})) {
            Cli.assertNotPlain(args);
        }
        assertTrue(CsvReadCommand.isPlain(new String[] {"csv", "read", "@a b.csv"}));
    }

    /** The plain command's options are those picocli's parse of the same arguments gives. */
    @Test
    void thePlainCommandIsTheParsedOne() {
        String[] args = {"csv", "read", "@a b.csv"};
        CsvReadCommand parsed = (CsvReadCommand) Cli.parsedCommand(args);
        Cli.assertSameOptions(parsed, CsvReadCommand.plain(args), "read");
        assertEquals("@a b.csv", parsed.input.name());
    }

    private String file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content).toString();
    }
}
