package dev.cookbook.crypto.digest;

import static dev.cookbook.crypto.ExternalTools.exec;
import static dev.cookbook.crypto.ExternalTools.requireTool;
import static dev.cookbook.crypto.ExternalTools.run;
import static dev.cookbook.crypto.digest.TestSupport.hex;
import static dev.cookbook.crypto.digest.TestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cookbook.crypto.ExternalTools.ProcessResult;
import dev.cookbook.crypto.digest.ChecksumFormat.Style;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares {@link ChecksumFormat} byte for byte with the GNU coreutils tools it imitates, on files
 * whose names need escaping. Skipped when a tool is missing, except on CI ({@code CI=true}).
 */
class CoreutilsInteropTest {
    /** Plain names, names that coreutils escapes, and names that only look like the line syntax. */
    private static final List<String> NAMES = List.of(
            "plain.txt",
            "with space",
            " leading space",
            "back\\slash",
            "new\nline",
            "carriage\rreturn",
            "all\\three\n\r",
            "(paren) = x",
            "*star");

    /** The options of the coreutils tools, and the same choice in {@link ChecksumFormat#appendLine} terms. */
    enum Mode {
        TEXT(Style.GNU, false, false),
        BINARY(Style.GNU, true, false, "--binary"),
        TAG(Style.BSD, false, false, "--tag"),
        ZERO(Style.GNU, false, true, "--zero"),
        TAG_ZERO(Style.BSD, false, true, "--tag", "--zero");

        final Style style;
        final boolean binary;
        final boolean zero;
        final List<String> options;

        Mode(Style style, boolean binary, boolean zero, String... options) {
            this.style = style;
            this.binary = binary;
            this.zero = zero;
            this.options = List.of(options);
        }
    }

    /** A coreutils program and the algorithm it computes. */
    record Tool(String command, DigestAlgorithm algorithm) {
        @Override
        public String toString() {
            return command;
        }
    }

    private static final List<Tool> TOOLS = List.of(
            new Tool("md5sum", DigestAlgorithm.MD5),
            new Tool("sha1sum", DigestAlgorithm.SHA1),
            new Tool("sha256sum", DigestAlgorithm.SHA256),
            new Tool("sha512sum", DigestAlgorithm.SHA512),
            new Tool("b2sum", DigestAlgorithm.BLAKE2B_512));

