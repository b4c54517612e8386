package dev.cookbook.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictDecoderTest {
    /** Hands out one byte per read: every multi-byte sequence is split. */
    private static InputStream oneByteAtATime(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    private static String readAll(StrictDecoder d) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[7];
        for (int n; (n = d.read(buf, 0, buf.length)) >= 0; ) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    @Test
    void decodesSplitSequences() throws Exception {
        String text = "aé😀日本\r\n".repeat(20_000);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(text, readAll(new StrictDecoder(oneByteAtATime(bytes), StandardCharsets.UTF_8)));
        assertEquals(text, readAll(new StrictDecoder(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)));
    }

    @Test
    void charactersBeforeBadBytesComeFirstThenTheErrorEveryTime() throws Exception {
        StrictDecoder d = new StrictDecoder(
                new ByteArrayInputStream(new byte[] {'a', 'b', (byte) 0xFF, 'c'}), StandardCharsets.UTF_8);
        char[] buf = new char[10];
        assertEquals(2, d.read(buf, 0, 10));
        assertEquals("ab", new String(buf, 0, 2));
        assertThrows(MalformedInputException.class, () -> d.read(buf, 0, 10));
        assertThrows(MalformedInputException.class, () -> d.read(buf, 0, 10));
    }

    @Test
    void aSequenceCutShortByTheEnd() throws Exception {
        StrictDecoder d =
                new StrictDecoder(oneByteAtATime(new byte[] {'a', (byte) 0xE6, (byte) 0x97}), StandardCharsets.UTF_8);
        char[] buf = new char[10];
        assertEquals(1, d.read(buf, 0, 10));
        assertThrows(MalformedInputException.class, () -> d.read(buf, 0, 10));
    }

    @Test
    void zeroLengthReadsAndTheEnd() throws Exception {
        StrictDecoder d = new StrictDecoder(new ByteArrayInputStream(new byte[0]), StandardCharsets.UTF_8);
        assertEquals(0, d.read(new char[1], 0, 0));
        assertEquals(-1, d.read(new char[1], 0, 1));
    }

    @Test
    void theEndIsReportedAgain() throws Exception {
        StrictDecoder d = new StrictDecoder(new ByteArrayInputStream(new byte[] {'a'}), StandardCharsets.UTF_8);
        assertEquals(1, d.read(new char[4], 0, 4));
        assertEquals(-1, d.read(new char[4], 0, 4));
        // actual: IllegalStateException: Current state = FLUSHED, new state = CODING_END
        assertEquals(-1, d.read(new char[4], 0, 4));
    }

    @Test
    void closeClosesTheStream() throws Exception {
        boolean[] closed = {false};
        new StrictDecoder(
                        new ByteArrayInputStream(new byte[0]) {
                            @Override
                            public void close() {
                                closed[0] = true;
                            }
                        },
                        StandardCharsets.UTF_8)
                .close();
        assertTrue(closed[0]);
    }
}
