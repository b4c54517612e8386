package dev.cookbook.crypto.digest;

import static dev.cookbook.crypto.digest.TestSupport.hex;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Known-answer tests: every vector of {@code digest-vectors.txt}, fed to a {@link Hasher} in several ways. */
class DigestVectorsTest {
    private static final String VECTOR_FILE = "/digest-vectors.txt";
    private static final Pattern REPEAT = Pattern.compile("repeat\\((\\d+), (\".*\")\\)");
    /** Bytes around the input in the heap buffers, so that offsets into the backing array are not 0. */
    private static final int PAD = 7;

    /** One line of the vector file. */
    record Vector(int line, DigestAlgorithm algorithm, String inputText, byte[] input, String expectedHex) {
        @Override
        public String toString() {
            String shown = inputText.length() <= 40 ? inputText : inputText.substring(0, 37) + "...";
            return "line " + line + ": " + algorithm + " " + shown;
        }
    }

    /** The ways a whole input can be given to a hasher; each must give the same digest. */
    enum Feed {
        WHOLE_ARRAY {
            @Override
            void feed(Hasher h, byte[] input) {
                h.update(input, 0, input.length);
            }
        },
        BYTE_BY_BYTE {
            @Override
            void feed(Hasher h, byte[] input) {
                for (int i = 0; i < input.length; i++) {
                    h.update(input, i, 1);
                }
            }
        },
        HEAP_BUFFER_AT_POSITION {
            @Override
            void feed(Hasher h, byte[] input) {
                updateAndCheckConsumed(h, ByteBuffer.wrap(padded(input), PAD, input.length));
            }
        },
        HEAP_BUFFER_SLICE {
            @Override
            void feed(Hasher h, byte[] input) {
                updateAndCheckConsumed(
                        h, ByteBuffer.wrap(padded(input), PAD, input.length).slice());
            }
        },
        READ_ONLY_HEAP_BUFFER {
            @Override
            void feed(Hasher h, byte[] input) {
                updateAndCheckConsumed(h, ByteBuffer.wrap(input).asReadOnlyBuffer());
            }
        },
        DIRECT_BUFFER {
            @Override
            void feed(Hasher h, byte[] input) {
                updateAndCheckConsumed(
                        h, ByteBuffer.allocateDirect(input.length).put(input).flip());
            }
        };

        abstract void feed(Hasher h, byte[] input);

        private static byte[] padded(byte[] input) {
            byte[] b = new byte[PAD + input.length + PAD];
            Arrays.fill(b, (byte) 0x5A);
            System.arraycopy(input, 0, b, PAD, input.length);
            return b;
        }

        private static void updateAndCheckConsumed(Hasher h, ByteBuffer buffer) {
            h.update(buffer);
            assertFalse(buffer.hasRemaining(), "update(ByteBuffer) must consume the buffer");
        }
    }

    static List<Vector> vectors() {
        try (InputStream in = DigestVectorsTest.class.getResourceAsStream(VECTOR_FILE)) {
            if (in == null) {
                throw new IllegalStateException(VECTOR_FILE + " is not on the test class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Vector> vectors = new ArrayList<>();
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (!line.isEmpty() && !line.startsWith("#")) {
                    vectors.add(parseVector(number, line));
                }
            }
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    @DisplayName("each vector hashes to its expected value however the input is fed, with one reused hasher")
    void knownAnswer(Vector v) {
        Hasher hasher = v.algorithm().newHasher();
        List<Executable> checks = new ArrayList<>();
        for (Feed feed : Feed.values()) {
            feed.feed(hasher, v.input());
            String actual = hex(hasher.digest());
            checks.add(() -> assertEquals(v.expectedHex(), actual, feed.name()));
        }
        assertAll(v.toString(), checks);
    }

    @Test
    @DisplayName("every DigestAlgorithm has at least one vector")
    void everyAlgorithmHasAVector() {
        Set<DigestAlgorithm> covered = vectors().stream()
                .map(Vector::algorithm)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DigestAlgorithm.class)));
        assertEquals(EnumSet.allOf(DigestAlgorithm.class), covered);
    }

    private static Vector parseVector(int number, String line) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 3) {
            throw new IllegalArgumentException(VECTOR_FILE + ":" + number + ": expected 3 TAB-separated fields");
        }
        // The file names algorithms as the constants, in lower case with - for _ (sha3-256).
        DigestAlgorithm algorithm = java.util.Arrays.stream(DigestAlgorithm.values())
                .filter(a -> a.name()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-')
                        .equals(fields[0]))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException(VECTOR_FILE + ":" + number + ": unknown algorithm " + fields[0]));
        return new Vector(number, algorithm, fields[1], parseInput(number, fields[1]), fields[2]);
    }

    private static byte[] parseInput(int number, String field) {
        Matcher repeat = REPEAT.matcher(field);
        if (repeat.matches()) {
            return unquote(number, repeat.group(2))
                    .repeat(Integer.parseInt(repeat.group(1)))
                    .getBytes(StandardCharsets.UTF_8);
        }
        return unquote(number, field).getBytes(StandardCharsets.UTF_8);
    }

    private static String unquote(int number, String quoted) {
        if (quoted.length() < 2 || !quoted.startsWith("\"") || !quoted.endsWith("\"")) {
            throw new IllegalArgumentException(VECTOR_FILE + ":" + number + ": not a quoted string: " + quoted);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char escaped = ++i < quoted.length() - 1 ? quoted.charAt(i) : '?';
            sb.append(
                    switch (escaped) {
                        case '\\' -> '\\';
                        case '"' -> '"';
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        default ->
                            throw new IllegalArgumentException(
                                    VECTOR_FILE + ":" + number + ": bad escape in " + quoted);
                    });
        }
        return sb.toString();
    }
}
