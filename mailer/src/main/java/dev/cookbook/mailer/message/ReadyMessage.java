package dev.cookbook.mailer.message;

import dev.cookbook.mailer.MailException;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Takes a ready RFC 5322 message, as {@code sendmail -t} and {@code msmtp -t} do: the envelope
 * comes from its headers, its Bcc header is removed, and a missing Date or Message-ID is added.
 * Nothing else changes: the body goes out as it was read (only its line ends become CRLF when
 * written).
 *
 * <pre>{@code
 * OutgoingMessage out = ReadyMessage.read(System.in, session, List.of());
 * }</pre>
 *
 * The message is parsed by Jakarta Mail into memory (a ready message is read whole; attachments
 * streamed from disk are {@link MessageBuilder}'s). Stateless and thread-safe.
 */
public final class ReadyMessage {
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");
    private static final Random RANDOM = new java.security.SecureRandom();

    private ReadyMessage() {}

    /**
     * Reads a message from {@code in} (to its end; not closed).
     *
     * @param recipients the envelope recipients, which replace To, Cc and Bcc when not empty
     * @return the message, its sender (From, or Sender when From is missing or holds several
     *     addresses) and its recipients (To, Cc and Bcc, each once, unless {@code recipients}
     *     overrides them)
     * @throws MailException {@link MailException.Kind#INVALID INVALID} when the input is not a
     *     message (a header line that is not {@code Name: value}, no header at all), has no
     *     sender or no recipient, or holds an address that does not parse, naming the header;
     *     {@link MailException.Kind#IO IO} when {@code in} cannot be read
     */
    public static OutgoingMessage read(InputStream in, Session session, List<String> recipients) throws MailException {
        return read(in, session, recipients, Clock.systemDefaultZone(), RANDOM);
    }

    static OutgoingMessage read(InputStream in, Session session, List<String> recipients, Clock clock, Random random)
            throws MailException {
        StampedMimeMessage mime;
        try {
            mime = new StampedMimeMessage(session, new BufferedInputStream(in));
        } catch (MessagingException e) {
            if (e.getCause() instanceof IOException) {
                throw new MailException(
                        MailException.Kind.IO, "the message cannot be read: " + OutgoingMessage.reason(e), e);
            }
            throw new MailException(
                    MailException.Kind.INVALID, "the message cannot be parsed: " + OutgoingMessage.reason(e), e);
        }
        try {
            checkHeaderNames(mime);
            InternetAddress sender = sender(mime);
            List<InternetAddress> envelope = new ArrayList<>();
            if (recipients.isEmpty()) {
                envelope.addAll(parse(mime, "To"));
                envelope.addAll(parse(mime, "Cc"));
                envelope.addAll(parse(mime, "Bcc"));
            } else {
                for (String r : recipients) {
                    envelope.add(Fields.address("recipient", r));
                }
            }
            if (envelope.isEmpty()) {
                throw new MailException(
                        MailException.Kind.INVALID, "the message has no recipient: no To, Cc or Bcc address");
            }
            mime.removeHeader("Bcc");
            if (mime.getHeader("Date") == null) {
                mime.setSentDate(Date.from(clock.instant()));
            }
            if (mime.getHeader("Message-ID") == null) {
                mime.setHeader("Message-ID", MessageBuilder.messageId(sender, random));
            }
            return new OutgoingMessage(mime, sender, unique(envelope));
        } catch (MessagingException e) {
            throw new MailException(
                    MailException.Kind.INVALID, "the message cannot be parsed: " + OutgoingMessage.reason(e), e);
        }
    }

    /**
     * Jakarta Mail keeps a line that is not a header as a header without a value; such a line
     * means the input is not a message (or its header ended without the blank line).
     */
    private static void checkHeaderNames(MimeMessage mime) throws MessagingException, MailException {
        Enumeration<Header> headers = mime.getAllHeaders();
        if (!headers.hasMoreElements()) {
            throw new MailException(MailException.Kind.INVALID, "the message has no header");
        }
        int n = 0;
        while (headers.hasMoreElements()) {
            Header h = headers.nextElement();
            n++;
            if (!FIELD_NAME.matcher(h.getName()).matches() || h.getValue() == null) {
                throw new MailException(
                        MailException.Kind.INVALID,
                        "the message's header field " + n + " is not a \"Name: value\" line");
            }
        }
    }

    private static InternetAddress sender(MimeMessage mime) throws MessagingException, MailException {
        List<InternetAddress> from = parse(mime, "From");
        if (from.size() == 1) {
            return from.get(0);
        }
        List<InternetAddress> sender = parse(mime, "Sender");
        if (sender.size() == 1) {
            return sender.get(0);
        }
        throw new MailException(
                MailException.Kind.INVALID,
                from.isEmpty()
                        ? "the message has no sender: no From or Sender address"
                        : "the message has several From addresses and no single Sender");
    }

    private static List<InternetAddress> parse(MimeMessage mime, String name) throws MessagingException, MailException {
        String[] values = mime.getHeader(name);
        List<InternetAddress> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String value : values) {
            try {
                for (InternetAddress a : InternetAddress.parseHeader(value, true)) {
                    if (a.isGroup()) {
                        for (InternetAddress member : a.getGroup(true)) {
                            out.add(member);
                        }
                    } else {
                        out.add(a);
                    }
                }
            } catch (AddressException e) {
                throw new MailException(
                        MailException.Kind.INVALID, "the message's " + name + " header holds an invalid address", e);
            }
        }
        return out;
    }

    private static List<InternetAddress> unique(List<InternetAddress> addresses) {
        Map<String, InternetAddress> seen = new LinkedHashMap<>();
        for (InternetAddress a : addresses) {
            seen.putIfAbsent(a.getAddress().toLowerCase(Locale.ROOT), a);
        }
        return new ArrayList<>(seen.values());
    }
}
