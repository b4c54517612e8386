package dev.cookbook.netecho;

import java.io.IOException;

/**
 * A server that cannot listen, or a peer that cannot be reached or stops answering. The message
 * is meant for the user: it names the address and port and says what failed in words, never a
 * library's internal message. It names no command-line option: the caller maps the {@link Kind}
 * to its own advice and exit status (all of them are I/O or network failures).
 */
public class EchoException extends IOException {
    /** What went wrong, for the caller's advice. */
    public enum Kind {
        /** The server cannot listen: the address is in use, not local, or not allowed. */
        BIND,
        /** The connection was refused, unreachable, or not made within the timeout. */
        CONNECT,
        /** The peer stopped answering: no bytes within the read timeout. */
        TIMEOUT,
        /** Any other I/O failure: the connection was reset, the input could not be read. */
        IO
    }

    private final Kind kind;

    public EchoException(Kind kind, String message) {
        this(kind, message, null);
    }

    public EchoException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
