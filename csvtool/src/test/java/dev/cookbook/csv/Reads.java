package dev.cookbook.csv;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Runs a {@link CsvReader} to the end and keeps everything it delivered: the tests' view of a read. */
final class Reads {
    private Reads() {}

    /** What a reader delivered: the records (with their numeric flags and first lines), then the error or none. */
    record Outcome(List<List<String>> rows, List<List<Boolean>> numeric, List<Long> lines, CsvException error) {
        /** The rows, failing if the read failed. */
        List<List<String>> ok() {
            assertNull(error, () -> "unexpected error: line " + error.line() + ": " + error.getMessage());
            return rows;
        }

        /** The error, failing if there was none. */
        CsvException failed() {
            assertNotNull(error, () -> "expected an error, read " + rows);
            return error;
        }
    }

    static Outcome read(String text, Dialect d) {
        return read(new StringReader(text), d, CsvReader.DEFAULT_FIELD_SIZE_LIMIT, 1, Integer.MAX_VALUE);
    }

    static List<List<String>> rows(String text, Dialect d) {
        return read(text, d).ok();
    }

    static List<List<String>> rows(String text) {
        return rows(text, Dialect.EXCEL);
    }

    static CsvException error(String text, Dialect d) {
        return read(text, d).failed();
    }

    /** Reads with {@code read(batch, maxRecords, maxChars)}, a fresh batch each call, to the end or the first error. */
    static Outcome read(Reader in, Dialect d, int fieldSizeLimit, int maxRecords, int maxChars) {
        return drain(new CsvReader(in, d, fieldSizeLimit), maxRecords, maxChars);
    }

    static Outcome drain(CsvReader reader, int maxRecords, int maxChars) {
        List<List<String>> rows = new ArrayList<>();
        List<List<Boolean>> numeric = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        RecordBatch batch = new RecordBatch();
        try {
            // bounded: every call that returns true consumed at least one record of a finite input
            for (int calls = 0; calls < 10_000_000; calls++) {
                batch.clear();
                if (!reader.read(batch, maxRecords, maxChars)) {
                    return new Outcome(rows, numeric, lines, null);
                }
                collect(batch, rows, numeric, lines);
            }
            throw new AssertionError("the reader never reached the end");
        } catch (CsvException e) {
            return new Outcome(rows, numeric, lines, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(RecordBatch b, List<List<String>> rows, List<List<Boolean>> numeric, List<Long> lines) {
        for (int r = 0; r < b.size(); r++) {
            rows.add(b.record(r));
            List<Boolean> flags = new ArrayList<>();
            for (int f = b.firstField(r); f < b.firstField(r + 1); f++) {
                flags.add(b.numeric(f));
            }
            numeric.add(flags);
            lines.add(b.line(r));
        }
    }

    /** A reader that hands out its text a few characters at a time: every buffer boundary gets its turn. */
    static Reader trickle(String text, long seed, int maxChunk) {
        Random random = new Random(seed);
        return new Reader() {
            private int pos;

            @Override
            public int read(char[] cbuf, int off, int len) {
                if (pos == text.length()) {
                    return -1;
                }
                int n = Math.min(Math.min(len, text.length() - pos), 1 + random.nextInt(maxChunk));
                text.getChars(pos, pos + n, cbuf, off);
                pos += n;
                return n;
            }

            @Override
            public void close() {}
        };
    }
}
