package dev.cookbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

public class RootCommandTest {

    @Test
    void versionNamesCookbookAndTheJavaRuntime() {
        Cli.Result r = Cli.run("--version");
        assertEquals(0, r.exit(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r::toString);
        assertTrue(
                lines.get(0)
                        .matches(
                                "cookbook \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{12}(-dirty)?|unknown)\\)"),
                lines.get(0));
        assertEquals(
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                        + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ") in "
                        + System.getProperty("java.home"),
                lines.get(1));
        assertEquals("", r.err());
    }

    /** picocli prints help and the version itself: a stdout that fails then is one line and exit 4. */
    @Test
    void helpAndVersionOnAFullDiskAreOneLine() {
        for (String arg : List.of("--help", "--version", "-V")) {
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.OutputStream full = new java.io.OutputStream() {
                @Override
                public void write(int b) throws java.io.IOException {
                    throw new java.io.IOException("No space left on device");
                }
            };
            int status = CookbookCli.run(
                    new Stdio(java.io.InputStream.nullInputStream(), full, err, false, false, false), arg);
            assertEquals(ExitCodes.IO_ERROR, status, arg);
            assertEquals(
                    "cookbook: standard output: No space left on device\n",
                    err.toString(java.nio.charset.StandardCharsets.UTF_8),
                    arg);
        }
    }

    /** CookbookCli finds the invoked command by class name, without reading every annotation. */
    @Test
    void everyCommandIsNamedAsItsClass() {
        for (Class<?> command : CookbookCli.COMMANDS) {
            assertEquals(
                    command.getAnnotation(picocli.CommandLine.Command.class).name(),
                    CookbookCli.nameOf(command),
                    command::getName);
        }
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
                "--log-file PATH",
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
                cookbook: unknown command 'chcksum'
                cookbook: hint: did you mean checksum or echo?
                cookbook: hint: see 'cookbook --help'
                """, r.err());
    }

    @Test
    void anUnknownCommandIsAUsageErrorEvenWithHelp() {
        Cli.Result r = Cli.run("nosuchcommand", "--help");
        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals("""
                cookbook: unknown command 'nosuchcommand'
                cookbook: hint: did you mean checksum or completion or echo?
                cookbook: hint: see 'cookbook --help'
                """, r.err());

        Cli.Result bake = Cli.run("xyzzy", "send", "--help");
        assertEquals(2, bake.exit(), bake::toString);
        assertEquals("", bake.out());
        assertEquals("""
                cookbook: unknown command 'xyzzy'
                cookbook: hint: see 'cookbook --help'
                """, bake.err());

        Cli.Result key = Cli.run("key", "generate", "--help");
        assertEquals(2, key.exit(), key::toString);
        assertEquals("""
                cookbook key: unknown command 'generate'
                cookbook key: hint: did you mean gen or convert?
                cookbook key: hint: see 'cookbook key --help'
                """, key.err());

        Cli.Result csv = Cli.run("csv", "raed", "--help");
        assertEquals(2, csv.exit(), csv::toString);
        assertEquals("""
                cookbook csv: unknown command 'raed'
                cookbook csv: hint: see 'cookbook csv --help'
                """, csv.err());

        Cli.Result option = Cli.run("checksum", "--frobnicate", "--help");
        assertEquals(2, option.exit(), option::toString);
        assertEquals("""
                cookbook checksum: unknown option: '--frobnicate'
                cookbook checksum: hint: see 'cookbook checksum --help'
                """, option.err());
    }

    @Test
    void usageErrorsNameArgumentsAsHelpShowsThem() {
        assertUsageError("cookbook completion: unexpected argument 'x'\n", "completion", "bash", "x");
        assertUsageError("cookbook completion: unexpected arguments 'x', 'y'\n", "completion", "bash", "x", "y");
        assertUsageError(
                "cookbook completion: invalid value for SHELL: 'fish' (use bash or zsh)\n", "completion", "fish");
        assertUsageError(
                "cookbook key gen: invalid value for option '--bits': 'many' is not a whole number\n",
                "key",
                "gen",
                "--bits",
                "many");
        assertUsageError("cookbook checksum: -a/--algorithm needs a value: ALGO\n", "checksum", "-a");
        assertUsageError("cookbook sign: missing required option --key KEY\n", "sign");
        assertUsageError("cookbook: unknown command 'nosuch'\n", "help", "nosuch");
    }

    private static void assertUsageError(String firstLine, String... args) {
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals(firstLine, r.err().lines().findFirst().orElse("") + "\n", r::toString);
        assertTrue(
                r.err().endsWith("hint: see '" + r.err().substring(0, r.err().indexOf(':')) + " --help'\n"),
                r::toString);
    }

    @Test
    void anOperandStartingWithAtIsAFileNameNotAnArgumentFile(@TempDir Path dir) throws Exception {
        Path args = dir.resolve("args.txt");
        Files.writeString(args, "--list\n");
        // with argument files on, this would run 'checksum --list' and exit 0
        Cli.Result r = Cli.run("checksum", "@" + args);
        assertEquals(4, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals("cookbook checksum: @" + args + ": No such file or directory\n", r.err());
    }

    @Test
    void helpShowsOptionsGnuStyleAndParsingStillTakesEquals() {
        String help = Cli.run("checksum", "--help").out();
        assertTrue(help.contains("  -a, --algorithm ALGO   Digest algorithm"), help);
        assertTrue(help.contains("[-a ALGO]"), help);
        assertTrue(!help.contains("=ALGO") && !help.contains("=PATH") && !help.contains("=N"), help);
        Cli.Result md5 =
                Cli.run("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8), "checksum", "--algorithm=md5");
        assertEquals(0, md5.exit(), md5::toString);
        assertEquals("900150983cd24fb0d6963f7d28e17f72  -\n", md5.out());
        Cli.Result parsed = Cli.run("checksum", "--jobs=0");
        assertEquals(
                "cookbook checksum: -j/--jobs must be between 1 and 1024, not 0",
                parsed.err().lines().findFirst().orElse(""));
    }

    @Test
    void theSynopsisBreaksOnlyBetweenElements() {
        String oneLine = synopsis(usageAtWidth(400, "checksum", "--help")).get(0);
        for (int width : new int[] {55, 61, 70, 80, 100}) {
            List<String> lines = synopsis(usageAtWidth(width, "checksum", "--help"));
            assertEquals(
                    oneLine, String.join(" ", lines.stream().map(String::strip).toList()), "width " + width);
            for (String line : lines) {
                assertTrue(line.endsWith("]") || line.endsWith("..."), () -> "width " + width + ": " + line);
                assertTrue(line.length() <= width, () -> "width " + width + ": " + line);
            }
        }
        assertTrue(oneLine.contains(" [--[no-]progress] "), oneLine);
    }

    @Test
    void examplesAreNeverWrapped() {
        for (int width : new int[] {55, 80}) {
            String help = usageAtWidth(width, "--help");
            assertTrue(help.endsWith("""

                    Examples:
                      cookbook checksum README.md
                      cookbook checksum -a md5 -r src/ > MD5SUMS && cookbook checksum -c MD5SUMS
                      cookbook encrypt --pass env:PASSWORD -i notes.txt -o notes.txt.enc && cookbook decrypt --pass env:PASSWORD -i notes.txt.enc
                      cookbook help checksum
                    """), help);
        }
    }

    @Test
    void helpReachesSubcommandsOfSubcommands() {
        for (List<String> command : List.of(List.of("csv", "read"), List.of("key", "gen"), List.of("key"))) {
            List<String> help = new java.util.ArrayList<>(List.of("help"));
            help.addAll(command);
            List<String> option = new java.util.ArrayList<>(command);
            option.add("--help");
            Cli.Result viaHelp = Cli.run(help.toArray(String[]::new));
            Cli.Result viaOption = Cli.run(option.toArray(String[]::new));
            assertEquals(0, viaHelp.exit(), viaHelp::toString);
            assertEquals(viaOption.out(), viaHelp.out());
            assertTrue(viaHelp.out().startsWith("Usage: cookbook " + String.join(" ", command) + " "), viaHelp.out());
        }
    }

    @Test
    void eachCommandListsTheExitCodesItCanReturn() {
        assertEquals("""
                Exit status:
                     0   success
                     1   a check came out negative (checksum, signature or echo mismatch)
                     2   usage error: unknown option, bad value, conflicting options
                     4   I/O or network failure: file missing or unreadable, server refused
                    70   internal error (a bug): run with -v for the stack trace
                   141   standard output was closed early (| head); nothing printed
                """, exitSection(Cli.run("checksum", "--help").out()));
        assertEquals("""
                Exit status:
                     0   success
                     2   usage error: unknown option, bad value, conflicting options
                     4   I/O or network failure: file missing or unreadable, server refused
                    70   internal error (a bug): run with -v for the stack trace
                   141   standard output was closed early (| head); nothing printed
                """, exitSection(Cli.run("completion", "--help").out()));
        String root = exitSection(Cli.run("--help").out());
        assertTrue(root.contains("   3   bad data") && root.contains("   1   a check"), root);
        assertTrue(
                root.contains(" 124   run: the command timed out") && root.contains(" 127   run: command not found"),
                root);
    }

    @Test
    void everyCommandWithoutSubcommandsDeclaresItsExitCodes() {
        List<String> undeclared = new java.util.ArrayList<>();
        walk(CookbookCli.create(quietStdio()), cl -> {
            if (cl.getSubcommands().isEmpty()
                    && ExitCodes.declared(cl.getCommandSpec().userObject().getClass()) == null) {
                undeclared.add(cl.getCommandSpec().qualifiedName());
            }
        });
        assertEquals(List.of(), undeclared, "add @ExitCodes.Returns to these commands");
    }

    private static void walk(picocli.CommandLine cl, java.util.function.Consumer<picocli.CommandLine> visit) {
        visit.accept(cl);
        cl.getSubcommands().values().forEach(sub -> walk(sub, visit));
    }

    private static String exitSection(String help) {
        int start = help.indexOf("Exit status:");
        int end = help.indexOf("\n\n", start);
        return help.substring(start, end < 0 ? help.length() : end + 1);
    }

    /** The help printed with the usage width set to {@code width}, as a terminal that wide would. */
    private static String usageAtWidth(int width, String... args) {
        String previous = System.setProperty("picocli.usage.width", Integer.toString(width));
        try {
            return Cli.run(args).out();
        } finally {
            if (previous == null) {
                System.clearProperty("picocli.usage.width");
            } else {
                System.setProperty("picocli.usage.width", previous);
            }
        }
    }

    /** The synopsis lines: from "Usage:" to the first line that is not indented. */
    private static List<String> synopsis(String help) {
        List<String> lines = help.lines().toList();
        List<String> out = new java.util.ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size() && lines.get(i).startsWith(" "); i++) {
            out.add(lines.get(i));
        }
        return out;
    }

    private static Stdio quietStdio() {
        return new Stdio(
                new java.io.ByteArrayInputStream(new byte[0]),
                new java.io.ByteArrayOutputStream(),
                new java.io.ByteArrayOutputStream(),
                false,
                false,
                false);
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
                        + "/skipped (links are not followed)")
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
        List<String> all = List.of(
                "checksum",
                "encrypt",
                "decrypt",
                "key",
                "sign",
                "verify",
                "csv",
                "mail",
                "echo",
                "quote",
                "split",
                "run",
                "install",
                "uninstall",
                "completion",
                "help");
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

    /** A family's command named plainly ({@code csv read}) is the only one of the family built. */
    @Test
    void onlyTheNamedCommandOfAFamilyIsBuilt() {
        assertEquals(List.of("read"), familyBuiltFor("csv", "csv", "read", "x.csv"));
        assertEquals(List.of("write"), familyBuiltFor("csv", "-v", "csv", "write", "--help"));
        assertEquals(List.of("inspect"), familyBuiltFor("key", "key", "inspect", "k.pem"));
        assertEquals(List.of("read", "write"), familyBuiltFor("csv", "csv", "raed"));
        assertEquals(List.of("read", "write"), familyBuiltFor("csv", "csv", "--help", "read"));
        assertEquals(List.of("read", "write"), familyBuiltFor("csv", "csv"));
        assertEquals(List.of("server", "client", "bench"), familyBuiltFor("echo", "help", "echo", "server"));
    }

    /** The help and errors of a family's command are the same from the part of the tree as from all of it. */
    @Test
    void aFamilysCommandIsTheSameBuiltAlone() {
        Cli.Result r = Cli.run("csv", "raed");
        assertEquals(2, r.exit(), r::toString);
        assertEquals("cookbook csv: unknown command 'raed'\ncookbook csv: hint: see 'cookbook csv --help'\n", r.err());
        assertEquals(
                Cli.run("help", "csv", "read").out(),
                Cli.run("csv", "read", "--help").out());
        assertEquals(
                Cli.run("help", "key", "gen").out(),
                Cli.run("key", "gen", "--help").out());
    }

    private static List<String> commandsBuiltFor(String... args) {
        return List.copyOf(tree(args).getSubcommands().keySet());
    }

    private static List<String> familyBuiltFor(String family, String... args) {
        return List.copyOf(
                tree(args).getSubcommands().get(family).getSubcommands().keySet());
    }

    private static CommandLine tree(String... args) {
        Stdio stdio = new Stdio(
                new java.io.ByteArrayInputStream(new byte[0]),
                new java.io.ByteArrayOutputStream(),
                new java.io.ByteArrayOutputStream(),
                false,
                false,
                false);
        return CookbookCli.create(stdio, args);
    }
}
