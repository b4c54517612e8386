package dev.cookbook.mailer.message;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;

/**
 * A MimeMessage that keeps the Message-ID it was given. {@link MimeMessage#saveChanges} otherwise
 * replaces it with one made from the local host name, which says nothing useful and may leak it.
 */
final class StampedMimeMessage extends MimeMessage {
    StampedMimeMessage(Session session) {
        super(session);
    }

    StampedMimeMessage(Session session, InputStream in) throws MessagingException {
        super(session, in);
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        if (getHeader("Message-ID") == null) {
            super.updateMessageID();
        }
    }
}
