package dev.cookbook.cli.checksum;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Cli;
import dev.cookbook.cli.CookbookCli;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.OperandConsumer;
import dev.cookbook.cli.common.ProgressBar;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/** {@code cookbook checksum}, in-process: exact stdout, stderr and exit status. */
public class ChecksumCommandTest {
    static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    static final String ABC_MD5 = "900150983cd24fb0d6963f7d28e17f72";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String MD5_WARNING =
            "cookbook checksum: warning: md5 is a legacy algorithm (collisions are practical): use it only for old data\n";

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private static void assertRun(Cli.Result r, int exit, String out, String err) {
        assertEquals(out, r.out(), r::toString);
        assertEquals(err, r.err(), r::toString);
        assertEquals(exit, r.exit(), r::toString);
    }

    @Nested
    class Generating {
        @Test
        void sha256IsTheDefault() throws IOException {
            Path abc = file("abc.txt", "abc");
            assertRun(Cli.run("checksum", abc.toString()), 0, ABC_SHA256 + "  " + abc + "\n", "");
        }

        @Test
        void theReferenceArticlesMd5OfAbcWithOneWarning() throws IOException {
            Path abc = file("abc.txt", "abc");
            assertRun(Cli.run("checksum", "-a", "md5", abc.toString()), 0, ABC_MD5 + "  " + abc + "\n", MD5_WARNING);
        }

        @Test
        void readsStdinWhenNoFileIsGiven() {
            assertRun(Cli.run("abc".getBytes(UTF_8), "checksum"), 0, ABC_SHA256 + "  -\n", "");
            assertRun(Cli.run("abc".getBytes(UTF_8), "checksum", "-"), 0, ABC_SHA256 + "  -\n", "");
        }

        @Test
        void refusesToWaitOnATerminal() {
            assertRun(Cli.withTerminalStdin("checksum"), 2, "", """
                    cookbook checksum: no FILE given and standard input is a terminal; name a FILE, or - to read the terminal
                    cookbook checksum: hint: see 'cookbook checksum --help'
                    """);
        }

        @Test
        void bsdTagFormat() throws IOException {
            Path abc = file("abc.txt", "abc");
            assertRun(
                    Cli.run("checksum", "--tag", abc.toString()), 0, "SHA256 (" + abc + ") = " + ABC_SHA256 + "\n", "");
            assertRun(
                    Cli.run("checksum", "--tag", "-a", "blake2b-512", abc.toString()),
                    0,
                    "BLAKE2b (" + abc + ") = ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                            + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923\n",
                    "");
        }

        @Test
        void binaryMarkerAndTextMode() throws IOException {
            Path abc = file("abc.txt", "abc");
            assertRun(Cli.run("checksum", "-b", abc.toString()), 0, ABC_SHA256 + " *" + abc + "\n", "");
            assertRun(Cli.run("checksum", "-t", abc.toString()), 0, ABC_SHA256 + "  " + abc + "\n", "");
        }

        @Test
        void escapesAwkwardNamesLikeCoreutils() throws IOException {
            Path nl = file("new\nline", "");
            Path bs = file("back\\slash", "");
            Path cr = file("cr\rname", "");
            assertRun(
                    Cli.run("checksum", nl.toString(), bs.toString(), cr.toString()),
                    0,
                    "\\" + EMPTY_SHA256 + "  " + dir + "/new\\nline\n"
                            + "\\" + EMPTY_SHA256 + "  " + dir + "/back\\\\slash\n"
                            + "\\" + EMPTY_SHA256 + "  " + dir + "/cr\\rname\n",
                    "");
        }

        @Test
        void zeroTerminatesAndDoesNotEscape() throws IOException {
            Path nl = file("new\nline", "abc");
            assertRun(Cli.run("checksum", "-z", nl.toString()), 0, ABC_SHA256 + "  " + nl + "\0", "");
        }