    static Stream<Arguments> toolsAndModes() {
        return TOOLS.stream().flatMap(tool -> Stream.of(Mode.values()).map(mode -> Arguments.of(tool, mode)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("toolsAndModes")
    @DisplayName("appendLine writes exactly what the coreutils tool prints")
    void appendLineMatchesCoreutils(Tool tool, Mode mode, @TempDir Path dir) throws IOException, InterruptedException {
        requireTool(tool.command());
        StringBuilder ours = new StringBuilder();
        for (String name : NAMES) {
            String hex = writeFile(dir, name, tool.algorithm());
            ChecksumFormat.appendLine(ours, tool.algorithm(), hex, name, mode.style, mode.binary, mode.zero);
        }
        List<String> command = new ArrayList<>(List.of(tool.command()));
        command.addAll(mode.options);
        command.add("--");
        command.addAll(NAMES);

        assertBytesEqual(utf8(ours.toString()), run(dir, command));
    }

    @Test
    @DisplayName("reportName gives the names sha256sum --check prints")
    void reportNameMatchesCoreutilsCheck(@TempDir Path dir) throws IOException, InterruptedException {
        requireTool("sha256sum");
        StringBuilder checksums = new StringBuilder();
        StringBuilder expectedReport = new StringBuilder();
        for (String name : NAMES) {
            String hex = writeFile(dir, name, DigestAlgorithm.SHA256);
            ChecksumFormat.appendLine(checksums, DigestAlgorithm.SHA256, hex, name, Style.GNU, false, false);
            expectedReport.append(ChecksumFormat.reportName(name)).append(": OK\n");
        }
        Files.writeString(dir.resolve("SUMS"), checksums, StandardCharsets.UTF_8);

        assertBytesEqual(utf8(expectedReport.toString()), run(dir, List.of("sha256sum", "--check", "SUMS")));
    }

    /**
     * Single-line checksum files, with {@code HASH} standing for the digest of the files they name.
     * openssl's {@code SHA2-256(NAME)= HASH}, which we accept and coreutils does not, is left out.
     */
    static Stream<String> checkLines() {
        return Stream.of(
                "HASH  a",
                "HASH *a",
                "HASH a",
                "HASH\ta",
                "HASH\t a",
                "HASH   a",
                "HASH **a",
                "  HASH  a",
                "\tHASH  a",
                "UPPER  a",
                "HASH  a b",
                "HASH  a\\b",
                "HASH  (x) = y",
                "SHA256 (a) = HASH",
                "SHA256(a)= HASH",
                "SHA256 (a)=HASH",
                "SHA256 (a) =\tUPPER",
                "SHA256 ((x) = y) = HASH",
                "SHA256 (a b) = HASH",
                " SHA256 (a) = HASH",
                "\\HASH  a\\\\b",
                "\\HASH  a\\nb",
                "\\SHA256 (a\\nb) = HASH",
                "\\HASH *a\\\\b",
                "HASH",
                "HASH ",
                "HASHf  a",
                "HASH-  a",
                "SHA256  (a) = HASH",
                "SHA256 (a) HASH",
                "sha256 (a) = HASH",
                "SHA256\t(a) = HASH",
                "SHA256 (a) = HASH ",
                "SHA256 (a) = HASHf",
                "MD5 (a) = HASH",
                "\\HASH  a\\xb",
                "\\HASH  a\\",
                "\\SHA256 (a\\) = HASH");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checkLines")
    @DisplayName("ChecksumLineParser accepts a line exactly when sha256sum --check does, with the same name")
    void parserAgreesWithCoreutilsCheck(String template, @TempDir Path dir) throws IOException, InterruptedException {
        requireTool("sha256sum");
        String hex = "";
        for (String name : List.of("a", "a b", "a\\b", "a\nb", "(x) = y", " a", "*a")) {
            hex = writeFile(dir, name, "same content", DigestAlgorithm.SHA256);
        }
        String line = template.replace("UPPER", hex.toUpperCase(Locale.ROOT)).replace("HASH", hex);
        Files.writeString(dir.resolve("SUMS"), line + "\n", StandardCharsets.UTF_8);
        byte[] bytes = utf8(line);

        Optional<ChecksumEntry> ours = new ChecksumLineParser(DigestAlgorithm.SHA256, true).parse(bytes, bytes.length);
        ProcessResult theirs = exec(dir, List.of("sha256sum", "--check", "SUMS"));

        if (ours.isPresent()) {
            assertEquals(
                    ChecksumFormat.reportName(ours.get().fileName()) + ": OK\n",
                    new String(theirs.out(), StandardCharsets.UTF_8),
                    theirs::err);
        } else {
            assertEquals("sha256sum: SUMS: no properly formatted checksum lines found\n", theirs.err());
        }
    }

    /** Writes a file named {@code name} whose content is its name, and returns its digest. */
    private static String writeFile(Path dir, String name, DigestAlgorithm algorithm) throws IOException {
        return writeFile(dir, name, "content of " + name, algorithm);
    }

    /** Writes a file named {@code name} holding {@code text}, and returns its digest. */
    private static String writeFile(Path dir, String name, String text, DigestAlgorithm algorithm) throws IOException {
        byte[] content = utf8(text);
        Files.write(dir.resolve(name), content);
        Hasher h = algorithm.newHasher();
        h.update(content, 0, content.length);
        return hex(h.digest());
    }

    /** Compares as text for a readable message, then as bytes to be exact. */
    private static void assertBytesEqual(byte[] expected, byte[] actual) {
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
        assertEquals(Arrays.toString(expected), Arrays.toString(actual));
    }
}
