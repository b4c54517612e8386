package dev.cookbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class RootCommandTest {

    @Test
    void versionNamesCookbookAndTheJavaRuntime() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.exit(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r::toString);
        assertTrue(lines.get(0).matches("cookbook \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), lines.get(0));
        assertTrue(lines.get(1).startsWith("Java " + System.getProperty("java.version") + " ("), lines.get(1));
        assertEquals("", r.err());
    }

    @Test
    void everyCommandAnswersVersion() {
        String root = Cli.run("--version").out();
        for (String command : List.of("checksum", "completion")) {
            Cli.Result r = Cli.run(command, "--version");
            assertEquals(0, r.exit(), r::toString);
            assertEquals(root, r.out());
        }
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.exit());
        for (String s : List.of(
                "Usage: cookbook",
                "checksum",
                "completion",
                "help",
                "-v, --verbose",
                "--log-file=PATH",
                "Exit status:",
                "   0   success",
                "   3   bad data",
                " 141   standard output")) {
            assertTrue(r.out().contains(s), () -> "missing '" + s + "' in\n" + r.out());
        }
    }

    @Test
    void helpSubcommandAndHelpOptionPrintTheSameText() {
        Cli.Result viaHelp = Cli.run("help", "checksum");
        Cli.Result viaOption = Cli.run("checksum", "--help");
        assertEquals(0, viaHelp.exit());
        assertEquals(0, viaOption.exit());
        assertEquals(viaOption.out(), viaHelp.out());
        assertTrue(viaHelp.out().startsWith("Usage: cookbook checksum"), viaHelp.out());
        assertTrue(viaHelp.out().contains("With --check:"), viaHelp.out());
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = Cli.run();
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals("""
                cookbook: missing command: say what to do, for example 'cookbook checksum FILE'
                cookbook: hint: see 'cookbook --help'
                """, r.err());
    }

    @Test
    void unknownCommandSuggestsTheNearestOne() {
        Cli.Result r = Cli.run("chcksum", "x");
        assertEquals(2, r.exit());
        assertEquals("""
                cookbook: unmatched arguments from index 0: 'chcksum', 'x'
                cookbook: hint: did you mean checksum?
                cookbook: hint: see 'cookbook --help'
                """, r.err());
    }

    @Test
    void unknownOptionIsOneLineAndAHint() {
        Cli.Result r = Cli.run("checksum", "--frobnicate");
        assertEquals(2, r.exit());
        assertEquals("""
                cookbook checksum: unknown option: '--frobnicate'
                cookbook checksum: hint: see 'cookbook checksum --help'
                """, r.err());
    }

    @Test
    void verbosityAndLogFileWorkBeforeAndAfterTheCommandName(@TempDir Path dir) throws Exception {
        Path tree = dir.resolve("tree");
        Files.createDirectory(tree);
        Files.createSymbolicLink(tree.resolve("skipped"), dir);
        // The walk runs on whichever hashing thread takes the next file: the caller's or a pool thread.
        java.util.regex.Pattern info = java.util.regex.Pattern.compile(" INFO \\[(main|digest)\\] "
                + java.util.regex.Pattern.quote("dev.cookbook.crypto.digest.FileTree - skipping symbolic link " + tree
                        + "/skipped (follow links with -L)")
                + "\n");

        Path quiet = dir.resolve("quiet.log");
        assertEquals(
                0,
                Cli.run("--log-file", quiet.toString(), "checksum", "-r", tree.toString())
                        .exit());
        assertEquals("", Files.readString(quiet), "the default level is WARN");

        Path before = dir.resolve("before.log");
        assertEquals(
                0,
                Cli.run("--log-file", before.toString(), "-v", "checksum", "-r", tree.toString())
                        .exit());
        String beforeText = Files.readString(before);
        assertTrue(info.matcher(beforeText).find(), beforeText);

        Path after = dir.resolve("after.log");
        assertEquals(
                0,
                Cli.run("checksum", "-r", tree.toString(), "-v", "--log-file", after.toString())
                        .exit());
        String afterText = Files.readString(after);
        assertTrue(info.matcher(afterText).find(), afterText);
    }

    @Test
    void anUnwritableLogFileIsAnIoError(@TempDir Path dir) {
        Path log = dir.resolve("missing-dir/cookbook.log");
        Cli.Result r = Cli.run("--log-file", log.toString(), "checksum", "--list");
        assertEquals(4, r.exit());
        assertEquals("cookbook checksum: --log-file: " + log + ": No such file or directory\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void aPlainlyNamedCommandIsTheOnlyOneBuilt() {
        assertEquals(List.of("checksum"), commandsBuiltFor("checksum", "README.md"));
        assertEquals(List.of("csv"), commandsBuiltFor("-vv", "--log-file", "checksum", "csv", "read"));
        assertEquals(List.of("encrypt"), commandsBuiltFor("--log-file=x", "-v", "encrypt", "--help"));
        List<String> all =
                List.of("checksum", "encrypt", "decrypt", "key", "sign", "verify", "csv", "completion", "help");
        assertEquals(all, commandsBuiltFor());
        assertEquals(all, commandsBuiltFor("--help"));
        assertEquals(all, commandsBuiltFor("help", "checksum"));
        assertEquals(all, commandsBuiltFor("completion", "bash"));
        assertEquals(all, commandsBuiltFor("checksom"));
        assertEquals(all, commandsBuiltFor("-"));
        assertEquals(all, commandsBuiltFor("@args.txt"));
        assertEquals(all, commandsBuiltFor("--", "checksum"));
        assertEquals(all, commandsBuiltFor("--log-file"));
        assertEquals(all, commandsBuiltFor("--help", "checksum"));
        assertEquals(all, commandsBuiltFor("-vh", "checksum"));
        assertEquals(all, commandsBuiltFor("-V", "checksum"));
        assertEquals(List.of("checksum"), commandsBuiltFor("--verbose", "-v", "checksum", "--help"));
    }

    @Test
    void rootHelpBeforeACommandStillListsEveryCommand() {
        Cli.Result r = Cli.run("--help", "checksum");
        assertEquals(0, r.exit(), r::toString);
        assertEquals(Cli.run("--help").out(), r.out());
    }

    @Test
    void aMistypedCommandGetsSuggestionsFromTheWholeTree() {
        Cli.Result r = Cli.run("checksom", "x");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("checksum"), r::toString);
    }

    private static List<String> commandsBuiltFor(String... args) {
        Stdio stdio = new Stdio(
                new java.io.ByteArrayInputStream(new byte[0]),
                new java.io.ByteArrayOutputStream(),
                new java.io.ByteArrayOutputStream(),
                false,
                false,
                false);
        return List.copyOf(CookbookCli.create(stdio, args).getSubcommands().keySet());
    }
}
