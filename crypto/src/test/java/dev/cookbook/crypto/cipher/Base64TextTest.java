package dev.cookbook.crypto.cipher;

import static dev.cookbook.crypto.ExternalTools.requireTool;
import static dev.cookbook.crypto.ExternalTools.run;
import static dev.cookbook.crypto.cipher.CipherTestSupport.assertBytes;
import static dev.cookbook.crypto.cipher.CipherTestSupport.pseudoRandomBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.crypto.cipher.FileCipherRoundTripTest.TrickleInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Base64Text}: the encoder writes exactly what {@code openssl base64} / {@code openssl enc -a
 * [-A]} writes; the decoder reads every layout and refuses, with its line, anything that is not
 * base64.
 */
class Base64TextTest {
    /** Past the decoder's 64 KiB text buffer several times, not a multiple of 3 or 48. */
    static final int LARGE = (1 << 20) + 7;

    @TempDir
    Path dir;

    static byte[] encode(byte[] data, Encoding encoding) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream text = Base64Text.encoding(out, encoding)) {
            text.write(data);
        }
        return out.toByteArray();
    }

    /** What the decoder gives for {@code text}, and whether it saw one line. */
    record Decoded(byte[] bytes, boolean oneLine) {}

    static Decoded decode(InputStream text) throws IOException {
        Base64Text.Decoding d = Base64Text.decoding(text);
        byte[] bytes = d.readAllBytes();
        return new Decoded(bytes, d.oneLine());
    }

    static Decoded decode(String text) throws IOException {
        return decode(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    static Stream<Arguments> sizesAndEncodings() {
        List<Arguments> cases = new ArrayList<>();
        for (Encoding e : List.of(Encoding.BASE64, Encoding.BASE64_ONE_LINE)) {
            for (int size = 0; size <= 200; size++) {
                cases.add(Arguments.of(size, e));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} bytes {1}")
    @MethodSource("sizesAndEncodings")
    @DisplayName("every size from 0 to 200 bytes round-trips, in openssl's layout, as the JDK's encoder has it")
    void roundTripEverySmallSize(int size, Encoding encoding) throws IOException {
        byte[] data = pseudoRandomBytes(size);
        String text = ascii(encode(data, encoding));

        assertEquals(expectedLayout(data, encoding), text);
        Decoded d = decode(text);
        assertBytes(data, d.bytes(), "decoded");
        assertEquals(encoding == Encoding.BASE64_ONE_LINE || size == 0, d.oneLine(), "one line");
    }

    /** openssl's layout, written out from the JDK's plain encoder: 64-column lines, each ended. */
    static String expectedLayout(byte[] data, Encoding encoding) {
        String plain = Base64.getEncoder().encodeToString(data);
        if (encoding == Encoding.BASE64_ONE_LINE) {
            return plain;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < plain.length(); i += 64) {
            sb.append(plain, i, Math.min(plain.length(), i + 64)).append('\n');
        }
        return sb.toString();
    }

    @Test
    @DisplayName("the layout at its edges: nothing for nothing, 48 bytes fill one line, 49 start a second")
    void layoutAtTheEdges() throws IOException {
        assertEquals("", ascii(encode(new byte[0], Encoding.BASE64)));
        assertEquals("", ascii(encode(new byte[0], Encoding.BASE64_ONE_LINE)));
        assertEquals("AAAA\n", ascii(encode(new byte[3], Encoding.BASE64)));
        assertEquals("AAAA", ascii(encode(new byte[3], Encoding.BASE64_ONE_LINE)));
        assertEquals("A".repeat(64) + "\n", ascii(encode(new byte[48], Encoding.BASE64)));
        assertEquals("A".repeat(64) + "\nAA==\n", ascii(encode(new byte[49], Encoding.BASE64)));
        assertEquals("A".repeat(64) + "AA==", ascii(encode(new byte[49], Encoding.BASE64_ONE_LINE)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Encoding.class,
            names = {"BASE64", "BASE64_ONE_LINE"})
    @DisplayName("a large stream round-trips, written in odd pieces and read a few bytes at a time")
    void largeRoundTrip(Encoding encoding) throws IOException {
        byte[] data = pseudoRandomBytes(LARGE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream text = Base64Text.encoding(out, encoding)) {
            for (int off = 0, step = 1; off < data.length; off += step, step = step * 3 % 9973 + 1) {
                text.write(data, off, Math.min(step, data.length - off));
            }
        }
        byte[] text = out.toByteArray();
        assertEquals(expectedLayout(data, encoding), ascii(text));

        assertBytes(data, decode(new ByteArrayInputStream(text)).bytes(), "decoded in bulk");
        Decoded trickled = decode(new TrickleInputStream(text));
        assertBytes(data, trickled.bytes(), "decoded from short reads");
        assertEquals(encoding == Encoding.BASE64_ONE_LINE, trickled.oneLine());
    }

    @Test
    @DisplayName("closing the encoder writes the end of the text but leaves the stream under it open")
    void closeLeavesTheOutputOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        OutputStream text = Base64Text.encoding(sink, Encoding.BASE64);
        text.write(new byte[] {1, 2});
        text.close();
        assertEquals("AQI=\n", sink.toString(StandardCharsets.US_ASCII));
        assertFalse(closed[0]);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 2, 3, 47, 48, 49, 95, 96, 97, 3000, 100_001})
    @DisplayName("the text is byte for byte what 'openssl base64' and 'openssl base64 -A' write")
    void sameAsOpenssl(int size) throws Exception {
        requireTool("openssl");
        byte[] data = pseudoRandomBytes(size);
        Path in = Files.write(dir.resolve("data"), data);

        byte[] lines = run(dir, List.of("openssl", "base64", "-in", in.toString()));
        byte[] oneLine = run(dir, List.of("openssl", "base64", "-A", "-in", in.toString()));

        assertEquals(ascii(lines), ascii(encode(data, Encoding.BASE64)));
        assertEquals(ascii(oneLine), ascii(encode(data, Encoding.BASE64_ONE_LINE)));
        assertBytes(data, decode(new ByteArrayInputStream(lines)).bytes(), "openssl's lines decoded");
        assertBytes(data, decode(new ByteArrayInputStream(oneLine)).bytes(), "openssl's one line decoded");
    }

    static Stream<Arguments> malformed() {
        String line = "QUJD".repeat(16) + "\n"; // a full 64-column line
        return Stream.of(
                Arguments.of("QUJD!", "not base64: line 1 has '!', which is not a base64 character"),
                Arguments.of("QUJD-_", "not base64: line 1 has '-', which is not a base64 character"),
                Arguments.of(line + line + "QU.D\n", "not base64: line 3 has '.', which is not a base64 character"),
                Arguments.of("QUJD\r\nQU\0D", "not base64: line 2 has byte 0x00, which is not a base64 character"),
                Arguments.of("QUJD\u00e9", "not base64: line 1 has byte 0xe9, which is not a base64 character"),
                Arguments.of("QUJD\u007f", "not base64: line 1 has byte 0x7f, which is not a base64 character"),
                Arguments.of("QUJD\fQUJD", "not base64: line 1 has byte 0x0c, which is not a base64 character"),
                Arguments.of("Salted__", "not base64: line 1 has '_', which is not a base64 character"),
                Arguments.of("=", "not base64: line 1 has a misplaced '='"),
                Arguments.of("Q=", "not base64: line 1 has a misplaced '='"),
                Arguments.of("QUJD=", "not base64: line 1 has a misplaced '='"),
                Arguments.of("QQ===", "not base64: line 1 has a misplaced '='"),
                Arguments.of("QUJ==", "not base64: line 1 has a misplaced '='"),
                Arguments.of("QQ==QQ==", "not base64: line 1 has text after the final '='"),
                Arguments.of("QUI=\nQUJD\n", "not base64: line 2 has text after the final '='"),
                Arguments.of("Q", "not base64: cut short, a character is missing at its end"),
                Arguments.of("QUJDR", "not base64: cut short, a character is missing at its end"),
                Arguments.of(line + "Q\n", "not base64: cut short, a character is missing at its end"),
                Arguments.of("QQ=", "not base64: its last characters are malformed"),
                Arguments.of("QUJDQQ=\n", "not base64: its last characters are malformed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    @DisplayName("text that is not base64 fails with MalformedException, naming what and where")
    void malformedText(String text, String message) {
        Base64Text.MalformedException e = assertThrows(Base64Text.MalformedException.class, () -> decode(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    @DisplayName("a bad character far into a large text is named with its line, past the decoder's buffer")
    void badCharacterFarIn() throws IOException {
        byte[] text = encode(pseudoRandomBytes(48 * 5000), Encoding.BASE64); // 5000 lines, 325,000 bytes
        text[65 * 4321 + 10] = '*';
        Base64Text.MalformedException e =
                assertThrows(Base64Text.MalformedException.class, () -> decode(new TrickleInputStream(text)));
        assertEquals("not base64: line 4322 has '*', which is not a base64 character", e.getMessage());
        e = assertThrows(Base64Text.MalformedException.class, () -> decode(new ByteArrayInputStream(text)));
        assertEquals("not base64: line 4322 has '*', which is not a base64 character", e.getMessage());
    }

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("76 columns, CRLF", "\r\n", 76, false),
                Arguments.of("4 columns, LF", "\n", 4, false),
                Arguments.of("7 columns, spaces and tabs", " \t ", 7, true),
                Arguments.of("one line, with a newline at its end", "", 0, false),
                Arguments.of("one line, CR at its end only", "\r", 0, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    @DisplayName("any line length, CRLF, spaces and tabs are read alike; one line is reported as one")
    void whitespaceIsSkipped(String what, String separator, int columns, boolean oneLine) throws IOException {
        byte[] data = pseudoRandomBytes(1000);
        String plain = Base64.getEncoder().encodeToString(data);
        StringBuilder sb = new StringBuilder();
        if (columns == 0) {
            sb.append(plain).append(separator.isEmpty() ? "\n" : separator);
        } else {
            for (int i = 0; i < plain.length(); i += columns) {
                sb.append(plain, i, Math.min(plain.length(), i + columns)).append(separator);
            }
        }
        Decoded d = decode(sb.toString());
        assertBytes(data, d.bytes(), what);
        assertEquals(oneLine, d.oneLine(), what + ": one line");
    }

    @Test
    @DisplayName("blank lines and spaces before, between and after, and around the padding, are skipped")
    void blankLinesAndPadding() throws IOException {
        assertEquals("AB", ascii(decode("\n\n  QUI = \n\n").bytes()));
        assertEquals("A", ascii(decode("QQ").bytes()), "no padding");
        assertEquals("A", ascii(decode("Q Q = =").bytes()));
        assertEquals("", ascii(decode("").bytes()));
        assertEquals("", ascii(decode(" \r\n\t").bytes()));
        assertTrue(decode("QUJD").oneLine());
        assertFalse(decode("QUJD\n").oneLine());
        assertFalse(decode("\nQUJD").oneLine());
    }

    @Test
    @DisplayName("prefixOf gives the characters a magic's bits alone decide")
    void prefixOf() {
        assertEquals("U2FsdGVkX1", Base64Text.prefixOf("Salted__".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("Q0tCSy1FTk", Base64Text.prefixOf(SealedFormat.MAGIC));
    }
}
