package dev.cookbook.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;

/**
 * JSON records in, CSV out, as Python's {@code csv.DictWriter} writes them: JSON Lines or one
 * JSON array of objects; the columns are given, or the first record's keys in their order
 * (sorted on request); a key outside the columns is an error or dropped ({@code extrasaction});
 * a missing key or a {@code null} is the rest value. With {@link Options#rows} the records are
 * JSON arrays written as plain rows.
 *
 * <p>A JSON number or boolean is written as its JSON text (and counts as a number for
 * {@link Quoting#NONNUMERIC}); an object or array is an error unless {@link Options#jsonCells}.
 *
 * <p>Streaming: the caller's thread parses JSON into batches, worker threads format and encode
 * them, and they are written in order. A bad record is reported (a {@link CsvException} naming
 * its line) after every record before it has been written.
 */
public final class JsonToCsv {
    /** What a key outside the columns does: Python's {@code extrasaction}. */
    public enum Extras {
        RAISE,
        IGNORE
    }

    /**
     * The columns and how to write them; the defaults are Python's. Immutable and thread-safe;
     * {@link #builder()} makes one and checks it.
     *
     * <pre>{@code
     * JsonToCsv.Options o = JsonToCsv.Options.builder()
     *         .fields(List.of("id", "name"))
     *         .extras(JsonToCsv.Extras.IGNORE)
     *         .build();
     * }</pre>
     */
    public static final class Options {
        /** Python's {@code csv.DictWriter} with the {@code excel} dialect, columns from the first record, UTF-8. */
        public static final Options DEFAULTS = builder().build();

        final Dialect dialect;
        final List<String> fields;
        final boolean sortFields;
        final Extras extras;
        final String restVal;
        final boolean jsonCells;
        final boolean rows;
        final boolean header;
        final Charset charset;
        final int threads;

        private Options(Builder b) {
            this.dialect = b.dialect;
            this.fields = b.fields;
            this.sortFields = b.sortFields;
            this.extras = b.extras;
            this.restVal = b.restVal;
            this.jsonCells = b.jsonCells;
            this.rows = b.rows;
            this.header = b.header;
            this.charset = b.charset;
            this.threads = b.threads;
        }

        public static Builder builder() {
            return new Builder();
        }

        /** A builder holding these options, to change some of them. */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.dialect = dialect;
            b.fields = fields;
            b.sortFields = sortFields;
            b.extras = extras;
            b.restVal = restVal;
            b.jsonCells = jsonCells;
            b.rows = rows;
            b.header = header;
            b.charset = charset;
            b.threads = threads;
            return b;
        }

        public Dialect dialect() {
            return dialect;
        }

        /** The columns given, or null: the first record's keys. */
        public List<String> fields() {
            return fields;
        }

        public boolean sortFields() {
            return sortFields;
        }

        public Extras extras() {
            return extras;
        }

        public String restVal() {
            return restVal;
        }

        public boolean jsonCells() {
            return jsonCells;
        }

        public boolean rows() {
            return rows;
        }

        public boolean header() {
            return header;
        }

        public Charset charset() {
            return charset;
        }

        public int threads() {
            return threads;
        }

        /** Sets the options one by one; {@link #build()} refuses a combination where one would be ignored. */
        public static final class Builder {
            private Dialect dialect = Dialect.EXCEL;
            private List<String> fields;
            private boolean sortFields;
            private Extras extras = Extras.RAISE;
            private String restVal = "";
            private boolean jsonCells;
            private boolean rows;
            private boolean header = true;
            private Charset charset = java.nio.charset.StandardCharsets.UTF_8;
            private int threads = Runtime.getRuntime().availableProcessors();

            private Builder() {}

            public Builder dialect(Dialect d) {
                this.dialect = Objects.requireNonNull(d);
                return this;
            }

            /**
             * The columns, in order; null: the first record's keys. A name may come twice, as
             * Python's {@code DictWriter} allows: each of its columns gets the key's value.
             */
            public Builder fields(List<String> names) {
                this.fields = names == null ? null : List.copyOf(names);
                return this;
            }

