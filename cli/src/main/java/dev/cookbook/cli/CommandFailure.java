package dev.cookbook.cli;

/**
 * Ends a command with a one-line message and an exit code from {@link ExitCodes}. Commands throw it
 * for failures they anticipate; {@link ErrorHandler} prints it as {@code cookbook <command>: <message>}.
 */
public final class CommandFailure extends RuntimeException {
    private final int exitCode;
    private final String hint;

    public CommandFailure(int exitCode, String message) {
        this(exitCode, message, null, null);
    }

    public CommandFailure(int exitCode, String message, String hint, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public int exitCode() {
        return exitCode;
    }

    /** A second line of advice, or null. */
    public String hint() {
        return hint;
    }
}
