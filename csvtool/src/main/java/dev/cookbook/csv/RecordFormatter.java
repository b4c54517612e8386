package dev.cookbook.csv;

/**
 * Writes CSV records the way Python's {@code csv.writer} does (CPython 3.11's {@code _csv.c}),
 * so that its output is byte for byte what {@code csv.writer}/{@code csv.DictWriter} write with
 * the same dialect: a field is quoted when the quoting mode says so or when it holds the
 * delimiter, the quote character or a line break; a quote inside is doubled, or escaped when
 * {@code doublequote} is off; the escape character itself is escaped; a record of one empty
 * field is written as {@code ""} so it does not read back as a blank line.
 *
 * <p>One deliberate difference: Python checks for the characters of its line terminator only,
 * so with {@code lineterminator='\n'} it leaves a field holding a lone CR unquoted, and the file
 * no longer reads back as written. Here a CR or LF in a field is always quoted (or escaped).
 *
 * <p>Records are appended to a {@link TextBuffer}; the caller encodes and writes it. The public,
 * record-at-a-time face of this is {@link CsvWriter}.
 */
final class RecordFormatter {
    private final char delimiter;
    private final char quote;
    private final int escape;
    private final boolean doubleQuote;
    private final Quoting quoting;
    private final String lineTerminator;
    /** Characters of the line terminator other than CR and LF, which are always quoted: Python quotes them too. */
    private final String otherBreaks;

    private final boolean hasOtherBreaks;

    private TextBuffer out;
    private int recordStart;
    private int fields;

    RecordFormatter(Dialect dialect) {
        this.delimiter = dialect.delimiter();
        this.quote = dialect.quoteChar();
        this.escape = dialect.escapeChar();
        this.doubleQuote = dialect.doubleQuote();
        this.quoting = dialect.quoting();
        this.lineTerminator = dialect.lineTerminator();
        this.otherBreaks = lineTerminator.replace("\r", "").replace("\n", "");
        this.hasOtherBreaks = !otherBreaks.isEmpty();
    }

    /** A character the field cannot hold as it is: it is quoted, doubled or escaped. */
    private boolean special(char c) {
        return c == delimiter
                || c == quote
                || c == escape
                || c == '\n'
                || c == '\r'
                || (hasOtherBreaks && otherBreaks.indexOf(c) >= 0);
    }

    /** Starts a record at the end of {@code sb}. */
    void beginRecord(TextBuffer sb) {
        this.out = sb;
        this.recordStart = sb.length();
        this.fields = 0;
    }

    /**
     * Appends one field.
     *
     * @param value   the text; null is Python's {@code None}: empty, quoted as a string would be
     * @param numeric the value is a number (or a boolean: Python's {@code bool} is numeric), which
     *                {@link Quoting#NONNUMERIC} leaves unquoted
     * @throws CsvException the field needs an escape character and the dialect has none (the
     *                      record is then incomplete: start it again or give up)
     */
    void field(CharSequence value, boolean numeric) throws CsvException {
        if (value == null) {
            field(null, 0, 0, numeric);
        } else {
            char[] a = value.toString().toCharArray();
            field(a, 0, a.length, numeric);
        }
    }

    /** {@link #field(CharSequence, boolean)} for {@code n} characters of {@code a} from {@code off}. */
    void field(char[] a, int off, int n, boolean numeric) throws CsvException {
        boolean quoted = switch (quoting) {
            case ALL -> true;
            case NONNUMERIC -> !numeric;
            default -> false;
        };
        int end = off + n;
        boolean careful = false;
        for (int i = off; i < end; i++) {
            char c = a[i];
            if (special(c)) {
                careful = true;
                if (quoting == Quoting.NONE || (c == quote && !doubleQuote) || c == escape) {
                    if (escape == Dialect.NONE) {
                        throw new CsvException(
                                0,
                                "it holds '" + Dialect.show(c) + "', which needs "
                                        + (quoting == Quoting.NONE ? "quoting (the quoting is none)" : "escaping")
                                        + " and no escape character is set");
                    }
                } else {
                    quoted = true;
                }
            }
        }
        if (fields > 0) {
            out.append(delimiter);
        }
        fields++;
        if (quoted) {
            out.append(quote);
        }
        if (!careful) {
            if (n > 0) {
                out.append(a, off, n);
            }
        } else {
            for (int i = off; i < end; i++) {
                char c = a[i];
                if (special(c)) {
                    if (quoting == Quoting.NONE || c == escape) {
                        out.append((char) escape);
                    } else if (c == quote) {
                        out.append(doubleQuote ? quote : (char) escape);
                    }
                }
                out.append(c);
            }
        }
        if (quoted) {
            out.append(quote);
        }
    }

    /**
     * Ends the record with the line terminator.
     *
     * @throws CsvException a record of one empty field under {@link Quoting#NONE}: it would read
     *                      back as a blank line
     */
    void endRecord() throws CsvException {
        if (fields > 0 && out.length() == recordStart) {
            if (quoting == Quoting.NONE) {
                throw new CsvException(
                        0,
                        "a record of one empty field cannot be written unquoted (the quoting is none):"
                                + " it would read back as a blank line");
            }
            out.append(quote);
            out.append(quote);
        }
        out.append(lineTerminator);
    }
}
