package dev.cookbook.mailer.smtp;

import jakarta.mail.internet.InternetAddress;
import java.util.Objects;

/**
 * A recipient the server refused at {@code RCPT TO}.
 *
 * @param address the recipient as the caller gave it
 * @param code the server's reply code, e.g. 550; -1 if unknown
 * @param reply the server's reply, code first, on one line
 */
public record RefusedRecipient(InternetAddress address, int code, String reply) {
    public RefusedRecipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reply, "reply");
    }
}
