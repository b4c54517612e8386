package dev.cookbook.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ByteSinkTest {
    @Test
    void growsKeepsOrderAndResets() throws Exception {
        ByteSink sink = new ByteSink();
        byte[] big = new byte[300_000];
        Arrays.fill(big, (byte) 'x');
        sink.write('a');
        sink.write(big, 10, 200_000);
        sink.write('b');
        assertEquals(200_002, sink.size());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sink.writeTo(out);
        byte[] bytes = out.toByteArray();
        assertEquals('a', bytes[0]);
        assertEquals('x', bytes[200_000]);
        assertEquals('b', bytes[200_001]);
        sink.reset();
        assertEquals(0, sink.size());
        sink.write(new byte[] {1, 2, 3}, 1, 2);
        out.reset();
        sink.writeTo(out);
        assertArrayEquals(new byte[] {2, 3}, out.toByteArray());
    }
}
