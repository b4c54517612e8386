package dev.cookbook.cli.proc;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A buffer of {@value #HOLD} bytes in front of {@code target} that {@link #abort()} can take back
 * while it was never passed on: an error in a short output then leaves the target untouched, as
 * a command that failed before printing. Once passed on, output streams, and {@code abort} passes
 * on the rest, so the target never ends in the middle of what was written before the error.
 */
final class HeldOutput extends OutputStream {
    static final int HOLD = 1 << 16;

    private final OutputStream target;
    private final byte[] held = new byte[HOLD];
    private int count;
    private boolean started;

    HeldOutput(OutputStream target) {
        this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
        if (count == HOLD) {
            pass();
        }
        held[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len > HOLD - count) {
            pass();
            if (len >= HOLD) {
                target.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, held, count, len);
        count += len;
    }

    /** Flushing is ours to decide, so that the start can be taken back. */
    @Override
    public void flush() {}

    /** All written: passes everything on. */
    void finish() throws IOException {
        pass();
        target.flush();
    }

    /** Stopped by an error: nothing at all if nothing was passed on yet, else the rest. */
    void abort() throws IOException {
        if (started) {
            finish();
        }
        count = 0;
    }

    private void pass() throws IOException {
        target.write(held, 0, count);
        count = 0;
        started = true;
    }
}
