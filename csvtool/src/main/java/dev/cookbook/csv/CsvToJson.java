package dev.cookbook.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;

/**
 * CSV in, JSON records out, as Python's {@code csv.DictReader} gives them: one object per record,
 * keys in header order, values strings ({@code csv.reader}'s lists with {@link Options#rows}).
 *
 * <p>Streaming: the input is parsed in batches on the caller's thread while worker threads turn
 * earlier batches into JSON, written in order. A malformed record is reported (as a
 * {@link CsvException} naming its line) after every record before it has been written (and, for
 * {@link Layout#JSON_ARRAY}, the array closed).
 */
public final class CsvToJson {
    /** How the records are laid out. */
    public enum Layout {
        /** One JSON value per line. */
        JSON_LINES,
        /** One JSON array holding every record, one per line. */
        JSON_ARRAY
    }

    /**
     * What to read and how to write it; the defaults are Python's. Immutable and thread-safe;
     * {@link #builder()} makes one and checks it.
     *
     * <pre>{@code
     * CsvToJson.Options o = CsvToJson.Options.builder()
     *         .dialect(Dialect.EXCEL.toBuilder().delimiter(';').build())
     *         .fieldNames(List.of("id", "name"))
     *         .build();
     * }</pre>
     */
    public static final class Options {
        /** Python's {@code csv.DictReader} with the {@code excel} dialect, written as JSON Lines. */
        public static final Options DEFAULTS = builder().build();

        final Dialect dialect;
        final List<String> fieldNames;
        final String restKey;
        final String restVal;
        final boolean raggedIsError;
        final boolean dedupeHeaders;
        final boolean rows;
        final Layout layout;
        final int fieldSizeLimit;
        final int threads;

        private Options(Builder b) {
            this.dialect = b.dialect;
            this.fieldNames = b.fieldNames;
            this.restKey = b.restKey == null ? Builder.DEFAULT_REST_KEY : b.restKey;
            this.restVal = b.restVal;
            this.raggedIsError = b.raggedIsError;
            this.dedupeHeaders = b.dedupeHeaders;
            this.rows = b.rows;
            this.layout = b.layout;
            this.fieldSizeLimit = b.fieldSizeLimit;
            this.threads = b.threads;
        }

        public static Builder builder() {
            return new Builder();
        }

        /** A builder holding these options, to change some of them. */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.dialect = dialect;
            b.fieldNames = fieldNames;
            b.restKey = restKey.equals(Builder.DEFAULT_REST_KEY) ? null : restKey;
            b.restVal = restVal;
            b.raggedIsError = raggedIsError;
            b.dedupeHeaders = dedupeHeaders;
            b.rows = rows;
            b.layout = layout;
            b.fieldSizeLimit = fieldSizeLimit;
            b.threads = threads;
            return b;
        }

        public Dialect dialect() {
            return dialect;
        }

        /** The keys given for a file without a header row, or null: the first row is the header. */
        public List<String> fieldNames() {
            return fieldNames;
        }

        public String restKey() {
            return restKey;
        }

        /** The value of keys a short record has no field for; null is JSON {@code null}. */
        public String restVal() {
            return restVal;
        }

        public boolean raggedIsError() {
            return raggedIsError;
        }

        public boolean dedupeHeaders() {
            return dedupeHeaders;
        }

        public boolean rows() {
            return rows;
        }

        public Layout layout() {
            return layout;
        }

        public int fieldSizeLimit() {
            return fieldSizeLimit;
        }

        public int threads() {
            return threads;
        }

        /** Sets the options one by one; {@link #build()} refuses a combination where one would be ignored. */
        public static final class Builder {
            static final String DEFAULT_REST_KEY = "null";

            private Dialect dialect = Dialect.EXCEL;
            private List<String> fieldNames;
            private String restKey;
            private String restVal;
            private boolean raggedIsError;
            private boolean dedupeHeaders;
            private boolean rows;
            private Layout layout = Layout.JSON_LINES;
            private int fieldSizeLimit = CsvReader.DEFAULT_FIELD_SIZE_LIMIT;
            private int threads = Runtime.getRuntime().availableProcessors();

            private Builder() {}

            public Builder dialect(Dialect d) {
                this.dialect = Objects.requireNonNull(d);
                return this;
            }