        @Test
        void jsonRecords() throws IOException {
            Path odd = file("quote\"and\nnewline ü.txt", "abc");
            Path empty = file("empty", "");
            Cli.Result r = Cli.run("checksum", "--json", odd.toString(), empty.toString());
            assertEquals(0, r.exit(), r::toString);
            List<String> lines = r.out().lines().toList();
            assertEquals(2, lines.size(), r::toString);
            assertEquals(
                    List.of("path", odd.toString(), "algorithm", "sha256", "digest", ABC_SHA256, "size", "3"),
                    jsonFields(lines.get(0)));
            assertEquals(
                    List.of("path", empty.toString(), "algorithm", "sha256", "digest", EMPTY_SHA256, "size", "0"),
                    jsonFields(lines.get(1)));
            assertTrue(r.out().endsWith("}\n"));
        }

        @Test
        void listMarksTheInsecureAlgorithms() {
            Cli.Result r = Cli.run("checksum", "--list");
            assertEquals(0, r.exit());
            List<String> lines = r.out().lines().toList();
            assertEquals(15, lines.size(), r::toString);
            assertEquals("md2           128  insecure: collisions are practical; only for old data", lines.get(0));
            assertEquals("sha256        256  default", lines.get(5));
            assertEquals("blake3        256", lines.get(14));
        }

        @Test
        void unreadableFilesAreReportedInTheirPlaceAndExitFour() throws IOException {
            Path a = file("a", "abc");
            Path missing = dir.resolve("no such");
            Path b = file("b", "");
            assertRun(
                    Cli.run("checksum", a.toString(), missing.toString(), dir.toString(), b.toString()),
                    4,
                    ABC_SHA256 + "  " + a + "\n" + EMPTY_SHA256 + "  " + b + "\n",
                    "cookbook checksum: '" + missing + "': No such file or directory\n" + "cookbook checksum: " + dir
                            + ": Is a directory\n");
        }

        @Test
        void recursiveWalksInByteOrderAndSkipsLinksUnlessAsked() throws IOException {
            file("t/b", "");
            file("t/a/z", "abc");
            file("t/B", "");
            file("t/é", "");
            Files.createSymbolicLink(dir.resolve("t/link"), dir.resolve("t/b"));
            String t = dir.resolve("t").toString();
            String expected = EMPTY_SHA256 + "  " + t + "/B\n" + ABC_SHA256 + "  " + t + "/a/z\n" + EMPTY_SHA256 + "  "
                    + t + "/b\n";
            assertRun(Cli.run("checksum", "-r", t), 0, expected + EMPTY_SHA256 + "  " + t + "/é\n", "");
            assertRun(
                    Cli.run("checksum", "-r", "-L", t + "/"),
                    0,
                    expected.replace(t + "/", t + "/") + EMPTY_SHA256 + "  " + t + "/link\n" + EMPTY_SHA256 + "  " + t
                            + "/é\n",
                    "");
        }

        @Test
        void outputOrderDoesNotDependOnTheNumberOfJobs() throws IOException {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                names.add(file("f" + i, "x".repeat(i * 997)).toString());
            }
            Cli.Result one = Cli.run(args("checksum", "-j", "1", names));
            Cli.Result many = Cli.run(args("checksum", "-j", "7", names));
            assertEquals(0, one.exit());
            assertEquals(one.out(), many.out());
            assertEquals(names, one.out().lines().map(l -> l.substring(66)).collect(Collectors.toList()));
        }