            /** Sorts the columns (given, or taken from the first record) so every run writes the same order. */
            public Builder sortFields(boolean on) {
                this.sortFields = on;
                return this;
            }

            public Builder extras(Extras e) {
                this.extras = Objects.requireNonNull(e);
                return this;
            }

            /** What a missing key or a JSON {@code null} is written as. */
            public Builder restVal(String value) {
                this.restVal = Objects.requireNonNull(value);
                return this;
            }

            /** Writes an object or array value as its JSON text instead of failing. */
            public Builder jsonCells(boolean on) {
                this.jsonCells = on;
                return this;
            }

            /** Records are JSON arrays, written as plain rows, with no header. */
            public Builder rows(boolean on) {
                this.rows = on;
                return this;
            }

            /** Whether to write the header row (false: appending to a file that has one). */
            public Builder header(boolean on) {
                this.header = on;
                return this;
            }

            /** The encoding of the CSV written; a character it cannot hold is an error. */
            public Builder charset(Charset cs) {
                this.charset = Objects.requireNonNull(cs);
                return this;
            }

            /** Worker threads formatting CSV (1 or less: all on the caller's thread). */
            public Builder threads(int n) {
                this.threads = n;
                return this;
            }

            /**
             * @throws IllegalArgumentException for empty fields, or {@code rows} (arrays, no keys)
             *         with a setting that only applies to keys: fields, {@code sortFields}, or
             *         extras {@link Extras#IGNORE}
             */
            public Options build() {
                if (fields != null && fields.isEmpty()) {
                    throw new IllegalArgumentException("fields is empty");
                }
                if (rows) {
                    String keyed = fields != null
                            ? "fields " + fields
                            : sortFields ? "sortFields" : extras != Extras.RAISE ? "extras " + extras : null;
                    if (keyed != null) {
                        throw new IllegalArgumentException(
                                "rows writes arrays as they are, so " + keyed + " cannot apply");
                    }
                }
                return new Options(this);
            }
        }
    }

    /** What was converted: the number of records, and the columns (empty for rows). */
    public record Result(long records, List<String> columns) {}

    static final byte ABSENT = 0;
    static final byte STRING = 1;
    static final byte NUMBER = 2;
    static final byte NULL = 3;
    static final byte CELL = 4;

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final JsonFactory CELL_JSON =
            JsonFactory.builder().rootValueSeparator((String) null).build();
    private static final int BATCH_RECORDS = 4096;
    private static final int BATCH_CHARS = 1 << 18;

    private JsonToCsv() {}

    /**
     * Converts all of {@code in} (JSON, UTF-8 or any encoding JSON allows) to {@code out}. Neither
     * stream is closed; {@code out} is flushed.
     */
    public static Result convert(InputStream in, OutputStream out, Options o) throws IOException, CsvException {
        return convert(in, null, out, o);
    }

    /**
     * {@link #convert(InputStream, OutputStream, Options)}, naming the input in its errors:
     * {@code source} (a file name as the user gave it, or null) becomes {@link CsvException#source()}.
     */
    public static Result convert(InputStream in, String source, OutputStream out, Options o)
            throws IOException, CsvException {
        try {
            return run(in, out, o);
        } catch (CsvException e) {
            throw e.in(source);
        }
    }

    private static Result run(InputStream in, OutputStream out, Options o) throws IOException, CsvException {
        JsonParser parser;
        try {
            // Jackson reads 8000 bytes at a time: a large buffer saves most of the system calls.
            parser = JSON.createParser(ObjectReadContext.empty(), new java.io.BufferedInputStream(in, 1 << 20));
        } catch (JacksonIOException e) {
            throw e.getCause();
        } catch (JacksonException e) {
            throw JsonErrors.of(e, null);
        }
        Parser source = new Parser(parser, o);
        Formatter formatter = new Formatter(o, source);
        long[] written = {0};
        boolean[] headerDone = {!o.header || o.rows};
        boolean[] firstDone = {false};
        new OrderedPipeline<Batch>(o.threads)
                .run(
                        Batch::new,
                        batch -> {
                            batch.reset();
                            boolean more = source.fill(batch);
                            if (more && !firstDone[0]) {
                                batch.first = true;
                                firstDone[0] = true;
                            }
                            if (more && !headerDone[0]) {
                                batch.withHeader = true;
                                headerDone[0] = true;
                            }
                            return more;
                        },
                        formatter::format,
                        batch -> {
                            out.write(
                                    batch.encoded.array(),
                                    batch.encodedFrom,
                                    batch.encoded.position() - batch.encodedFrom);
                            written[0] += batch.count;
                        });
        if (!headerDone[0] && source.columns != null) {
            // no records: the header alone, when the columns were given
            Batch b = new Batch();
            b.withHeader = true;
            b.first = true;
            formatter.format(b);
            if (b.failure != null) {
                throw b.failure;
            }
            out.write(b.encoded.array(), b.encodedFrom, b.encoded.position() - b.encodedFrom);
        }
        out.flush();
        return new Result(written[0], source.columns == null ? List.of() : source.columns);
    }

    /** Parsed records: for each, its cells (kind, characters) in column order. */
    private static final class Batch implements OrderedPipeline.Item {
        char[] chars = new char[1 << 16];
        int charCount;
        int[] cellStart = new int[1 << 14];
        int[] cellLength = new int[1 << 14];
        byte[] kind = new byte[1 << 14];
        int cellCount;
        int[] recordEnds = new int[BATCH_RECORDS + 1];
        long[] recordLines = new long[BATCH_RECORDS + 1];
        int recordCount;
        boolean withHeader;
        boolean first;
        final TextBuffer text = new TextBuffer(1 << 18);
        /** The CSV bytes of the batch, from {@link #encodedFrom} to the position. */
        ByteBuffer encoded = ByteBuffer.allocate(1 << 18);

        int encodedFrom;
        int count;
        CsvException failure;

        void reset() {
            charCount = 0;
            cellCount = 0;
            recordCount = 0;
            withHeader = false;
            first = false;
            encoded.clear();
            encodedFrom = 0;
            count = 0;
            failure = null;
        }

        /** Makes room for {@code n} more cells, all absent. */
        int addCells(int n) {
            int base = cellCount;
            if (base + n > kind.length) {
                int size = Math.max(kind.length * 2, base + n);
                cellStart = Arrays.copyOf(cellStart, size);
                cellLength = Arrays.copyOf(cellLength, size);
                kind = Arrays.copyOf(kind, size);
            }
            Arrays.fill(kind, base, base + n, ABSENT);
            cellCount += n;
            return base;
        }

        void set(int cell, byte k, char[] src, int off, int len) {
            if (charCount + len > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + len));
            }
            System.arraycopy(src, off, chars, charCount, len);
            cellStart[cell] = charCount;
            cellLength[cell] = len;
            kind[cell] = k;
            charCount += len;
        }

        void copyCell(int from, int to) {
            cellStart[to] = cellStart[from];
            cellLength[to] = cellLength[from];
            kind[to] = kind[from];
        }

        void setKind(int cell, byte k) {
            kind[cell] = k;
            cellLength[cell] = 0;
        }

        void endRecord(long line) {
            if (recordCount == recordEnds.length) {
                recordEnds = Arrays.copyOf(recordEnds, recordCount * 2);
                recordLines = Arrays.copyOf(recordLines, recordCount * 2);
            }
            recordEnds[recordCount] = cellCount;
            recordLines[recordCount] = line;
            recordCount++;
        }

        void dropPartialRecord() {
            cellCount = recordCount == 0 ? 0 : recordEnds[recordCount - 1];
        }

        @Override
        public CsvException failure() {
            return failure;
        }
    }

    /** Reads JSON records into batches, on the caller's thread; learns the columns from the first record. */
    private static final class Parser {
        private static final char[] TRUE = "true".toCharArray();
        private static final char[] FALSE = "false".toCharArray();

        private final JsonParser p;
        private final Options o;
        List<String> columns;
        private Map<String, Integer> index;
        /** A column named twice or more: its first index to the others (DictWriter fills them all). */
        private Map<Integer, int[]> twins;

        private boolean discovering;
        private boolean started;
        private boolean inArray;
        private boolean done;
        private JsonToken pushedBack;
        private CsvException pending;

        Parser(JsonParser p, Options o) {
            this.p = p;
            this.o = o;
            if (!o.rows && o.fields != null) {
                useColumns(o.sortFields ? sorted(o.fields) : o.fields);
            }
        }

        private void useColumns(List<String> names) {
            columns = List.copyOf(names);
            index = new HashMap<>();
            Map<Integer, List<Integer>> repeats = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                Integer first = index.putIfAbsent(columns.get(i), i);
                if (first != null) {
                    repeats.computeIfAbsent(first, k -> new ArrayList<>()).add(i);
                }
            }
            if (!repeats.isEmpty()) {
                twins = new HashMap<>();
                repeats.forEach((first, others) -> twins.put(
                        first, others.stream().mapToInt(Integer::intValue).toArray()));
            }
        }

        boolean fill(Batch b) throws IOException, CsvException {
            if (pending != null) {
                CsvException e = pending;
                pending = null;
                throw e;
            }
            try {
                while (b.recordCount < BATCH_RECORDS && b.charCount < BATCH_CHARS && record(b)) {
                    // one more record
                }
            } catch (CsvException e) {
                b.dropPartialRecord();
                if (b.recordCount > 0) {
                    pending = e;
                    return true;
                }
                throw e;
            } catch (JacksonIOException e) {
                throw e.getCause(); // the input failed, not the JSON
            } catch (JacksonException e) {
                b.dropPartialRecord();
                CsvException c = JsonErrors.of(e, p);
                if (b.recordCount > 0) {
                    pending = c;
                    return true;
                }
                throw c;
            }
            return b.recordCount > 0;
        }

        private JsonToken next() {
            if (pushedBack != null) {
                JsonToken t = pushedBack;
                pushedBack = null;
                return t;
            }
            return p.nextToken();
        }

        /** Reads one record into {@code b}; false at the end. */
        private boolean record(Batch b) throws CsvException {
            if (done) {
                return false;
            }
            JsonToken t = next();
            if (!started) {
                started = true;
                if (t == JsonToken.START_ARRAY) {
                    JsonToken first = p.nextToken();
                    // One array of records, or (with --rows) JSON Lines whose first row is this array.
                    if (!o.rows || first == JsonToken.START_ARRAY) {
                        inArray = true;
                        t = first;
                    } else {
                        pushedBack = first;
                        return row(b, true);
                    }
                }
            }
            if (inArray && t == JsonToken.END_ARRAY) {
                inArray = false;
                t = p.nextToken();
                if (t != null) {
                    throw new CsvException(line(), "more JSON after the array of records");
                }
            }
            if (t == null) {
                done = true;
                if (inArray) {
                    throw new CsvException(line(), "not valid JSON: the array of records is not closed");
                }
                return false;
            }
            if (o.rows) {
                if (t != JsonToken.START_ARRAY) {
                    throw new CsvException(
                            t == JsonToken.START_OBJECT ? CsvException.Kind.OBJECT_ROW : CsvException.Kind.MALFORMED,
                            line(),
                            "expected a JSON array (a row), found " + describe(t));
                }
                return row(b, false);
            }
            if (t != JsonToken.START_OBJECT) {
                throw new CsvException(
                        t == JsonToken.START_ARRAY ? CsvException.Kind.ARRAY_RECORD : CsvException.Kind.MALFORMED,
                        line(),
                        "expected a JSON object (a record), found " + describe(t));
            }
            return object(b);
        }

        private boolean object(Batch b) throws CsvException {
            long line = line();
            if (columns == null) {
                columns = new ArrayList<>();
                index = new HashMap<>();
                discovering = true;
            }
            int base = b.addCells(columns.size());
            String name;
            int expected = 0;
            while ((name = p.nextName()) != null) {
                int col;
                if (twins == null
                        && expected < columns.size()
                        && columns.get(expected).equals(name)) {
                    col = expected;
                } else {
                    Integer c = index.get(name);
                    col = c == null ? -1 : c;
                }
                if (col < 0 && discovering) {
                    col = columns.size();
                    columns.add(name);
                    index.put(name, col);
                    b.addCells(1);
                }
                expected = col + 1;
                JsonToken v = p.nextToken();
                if (col < 0) {
                    if (o.extras == Extras.RAISE) {
                        throw new CsvException(
                                CsvException.Kind.UNKNOWN_KEY,
                                line,
                                "the key '" + name + "' is not one of the columns (" + String.join(", ", columns)
                                        + ")");
                    }
                    p.skipChildren();
                    continue;
                }
                value(b, base + col, v, name, line);
                int[] others = twins == null ? null : twins.get(col);
                if (others != null) {
                    for (int other : others) {
                        b.copyCell(base + col, base + other);
                    }
                }
            }
            if (discovering) {
                discovering = false;
                if (o.sortFields) {
                    sortFirstRecord(b, base);
                }
                useColumns(columns);
            }
            b.endRecord(line);
            return true;
        }

        /** Puts the first record's cells, in key order so far, into sorted column order. */
        private void sortFirstRecord(Batch b, int base) {
            List<String> sorted = sorted(columns);
            int n = sorted.size();
            int[] start = new int[n];
            int[] length = new int[n];
            byte[] kinds = new byte[n];
            for (int i = 0; i < n; i++) {
                int from = base + columns.indexOf(sorted.get(i));
                start[i] = b.cellStart[from];
                length[i] = b.cellLength[from];
                kinds[i] = b.kind[from];
            }
            System.arraycopy(start, 0, b.cellStart, base, n);
            System.arraycopy(length, 0, b.cellLength, base, n);
            System.arraycopy(kinds, 0, b.kind, base, n);
            columns = sorted;
        }

        private boolean row(Batch b, boolean startConsumed) throws CsvException {
            long line = line();
            JsonToken v;
            while ((v = next()) != JsonToken.END_ARRAY) {
                if (v == null) {
                    throw new CsvException(line, "not valid JSON: the row is not closed");
                }
                int cell = b.addCells(1);
                value(b, cell, v, null, line);
            }
            b.endRecord(line);
            return true;
        }

        private void value(Batch b, int cell, JsonToken v, String name, long line) throws CsvException {
            switch (v) {
                case VALUE_STRING ->
                    b.set(cell, STRING, p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT ->
                    b.set(cell, NUMBER, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
                case VALUE_TRUE -> b.set(cell, NUMBER, TRUE, 0, TRUE.length);
                case VALUE_FALSE -> b.set(cell, NUMBER, FALSE, 0, FALSE.length);
                case VALUE_NULL -> b.setKind(cell, NULL);
                case START_OBJECT, START_ARRAY -> {
                    if (!o.jsonCells) {
                        throw new CsvException(
                                CsvException.Kind.NESTED_VALUE,
                                line,
                                (name == null ? "a cell" : "the key '" + name + "'") + " holds " + describe(v)
                                        + ": a CSV field holds text");
                    }
                    char[] json = jsonText();
                    b.set(cell, CELL, json, 0, json.length);
                }
                default -> throw new CsvException(line, "unexpected " + describe(v));
            }
        }

        /** The value the parser is at, an object or array, as compact JSON text. */
        private char[] jsonText() {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = CELL_JSON.createGenerator(ObjectWriteContext.empty(), w)) {
                g.copyCurrentStructure(p);
            }
            return w.toString().toCharArray();
        }

        private long line() {
            return p.currentTokenLocation().getLineNr();
        }

        private static String describe(JsonToken t) {
            return switch (t) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                default -> t.toString();
            };
        }
    }

    private static List<String> sorted(List<String> names) {
        List<String> s = new ArrayList<>(names);
        Collections.sort(s); // by UTF-16 code unit, as Python's sorted() by code point for the BMP
        return s;
    }

    /** Formats and encodes batches; shared by the worker threads. */
    private static final class Formatter {
        private final Options o;
        private final Parser parser;
        private final char[] restVal;

        private final int bomLength;

        Formatter(Options o, Parser parser) {
            this.o = o;
            this.parser = parser;
            this.restVal = o.restVal.toCharArray();
            this.bomLength = 2 * "a".getBytes(o.charset).length - "aa".getBytes(o.charset).length;
        }

        void format(Batch b) {
            RecordFormatter w = new RecordFormatter(o.dialect);
            TextBuffer text = b.text;
            text.setLength(0);
            int[] recordStart = new int[b.recordCount + 1];
            if (b.withHeader) {
                w.beginRecord(text);
                String name = null;
                try {
                    for (String n : parser.columns) {
                        name = n;
                        w.field(n, false);
                    }
                    w.endRecord();
                } catch (CsvException e) {
                    b.failure = e.at(0, "the header: column '" + name + "': ");
                    text.setLength(0);
                    return;
                }
            }
            int headerEnd = text.length();
            int good = 0;
            for (int r = 0; r < b.recordCount; r++) {
                recordStart[r] = text.length();
                int from = r == 0 ? 0 : b.recordEnds[r - 1];
                int to = b.recordEnds[r];
                w.beginRecord(text);
                int cell = from;
                try {
                    for (; cell < to; cell++) {
                        switch (b.kind[cell]) {
                            case ABSENT, NULL -> w.field(restVal, 0, restVal.length, false);
                            case NUMBER -> w.field(b.chars, b.cellStart[cell], b.cellLength[cell], true);
                            default -> w.field(b.chars, b.cellStart[cell], b.cellLength[cell], false);
                        }
                    }
                    w.endRecord();
                } catch (CsvException e) {
                    int at = Math.min(cell, to - 1) - from; // endRecord's error is about the record's one field
                    String where = o.rows || parser.columns == null
                            ? "field " + (at + 1)
                            : "the key '" + parser.columns.get(at) + "'";
                    b.failure = e.at(b.recordLines[r], where + ": ");
                    text.setLength(recordStart[r]);
                    break;
                }
                good++;
            }
            recordStart[good] = text.length();
            encode(b, text, headerEnd, recordStart, good);
        }

        /** Encodes the text into the batch's bytes; a character the charset cannot hold fails its record. */
        private void encode(Batch b, TextBuffer text, int headerEnd, int[] recordStart, int good) {
            CharsetEncoder enc = o.charset
                    .newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            int length = text.length();
            int room = (int) Math.min(
                    Integer.MAX_VALUE - 16, (long) Math.ceil(length * (double) enc.maxBytesPerChar()) + 16);
            if (b.encoded.capacity() < room) {
                b.encoded = ByteBuffer.allocate(room);
            }
            ByteBuffer out = b.encoded;
            out.clear();
            CharBuffer in = CharBuffer.wrap(text.array(), 0, length);
            CoderResult cr = enc.encode(in, out, true);
            if (!cr.isError()) {
                cr = enc.flush(out);
            }
            if (cr.isError()) {
                int at = in.position();
                int cp = Character.codePointAt(text, at);
                String what = (Character.isSurrogate((char) cp)
                                ? String.format("an unpaired surrogate (\\u%04x, half of a character)", cp)
                                : "'" + new String(Character.toChars(cp)) + "'")
                        + " cannot be written in " + o.charset.name();
                int r = 0;
                int keep = 0;
                if (at < headerEnd) {
                    b.failure = new CsvException(CsvException.Kind.ENCODING, 0, "the header: " + what);
                } else {
                    while (r < good && recordStart[r + 1] <= at) {
                        r++;
                    }
                    b.failure = new CsvException(CsvException.Kind.ENCODING, b.recordLines[r], what);
                    keep = recordStart[r];
                }
                enc.reset();
                out.clear();
                enc.encode(CharBuffer.wrap(text.array(), 0, keep), out, true);
                enc.flush(out);
                good = r;
            }
            // A charset that starts its output with a byte order mark (UTF-16) starts every encoder
            // with one: only the first batch keeps it.
            b.encodedFrom = b.first ? 0 : Math.min(bomLength, out.position());
            b.count = good;
        }
    }
}
