package dev.cookbook.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte array that is an {@link OutputStream}, reused batch after batch. */
final class ByteSink extends OutputStream {
    private byte[] buf = new byte[1 << 17];
    private int count;

    @Override
    public void write(int b) {
        ensure(1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    void reset() {
        count = 0;
    }

    int size() {
        return count;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, count);
    }

    private void ensure(int n) {
        if (count + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + n));
        }
    }
}
