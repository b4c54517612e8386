package dev.cookbook.cli.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cookbook.cli.Binary;
import dev.cookbook.cli.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged binary against GNU coreutils itself, byte for byte, on file names chosen to break
 * naive implementations: spaces, quotes, backslash, newline, carriage return, tab, non-ASCII,
 * a leading dash, parentheses and " = " (which the tagged format uses), leading and trailing blanks.
 */
public class CoreutilsIT {
    static final List<String> NAMES = List.of(
            "plain.txt",
            "sp ace",
            "back\\slash",
            "new\nline",
            "cr\rname",
            "tab\tname",
            "ünïcødé ✓",
            "-dash",
            "quote'single",
            "dq\"uote",
            "(paren) = x",
            " leading",
            "trailing ",
            "star*",
            "emoji 😀");

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        int i = 0;
        for (String name : NAMES) {
            Files.writeString(dir.resolve(name), "content " + i++ + "\n".repeat(i));
        }
        Files.write(dir.resolve("binary.bin"), new byte[] {0, (byte) 0xff, 0x7f, '\r', '\n', 0});
        Files.createFile(dir.resolve("empty"));
    }

    private List<String> operands() {
        List<String> all = new ArrayList<>(List.of("--"));
        all.addAll(NAMES);
        all.addAll(List.of("binary.bin", "empty"));
        return all;
    }

    private Binary.Result tool(String name, List<String> args) {
        Tools.require(name);
        List<String> command = new ArrayList<>(List.of(name));
        command.addAll(args);
        return Binary.exec(dir, Map.of(), null, command);
    }

    private Binary.Result cookbook(List<String> args) {
        return cookbook(Map.of(), args);
    }

    /** {@code cookbook checksum ARGS} with {@code env} added to the environment. */
    private Binary.Result cookbook(Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>(List.of(Binary.PATH.toString(), "checksum"));
        command.addAll(args);
        return Binary.exec(dir, env, null, command);
    }

    private static List<String> with(List<String> base, String... more) {
        List<String> all = new ArrayList<>(List.of(more));
        all.addAll(base);
        return all;
    }

    @ParameterizedTest(name = "{0} = checksum -a {1} {2}")
    @CsvSource({
        "md5sum,    md5,         ''", "md5sum,    md5,         --tag", "md5sum,    md5,         -z",
        "sha1sum,   sha1,        ''", "sha1sum,   sha1,        --tag", "sha224sum, sha224,      ''",
        "sha256sum, sha256,      ''", "sha256sum, sha256,      --tag", "sha256sum, sha256,      -z",
        "sha256sum, sha256,      -b", "sha384sum, sha384,      ''", "sha512sum, sha512,      ''",
        "sha512sum, sha512,      --tag", "b2sum,     blake2b-512, ''", "b2sum,     blake2b-512, --tag",
        "b2sum,     blake2b-512, -z",
    })
    void sameBytesAsCoreutils(String tool, String algorithm, String option) {
        List<String> opts = option.isEmpty() ? List.of() : List.of(option);
        Binary.Result theirs = tool(tool, with(operands(), opts.toArray(String[]::new)));
        List<String> ours = new ArrayList<>(List.of("-a", algorithm));
        ours.addAll(opts);
        Binary.Result mine = cookbook(with(operands(), ours.toArray(String[]::new)));
        assertEquals(0, theirs.exit(), theirs::toString);
        assertEquals(0, mine.exit(), mine::toString);
        assertArrayEquals(theirs.stdout(), mine.stdout(), () -> "theirs:\n" + theirs.out() + "\nours:\n" + mine.out());
    }

    @Test
    void sameBytesUnderTheCLocaleToo() {
        Tools.require("sha256sum");
        List<String> theirs = new ArrayList<>(List.of("sha256sum"));
        theirs.addAll(operands());
        List<String> mine = new ArrayList<>(List.of(Binary.PATH.toString(), "checksum"));
        mine.addAll(operands());
        Map<String, String> c = Map.of("LC_ALL", "C", "LANG", "C");
        Binary.Result a = Binary.exec(dir, c, null, theirs);
        Binary.Result b = Binary.exec(dir, c, null, mine);
        assertEquals(0, b.exit(), b::toString);
        assertArrayEquals(a.stdout(), b.stdout(), b::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--tag", "-b"})
    void coreutilsAcceptsOurOutput(String option) throws IOException {
        List<String> args = option.isEmpty() ? operands() : with(operands(), option);
        Binary.Result ours = cookbook(args);
        assertEquals(0, ours.exit(), ours::toString);
        Files.write(dir.resolve("OURS"), ours.stdout());
        Binary.Result check = tool("sha256sum", List.of("--check", "--strict", "OURS"));
        assertEquals(0, check.exit(), check::toString);
        assertEquals(NAMES.size() + 2, check.out().split(": OK\n", -1).length - 1, check::toString);
        assertEquals("", check.err());
    }

    /**
     * A checksum file made by coreutils, spoiled in every way {@code --check} reports: a wrong
     * digest, a missing file, a malformed line, a comment, a blank line.
     */
    private void spoiledSums(String tool, String option, String name) throws IOException {
        List<String> args = option.isEmpty() ? operands() : with(operands(), option);
        Binary.Result made = tool(tool, args);
        String text = made.out()
                + "0000000000000000000000000000000000000000000000000000000000000000  plain.txt\n"
                + "not a checksum line\n# a comment\n\n"
                + "1111111111111111111111111111111111111111111111111111111111111111  vanished file\n";
        Files.writeString(dir.resolve(name), text);
    }

    @ParameterizedTest(name = "sha256sum -c {0} = checksum -c {0}")
    @ValueSource(
            strings = {
                "",
                "--quiet",
                "--status",
                "--warn",
                "--strict",
                "--ignore-missing",
                "--warn --strict",
                "--quiet --ignore-missing",
                "--status --strict",
                "--warn --ignore-missing"
            })
    void checkReportsExactlyAsCoreutils(String flags) throws IOException {
        spoiledSums("sha256sum", "", "GNU");
        spoiledSums("sha256sum", "--tag", "BSD");
        for (String sums : List.of("GNU", "BSD")) {
            List<String> args = new ArrayList<>(List.of("-c"));
            if (!flags.isEmpty()) {
                args.addAll(List.of(flags.split(" ")));
            }
            args.add(sums);
            Binary.Result theirs = tool("sha256sum", args);
            Binary.Result mine = cookbook(args);
            String where = sums + " " + flags + "\ntheirs:\n" + theirs + "\nours:\n" + mine;
            assertArrayEquals(theirs.stdout(), mine.stdout(), where);
            // Issue 11: --status prints nothing at all, where coreutils still says why a file cannot be read.
            String err = flags.contains("--status") ? "" : theirs.err().replace("sha256sum: ", "cookbook checksum: ");
            assertEquals(err, mine.err(), where);
            assertEquals(theirs.exit(), mine.exit(), where);
        }
    }

    @Test
    void checksBsdReversedFilesAsCoreutils() throws IOException {
        Binary.Result made = tool("sha256sum", List.of("--", "plain.txt", "sp ace", "-dash"));
        String reversed = made.out().replaceAll("(?m)^([0-9a-f]{64})  ", "$1 ");
        Files.writeString(dir.resolve("REV"), reversed);
        Binary.Result theirs = tool("sha256sum", List.of("-c", "REV"));
        Binary.Result mine = cookbook(List.of("-c", "REV"));
        assertEquals(0, theirs.exit(), theirs::toString);
        assertArrayEquals(theirs.stdout(), mine.stdout(), mine::toString);
        assertEquals(0, mine.exit(), mine::toString);
    }

    @Test
    void logLinesGoToStderrOnly() throws IOException {
        Path tree = Files.createDirectory(dir.resolve("tree"));
        Files.createSymbolicLink(tree.resolve("link"), dir.resolve("plain.txt"));
        Binary.Result r = Binary.run(dir, "-v", "checksum", "-r", "tree");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals("cookbook: info: FileTree: skipping symbolic link tree/link (links are not followed)\n", r.err());
    }

    /**
     * A file large enough to be hashed through memory mappings, on Java 25: the windows are unmapped
     * through an Arena there, since Unsafe.invokeCleaner, what unmaps them on Java 17, prints four
     * lines of warning on stderr from Java 24.
     */
    @Test
    void aMappedFileOnJava25HashesAsCoreutilsAndPrintsNothingElse() throws IOException {
        Path home = Tools.java25();
        byte[] data = new byte[3 << 20];
        new java.util.Random(25).nextBytes(data);
        Files.write(dir.resolve("mapped.bin"), data);
        Binary.Result theirs = tool("sha256sum", List.of("mapped.bin", "plain.txt", "mapped.bin"));
        for (List<String> args : List.of(
                List.of("mapped.bin", "plain.txt", "mapped.bin"),
                List.of("-a", "sha256", "mapped.bin", "plain.txt", "mapped.bin"))) {
            Binary.Result mine = cookbook(Map.of("JAVA_HOME", home.toString()), args);
            assertEquals(theirs.out(), mine.out(), mine::toString);
            assertEquals("", mine.err(), mine::toString);
            assertEquals(0, mine.exit(), mine::toString);
        }
    }

    /** Java 25's NIO calls a path through a regular file missing; coreutils, and cookbook, say why. */
    @Test
    void aPathThroughARegularFileOnJava25FailsAsCoreutils() throws IOException {
        Path home = Tools.java25();
        List<String> operands = List.of("plain.txt/child", "missing", "plain.txt");
        Binary.Result theirs = tool("sha256sum", operands);
        Binary.Result mine = cookbook(Map.of("JAVA_HOME", home.toString()), operands);
        assertEquals(theirs.out(), mine.out(), mine::toString);
        assertEquals(theirs.err().replace("sha256sum: ", "cookbook checksum: "), mine.err(), mine::toString);
        assertEquals(1, theirs.exit(), theirs::toString);
        assertEquals(4, mine.exit(), mine::toString); // cookbook's status for a file it cannot read
    }

    /**
     * A digest the JDK has is made without the JCA's provider list when {@code java.security} would
     * answer it from the SUN provider anyway (SunDigests; the README's start-up section): the JCA's
     * debug output shows no provider list. Where the configuration could answer otherwise (a
     * preferred provider, another provider first), the list is asked, and the digest is the same.
     */
    @ParameterizedTest(name = "Java {0}")
    @ValueSource(ints = {17, 25})
    void aDigestIsMadeWithoutTheProviderListUnlessJavaSecuritySaysOtherwise(int feature) throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        if (feature == 25) {
            env.put("JAVA_HOME", Tools.java25().toString());
        }
        Path preferred = Files.writeString(
                dir.resolve("preferred.security"), "jdk.security.provider.preferred=MessageDigest.SHA-256:SUN\n");
        Path reordered = Files.writeString(
                dir.resolve("reordered.security"), "security.provider.1=SunRsaSign\nsecurity.provider.2=SUN\n");
        Binary.Result theirs = tool("sha256sum", List.of("plain.txt", "empty"));
        for (Path properties : java.util.Arrays.asList(null, preferred, reordered)) {
            String opts = "-Djava.security.debug=jca"
                    + (properties == null ? "" : " -Djava.security.properties=" + properties);
            env.put("COOKBOOK_JAVA_OPTS", opts);
            for (List<String> args :
                    List.of(List.of("plain.txt", "empty"), List.of("-a", "sha256", "plain.txt", "empty"))) {
                Binary.Result mine = cookbook(env, args);
                assertEquals(theirs.out(), mine.out(), mine::toString);
                assertEquals(0, mine.exit(), mine::toString);
                // the list's debug lines begin so on Java 17 and 25 (Java 25 prints other JCA lines too)
                assertEquals(properties != null, mine.err().contains("ProviderList"), mine::toString);
            }
        }
    }

    /**
     * Java 25's {@code java.security} can disable a digest ({@code jdk.crypto.disabledAlgorithms}):
     * that is the runtime's configuration, not a bug, so one line naming it, a hint, exit 2 and
     * nothing on stdout; the other digests still work.
     */
    @Test
    void aDigestTheRuntimeDisablesIsOneLineAndAUsageError() throws IOException {
        Path home = Tools.java25();
        Path disabled = Files.writeString(
                dir.resolve("disabled.security"), "jdk.crypto.disabledAlgorithms=MessageDigest.SHA-256\n");
        Map<String, String> env =
                Map.of("JAVA_HOME", home.toString(), "COOKBOOK_JAVA_OPTS", "-Djava.security.properties=" + disabled);
        Files.writeString(
                dir.resolve("SUMS"), tool("sha256sum", List.of("plain.txt")).out());
        for (List<String> args :
                List.of(List.of("plain.txt"), List.of("-a", "sha256", "plain.txt", "empty"), List.of("-c", "SUMS"))) {
            Binary.Result mine = cookbook(env, args);
            assertEquals("", mine.out(), mine::toString);
            assertEquals(
                    "cookbook checksum: this Java runtime does not provide SHA-256: its security configuration"
                            + " disables it or leaves it out\n"
                            + "cookbook checksum: hint: "
                            + (args.contains("-c")
                                    ? "check these lines with a Java runtime that provides it"
                                    : "choose another algorithm with -a, or use a Java runtime that provides it")
                            + " (see its java.security: jdk.crypto.disabledAlgorithms, security.provider.N)\n",
                    mine.err(),
                    mine::toString);
            assertEquals(2, mine.exit(), mine::toString);
        }
        Binary.Result other = cookbook(env, List.of("-a", "sha512", "plain.txt"));
        assertEquals(tool("sha512sum", List.of("plain.txt")).out(), other.out(), other::toString);
        assertEquals(0, other.exit(), other::toString);
    }
}
