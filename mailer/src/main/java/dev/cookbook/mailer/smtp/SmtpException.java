package dev.cookbook.mailer.smtp;

import dev.cookbook.mailer.MailException;
import java.util.List;
import java.util.Optional;

/**
 * Sending failed at one {@link Stage} of the SMTP dialogue. The message names the server as
 * {@code host:port}, the stage and, where the server answered, its reply; it never holds a
 * password. Always of {@link MailException.Kind#SMTP}.
 *
 * <p>When this is thrown, nothing was delivered: the server did not accept the message for any
 * recipient. (A partial delivery with {@link SmtpSettings#sendPartial()} is not an exception but
 * a {@link SendResult} with refused recipients.)
 */
public final class SmtpException extends MailException {
    /** Where in the dialogue sending failed. */
    public enum Stage {
        /** The TCP connection: refused, timed out, unknown host, or no greeting. */
        CONNECT,
        /** TLS: no STARTTLS offered, handshake or certificate failure. */
        TLS,
        /** Authentication: wrong user or password, or no authentication offered. */
        AUTH,
        /** The envelope sender ({@code MAIL FROM}) was refused. */
        SENDER,
        /** Recipients ({@code RCPT TO}) were refused, or the server cannot take their addresses. */
        RECIPIENTS,
        /** The message itself ({@code DATA}) was refused. */
        DATA
    }

    /** Why {@link Stage#TLS} failed, so that a caller can advise (trust a CA, or send without TLS). */
    public enum TlsFailure {
        /** The server does not offer STARTTLS. */
        NOT_OFFERED,
        /** The server's certificate is not issued by a trusted certificate authority. */
        UNTRUSTED,
        /** The server's certificate is trusted but does not name the host connected to. */
        WRONG_HOST,
        /** Any other TLS failure: an expired certificate, no common protocol, a broken handshake. */
        OTHER
    }

    private final Stage stage;
    private final String reply;
    private final List<RefusedRecipient> refused;
    private final TlsFailure tlsFailure;

    SmtpException(Stage stage, String message, String reply, List<RefusedRecipient> refused, Throwable cause) {
        super(Kind.SMTP, message, cause);
        this.stage = stage;
        this.reply = reply;
        this.refused = List.copyOf(refused);
        this.tlsFailure = stage == Stage.TLS ? TlsFailure.OTHER : null;
    }

    /** A failure at {@link Stage#TLS}, for {@code why}. */
    SmtpException(TlsFailure why, String message, Throwable cause) {
        super(Kind.SMTP, message, cause);
        this.stage = Stage.TLS;
        this.reply = null;
        this.refused = List.of();
        this.tlsFailure = why;
    }

    /** The stage of the dialogue that failed. */
    public Stage stage() {
        return stage;
    }

    /**
     * The server's reply that ended the attempt, code first ({@code "535 5.7.8 Authentication
     * credentials invalid"}), on one line; empty when the server did not answer (a connection or
     * TLS failure).
     */
    public Optional<String> reply() {
        return Optional.ofNullable(reply);
    }

    /** Why TLS failed: present exactly when the {@link #stage()} is {@link Stage#TLS}. */
    public Optional<TlsFailure> tlsFailure() {
        return Optional.ofNullable(tlsFailure);
    }

    /** The recipients the server refused, with its reply for each; empty unless some were. */
    public List<RefusedRecipient> refused() {
        return refused;
    }
}