        @Test
        void everyAlgorithmPrintsADigestOfItsLength() throws IOException {
            Path abc = file("abc", "abc");
            for (String[] algo : new String[][] {
                {"md2", "32"},
                {"md4", "32"},
                {"sha1", "40"},
                {"sha224", "56"},
                {"sha384", "96"},
                {"sha512", "128"},
                {"sha512-256", "64"},
                {"sha3-224", "56"},
                {"sha3-256", "64"},
                {"sha3-384", "96"},
                {"sha3-512", "128"},
                {"blake2b-512", "128"},
                {"blake3", "64"}
            }) {
                Cli.Result r = Cli.run("checksum", "-a", algo[0], abc.toString());
                assertEquals(0, r.exit(), r::toString);
                assertTrue(r.out().matches("[0-9a-f]{" + algo[1] + "}  " + abc + "\n"), r::toString);
            }
        }
    }

    /** FILE operands are taken in runs ({@link OperandConsumer}); options may still come anywhere. */
    @Nested
    class Operands {
        @Test
        void optionsBetweenAndAfterOperandsStillApply() throws IOException {
            Path a = file("a", "abc");
            Path b = file("b", "abc");
            assertRun(
                    Cli.run("checksum", a.toString(), "-a", "md5", b.toString(), "--tag"),
                    0,
                    "MD5 (" + a + ") = " + ABC_MD5 + "\nMD5 (" + b + ") = " + ABC_MD5 + "\n",
                    MD5_WARNING);
        }

        @Test
        void aDashBetweenNamesIsStandardInput() throws IOException {
            Path a = file("a", "abc");
            assertRun(
                    Cli.run("abc".getBytes(UTF_8), "checksum", a.toString(), "-", a.toString()),
                    0,
                    ABC_SHA256 + "  " + a + "\n" + ABC_SHA256 + "  -\n" + ABC_SHA256 + "  " + a + "\n",
                    "");
        }

        @Test
        void afterADoubleDashEverythingIsAName() throws IOException {
            Path a = file("a", "abc");
            assertRun(
                    Cli.run("checksum", a.toString(), "--", "--tag", a.toString()),
                    4,
                    ABC_SHA256 + "  " + a + "\n" + ABC_SHA256 + "  " + a + "\n",
                    "cookbook checksum: --tag: No such file or directory\n");
        }

        @Test
        void anUnknownOptionAfterNamesIsStillAUsageError() throws IOException {
            Path a = file("a", "abc");
            assertRun(Cli.run("checksum", a.toString(), "--bogus", a.toString()), 2, "", """
                    cookbook checksum: unknown option: '--bogus'
                    cookbook checksum: hint: see 'cookbook checksum --help'
                    """);
        }

        @Test
        void thousandsOfOperandsAreHashedInOrder() throws IOException {
            Path a = file("a", "abc");
            Path b = file("b", "");
            List<String> args = new ArrayList<>(List.of("checksum"));
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 3000; i++) {
                Path p = i % 3 == 0 ? b : a;
                args.add(p.toString());
                expected.append(i % 3 == 0 ? EMPTY_SHA256 : ABC_SHA256)
                        .append("  ")
                        .append(p)
                        .append('\n');
            }
            assertRun(Cli.run(args.toArray(String[]::new)), 0, expected.toString(), "");
        }
    }

    @Nested
    class Usage {
        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "-c --tag                 | the --tag option is meaningless when verifying checksums",
                    "-c -z                    | the --zero option is not supported when verifying checksums",
                    "-c -b                    | the --binary and --text options are meaningless when verifying checksums",
                    "-c --json                | --json is not supported when verifying checksums",
                    "-c -r                    | -r/--recursive is meaningless when verifying checksums: the checksum file names the files",
                    "--status                 | the --status option is meaningful only when verifying checksums",
                    "-w                       | the --warn option is meaningful only when verifying checksums",
                    "--strict                 | the --strict option is meaningful only when verifying checksums",
                    "--ignore-missing         | the --ignore-missing option is meaningful only when verifying checksums",
                    "-b -t                    | -b/--binary and -t/--text cannot be used together",
                    "--tag -t                 | --tag does not support --text mode",
                    "--json --tag             | --json cannot be combined with --tag",
                    "--json -z                | --json cannot be combined with -z/--zero",
                    "-L                       | -L/--dereference only applies with -r/--recursive (FILE operands are always followed)",
                    "-j 0                     | -j/--jobs must be between 1 and 1024, not 0",
                    "-a sha999                | invalid value for option '--algorithm': unknown algorithm 'sha999' (see 'cookbook checksum --list')",
                })
        void conflictsAreOneLineAndExitTwo(String options, String message) {
            List<String> args = new ArrayList<>(List.of("checksum"));
            args.addAll(List.of(options.trim().split(" +")));
            args.add("some-file");
            assertRun(
                    Cli.run(args.toArray(String[]::new)),
                    2,
                    "",
                    "cookbook checksum: " + message + "\ncookbook checksum: hint: see 'cookbook checksum --help'\n");
        }
    }

    @Nested
    class Checking {
        private Path sums(String text) throws IOException {
            return file("SUMS", text);
        }

        @Test
        void reportsEachFileAndTheSummaryLikeCoreutils() throws IOException {
            Path good = file("good", "abc");
            Path bad = file("bad", "abc");
            Path sums = sums(ABC_SHA256 + "  " + good + "\n"
                    + EMPTY_SHA256 + "  " + bad + "\n"
                    + "not a checksum line\n"
                    + EMPTY_SHA256 + "  " + dir + "/gone\n");
            assertRun(
                    Cli.run("checksum", "-c", sums.toString()),
                    1,
                    good + ": OK\n" + bad + ": FAILED\n" + dir + "/gone: FAILED open or read\n",
                    "cookbook checksum: " + dir + "/gone: No such file or directory\n"
                            + "cookbook checksum: WARNING: 1 line is improperly formatted\n"
                            + "cookbook checksum: WARNING: 1 listed file could not be read\n"
                            + "cookbook checksum: WARNING: 1 computed checksum did NOT match\n");
        }

        @Test
        void quietPrintsOnlyFailures() throws IOException {
            Path good = file("good", "abc");
            Path bad = file("bad", "");
            Path sums = sums(ABC_SHA256 + "  " + good + "\n" + ABC_SHA256 + "  " + bad + "\n");
            assertRun(
                    Cli.run("checksum", "-c", "--quiet", sums.toString()),
                    1,
                    bad + ": FAILED\n",
                    "cookbook checksum: WARNING: 1 computed checksum did NOT match\n");
            Path allGood = file("SUMS2", ABC_SHA256 + "  " + good + "\n");
            assertRun(Cli.run("checksum", "-c", "--quiet", allGood.toString()), 0, "", "");
        }

        @Test
        void statusPrintsNothingAtAll() throws IOException {
            Path good = file("good", "abc");
            Path sums = sums(ABC_SHA256 + "  " + good + "\n" + ABC_SHA256 + "  " + dir + "/gone\n");
            assertRun(Cli.run("checksum", "-c", "--status", sums.toString()), 1, "", "");
            // No legacy-algorithm warning, no word about the inferred algorithm, malformed lines or a missing list.
            Path md5 = file("MD5SUMS", ABC_MD5 + "  " + good + "\nnot a line\n");
            assertRun(Cli.run("checksum", "-c", "--status", "-w", md5.toString()), 0, "", "");
            assertRun(Cli.run("checksum", "-a", "md5", "-c", "--status", md5.toString()), 0, "", "");
            assertRun(Cli.run("checksum", "-c", "--status", dir + "/NOSUMS"), 4, "", "");
            Path allGood = file("SUMS2", ABC_SHA256 + "  " + good + "\n");
            assertRun(Cli.run("checksum", "-c", "--status", allGood.toString()), 0, "", "");
        }

        @Test
        void warnNamesTheLineAndStrictFailsOnIt() throws IOException {
            Path good = file("good", "abc");
            Path sums = sums("junk\n" + ABC_SHA256 + "  " + good + "\n");
            String warning = "cookbook checksum: " + sums + ": 1: improperly formatted SHA256 checksum line\n";
            String summary = "cookbook checksum: WARNING: 1 line is improperly formatted\n";
            assertRun(Cli.run("checksum", "-c", sums.toString()), 0, good + ": OK\n", summary);
            assertRun(Cli.run("checksum", "-c", "-w", sums.toString()), 0, good + ": OK\n", warning + summary);
            assertRun(Cli.run("checksum", "-c", "--strict", sums.toString()), 1, good + ": OK\n", summary);
        }

        @Test
        void ignoreMissingSkipsAbsentFilesButNotAnEmptyVerification() throws IOException {
            Path good = file("good", "abc");
            Path sums = sums(ABC_SHA256 + "  " + good + "\n" + ABC_SHA256 + "  " + dir + "/gone\n");
            assertRun(Cli.run("checksum", "-c", "--ignore-missing", sums.toString()), 0, good + ": OK\n", "");
            Path onlyMissing = file("SUMS2", ABC_SHA256 + "  " + dir + "/gone\n");
            assertRun(
                    Cli.run("checksum", "-c", "--ignore-missing", onlyMissing.toString()),
                    1,
                    "",
                    "cookbook checksum: " + onlyMissing + ": no file was verified\n");
        }

        @Test
        void acceptsAWindowsFileWithOneWarning() throws IOException {
            Path good = file("good", "abc");
            Path sums = dir.resolve("SUMS.txt");
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            byte[] text = (ABC_SHA256 + "  " + good + "\r\n" + ABC_SHA256 + " *" + good + "\r\n").getBytes(UTF_8);
            Files.write(sums, concat(bom, text));
            assertRun(
                    Cli.run("checksum", "-c", sums.toString()),
                    0,
                    good + ": OK\n" + good + ": OK\n",
                    "cookbook checksum: warning: " + sums + ": written on Windows; read it ignoring a byte-order mark "
                            + "and CRLF line ends\n");
        }

        @Test
        void readsTaggedLinesOfAnyAlgorithmAndOpensslLines() throws IOException {
            Path good = file("good", "abc");
            Path sums = sums("MD5 (" + good + ") = " + ABC_MD5 + "\n" + "SHA2-256(" + good + ")= " + ABC_SHA256 + "\n");
            assertRun(Cli.run("checksum", "-c", sums.toString()), 0, good + ": OK\n" + good + ": OK\n", MD5_WARNING);
        }

        @Test
        void anExplicitAlgorithmRejectsLinesTaggedWithAnother() throws IOException {
            Path good = file("good", "abc");
            Path sums = sums("MD5 (" + good + ") = " + ABC_MD5 + "\n");
            assertRun(
                    Cli.run("checksum", "-c", "-a", "sha256", sums.toString()),
                    1,
                    "",
                    "cookbook checksum: " + sums + ": no properly formatted checksum lines found\n");
        }

        @Test
        void suggestsTheAlgorithmThatFitsTheDigests() throws IOException {
            Path good = file("good", "abc");
            Path sums = sums(ABC_MD5 + "  " + good + "\n");
            assertRun(
                    Cli.run("checksum", "-a", "sha256", "-c", sums.toString()),
                    1,
                    "",
                    "cookbook checksum: " + sums + ": no properly formatted checksum lines found\n"
                            + "cookbook checksum: hint: its lines hold 32-digit digests, as md5 makes: try -a md5\n");
        }

        @Test
        void untaggedLinesOfAnotherLengthAreCheckedWithTheUsualAlgorithmForIt() throws IOException {
            Path good = file("good", "abc");
            Path sums = sums(ABC_MD5 + "  " + good + "\n");
            assertRun(
                    Cli.run("checksum", "-c", sums.toString()),
                    0,
                    good + ": OK\n",
                    "cookbook checksum: " + sums + ": no algorithm given: assumed md5 from the digests' length\n"
                            + MD5_WARNING);
        }

        @Test
        void quietHidesTheAssumptionAndWarnNamesTheAssumedAlgorithm() throws IOException {
            Path good = file("good", "abc");
            Path sums = sums(ABC_MD5 + "  " + good + "\nnot a checksum line\n");
            assertRun(
                    Cli.run("-q", "checksum", "-c", sums.toString()),
                    0,
                    "",
                    "cookbook checksum: WARNING: 1 line is improperly formatted\n");
            assertRun(
                    Cli.run("checksum", "-c", "-w", sums.toString()),
                    0,
                    good + ": OK\n",
                    "cookbook checksum: " + sums + ": no algorithm given: assumed md5 from the digests' length\n"
                            + MD5_WARNING
                            + "cookbook checksum: " + sums + ": 2: improperly formatted MD5 checksum line\n"
                            + "cookbook checksum: WARNING: 1 line is improperly formatted\n");
        }

        /** The root --help's example: cookbook checksum -a md5 -r src/ > MD5SUMS && cookbook checksum -c MD5SUMS. */
        @Test
        void aListMadeWithAnAlgorithmChecksWithoutNamingIt() throws IOException {
            Path src = Files.createDirectories(dir.resolve("src"));
            Files.writeString(src.resolve("a.txt"), "abc");
            Files.writeString(src.resolve("b.txt"), "def");
            Cli.Result made = Cli.run("checksum", "-a", "md5", "-r", src.toString());
            assertEquals(0, made.exit(), made.err());
            Path list = file("MD5SUMS", made.out());
            assertRun(
                    Cli.run("checksum", "-c", list.toString()),
                    0,
                    src + "/a.txt: OK\n" + src + "/b.txt: OK\n",
                    "cookbook checksum: " + list + ": no algorithm given: assumed md5 from the digests' length\n"
                            + MD5_WARNING);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"md5sum, md5", "sha1sum, sha1", "sha512sum, sha512", "sha224sum, sha224", "sha384sum, sha384"})
        void listsWrittenByCoreutilsCheckWithoutAnAlgorithm(String tool, String algo) throws Exception {
            Path a = file("a", "abc");
            Path b = file("b", "");
            Process p = new ProcessBuilder(tool, a.toString(), b.toString())
                    .redirectErrorStream(true)
                    .start();
            String list = new String(p.getInputStream().readAllBytes(), UTF_8);
            org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, tool + " is not available");
            Path sums = file(tool.toUpperCase(java.util.Locale.ROOT), list);
            String insecure = algo.equals("md5") || algo.equals("sha1")
                    ? "cookbook checksum: warning: " + algo
                            + " is a legacy algorithm (collisions are practical): use it only for old data\n"
                    : "";
            assertRun(
                    Cli.run("checksum", "-c", sums.toString()),
                    0,
                    a + ": OK\n" + b + ": OK\n",
                    "cookbook checksum: " + sums + ": no algorithm given: assumed " + algo
                            + " from the digests' length\n" + insecure);
            // -a still forces one: here sha256, which these lines do not fit
            assertEquals(
                    1,
                    Cli.run("checksum", "-a", "sha256", "-c", sums.toString()).exit());
        }

        @Test
        void readsTheChecksumFileFromStdin() throws IOException {
            Path good = file("good", "abc");
            byte[] list = (ABC_SHA256 + "  " + good + "\n").getBytes(UTF_8);
            assertRun(Cli.run(list, "checksum", "-c"), 0, good + ": OK\n", "");
            assertRun(Cli.run(list, "checksum", "-c", "-"), 0, good + ": OK\n", "");
            byte[] dash = (ABC_SHA256 + "  -\n").getBytes(UTF_8);
            assertRun(
                    Cli.run(dash, "checksum", "-c"),
                    1,
                    "",
                    "cookbook checksum: 'standard input': no properly formatted checksum lines found\n");
        }

        @Test
        void aMissingChecksumFileIsAnIoError() {
            assertRun(
                    Cli.run("checksum", "-c", dir + "/NOSUMS"),
                    4,
                    "",
                    "cookbook checksum: " + dir + "/NOSUMS: No such file or directory\n");
        }
    }

    /** Hashing the first large FILE while the command line is parsed ({@link ChecksumHeadStart}). */
    @Nested
    class HeadStarts {
        private static final int SIZE = (3 << 20) + 17;

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "checksum F",
                    "checksum -a md5 F",
                    "checksum --algorithm sha3-256 F --tag",
                    "checksum --algorithm=BLAKE2b F",
                    "checksum --json F G",
                    "checksum -b -z F",
                    "checksum --no-progress F",
                })
        void plainChecksumsOfFilesGetOne(String line) {
            assertHeadStart(true, line);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "checksum",
                    "checksum -c F",
                    "checksum -r F",
                    "checksum -j 1 F",
                    "checksum -tb F",
                    "checksum -",
                    "checksum @F",
                    "checksum -- F",
                    "checksum -a nope F",
                    "checksum F -a",
                    "checksum --list",
                    "-v checksum F",
                    "encrypt F",
                    "help checksum",
                })
        void anythingLessPlainGetsNone(String line) {
            assertHeadStart(false, line);
        }

        /** F and G stand for files in the test's directory (which need not exist for the guess). */
        private void assertHeadStart(boolean expected, String line) {
            String[] args = line.split(" ");
            for (int i = 0; i < args.length; i++) {
                args[i] = args[i].replace("F", dir.resolve("F").toString())
                        .replace("G", dir.resolve("G").toString());
            }
            var h = ChecksumHeadStart.begin(args);
            try {
                assertEquals(expected, h != null, line);
            } finally {
                if (h != null) {
                    h.cancel();
                }
            }
        }

        @Test
        void theOutputIsWhatHashingAfterParsingGives() throws Exception {
            byte[] data = new byte[SIZE];
            new java.util.Random(42).nextBytes(data);
            Path big = dir.resolve("big file.bin");
            Files.write(big, data);
            Path abc = file("abc.txt", "abc");
            String sha = hex("SHA-256", data);
            String md5 = hex("MD5", data);

            assertRun(Cli.run("checksum", big.toString()), 0, sha + "  " + big + "\n", "");
            assertRun(
                    Cli.run("checksum", "-a", "md5", big.toString(), abc.toString()),
                    0,
                    md5 + "  " + big + "\n" + ABC_MD5 + "  " + abc + "\n",
                    MD5_WARNING);
            assertRun(
                    Cli.run("checksum", "--json", big.toString()),
                    0,
                    "{\"path\":\"" + big + "\",\"algorithm\":\"sha256\",\"digest\":\"" + sha + "\",\"size\":" + SIZE
                            + "}\n",
                    "");
            // The same file named twice: the second is read by the run itself.
            assertRun(
                    Cli.run("checksum", "--tag", big.toString(), big.toString()),
                    0,
                    ("SHA256 (" + big + ") = " + sha + "\n").repeat(2),
                    "");
        }

        @Test
        void theRunTakesTheHeadStartsDigestOfTheFileItNames() throws Exception {
            byte[] data = new byte[SIZE];
            new java.util.Random(7).nextBytes(data);
            Path big = dir.resolve("big");
            Files.write(big, data);
            String[] args = {"checksum", big.toString()};
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            Stdio stdio = new Stdio(new ByteArrayInputStream(new byte[0]), out, err, false, false, false);
            // The root hands the raw arguments to the command it makes for them, which starts hashing.
            picocli.CommandLine cl = CookbookCli.create(stdio, args);
            ChecksumCommand command = cl.getSubcommands().get("checksum").getCommand();
            var early = command.headStart();
            assertTrue(early != null && early.await() != null, "the head start hashed the file");
            byte[] changed = data.clone();
            changed[0] ^= 1;
            Files.write(big, changed); // only a run that reads the file again sees this

            assertEquals(0, cl.execute(args), () -> err.toString(UTF_8));
            cl.getOut().flush();
            assertEquals(hex("SHA-256", data) + "  " + big + "\n", out.toString(UTF_8));
        }

        @Test
        void aGuessThatTheArgumentsRefuseChangesNothing() throws IOException {
            Path big = dir.resolve("big");
            Files.write(big, new byte[SIZE]);
            assertRun(Cli.run("checksum", "--json", "--tag", big.toString()), 2, "", """
                    cookbook checksum: --json cannot be combined with --tag
                    cookbook checksum: hint: see 'cookbook checksum --help'
                    """);
        }

        private String hex(String algorithm, byte[] data) throws java.security.NoSuchAlgorithmException {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance(algorithm).digest(data));
        }
    }

    @Nested
    class Progress {
        /** Twelve chunks a tenth of a second apart: long enough for the bar's half-second delay. */
        private java.io.InputStream slowInput() {
            return new java.io.InputStream() {
                private int chunks = 12;

                @Override
                public int read() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (chunks-- == 0) {
                        return -1;
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    java.util.Arrays.fill(b, off, off + 1000, (byte) 'a');
                    return 1000;
                }
            };
        }

        @Test
        void aBarOnStderrWhenAskedThatErasesItself() {
            Cli.Result r = Cli.run(slowInput(), new java.io.ByteArrayOutputStream(), false, "checksum", "--progress");
            assertEquals(0, r.exit(), r::toString);
            assertEquals(sha256("a".repeat(12_000)) + "  -\n", r.out());
            assertTrue(
                    r.err().startsWith("\r")
                            && r.err().contains(" KiB ")
                            && r.err().contains("/s\u001b[K"),
                    r::toString);
            assertTrue(r.err().endsWith("\r\u001b[K"), r::toString);
        }

        @Test
        void noBarWhenStderrIsNotATerminal() {
            Cli.Result r = Cli.run(slowInput(), new java.io.ByteArrayOutputStream(), false, "checksum");
            assertEquals(0, r.exit(), r::toString);
            assertEquals("", r.err());
        }

        @Test
        void sizesAreHumanReadable() {
            assertEquals("999 B", ProgressBar.size(999));
            assertEquals("1.5 KiB", ProgressBar.size(1536));
            assertEquals("1.0 GiB", ProgressBar.size(1L << 30));
        }

        private String sha256(String text) {
            try {
                return java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(text.getBytes(UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Nested
    class Output {
        @Test
        void aClosedPipeEndsQuietlyWith141() throws IOException {
            Path abc = file("abc", "abc");
            Cli.Result r = Cli.run(
                    new ByteArrayInputStream(new byte[0]),
                    Cli.failingOutput("Broken pipe"),
                    false,
                    "checksum",
                    abc.toString());
            assertEquals(141, r.exit());
            assertEquals("", r.err());
        }

        @Test
        void anyOtherWriteFailureIsAnIoError() throws IOException {
            Path abc = file("abc", "abc");
            Cli.Result r = Cli.run(
                    new ByteArrayInputStream(new byte[0]),
                    Cli.failingOutput("No space left on device"),
                    false,
                    "checksum",
                    abc.toString());
            assertEquals(4, r.exit());
            assertEquals("cookbook checksum: standard output: No space left on device\n", r.err());
        }
    }

    private static String[] args(String command, String option, String value, List<String> files) {
        List<String> all = new ArrayList<>(List.of(command, option, value));
        all.addAll(files);
        return all.toArray(String[]::new);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The object's fields and values in order, numbers as their text. */
    private static List<String> jsonFields(String line) {
        List<String> fields = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), line)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
                fields.add(t == JsonToken.PROPERTY_NAME ? p.currentName() : p.getString());
            }
            assertEquals(null, p.nextToken(), "one object per line");
        }
        return fields;
    }
}
