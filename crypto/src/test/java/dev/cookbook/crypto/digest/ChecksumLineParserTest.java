package dev.cookbook.crypto.digest;

import static dev.cookbook.crypto.digest.DigestAlgorithm.BLAKE2B_512;
import static dev.cookbook.crypto.digest.DigestAlgorithm.MD5;
import static dev.cookbook.crypto.digest.DigestAlgorithm.SHA1;
import static dev.cookbook.crypto.digest.DigestAlgorithm.SHA256;
import static dev.cookbook.crypto.digest.DigestAlgorithm.SHA512_256;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumLineParserTest {
    private static final String H = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String MD5_HEX = "d41d8cd98f00b204e9800998ecf8427e";
    private static final String SHA1_HEX = "da39a3ee5e6b4b0d3255bfef95601890afd80709";

    /**
     * Parses {@code line} as a line of a checksum file. The bytes are passed in a longer array with
     * junk after {@code len}, as the verifier's reused line buffer would hold them.
     */
    private static Optional<ChecksumEntry> parse(ChecksumLineParser parser, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        byte[] buffer = Arrays.copyOf(bytes, bytes.length + 5);
        Arrays.fill(buffer, bytes.length, buffer.length, (byte) ')');
        return parser.parse(buffer, bytes.length);
    }

    private static Optional<ChecksumEntry> sha256(String line) {
        return parse(new ChecksumLineParser(SHA256, true), line);
    }

    private static Optional<ChecksumEntry> entry(DigestAlgorithm a, String hex, String name, boolean binary) {
        return Optional.of(new ChecksumEntry(a, hex, name, binary));
    }

    @Nested
    class StandardFormat {
        @Test
        void hashTwoSpacesName() {
            assertEquals(entry(SHA256, H, "a.txt", false), sha256(H + "  a.txt"));
        }

        @Test
        void hashSpaceStarNameIsBinary() {
            assertEquals(entry(SHA256, H, "a.txt", true), sha256(H + " *a.txt"));
        }

        @Test
        void everyCharacterAfterTheMarkerBelongsToTheName() {
            assertEquals(entry(SHA256, H, " two  spaces\t", false), sha256(H + "   two  spaces\t"));
            assertEquals(entry(SHA256, H, "*star", true), sha256(H + " **star"));
        }

        @Test
        void leadingBlanksBeforeTheHashAreSkipped() {
            assertEquals(entry(SHA256, H, "a", false), sha256(" \t " + H + "  a"));
        }

        @Test
        void aTabMayBeTheFirstBlankAfterTheHash() {
            assertEquals(entry(SHA256, H, "a", false), sha256(H + "\t a"));
        }

        @Test
        void utf8NamesAreDecoded() {
            assertEquals(entry(SHA256, H, "é\uD83D\uDE00", false), sha256(H + "  é\uD83D\uDE00"));
        }

        @Test
        void anUnmarkedLineKeepsItsBackslashes() {
            assertEquals(entry(SHA256, H, "a\\nb\\", false), sha256(H + "  a\\nb\\"));
        }

        @Test
        void uppercaseHexIsAcceptedAndKeptAsWritten() {
            String upper = H.toUpperCase(Locale.ROOT);
            assertEquals(entry(SHA256, upper, "a", false), sha256(upper + "  a"));
        }

        static Stream<String> malformedLines() {
            return Stream.of(
                    "",
                    "a",
                    " ",
                    "\\",
                    H,
                    H + " ",
                    H.substring(1) + "  a",
                    H + "0  a",
                    "g" + H.substring(1) + "  a",
                    H.substring(0, 63) + "-  a",
                    H + "x a");
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @MethodSource("malformedLines")
        @DisplayName("too short, a digest of the wrong length or not hex, or nothing after the blank: malformed")
        void malformed(String line) {
            assertEquals(Optional.empty(), sha256(line));
        }
    }

    @Nested
    class TaggedFormat {
        @Test
        void coreutilsTag() {
            assertEquals(entry(SHA256, H, "a.txt", false), sha256("SHA256 (a.txt) = " + H));
        }

        @Test
        void bsdTagWithoutBlanks() {
            assertEquals(entry(SHA256, H, "a.txt", false), sha256("SHA256(a.txt)= " + H));
        }

        @Test
        void opensslTag() {
            assertEquals(entry(SHA256, H, "a.txt", false), sha256("SHA2-256(a.txt)= " + H));
        }

        @Test
        void blanksAroundTheEqualsSignAreOptional() {
            assertEquals(entry(SHA256, H, "a", false), sha256("SHA256 (a)=" + H));
            assertEquals(entry(SHA256, H, "a", false), sha256("SHA256 (a) \t=\t " + H));
        }

        @Test
        void theNameEndsAtTheLastClosingParenthesis() {
            assertEquals(entry(SHA256, H, "a (1).txt", false), sha256("SHA256 (a (1).txt) = " + H));
            assertEquals(entry(SHA256, H, "x) = y", false), sha256("SHA256 (x) = y) = " + H));
            assertEquals(entry(SHA256, H, "(", false), sha256("SHA256 (() = " + H));
        }

        @Test
        void anEmptyNameParsesAsTheEmptyName() {
            assertEquals(entry(SHA256, H, "", false), sha256("SHA256 () = " + H));
        }

        @Test
        void upperCaseHex() {
            String upper = H.toUpperCase(Locale.ROOT);
            assertEquals(entry(SHA256, upper, "a", false), sha256("SHA256 (a) = " + upper));
        }

        @Test
        void otherAlgorithmsTagsInAutoMode() {
            ChecksumLineParser auto = new ChecksumLineParser(SHA256, false);
            assertEquals(entry(MD5, MD5_HEX, "a", false), parse(auto, "MD5 (a) = " + MD5_HEX));
            assertEquals(entry(SHA1, SHA1_HEX, "b", false), parse(auto, "SHA1 (b) = " + SHA1_HEX));
            assertEquals(entry(SHA512_256, H, "c", false), parse(auto, "SHA512t256 (c) = " + H));
            String blake = "0".repeat(128);
            assertEquals(entry(BLAKE2B_512, blake, "d", false), parse(auto, "BLAKE2b (d) = " + blake));
        }

        @Test
        void aFixedAlgorithmRejectsLinesTaggedWithAnother() {
            assertEquals(Optional.empty(), sha256("MD5 (a) = " + MD5_HEX));
            assertEquals(Optional.empty(), sha256("SHA512t256 (a) = " + H));
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(
                strings = {
                    "SHA256 (a) = " + H + "0",
                    "SHA256 (a) = " + MD5_HEX,
                    "SHA256 (a) " + H,
                    "SHA256 (a = " + H,
                    "SHA256 a) = " + H,
                    "SHA256  (a) = " + H,
                    "SHA256 (a) = ",
                    "SHA256 (",
                    "SHA256 (a) = " + H + " "
                })
        @DisplayName("a tagged line with a bad digest, no '=', no parentheses or extra blanks is malformed")
        void malformed(String line) {
            assertEquals(Optional.empty(), sha256(line));
        }
    }

    @Nested
    class EscapedNames {
        @Test
        void untaggedLineUnescapesBackslashNewlineAndCarriageReturn() {
            assertEquals(entry(SHA256, H, "a\\b\nc\rd", false), sha256("\\" + H + "  a\\\\b\\nc\\rd"));
        }

        @Test
        void binaryMarkerAfterAnEscapedHash() {
            assertEquals(entry(SHA256, H, "a\nb", true), sha256("\\" + H + " *a\\nb"));
        }

        @Test
        void taggedLineUnescapesTheName() {
            assertEquals(entry(SHA256, H, "a\nb\\", false), sha256("\\SHA256 (a\\nb\\\\) = " + H));
        }

        @ParameterizedTest(name = "[{index}] \"{0}\"")
        @ValueSource(
                strings = {
                    "\\" + H + "  a\\xb",
                    "\\" + H + "  a\\",
                    "\\" + H + "  a\\t",
                    "\\SHA256 (a\\x) = " + H,
                    "\\SHA256 (a\\) = " + H
                })
        @DisplayName("an unknown escape or a lone trailing backslash in an escaped line is malformed")
        void malformed(String line) {
            assertEquals(Optional.empty(), sha256(line));
        }
    }

    /** The reversed (BSD {@code md5 -r}) format, {@code HASH NAME}: one file uses one format or the other. */
    @Nested
    class ReversedFormat {
        private final ChecksumLineParser parser = new ChecksumLineParser(SHA256, true);

        @Test
        void hashOneSpaceNameIsAcceptedFirst() {
            assertEquals(entry(SHA256, H, "a.txt", false), parse(parser, H + " a.txt"));
        }

        @Test
        void afterAStandardLineAReversedLineIsMalformed() {
            assertEquals(entry(SHA256, H, "a", false), parse(parser, H + "  a"));
            assertEquals(Optional.empty(), parse(parser, H + " b"));
            assertEquals(entry(SHA256, H, "c", true), parse(parser, H + " *c"));
        }

        @Test
        void afterAReversedLineTwoSpacesOrAStarBelongToTheName() {
            assertEquals(entry(SHA256, H, "a", false), parse(parser, H + " a"));
            assertEquals(entry(SHA256, H, " b", false), parse(parser, H + "  b"));
            assertEquals(entry(SHA256, H, "*c", false), parse(parser, H + " *c"));
        }

        @Test
        void aOneCharacterNameAfterTheBlankIsReversedEvenIfItIsABlank() {
            assertEquals(entry(SHA256, H, " ", false), parse(parser, H + "  "));
            assertEquals(entry(SHA256, H, " a", false), parse(parser, H + "  a"));
        }

        @Test
        void taggedAndMalformedLinesDoNotDecideTheFormat() {
            assertEquals(entry(SHA256, H, "t", false), parse(parser, "SHA256 (t) = " + H));
            assertEquals(Optional.empty(), parse(parser, "junk"));
            assertEquals(entry(SHA256, H, "a", false), parse(parser, H + " a"));
        }
    }
}
