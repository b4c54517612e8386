package dev.cookbook.csv;

import java.util.Objects;

/**
 * How a CSV file is spelled: the parameters of a Python {@code csv} dialect, with the same names
 * and the same defaults ({@code excel}: comma, double quote, doubled quotes, CRLF, minimal
 * quoting). Immutable; {@link #builder()} makes one and checks it.
 *
 * <p>{@link #strict()} is Python's {@code strict}: a quote followed by anything but a delimiter or
 * a line end is an error rather than taken as data.
 */
public final class Dialect {
    /** No escape character. */
    public static final int NONE = -1;

    /** Python's {@code csv.excel}, the default everywhere. */
    public static final Dialect EXCEL = builder().build();

    private final char delimiter;
    private final char quoteChar;
    private final int escapeChar;
    private final boolean doubleQuote;
    private final boolean skipInitialSpace;
    private final Quoting quoting;
    private final String lineTerminator;
    private final boolean strict;

    private Dialect(Builder b) {
        this.delimiter = b.delimiter;
        this.quoteChar = b.quoteChar;
        this.escapeChar = b.escapeChar;
        this.doubleQuote = b.doubleQuote;
        this.skipInitialSpace = b.skipInitialSpace;
        this.quoting = b.quoting;
        this.lineTerminator = b.lineTerminator;
        this.strict = b.strict;
    }

    public char delimiter() {
        return delimiter;
    }

    public char quoteChar() {
        return quoteChar;
    }

    /** The escape character, or {@link #NONE}. */
    public int escapeChar() {
        return escapeChar;
    }

    public boolean doubleQuote() {
        return doubleQuote;
    }

    public boolean skipInitialSpace() {
        return skipInitialSpace;
    }

    public Quoting quoting() {
        return quoting;
    }

    /** What the writer ends each record with; the reader accepts CRLF, LF and CR whatever this is. */
    public String lineTerminator() {
        return lineTerminator;
    }

    public boolean strict() {
        return strict;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.delimiter = delimiter;
        b.quoteChar = quoteChar;
        b.escapeChar = escapeChar;
        b.doubleQuote = doubleQuote;
        b.skipInitialSpace = skipInitialSpace;
        b.quoting = quoting;
        b.lineTerminator = lineTerminator;
        b.strict = strict;
        return b;
    }

    @Override
    public String toString() {
        return "Dialect[delimiter=" + show(delimiter) + ", quotechar=" + show(quoteChar) + ", escapechar="
                + (escapeChar == NONE ? "none" : show((char) escapeChar)) + ", doublequote=" + doubleQuote
                + ", skipinitialspace=" + skipInitialSpace + ", quoting="
                + quoting.name().toLowerCase(java.util.Locale.ROOT) + ", lineterminator="
                + lineTerminator.replace("\r", "\\r").replace("\n", "\\n") + ", strict=" + strict + "]";
    }

    /** A character as messages show it: a tab, CR and LF as {@code \t}, {@code \r}, {@code \n}. */
    public static String show(char c) {
        return switch (c) {
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            default -> String.valueOf(c);
        };
    }

    /** Sets the parameters one by one; {@link #build()} refuses a combination that cannot round-trip. */
    public static final class Builder {
        private char delimiter = ',';
        private char quoteChar = '"';
        private int escapeChar = NONE;
        private boolean doubleQuote = true;
        private boolean skipInitialSpace;
        private Quoting quoting = Quoting.MINIMAL;
        private String lineTerminator = "\r\n";
        private boolean strict;

        private Builder() {}

        public Builder delimiter(char c) {
            this.delimiter = c;
            return this;
        }

        public Builder quoteChar(char c) {
            this.quoteChar = c;
            return this;
        }

        /** @param c a character, or {@link #NONE} */
        public Builder escapeChar(int c) {
            if (c != NONE && (c < 0 || c > Character.MAX_VALUE)) {
                throw new IllegalArgumentException("the escape character must be one character");
            }
            this.escapeChar = c;
            return this;
        }

        public Builder doubleQuote(boolean on) {
            this.doubleQuote = on;
            return this;
        }

        public Builder skipInitialSpace(boolean on) {
            this.skipInitialSpace = on;
            return this;
        }

        public Builder quoting(Quoting q) {
            this.quoting = Objects.requireNonNull(q);
            return this;
        }

        public Builder lineTerminator(String s) {
            this.lineTerminator = Objects.requireNonNull(s);
            return this;
        }

        public Builder strict(boolean on) {
            this.strict = on;
            return this;
        }

        /**
         * @throws IllegalArgumentException for a dialect whose files could not be read back: a line
         *         break as the delimiter, quote or escape character, or two roles on one character
         *         (Python 3.13 refuses the same; older Pythons accept them and write unreadable files)
         */
        public Dialect build() {
            requireNotLineBreak(delimiter, "the delimiter");
            requireNotLineBreak(quoteChar, "the quote character");
            if (quoteChar == delimiter) {
                throw new IllegalArgumentException(
                        "the quote character and the delimiter are both '" + show(delimiter) + "'");
            }
            if (escapeChar != NONE) {
                char e = (char) escapeChar;
                requireNotLineBreak(e, "the escape character");
                if (e == delimiter || e == quoteChar) {
                    throw new IllegalArgumentException("the escape character '" + show(e) + "' is also the "
                            + (e == delimiter ? "delimiter" : "quote character"));
                }
            }
            if (lineTerminator.isEmpty()) {
                throw new IllegalArgumentException("the line terminator is empty");
            }
            return new Dialect(this);
        }

        private static void requireNotLineBreak(char c, String what) {
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException(what + " cannot be a line break");
            }
        }
    }
}
