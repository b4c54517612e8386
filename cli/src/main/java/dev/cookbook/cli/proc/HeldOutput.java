package dev.cookbook.cli.proc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Output passed on in whole words: bytes are held until {@link #wordEnd()} finds at least
 * {@value #HOLD} of them, so the target never ends in the middle of a word. An error within the
 * first {@value #HOLD} bytes ({@link #abort()}) leaves the target untouched, as a command that
 * failed before printing; later, the words before the error are out already, and {@code abort}
 * passes on the rest of them.
 */
final class HeldOutput extends OutputStream {
    static final int HOLD = 1 << 16;

    private final OutputStream target;
    private byte[] held = new byte[HOLD + 1024];
    private int count;
    private boolean started;

    HeldOutput(OutputStream target) {
        this.target = target;
    }

    @Override
    public void write(int b) {
        if (count == held.length) {
            grow(1);
        }
        held[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (held.length - count < len) {
            grow(len);
        }
        System.arraycopy(b, off, held, count, len);
        count += len;
    }

    /** Flushing is ours to decide: only whole words leave. */
    @Override
    public void flush() {}

    /** A word ends here: passes on what is held once it is enough to be worth a write. */
    void wordEnd() throws IOException {
        if (count >= HOLD) {
            pass();
            started = true;
        }
    }

    /** All written: passes everything on. */
    void finish() throws IOException {
        pass();
        target.flush();
    }

    /** Stopped by an error: nothing at all if nothing was passed on yet, else the whole words held. */
    void abort() throws IOException {
        if (started) {
            finish();
        }
        count = 0;
    }

    private void pass() throws IOException {
        target.write(held, 0, count);
        count = 0;
        if (held.length > 4 * HOLD) {
            held = new byte[HOLD + 1024]; // a huge word is gone: so is its room
        }
    }

    private void grow(int needed) {
        held = Arrays.copyOf(held, Math.max(held.length * 2, count + needed));
    }
}