            /** The keys, for a file without a header row (its first row is then data); null: the first row. */
            public Builder fieldNames(List<String> names) {
                this.fieldNames = names == null ? null : List.copyOf(names);
                return this;
            }

            /**
             * The key of the list of a record's fields beyond the header. Python's default is
             * {@code None}, which its {@code json} module writes as the key {@code "null"}: so is ours.
             */
            public Builder restKey(String key) {
                this.restKey = Objects.requireNonNull(key);
                return this;
            }

            /** The value of keys a short record has no field for: null (the default) is JSON {@code null}. */
            public Builder restVal(String value) {
                this.restVal = value;
                return this;
            }

            /** A record with more or fewer fields than the header is an error instead. */
            public Builder raggedIsError(boolean on) {
                this.raggedIsError = on;
                return this;
            }

            /** Renames a repeated header name {@code a} to {@code a_2}, {@code a_3}, ... instead of failing. */
            public Builder dedupeHeaders(boolean on) {
                this.dedupeHeaders = on;
                return this;
            }

            /** Every row as a JSON array, header included, blank lines as {@code []}: {@code csv.reader}. */
            public Builder rows(boolean on) {
                this.rows = on;
                return this;
            }

            public Builder layout(Layout l) {
                this.layout = Objects.requireNonNull(l);
                return this;
            }

            /** The longest field accepted, in characters (at least 1). */
            public Builder fieldSizeLimit(int chars) {
                this.fieldSizeLimit = chars;
                return this;
            }

            /** Worker threads turning records into JSON (1 or less: all on the caller's thread). */
            public Builder threads(int n) {
                this.threads = n;
                return this;
            }

