package dev.cookbook.mailer;

/**
 * A message that cannot be built or sent. The message is meant for the user: it names the
 * address, header, file or server reply at fault, and never a password. It names no command-line
 * option: the caller maps the {@link Kind} to its own advice and exit status.
 */
public class MailException extends Exception {
    /** What went wrong, for the caller's exit status. */
    public enum Kind {
        /** The message as asked for is invalid: an address, a header, a CR or LF in a value. */
        INVALID,
        /** A file to attach or a message to send could not be read. */
        IO,
        /** The server, the network or TLS refused or failed: the connection, auth, a recipient, the data. */
        SMTP
    }

    private final Kind kind;

    public MailException(Kind kind, String message) {
        this(kind, message, null);
    }

    public MailException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
