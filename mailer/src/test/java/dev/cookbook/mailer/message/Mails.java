package dev.cookbook.mailer.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.Random;

/** Shared helpers of the message tests: a session, a fixed clock and random, writing and re-reading. */
final class Mails {
    static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Mails() {}

    static Session session() {
        return Session.getInstance(new Properties());
    }

    static OutgoingMessage build(MailMessage m) throws Exception {
        return MessageBuilder.build(m, session(), CLOCK, new Random(42));
    }

    static byte[] write(OutgoingMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(session(), new ByteArrayInputStream(raw));
    }

    /** Every line ends with CRLF, has no lone CR, and is at most 998 bytes long without it. */
    static void assertSmtpLines(byte[] raw) {
        int start = 0;
        int lines = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                assertTrue(i > 0 && raw[i - 1] == '\r', "LF without CR at byte " + i);
                int length = i - 1 - start;
                assertTrue(length <= 998, "line " + (lines + 1) + " is " + length + " bytes long");
                start = i + 1;
                lines++;
            } else if (raw[i] == '\r') {
                assertTrue(i + 1 < raw.length && raw[i + 1] == '\n', "CR without LF at byte " + i);
            }
        }
        assertEquals(raw.length, start, "the message ends with CRLF");
    }
}
