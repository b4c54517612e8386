package dev.cookbook.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Standard output, made to fail loudly: {@link java.io.PrintWriter} would record a write error and
 * carry on, so a full disk would go unnoticed and a closed pipe would make us hash on for nothing.
 * A closed pipe becomes {@link StdoutClosedException}; any other failure an
 * {@link UncheckedIOException} that the error handler reports as an I/O error.
 */
public final class GuardedOutputStream extends FilterOutputStream {

    GuardedOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) {
        try {
            out.write(b);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    static RuntimeException translate(IOException e) {
        String message = e.getMessage();
        if (message != null && message.contains("Broken pipe")) {
            return new StdoutClosedException();
        }
        return new UncheckedIOException(new IOException("standard output: " + message, e));
    }
}
