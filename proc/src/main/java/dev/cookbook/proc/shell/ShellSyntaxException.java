package dev.cookbook.proc.shell;

/**
 * A string {@link ShellSplit} cannot read as shell words: a quote that is never closed, or a
 * backslash with nothing after it. The message is for users, and names the character:
 * {@code no closing quotation for the ' at character 6}. Positions count characters (Unicode
 * code points) from 1.
 */
public final class ShellSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong: Python's {@code shlex} says "No closing quotation" or "No escaped character". */
    public enum Kind {
        /** A {@code '} or {@code "} that is never closed. */
        NO_CLOSING_QUOTATION,
        /** A {@code \} at the very end, with nothing left to escape. */
        NO_ESCAPED_CHARACTER
    }

    private final Kind kind;
    private final long position;

    ShellSyntaxException(Kind kind, char character, long position) {
        super((kind == Kind.NO_CLOSING_QUOTATION ? "no closing quotation for the " : "no escaped character after the ")
                + character
                + " at character "
                + position);
        this.kind = kind;
        this.position = position;
    }

    public Kind kind() {
        return kind;
    }

    /** The position of the opening quote or of the lone backslash, counted in characters from 1. */
    public long position() {
        return position;
    }
}
