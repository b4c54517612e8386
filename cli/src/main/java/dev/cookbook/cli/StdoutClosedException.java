package dev.cookbook.cli;

/**
 * Standard output was closed by its reader ({@code cookbook ... | head -1}). Unchecked so that it
 * passes through {@link java.io.PrintWriter}, which swallows {@link java.io.IOException}s; the program
 * then ends quietly with {@link ExitCodes#CLOSED_PIPE}, as a Unix tool killed by SIGPIPE would.
 */
public final class StdoutClosedException extends RuntimeException {
    StdoutClosedException() {
        super("standard output closed", null, false, false);
    }
}
