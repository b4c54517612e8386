package dev.cookbook.mailer.message;

import dev.cookbook.mailer.MailException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.eclipse.angus.mail.util.CRLFOutputStream;

/**
 * A message ready for SMTP: the MIME message with its headers final (Date, Message-ID, each
 * part's Content-Transfer-Encoding), and the envelope the transport gives the server, which is
 * not read from the headers: {@link #sender()} for MAIL FROM and {@link #recipients()} for RCPT TO
 * (Bcc included; the message itself has no Bcc header).
 *
 * <p>Send it with {@code transport.sendMessage(mime(), recipients)}, not the static
 * {@code Transport.send}: that one calls {@link MimeMessage#saveChanges} again, which for a
 * {@link ReadyMessage} would re-encode a body that is meant to go out as it is.
 *
 * <p>The {@link MimeMessage} is mutable, as Jakarta Mail's are; treat it as read-only.
 *
 * @param mime the message
 * @param sender the envelope sender
 * @param recipients the envelope recipients, each once
 */
public record OutgoingMessage(MimeMessage mime, InternetAddress sender, List<InternetAddress> recipients) {
    public OutgoingMessage {
        Objects.requireNonNull(mime, "mime");
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
    }

    /** The Message-ID header, with its angle brackets. */
    public String messageId() throws MailException {
        try {
            return mime.getMessageID();
        } catch (MessagingException e) {
            throw new MailException(MailException.Kind.INVALID, "the message's Message-ID cannot be read", e);
        }
    }

    /**
     * Writes the message exactly as SMTP's DATA carries it, before dot-stuffing: every line ended
     * by CRLF (a ready message's LF-only body is converted, as the SMTP transport does), each
     * line at most 998 bytes. This is the dry run's output. Attachments are streamed from disk.
     * {@code out} is flushed, not closed.
     *
     * @throws MailException {@link MailException.Kind#IO IO} when an attachment cannot be read
     *     or {@code out} cannot be written
     */
    public void writeTo(OutputStream out) throws MailException {
        try {
            // Jakarta Mail writes a line at a time: without a buffer, each line is a system call.
            OutputStream crlf = new CRLFOutputStream(new BufferedOutputStream(out, 1 << 16));
            mime.writeTo(crlf);
            crlf.flush();
        } catch (IOException e) {
            throw new MailException(MailException.Kind.IO, "the message cannot be written: " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new MailException(MailException.Kind.IO, "the message cannot be written: " + reason(e), e);
        }
    }

    static String reason(MessagingException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
