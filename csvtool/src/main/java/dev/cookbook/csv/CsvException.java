package dev.cookbook.csv;

import java.io.InputStream;

/**
 * Input that is not valid CSV or JSON for the dialect and options in use, or a record the options
 * refuse. The message names what is wrong, for a user, in words that name no command-line option;
 * {@link #source()} and {@link #line()} say where, and {@link #kind()} what sort of problem it is,
 * so that a caller can suggest the setting that changes the outcome.
 */
public class CsvException extends Exception {
    /** What sort of problem: the ones an option can change, and the rest. */
    public enum Kind {
        /** Malformed CSV or JSON, or a value the dialect cannot write. */
        MALFORMED,
        /** Bytes that are not text in the charset being read, or a character it cannot write. */
        ENCODING,
        /** A header (or list of field names) that repeats a name. */
        DUPLICATE_NAME,
        /** A record with more or fewer fields than the header, where that is refused. */
        RAGGED,
        /** A JSON key that is not one of the columns. */
        UNKNOWN_KEY,
        /** A JSON object or array where a CSV field's text is expected. */
        NESTED_VALUE,
        /** A JSON array where an object (a record) is expected. */
        ARRAY_RECORD,
        /** A JSON object where an array (a row) is expected. */
        OBJECT_ROW,
        /** An unquoted field that is no number, read with {@link Quoting#NONNUMERIC}. */
        NOT_A_NUMBER
    }

    private final long line;
    private final Kind kind;
    private String source;

    /**
     * @param line the line of the input (1 = first) it happened at; 0 when no line applies
     */
    public CsvException(long line, String message) {
        this(Kind.MALFORMED, line, message);
    }

    public CsvException(Kind kind, long line, String message) {
        this(kind, null, line, message);
    }

    /**
     * @param source the name of the input the line is in, as the user gave it (a file name), or
     *               null when it has none or is unknown
     */
    public CsvException(Kind kind, String source, long line, String message) {
        super(message);
        this.kind = kind;
        this.source = source;
        this.line = line;
    }

    /**
     * The name of the input {@link #line()} refers to, as it was given: the file a
     * {@link CsvAppendTarget} opened, or the {@code source} passed to a stream-level entry point
     * ({@link CsvToJson#convert(InputStream, String, java.nio.charset.Charset, java.io.OutputStream,
     * CsvToJson.Options)}, ...); null when none was given.
     */
    public String source() {
        return source;
    }

    /** Where it happened (1 = first), or 0. */
    public long line() {
        return line;
    }

    public Kind kind() {
        return kind;
    }

    /** The same problem at {@code line}, with {@code prefix} before the message. */
    CsvException at(long line, String prefix) {
        return new CsvException(kind, source, line, prefix + getMessage());
    }

    /**
     * Names the input this happened in, unless it is named already: set by an entry point once,
     * before the exception leaves the library, so a caller always sees it set.
     */
    CsvException in(String name) {
        if (source == null) {
            source = name;
        }
        return this;
    }
}
