package dev.cookbook.crypto.digest;

import static dev.cookbook.crypto.digest.DigestAlgorithm.BLAKE2B_512;
import static dev.cookbook.crypto.digest.DigestAlgorithm.MD5;
import static dev.cookbook.crypto.digest.DigestAlgorithm.SHA256;
import static dev.cookbook.crypto.digest.DigestAlgorithm.SHA512_256;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cookbook.crypto.digest.ChecksumFormat.Style;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The checksum lines as coreutils writes them; {@link CoreutilsInteropTest} compares with the real tools. */
class ChecksumFormatTest {
    private static final String MD5_HEX = "d41d8cd98f00b204e9800998ecf8427e";
    private static final String SHA256_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static String line(DigestAlgorithm a, String hex, String name, Style style, boolean binary, boolean zero) {
        StringBuilder sb = new StringBuilder();
        ChecksumFormat.appendLine(sb, a, hex, name, style, binary, zero);
        return sb.toString();
    }

    @Test
    void gnuTextLineIsHashTwoSpacesName() {
        assertEquals(SHA256_HEX + "  a.txt\n", line(SHA256, SHA256_HEX, "a.txt", Style.GNU, false, false));
    }

    @Test
    void gnuBinaryLineMarksTheNameWithAStar() {
        assertEquals(MD5_HEX + " *a.txt\n", line(MD5, MD5_HEX, "a.txt", Style.GNU, true, false));
    }

    @Test
    void bsdLineIsTagNameHashAndIgnoresBinary() {
        String expected = "SHA256 (a.txt) = " + SHA256_HEX + "\n";
        assertEquals(expected, line(SHA256, SHA256_HEX, "a.txt", Style.BSD, false, false));
        assertEquals(expected, line(SHA256, SHA256_HEX, "a.txt", Style.BSD, true, false));
    }

    @Test
    void blake2bAndSha512t256UseTheirCoreutilsAndBsdTags() {
        String blake2bHex = "ab".repeat(64);
        assertEquals("BLAKE2b (f) = " + blake2bHex + "\n", line(BLAKE2B_512, blake2bHex, "f", Style.BSD, false, false));
        assertEquals(
                "SHA512t256 (f) = " + SHA256_HEX + "\n", line(SHA512_256, SHA256_HEX, "f", Style.BSD, false, false));
    }

    @Test
    void namesWithSpacesParenthesesAndStarsAreNotEscaped() {
        String name = " (x) = *y ";
        assertEquals(MD5_HEX + "   (x) = *y \n", line(MD5, MD5_HEX, name, Style.GNU, false, false));
        assertEquals("MD5 ( (x) = *y ) = " + MD5_HEX + "\n", line(MD5, MD5_HEX, name, Style.BSD, false, false));
    }

    static Stream<Arguments> escapedNames() {
        return Stream.of(
                Arguments.of("backslash", "a\\b", "a\\\\b"),
                Arguments.of("newline", "a\nb", "a\\nb"),
                Arguments.of("carriage return", "a\rb", "a\\rb"),
                Arguments.of("all three, and a backslash before an x", "\\\n\r\\x", "\\\\\\n\\r\\\\x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    @DisplayName("names holding a backslash, newline or CR are escaped and the line starts with a backslash")
    void escapedNames(String what, String name, String escaped) {
        assertEquals("\\" + MD5_HEX + "  " + escaped + "\n", line(MD5, MD5_HEX, name, Style.GNU, false, false));
        assertEquals("\\" + MD5_HEX + " *" + escaped + "\n", line(MD5, MD5_HEX, name, Style.GNU, true, false));
        assertEquals("\\MD5 (" + escaped + ") = " + MD5_HEX + "\n", line(MD5, MD5_HEX, name, Style.BSD, false, false));
    }

    @Test
    void zeroTerminatedLinesEscapeNothing() {
        String name = "a\\b\nc\rd";
        assertEquals(MD5_HEX + "  " + name + "\0", line(MD5, MD5_HEX, name, Style.GNU, false, true));
        assertEquals(MD5_HEX + " *" + name + "\0", line(MD5, MD5_HEX, name, Style.GNU, true, true));
        assertEquals("MD5 (" + name + ") = " + MD5_HEX + "\0", line(MD5, MD5_HEX, name, Style.BSD, false, true));
    }

    @Test
    void appendLineAppendsToWhatIsAlreadyThere() {
        StringBuilder sb = new StringBuilder("first\n");
        ChecksumFormat.appendLine(sb, MD5, MD5_HEX, "x", Style.GNU, false, false);
        ChecksumFormat.appendLine(sb, MD5, MD5_HEX, "y", Style.BSD, false, false);
        assertEquals("first\n" + MD5_HEX + "  x\nMD5 (y) = " + MD5_HEX + "\n", sb.toString());
    }

    static Stream<Arguments> reportName() {
        return Stream.of(
                Arguments.of("plain.txt", "plain.txt"),
                Arguments.of("a\\b", "a\\b"),
                Arguments.of("a\rb", "a\rb"),
                Arguments.of("", ""),
                Arguments.of("a\nb", "\\a\\nb"),
                Arguments.of("a\\b\nc\r", "\\a\\\\b\\nc\\r"));
    }

    @ParameterizedTest
    @MethodSource
    @DisplayName("reportName escapes a name only when it holds a newline, and then escapes it fully")
    void reportName(String name, String expected) {
        assertEquals(expected, ChecksumFormat.reportName(name));
    }
}
