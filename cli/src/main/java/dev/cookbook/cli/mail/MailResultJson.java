package dev.cookbook.cli.mail;

import dev.cookbook.mailer.smtp.RefusedRecipient;
import dev.cookbook.mailer.smtp.SendResult;
import dev.cookbook.mailer.smtp.SmtpException;
import jakarta.mail.internet.InternetAddress;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * {@code --json}: one record on stdout,
 * {@code {"message_id":…,"accepted":[…],"refused":[{"address","code","reply"}],"failed_stage":null}}.
 */
final class MailResultJson {
    private final Writer out;

    MailResultJson(Writer out) {
        this.out = out;
    }

    void result(SendResult r) {
        write(r.messageId().orElse(null), r.accepted(), r.refused(), null);
    }

    void failure(String messageId, SmtpException e) {
        write(messageId, List.of(), e.refused(), e.stage().name().toLowerCase(Locale.ROOT));
    }

    private void write(String messageId, List<InternetAddress> accepted, List<RefusedRecipient> refused, String stage) {
        try (JsonGenerator g = JsonFactory.builder()
                .build()
                .createGenerator(ObjectWriteContext.empty(), out)
                .configure(StreamWriteFeature.AUTO_CLOSE_TARGET, false)) {
            g.writeStartObject();
            if (messageId == null) {
                g.writeNullProperty("message_id");
            } else {
                g.writeStringProperty("message_id", messageId);
            }
            g.writeName("accepted");
            g.writeStartArray();
            for (InternetAddress a : accepted) {
                g.writeString(a.getAddress());
            }
            g.writeEndArray();
            g.writeName("refused");
            g.writeStartArray();
            for (RefusedRecipient r : refused) {
                g.writeStartObject();
                g.writeStringProperty("address", r.address().getAddress());
                g.writeNumberProperty("code", r.code());
                g.writeStringProperty("reply", r.reply());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (stage == null) {
                g.writeNullProperty("failed_stage");
            } else {
                g.writeStringProperty("failed_stage", stage);
            }
            g.writeEndObject();
        }
        try {
            out.write('\n');
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
