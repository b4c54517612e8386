package dev.cookbook.mailer.smtp;

import jakarta.mail.internet.InternetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server did with a message it accepted for at least one recipient.
 *
 * @param messageId the message's Message-ID as sent, empty if it has none
 * @param accepted the recipients the server accepted, as the caller gave them, in order
 * @param refused the recipients it refused: empty unless {@link SmtpSettings#sendPartial()} was
 *     set, in which case the message went to {@code accepted} only
 * @param serverReply the server's reply to the end of the data, usually naming its queue id
 *     ({@code "250 2.0.0 Ok: queued as 4F2A1"}), on one line
 */
public record SendResult(
        Optional<String> messageId,
        List<InternetAddress> accepted,
        List<RefusedRecipient> refused,
        String serverReply) {
    public SendResult {
        Objects.requireNonNull(messageId, "messageId");
        accepted = List.copyOf(accepted);
        refused = List.copyOf(refused);
        Objects.requireNonNull(serverReply, "serverReply");
    }

    /** True when every recipient accepted the message. */
    public boolean complete() {
        return refused.isEmpty();
    }
}
