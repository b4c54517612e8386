package dev.cookbook.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.util.List;

/**
 * Reads CSV records the way Python's {@code csv.reader} does: the same state machine as CPython's
 * {@code _csv.c}, character for character, so every dialect parameter means what it means there
 * (an escape character takes the next character literally, {@code skipinitialspace} drops spaces
 * after a delimiter only, text after a closing quote is kept unless strict, a blank line is a
 * record with no fields). Lines end at CRLF, LF or CR, as Python's files opened with
 * {@code newline=''}.
 *
 * <p>Where Python is lenient about broken input this reader is not: a quoted field still open at
 * the end of the input, or an escape character with nothing after it, is a {@link CsvException}
 * naming the line, where Python (not strict) returns what it has.
 *
 * <p>{@link #next()} gives one record at a time; memory is bounded by the field size limit, not by
 * the input. Not thread-safe.
 *
 * <pre>{@code
 * try (CsvReader r = CsvReader.open(in, StandardCharsets.UTF_8, Dialect.EXCEL)) {
 *     for (List<String> record; (record = r.next()) != null; ) {
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class CsvReader implements Closeable {
    /** The default longest field, in characters. Python's default is 131,072; real data has longer. */
    public static final int DEFAULT_FIELD_SIZE_LIMIT = 16 << 20;

    private static final int START_RECORD = 0;
    private static final int START_FIELD = 1;
    private static final int ESCAPED_CHAR = 2;
    private static final int IN_FIELD = 3;
    private static final int IN_QUOTED_FIELD = 4;
    private static final int ESCAPE_IN_QUOTED_FIELD = 5;
    private static final int QUOTE_IN_QUOTED_FIELD = 6;
    private static final int EAT_CRNL = 7;
    private static final int AFTER_ESCAPED_CRNL = 8;

    /** The end of a physical line, after its line break characters: Python's {@code '\0'} sentinel. */
    private static final int EOL = -2;
    /** Matches no character. */
    private static final int NEVER = -3;

    private final Reader in;
    private final String encoding;
    private final char delimiter;
    private final int quote;
    private final int escape;
    private final boolean doubleQuote;
    private final boolean skipInitialSpace;
    private final boolean nonNumeric;
    private final boolean strict;
    private final int fieldSizeLimit;

    private final char[] buf = new char[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    private boolean started;
    private boolean afterCr;
    private boolean lineHasChars;
    private long line;
    private long recordLine;
    private long quoteLine;
    private int state = START_RECORD;
    private boolean numericField;
    private CsvException pending;
    private RecordBatch single;

    /** Reads characters with {@link #DEFAULT_FIELD_SIZE_LIMIT}; a leading byte order mark is skipped. */
    public CsvReader(Reader in, Dialect dialect) {
        this(in, dialect, DEFAULT_FIELD_SIZE_LIMIT);
    }

    /**
     * @param in             characters; a leading byte order mark is skipped
     * @param fieldSizeLimit the longest field accepted, in characters
     */
    public CsvReader(Reader in, Dialect dialect, int fieldSizeLimit) {
        this(in, dialect, fieldSizeLimit, "text");
    }

    private CsvReader(Reader in, Dialect dialect, int fieldSizeLimit, String encoding) {
        this.in = in;
        this.encoding = encoding;
        this.delimiter = dialect.delimiter();
        this.quote = dialect.quoting() == Quoting.NONE ? NEVER : dialect.quoteChar();
        this.escape = dialect.escapeChar() == Dialect.NONE ? NEVER : dialect.escapeChar();
        this.doubleQuote = dialect.doubleQuote();
        this.skipInitialSpace = dialect.skipInitialSpace();
        this.nonNumeric = dialect.quoting() == Quoting.NONNUMERIC;
        this.strict = dialect.strict();
        this.fieldSizeLimit = fieldSizeLimit;
    }

    /**
     * Reads bytes in {@code charset}, with {@link #DEFAULT_FIELD_SIZE_LIMIT}; bytes that are not
     * valid in it are a {@link CsvException} (never replaced silently).
     */
    public static CsvReader open(InputStream in, Charset charset, Dialect dialect) {
        return open(in, charset, dialect, DEFAULT_FIELD_SIZE_LIMIT);
    }

    /**
     * Reads bytes in {@code charset}; bytes that are not valid in it are a {@link CsvException}
     * (never replaced silently).
     */
    public static CsvReader open(InputStream in, Charset charset, Dialect dialect, int fieldSizeLimit) {
        return new CsvReader(new StrictDecoder(in, charset), dialect, fieldSizeLimit, charset.name());
    }

    /** The number of lines read so far. */
    public long line() {
        return line;
    }

    /**
     * Appends whole records to {@code batch}, at least one, until it holds {@code maxRecords} more
     * or {@code maxChars} characters.
     *
     * @return false when the input is exhausted and nothing was added
     * @throws CsvException malformed input; the records before it were added by the previous call
     */
    boolean read(RecordBatch batch, int maxRecords, int maxChars) throws IOException, CsvException {
        if (pending != null) {
            CsvException e = pending;
            pending = null;
            throw e;
        }
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1, not " + maxRecords);
        }
        int before = batch.recordCount;
        try {
            do {
                if (!parseRecord(batch)) {
                    break;
                }
            } while (batch.recordCount - before < maxRecords && batch.charCount < maxChars);
        } catch (CsvException e) {
            batch.dropPartialRecord();
            state = START_RECORD;
            if (batch.recordCount > before) {
                pending = e;
                return true;
            }
            throw e;
        }
        return batch.recordCount > before;
    }

    /**
     * The next record, its fields in order (a blank line is an empty list), or null at the end.
     *
     * @throws CsvException malformed input, at {@link CsvException#line()}
     */
    public List<String> next() throws IOException, CsvException {
        if (single == null) {
            single = new RecordBatch();
        }
        single.clear();
        return read(single, 1, Integer.MAX_VALUE) ? single.record(0) : null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ------------------------------------------------------------------------- the machine

    /** Reads one record into {@code b}; false at the end of the input. */
    private boolean parseRecord(RecordBatch b) throws IOException, CsvException {
        state = START_RECORD;
        numericField = false;
        recordLine = line + 1;
        for (; ; ) {
            boolean more = pos < lim;
            if (!more) {
                try {
                    more = fill();
                } catch (CsvException e) {
                    // Bytes that cannot be decoded right after a line break: the break still ends its line
                    // (and maybe its record, which comes out before the error); the error then names the
                    // next line.
                    if (!afterCr) {
                        throw e;
                    }
                    afterCr = false;
                    if (endOfLine(b)) {
                        return true;
                    }
                    more = fill();
                }
            }
            if (!more) {
                if (afterCr || lineHasChars) {
                    afterCr = false;
                    if (endOfLine(b)) {
                        return true;
                    }
                }
                if (state == START_RECORD) {
                    return false;
                }
                if (state == AFTER_ESCAPED_CRNL && !strict) {
                    // an escaped line break, then the end: the record ends there, as in Python
                    saveField(b);
                    state = START_RECORD;
                    b.endRecord(recordLine);
                    return true;
                }
                throw atEnd();
            }
            if (afterCr) {
                afterCr = false;
                if (buf[pos] != '\n') {
                    if (endOfLine(b)) {
                        return true;
                    }
                    continue;
                }
            }
            if (state == IN_FIELD || state == IN_QUOTED_FIELD) {
                int run = plainRun(state == IN_FIELD ? delimiter : quote);
                if (run > 0) {
                    if (b.pendingFieldLength() + run > fieldSizeLimit) {
                        throw tooLong();
                    }
                    b.append(buf, pos, run);
                    pos += run;
                    lineHasChars = true;
                    continue;
                }
            }
            char c = buf[pos++];
            lineHasChars = true;
            process(b, c);
            if (c == '\n') {
                if (endOfLine(b)) {
                    return true;
                }
            } else if (c == '\r') {
                afterCr = true;
            }
        }
    }

    /** How many characters from {@code pos} need nothing but copying: no line break, escape or {@code stop}. */
    private int plainRun(int stop) {
        int i = pos;
        int end = lim;
        char[] a = buf;
        while (i < end) {
            char c = a[i];
            if (c == stop || c == '\n' || c == '\r' || c == escape) {
                break;
            }
            i++;
        }
        return i - pos;
    }

    /** The end of a physical line; true when it ends the record too. */
    private boolean endOfLine(RecordBatch b) throws CsvException {
        line++;
        lineHasChars = false;
        process(b, EOL);
        if (state == START_RECORD) {
            b.endRecord(recordLine);
            return true;
        }
        return false;
    }

    private void process(RecordBatch b, int c) throws CsvException {
        switch (state) {
            case START_RECORD:
                if (c == EOL) {
                    return; // a blank line: a record with no fields
                }
                if (c == '\n' || c == '\r') {
                    state = EAT_CRNL;
                    return;
                }
                state = START_FIELD;
                // a character that starts the first field
                startField(b, c);
                return;
            case START_FIELD:
                startField(b, c);
                return;
            case ESCAPED_CHAR:
                if (c == '\n' || c == '\r') {
                    add(b, c);
                    state = AFTER_ESCAPED_CRNL;
                    return;
                }
                add(b, c == EOL ? '\n' : c);
                state = IN_FIELD;
                return;
            case AFTER_ESCAPED_CRNL:
                if (c == EOL) {
                    return;
                }
                inField(b, c);
                return;
            case IN_FIELD:
                inField(b, c);
                return;
            case IN_QUOTED_FIELD:
                if (c == EOL) {
                    return;
                }
                if (c == escape) {
                    state = ESCAPE_IN_QUOTED_FIELD;
                } else if (c == quote) {
                    state = doubleQuote ? QUOTE_IN_QUOTED_FIELD : IN_FIELD;
                } else {
                    add(b, c);
                }
                return;
            case ESCAPE_IN_QUOTED_FIELD:
                add(b, c == EOL ? '\n' : c);
                state = IN_QUOTED_FIELD;
                return;
            case QUOTE_IN_QUOTED_FIELD:
                if (c == quote) {
                    add(b, c); // a doubled quote is one quote
                    state = IN_QUOTED_FIELD;
                } else if (c == delimiter) {
                    saveField(b);
                    state = START_FIELD;
                } else if (c == '\n' || c == '\r' || c == EOL) {
                    saveField(b);
                    state = c == EOL ? START_RECORD : EAT_CRNL;
                } else if (!strict) {
                    add(b, c);
                    state = IN_FIELD;
                } else {
                    throw new CsvException(
                            line + 1,
                            "'" + Dialect.show((char) c) + "' after a closing quote: expected '"
                                    + Dialect.show(delimiter) + "' or the end of the line");
                }
                return;
            case EAT_CRNL:
                if (c == EOL) {
                    state = START_RECORD;
                } else if (c != '\n' && c != '\r') {
                    // Lines end at every CR or LF here, so this cannot happen; Python says the same if it did.
                    throw new CsvException(line + 1, "new-line character seen in unquoted field");
                }
                return;
            default:
                throw new IllegalStateException("state " + state);
        }
    }

    private void startField(RecordBatch b, int c) throws CsvException {
        if (c == '\n' || c == '\r' || c == EOL) {
            saveField(b); // an empty last field
            state = c == EOL ? START_RECORD : EAT_CRNL;
        } else if (c == quote) {
            state = IN_QUOTED_FIELD;
            quoteLine = line + 1;
        } else if (c == escape) {
            state = ESCAPED_CHAR;
        } else if (c == ' ' && skipInitialSpace) {
            // dropped
        } else if (c == delimiter) {
            saveField(b);
        } else {
            numericField = nonNumeric;
            add(b, c);
            state = IN_FIELD;
        }
    }

    private void inField(RecordBatch b, int c) throws CsvException {
        if (c == '\n' || c == '\r' || c == EOL) {
            saveField(b);
            state = c == EOL ? START_RECORD : EAT_CRNL;
        } else if (c == escape) {
            state = ESCAPED_CHAR;
        } else if (c == delimiter) {
            saveField(b);
            state = START_FIELD;
        } else {
            add(b, c);
        }
    }

    private void add(RecordBatch b, int c) throws CsvException {
        if (b.pendingFieldLength() >= fieldSizeLimit) {
            throw tooLong();
        }
        b.append((char) c);
    }

    private void saveField(RecordBatch b) {
        b.endField(numericField);
        numericField = false;
    }

    private CsvException tooLong() {
        return new CsvException(line + 1, "field larger than the field size limit (" + fieldSizeLimit + " characters)");
    }

    /** The input ended inside a record. */
    private CsvException atEnd() {
        if (state == IN_QUOTED_FIELD || state == ESCAPE_IN_QUOTED_FIELD) {
            return new CsvException(quoteLine, "unterminated quoted field: the quote opened here is never closed");
        }
        if (state == AFTER_ESCAPED_CRNL) {
            return new CsvException(line, "the input ends inside a record, after an escaped line break");
        }
        return new CsvException(line, "the input ends with an escape character: nothing left for it to escape");
    }

    private boolean fill() throws IOException, CsvException {
        if (eof) {
            return false;
        }
        int n;
        try {
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
        } catch (CharacterCodingException e) {
            throw new CsvException(CsvException.Kind.ENCODING, line + 1, "not valid " + encoding + " text");
        }
        if (n < 0) {
            eof = true;
            pos = lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        if (!started) {
            started = true;
            if (buf[0] == '\uFEFF') {
                pos = 1; // a byte order mark, not data
                return pos < lim || fill();
            }
        }
        return true;
    }
}
