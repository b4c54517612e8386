package dev.cookbook.csv;

/**
 * Input that is not valid CSV or JSON for the dialect and options in use, or a record the options
 * refuse. The message names what is wrong, for a user; {@link #line()} says where.
 */
public class CsvException extends Exception {
    private final long line;

    /**
     * @param line the line of the input (1 = first) or record (for JSON input: the record's
     *             number) it happened at; 0 when no line applies
     */
    public CsvException(long line, String message) {
        super(message);
        this.line = line;
    }

    public CsvException(long line, String message, Throwable cause) {
        super(message, cause);
        this.line = line;
    }

    /** Where it happened (1 = first), or 0. */
    public long line() {
        return line;
    }
}
