package dev.cookbook.proc.run;

import java.io.IOException;

/**
 * A command that could not be run, with a message a user can read and a {@link Kind} that says
 * why: the spec was invalid, the program was not found or not executable, or an input or folder
 * could not be used.
 */
public final class RunException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the command did not run. */
    public enum Kind {
        /** The request itself is wrong: a template placeholder with no argument, an empty command. */
        INVALID,
        /** No such program (as a shell's exit status 127). */
        NOT_FOUND,
        /** The program exists but cannot be executed (as a shell's exit status 126). */
        NOT_EXECUTABLE,
        /** An input file or the working folder could not be used. */
        IO
    }

    private final Kind kind;

    public RunException(Kind kind, String message) {
        this(kind, message, null);
    }

    public RunException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
