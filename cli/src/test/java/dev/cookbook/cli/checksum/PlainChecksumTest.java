package dev.cookbook.cli.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Cli;
import dev.cookbook.cli.CookbookCli;
import dev.cookbook.cli.PlainCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code checksum [-a ALGO] FILE...} runs without a command line built ({@link PlainCalls#run}): for
 * every such call it must print and return exactly what the full path, picocli's parse, gives the
 * same arguments.
 */
class PlainChecksumTest {
    @TempDir
    Path dir;

    private final List<String> names = new ArrayList<>();

    @BeforeEach
    void files() throws IOException {
        file("small.txt", "a small file\n".getBytes(StandardCharsets.UTF_8));
        file("empty", new byte[0]);
        byte[] large = new byte[(int) ChecksumHeadStart.MIN_SIZE + 12345]; // a head start hashes it
        new Random(1).nextBytes(large);
        file("large.bin", large);
        file("with space", "x".getBytes(StandardCharsets.UTF_8));
        file("new\nline", "y".getBytes(StandardCharsets.UTF_8)); // coreutils escapes the name
        file("back\\slash", "z".getBytes(StandardCharsets.UTF_8));
        file("@notes", "at".getBytes(StandardCharsets.UTF_8)); // a file, never an argument file
        file("naïve ✓.txt", "u".getBytes(StandardCharsets.UTF_8));
        Files.createDirectory(dir.resolve("folder"));
    }

    private void file(String name, byte[] content) throws IOException {
        Files.write(dir.resolve(name), content);
        names.add(dir.resolve(name).toString());
    }

    @Test
    void everyPlainCallPrintsAndReturnsWhatTheFullPathDoes() {
        List<List<String>> calls = new ArrayList<>();
        for (String name : names) {
            calls.add(List.of(name));
        }
        calls.add(names);
        calls.add(List.of(dir.resolve("missing").toString()));
        calls.add(List.of(
                dir.resolve("folder").toString(),
                names.get(0),
                dir.resolve("missing").toString()));
        calls.add(List.of(""));
        calls.add(List.of(names.get(0), names.get(0)));
        for (String algorithm : List.of("md5", "SHA-512", "blake3", "sha3-256", " sha1 ")) {
            for (String flag : List.of("-a", "--algorithm")) {
                List<String> call = new ArrayList<>(List.of(flag, algorithm));
                call.addAll(names);
                calls.add(call);
            }
            calls.add(List.of("-a", algorithm, dir.resolve("missing").toString(), names.get(0)));
        }
        for (List<String> operands : calls) {
            String[] args = args(operands);
            Cli.Result plain = plain(() -> new ByteArrayOutputStream(), args);
            Cli.Result full = Cli.run(args);
            assertEquals(full.toString(), plain.toString(), operands::toString);
            assertArrayEquals(full.stdout(), plain.stdout(), operands::toString);
        }
        // the corpus has both outcomes
        assertEquals(0, plain(ByteArrayOutputStream::new, args(names)).exit());
        assertNotEquals(
                0,
                plain(
                                ByteArrayOutputStream::new,
                                args(List.of(dir.resolve("missing").toString())))
                        .exit());
    }

    @Test
    void aFailingStdoutEndsAsOnTheFullPath() {
        for (String message : List.of("Broken pipe", "No space left on device")) {
            String[] args = args(names);
            Cli.Result plain = plain(() -> Cli.failingOutput(message), args);
            Cli.Result full = Cli.run(new ByteArrayInputStream(new byte[0]), Cli.failingOutput(message), false, args);
            assertEquals(full.toString(), plain.toString(), message);
        }
        assertEquals(
                141, plain(() -> Cli.failingOutput("Broken pipe"), args(names)).exit());
    }

    @Test
    void onlyFilesAndAnAlgorithmArePlain() {
        for (String[] args : List.of(
                new String[] {"checksum", "-a", "md5"},
                new String[] {"checksum", "-a"},
                new String[] {"checksum", "-amd5", "a"},
                new String[] {"checksum", "--algorithm=md5", "a"},
                new String[] {"checksum", "-a", "md5", "-"},
                new String[] {"checksum", "-a", "md5", "--", "a"},
                new String[] {"checksum", "-a", "md5", "a", "-a", "sha1"},
                new String[] {"checksum", "-a", "md5", "--tag", "a"},
                new String[] {"checksum", "a", "-a", "md5", "b"},
                new String[] {"checksum"},
                new String[] {"checksum", "-"},
                new String[] {"checksum", "--", "a"},
                new String[] {"checksum", "a", "-a", "md5"},
                new String[] {"checksum", "--check", "a"},
                new String[] {"checksum", "-rL", "a"},
                new String[] {"checksum", "a", "--help"},
                new String[] {"split", "a"},
                new String[] {"-v", "checksum", "a"},
                new String[0])) {
            Cli.assertNotPlain(args);
        }
        assertTrue(ChecksumCommand.isPlain(new String[] {"checksum", "a", "@b", "c d", ""}));
        assertTrue(ChecksumCommand.isPlain(new String[] {"checksum", "-a", "md5", "a", "@b"}));
        assertTrue(ChecksumCommand.isPlain(new String[] {"checksum", "--algorithm", "SHA-512", "a"}));
        // the launcher picks the family by the words alone; a name no algorithm has takes the full path
        for (String bad : List.of("nope", "--tag", "-")) {
            String[] args = {"checksum", "-a", bad, "a"};
            assertTrue(ChecksumCommand.isPlain(args), bad);
            assertEquals(null, ChecksumCommand.plain(args), bad);
            assertEquals(null, PlainCalls.run(Cli.memoryStdio(), args), bad);
        }
    }

    /** The plain command's fields are those picocli's parse of the same arguments gives. */
    @Test
    void thePlainCommandIsTheParsedOne() {
        String[] args = args(List.of("a", "@b", "c d", ""));
        Object parsed = Cli.parsedCommand(args);
        Cli.assertSameOptions(parsed, ChecksumCommand.plain(args), "checksum");
        assertEquals(List.of("a", "@b", "c d", ""), ((ChecksumCommand) parsed).files);
        for (String flag : List.of("-a", "--algorithm")) {
            for (String algorithm : List.of("md5", "SHA-512", " sha1 ", "BLAKE2B")) {
                String[] withAlgorithm = args(List.of(flag, algorithm, "a", "@b"));
                Object parsedWith = Cli.parsedCommand(withAlgorithm);
                Cli.assertSameOptions(parsedWith, ChecksumCommand.plain(withAlgorithm), "checksum");
                assertEquals(List.of("a", "@b"), ((ChecksumCommand) parsedWith).files);
                assertNotEquals(null, ((ChecksumCommand) parsedWith).algorithm, algorithm);
            }
        }
    }

    /** The prefix of the plain command's diagnostics is its name in picocli's model. */
    @Test
    void thePlainCommandIsNamedAsInTheModel() {
        CommandLine cl = CookbookCli.create(Cli.memoryStdio());
        assertEquals(cl.getSubcommands().get("checksum").getCommandSpec().qualifiedName(), ChecksumCommand.NAME);
    }

    private static String[] args(List<String> operands) {
        List<String> args = new ArrayList<>();
        args.add("checksum");
        args.addAll(operands);
        return args.toArray(String[]::new);
    }

    private static Cli.Result plain(Supplier<OutputStream> stdout, String... args) {
        return Cli.runPlain(stdout.get(), args);
    }
}
