package dev.cookbook.csv;

/** Python's {@code csv.QUOTE_*} constants: when the writer quotes, and what the reader makes of quotes. */
public enum Quoting {
    /** Quote a field only when it holds the delimiter, the quote character or a line break. */
    MINIMAL,
    /** Quote every field. */
    ALL,
    /**
     * Writing, quote every field that is not a number; reading, an unquoted field is a number
     * (an error if it is not one).
     */
    NONNUMERIC,
    /** Never quote; the writer escapes with the escape character, the reader takes quotes as data. */
    NONE
}