            /**
             * @throws IllegalArgumentException for a field size limit below 1, field names that are
             *         empty or repeat a name without {@code dedupeHeaders}, or {@code rows} (no header)
             *         with a setting that only applies to a header: field names, {@code dedupeHeaders},
             *         {@code raggedIsError}, a rest key or a rest value
             */
            public Options build() {
                if (fieldSizeLimit < 1) {
                    throw new IllegalArgumentException(
                            "the field size limit must be at least 1, not " + fieldSizeLimit);
                }
                if (rows) {
                    String header = fieldNames != null
                            ? "fieldNames " + fieldNames
                            : dedupeHeaders
                                    ? "dedupeHeaders"
                                    : raggedIsError
                                            ? "raggedIsError"
                                            : restKey != null
                                                    ? "restKey '" + restKey + "'"
                                                    : restVal != null ? "restVal '" + restVal + "'" : null;
                    if (header != null) {
                        throw new IllegalArgumentException("rows reads no header, so " + header + " cannot apply");
                    }
                }
                if (fieldNames != null) {
                    if (fieldNames.isEmpty()) {
                        throw new IllegalArgumentException("fieldNames is empty");
                    }
                    if (!dedupeHeaders) {
                        for (int i = 0; i < fieldNames.size(); i++) {
                            int first = fieldNames.indexOf(fieldNames.get(i));
                            if (first < i) {
                                throw new IllegalArgumentException("fieldNames " + fieldNames + " repeat '"
                                        + fieldNames.get(i) + "' and dedupeHeaders is off");
                            }
                        }
                    }
                }
                return new Options(this);
            }
        }
    }

    /** What was converted. */
    public record Result(long records, long lines) {}

    private static final JsonFactory JSON =
            JsonFactory.builder().rootValueSeparator((String) null).build();
    private static final int BATCH_RECORDS = 4096;
    private static final int BATCH_CHARS = 1 << 18;
    private static final byte[] NEWLINE = {'\n'};
    private static final byte[] COMMA_NEWLINE = {',', '\n'};
    private static final byte[] CLOSE = {']', '\n'};

    private CsvToJson() {}

    /**
     * Converts all of {@code in}, read in {@code charset}, to {@code out} (UTF-8 JSON). Neither
     * stream is closed; {@code out} is flushed.
     *
     * @throws CsvException malformed CSV, a ragged record with {@link Options#raggedIsError}, a
     *                      repeated header name, a non-number under {@link Quoting#NONNUMERIC}
     */
    public static Result convert(InputStream in, Charset charset, OutputStream out, Options o)
            throws IOException, CsvException {
        return convert(in, null, charset, out, o);
    }

    /**
     * {@link #convert(InputStream, Charset, OutputStream, Options)}, naming the input in its
     * errors: {@code source} (a file name as the user gave it, or null) becomes
     * {@link CsvException#source()}.
     */
    public static Result convert(InputStream in, String source, Charset charset, OutputStream out, Options o)
            throws IOException, CsvException {
        try {
            return run(in, charset, out, o);
        } catch (CsvException e) {
            throw e.in(source);
        }
    }

    private static Result run(InputStream in, Charset charset, OutputStream out, Options o)
            throws IOException, CsvException {
        CsvReader reader = CsvReader.open(in, charset, o.dialect, o.fieldSizeLimit);
        Encoder encoder = o.rows ? new Encoder(null, o) : new Encoder(header(reader, o), o);
        long[] written = {0};
        boolean array = o.layout == Layout.JSON_ARRAY;
        if (array) {
            out.write('[');
        }
        try {
            new OrderedPipeline<Batch>(o.threads)
                    .run(
                            Batch::new,
                            batch -> {
                                batch.reset();
                                return reader.read(batch.records, BATCH_RECORDS, BATCH_CHARS);
                            },
                            encoder::encode,
                            batch -> {
                                if (batch.count > 0 && array) {
                                    out.write(written[0] > 0 ? COMMA_NEWLINE : NEWLINE);
                                }
                                batch.bytes.writeTo(out);
                                written[0] += batch.count;
                            });
        } finally {
            if (array) {
                // Closed even when a bad record stops the run: what was written is valid JSON.
                out.write(written[0] > 0 ? NEWLINE : new byte[0]);
                out.write(CLOSE);
            }
        }
        out.flush();
        return new Result(written[0], reader.line());
    }

    /** The header row (blank lines before it skipped), or the given names; checked for repeats. */
    private static List<String> header(CsvReader reader, Options o) throws IOException, CsvException {
        List<String> names = o.fieldNames;
        long line = 0;
        if (names == null) {
            do {
                names = reader.next();
            } while (names != null && names.isEmpty());
            if (names == null) {
                return List.of();
            }
            line = reader.line();
        }
        return unique(names, o.dedupeHeaders, line);
    }

    static List<String> unique(List<String> names, boolean dedupe, long line) throws CsvException {
        Map<String, Integer> seen = new HashMap<>();
        Set<String> taken = new HashSet<>(names);
        List<String> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Integer first = seen.putIfAbsent(name, i);
            if (first == null) {
                out.add(name);
                continue;
            }
            if (!dedupe) {
                throw new CsvException(
                        CsvException.Kind.DUPLICATE_NAME,
                        line,
                        "the header repeats the name '" + name + "' (columns " + (first + 1) + " and " + (i + 1) + ")");
            }
            int k = 2;
            while (taken.contains(name + "_" + k)) {
                k++;
            }
            String renamed = name + "_" + k;
            taken.add(renamed);
            seen.put(renamed, i);
            out.add(renamed);
        }
        return out;
    }

    static CsvException ragged(long line, int fields, int header) {
        return new CsvException(
                CsvException.Kind.RAGGED,
                line,
                fields + (fields == 1 ? " field" : " fields") + " where the header has " + header);
    }

    /** A batch of parsed records and their JSON. */
    private static final class Batch implements OrderedPipeline.Item {
        final RecordBatch records = new RecordBatch();
        final ByteSink bytes = new ByteSink();
        int count;
        CsvException failure;

        void reset() {
            records.clear();
            bytes.reset();
            count = 0;
            failure = null;
        }

        @Override
        public CsvException failure() {
            return failure;
        }
    }

    /** Turns a batch of records into JSON; shared by the worker threads, so it holds no state of its own. */
    private static final class Encoder {
        private final SerializableString[] names;
        private final SerializableString restKey;
        private final int restKeyIndex;
        private final String restVal;
        private final boolean nonNumeric;
        private final boolean raggedIsError;
        private final boolean array;
        private final List<String> header;

        Encoder(List<String> header, Options o) {
            this.header = header;
            this.names = header == null
                    ? null
                    : header.stream().map(SerializedString::new).toArray(SerializableString[]::new);
            this.restKey = new SerializedString(o.restKey);
            this.restKeyIndex = header == null ? -1 : header.indexOf(o.restKey);
            this.restVal = o.restVal;
            this.nonNumeric = o.dialect.quoting() == Quoting.NONNUMERIC;
            this.raggedIsError = o.raggedIsError;
            this.array = o.layout == Layout.JSON_ARRAY;
        }

        void encode(Batch batch) {
            RecordBatch rb = batch.records;
            String[] numbers = nonNumeric ? new String[16] : null;
            try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), batch.bytes)) {
                for (int r = 0; r < rb.size(); r++) {
                    if (names != null && rb.fieldCount(r) == 0) {
                        continue; // DictReader skips blank lines
                    }
                    try {
                        // Everything that can fail is checked before the record is begun: a failure
                        // leaves the records before it, whole, and nothing of its own.
                        if (names != null) {
                            checkRagged(rb, r);
                        }
                        if (nonNumeric) {
                            numbers = numbers(rb, r, numbers);
                        }
                    } catch (CsvException e) {
                        batch.failure = e;
                        break;
                    }
                    if (array && batch.count > 0) {
                        g.writeRaw(",\n");
                    }
                    if (names == null) {
                        row(g, rb, r, numbers);
                    } else {
                        object(g, rb, r, numbers);
                    }
                    if (!array) {
                        g.writeRaw('\n');
                    }
                    batch.count++;
                }
            } catch (JacksonException e) {
                // Not expected (the text was decoded strictly); the generator's own message would mean nothing to a
                // user.
                batch.failure = new CsvException(0, "a record cannot be written as JSON");
            }
        }

        private void checkRagged(RecordBatch rb, int r) throws CsvException {
            int n = rb.fieldCount(r);
            int h = names.length;
            if (n != h && raggedIsError) {
                throw ragged(rb.line(r), n, h);
            }
        }

        /** The JSON numbers of record {@code r}'s unquoted fields, by position in the record; null for the rest. */
        private String[] numbers(RecordBatch rb, int r, String[] into) throws CsvException {
            int first = rb.firstField(r);
            int n = rb.fieldCount(r);
            String[] out = into.length >= n ? into : new String[n];
            for (int i = 0; i < n; i++) {
                int f = first + i;
                out[i] = null;
                if (rb.numeric(f)) {
                    out[i] = PyNumber.toJson(java.nio.CharBuffer.wrap(rb.chars(), rb.start(f), rb.length(f)));
                    if (out[i] == null) {
                        String name = names != null && i < names.length
                                ? "field '" + header.get(i) + "'"
                                : "field " + (i + 1);
                        throw new CsvException(
                                CsvException.Kind.NOT_A_NUMBER,
                                rb.line(r),
                                name + " is not a number: '"
                                        + rb.field(f)
                                        + "' (with quoting nonnumeric an unquoted field is a number)");
                    }
                }
            }
            return out;
        }

        private void row(JsonGenerator g, RecordBatch rb, int r, String[] numbers) {
            int first = rb.firstField(r);
            int n = rb.fieldCount(r);
            g.writeStartArray();
            for (int i = 0; i < n; i++) {
                value(g, rb, first + i, numbers, i);
            }
            g.writeEndArray();
        }

        private void object(JsonGenerator g, RecordBatch rb, int r, String[] numbers) {
            int first = rb.firstField(r);
            int n = rb.fieldCount(r);
            int h = names.length;
            g.writeStartObject();
            int common = Math.min(n, h);
            for (int i = 0; i < common; i++) {
                g.writeName(names[i]);
                if (i == restKeyIndex && n > h) {
                    rest(g, rb, first, h, n, numbers); // Python's d[restkey] = row[h:] replaces this key's value
                } else {
                    value(g, rb, first + i, numbers, i);
                }
            }
            for (int i = n; i < h; i++) {
                g.writeName(names[i]);
                if (restVal == null) {
                    g.writeNull();
                } else {
                    g.writeString(restVal);
                }
            }
            if (n > h && restKeyIndex < 0) {
                g.writeName(restKey);
                rest(g, rb, first, h, n, numbers);
            }
            g.writeEndObject();
        }

        private void rest(JsonGenerator g, RecordBatch rb, int first, int from, int to, String[] numbers) {
            g.writeStartArray();
            for (int i = from; i < to; i++) {
                value(g, rb, first + i, numbers, i);
            }
            g.writeEndArray();
        }

        private static void value(JsonGenerator g, RecordBatch rb, int f, String[] numbers, int i) {
            if (numbers != null && numbers[i] != null) {
                g.writeNumber(numbers[i]);
            } else {
                g.writeString(rb.chars(), rb.start(f), rb.length(f));
            }
        }
    }
}
