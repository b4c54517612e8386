package dev.cookbook.csv;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes CSV records the way Python's {@code csv.writer} does (CPython 3.11's {@code _csv.c}), so
 * that its output is byte for byte what {@code csv.writer}/{@code csv.DictWriter} write with the
 * same dialect: a field is quoted when the quoting mode says so or when it holds the delimiter, the
 * quote character or a line break; a quote inside is doubled, or escaped when {@code doublequote}
 * is off; the escape character itself is escaped; a record of one empty field is written as
 * {@code ""} so it does not read back as a blank line.
 *
 * <p>One deliberate difference: Python checks for the characters of its line terminator only, so
 * with {@code lineterminator='\n'} it leaves a field holding a lone CR unquoted, and the file no
 * longer reads back as written. Here a CR or LF in a field is always quoted (or escaped).
 *
 * <p>Output is buffered: {@link #flush()} or {@link #close()} writes it out. Not thread-safe.
 *
 * <pre>{@code
 * try (CsvWriter w = new CsvWriter(Files.newBufferedWriter(path), Dialect.EXCEL)) {
 *     w.writeRecord("id", "name");
 *     w.writeRecord(List.of(1, "Ada"));
 * }
 * }</pre>
 */
public final class CsvWriter implements Closeable, Flushable {
    private static final int FLUSH_AT = 1 << 13;

    private final Writer out;
    private final RecordFormatter formatter;
    private final TextBuffer text = new TextBuffer(FLUSH_AT * 2);

    public CsvWriter(Writer out, Dialect dialect) {
        this.out = Objects.requireNonNull(out);
        this.formatter = new RecordFormatter(dialect);
    }

    /** {@link #writeRecord(List)} for strings. */
    public void writeRecord(String... fields) throws IOException, CsvException {
        writeRecord(Arrays.asList(fields));
    }

    /**
     * Writes one record, whole or not at all.
     *
     * @param fields the values: text as it is; a {@link Number} or {@link Boolean} as its
     *               {@code toString()}, and not quoted under {@link Quoting#NONNUMERIC} (Python's
     *               {@code bool} is a number); null as Python's {@code None}, empty
     * @throws CsvException a field needs an escape character and the dialect has none, or a record
     *                      of one empty field under {@link Quoting#NONE} (it would read back as a
     *                      blank line); nothing of the record is written
     */
    public void writeRecord(List<?> fields) throws IOException, CsvException {
        int start = text.length();
        formatter.beginRecord(text);
        int i = 0;
        try {
            for (; i < fields.size(); i++) {
                Object v = fields.get(i);
                formatter.field(v == null ? null : v.toString(), v instanceof Number || v instanceof Boolean);
            }
            formatter.endRecord();
        } catch (CsvException e) {
            text.setLength(start);
            throw e.at(0, "field " + Math.min(i + 1, fields.size()) + ": ");
        }
        if (text.length() >= FLUSH_AT) {
            drain();
        }
    }

    /** Writes out the buffered records and flushes the underlying writer. */
    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Writes out the buffered records and closes the underlying writer. */
    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            out.close();
        }
    }

    private void drain() throws IOException {
        out.write(text.array(), 0, text.length());
        text.setLength(0);
    }
}
