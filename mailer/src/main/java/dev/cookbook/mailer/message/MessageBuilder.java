package dev.cookbook.mailer.message;

import dev.cookbook.mailer.MailException;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Turns a {@link MailMessage} into a standard MIME message with Jakarta Mail's own classes:
 *
 * <ul>
 *   <li>text only: {@code text/plain}; HTML only: {@code multipart/alternative} of a plain-text
 *       version derived from the HTML (tags dropped, entities decoded, line breaks kept, links as
 *       {@code "text (url)"}) and the HTML; both: {@code multipart/alternative}, text first;
 *   <li>inline images: {@code multipart/related} around that, then each image with its
 *       {@code Content-ID} and {@code Content-Disposition: inline};
 *   <li>attachments: {@code multipart/mixed} around everything, each with a detected (or the
 *       given) Content-Type and its file name. So the deepest nesting is mixed > related >
 *       alternative, as mail clients expect.
 * </ul>
 *
 * Non-ASCII subjects and display names are RFC 2047 encoded and file names RFC 2231 encoded
 * ({@code filename*=UTF-8''...}), always as UTF-8 whatever the platform charset; every header is
 * ASCII. Jakarta Mail picks each part's transfer encoding (7bit, quoted-printable or base64) so
 * that no line is longer than 998 bytes. Date and Message-ID ({@code <random@sender's domain>})
 * are set; Bcc is not written.
 *
 * <pre>{@code
 * OutgoingMessage out = MessageBuilder.build(message, Session.getInstance(new Properties()));
 * out.writeTo(System.out); // a dry run
 * }</pre>
 *
 * Attachments and inline images are always base64, so that they arrive byte for byte; they are
 * not read into memory: here only their first 8 KiB are read (to detect a type), and they are
 * streamed from disk when the message is written. Text bodies are 7bit, quoted-printable or
 * base64 as Jakarta Mail chooses (base64 when most characters are not ASCII). Stateless and
 * thread-safe.
 */
public final class MessageBuilder {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    private static final int MAX_LINE = 998;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageBuilder() {}

    /**
     * Builds {@code m} into a MIME message in {@code session} (whose properties it does not
     * need) with its envelope: the sender and {@link MailMessage#recipients()}.
     *
     * @throws MailException {@link MailException.Kind#IO IO} when an attachment or image cannot
     *     be read; {@link MailException.Kind#INVALID INVALID} when a given content type does not
     *     parse, or a header cannot be written within 998 bytes a line (a very long word)
     */
    public static OutgoingMessage build(MailMessage m, Session session) throws MailException {
        return build(m, session, Clock.systemDefaultZone(), RANDOM);
    }

    /** {@link #build(MailMessage, Session)} with the clock and random source for Date and Message-ID. */
    static OutgoingMessage build(MailMessage m, Session session, Clock clock, Random random) throws MailException {
        StampedMimeMessage mime = new StampedMimeMessage(session);
        try {
            mime.setFrom(headerForm(m.from()));
            if (!m.to().isEmpty()) {
                mime.setRecipients(MimeMessage.RecipientType.TO, headerForms(m.to()));
            }
            if (!m.cc().isEmpty()) {
                mime.setRecipients(MimeMessage.RecipientType.CC, headerForms(m.cc()));
            }
            if (!m.replyTo().isEmpty()) {
                mime.setReplyTo(headerForms(m.replyTo()));
            }
            if (m.subject().isPresent()) {
                mime.setSubject(m.subject().get(), UTF_8);
            }
            for (MailMessage.Header h : m.headers()) {
                String name = h.name();
                mime.addHeader(
                        name, MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(h.value(), UTF_8, null)));
            }
            mime.setSentDate(Date.from(clock.instant()));
            mime.setHeader("Message-ID", messageId(m.from(), random));
            body(mime, m);
            mime.saveChanges();
            checkHeaderLines(mime);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        } catch (MessagingException e) {
            if (e.getCause() instanceof MailException) {
                throw (MailException) e.getCause();
            }
            if (e.getCause() instanceof IOException) {
                throw new MailException(
                        MailException.Kind.IO, "an attachment cannot be read: " + OutgoingMessage.reason(e), e);
            }
            throw new MailException(
                    MailException.Kind.INVALID, "the message cannot be built: " + OutgoingMessage.reason(e), e);
        }
        return new OutgoingMessage(mime, m.from(), m.recipients());
    }

    private static void body(MimeMessage mime, MailMessage m) throws MessagingException, MailException {
        MimeBodyPart content = new MimeBodyPart();
        MimeMultipart top = null;
        if (m.html().isEmpty()) {
            content.setText(m.text().orElse(""), UTF_8);
        } else {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(m.text().orElseGet(() -> HtmlText.toText(m.html().get())), UTF_8);
            MimeBodyPart html = new MimeBodyPart();
            html.setText(m.html().get(), UTF_8, "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            content.setContent(alternative);
            top = alternative;
        }
        if (!m.inlines().isEmpty()) {
            MimeMultipart related = new RelatedMultipart("multipart/alternative");
            related.addBodyPart(content);
            for (MailMessage.Inline i : m.inlines()) {
                MimeBodyPart image =
                        filePart("inline image", i.file(), i.contentType(), fileName(i.file()), Part.INLINE);
                image.setContentID("<" + i.contentId() + ">");
                related.addBodyPart(image);
            }
            content = new MimeBodyPart();
            content.setContent(related);
            top = related;
        }
        if (!m.attachments().isEmpty()) {
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(content);
            for (MailMessage.Attachment a : m.attachments()) {
                String name = a.fileName() != null ? a.fileName() : fileName(a.file());
                mixed.addBodyPart(filePart("attachment", a.file(), a.contentType(), name, Part.ATTACHMENT));
            }
            mime.setContent(mixed);
        } else if (top != null) {
            mime.setContent(top);
        } else {
            mime.setText(m.text().orElse(""), UTF_8);
        }
    }

    private static String fileName(Path file) {
        Path name = file.getFileName();
        return name == null ? "attachment" : name.toString();
    }

    /**
     * A part whose body is {@code file}, read when written. The Content-Type and
     * Content-Disposition headers are made with Jakarta Mail's {@link ContentType},
     * {@link ContentDisposition} and {@link ParameterList} with an explicit UTF-8 charset, which
     * {@link MimeBodyPart#setFileName} would take from the platform's default instead: a file
     * name that is not ASCII becomes RFC 2231's {@code filename*=UTF-8''r%C3%A9sum%C3%A9.pdf}
     * (Angus's default, {@code mail.mime.encodeparameters=true}), never RFC 2047 in a parameter
     * ({@code mail.mime.encodefilename}, off by default, is left off).
     */
    private static MimeBodyPart filePart(String what, Path file, String contentType, String name, String disposition)
            throws MessagingException, MailException {
        String type;
        if (contentType != null) {
            type = contentType;
        } else {
            try {
                type = ContentTypes.detect(file, name);
            } catch (IOException e) {
                throw new MailException(MailException.Kind.IO, what + " \"" + file + "\": cannot be read", e);
            }
        }
        ContentType ct;
        try {
            ct = new ContentType(type);
        } catch (ParseException e) {
            throw new MailException(
                    MailException.Kind.INVALID,
                    what + " \"" + file + "\": \"" + type + "\" is not a valid content type",
                    e);
        }
        if (ct.getPrimaryType().toLowerCase(Locale.ROOT).equals("multipart")
                || ct.getBaseType().toLowerCase(Locale.ROOT).equals("message/rfc822")) {
            // Jakarta Mail would try to parse the file as MIME and write it back, not send it as is.
            throw new MailException(
                    MailException.Kind.INVALID,
                    what + " \"" + file + "\": content type " + ct.getBaseType() + " cannot be attached as a file");
        }
        String partType = ct.toString();
        MimeBodyPart part = new MimeBodyPart();
        FileDataSource source = new FileDataSource(file.toFile()) {
            @Override
            public String getContentType() {
                return partType;
            }
        };
        part.setDataHandler(new DataHandler(source));
        ParameterList typeParameters = ct.getParameterList() == null ? new ParameterList() : ct.getParameterList();
        typeParameters.set("name", name, UTF_8);
        ct.setParameterList(typeParameters);
        part.setHeader("Content-Type", ct.toString());
        ContentDisposition cd = new ContentDisposition(disposition);
        ParameterList dispositionParameters = new ParameterList();
        dispositionParameters.set("filename", name, UTF_8);
        cd.setParameterList(dispositionParameters);
        part.setHeader("Content-Disposition", cd.toString());
        // base64 whatever the type: a file arrives byte for byte (a text file sent as 7bit or
        // quoted-printable has its line ends changed to CRLF on the way), and choosing another
        // encoding would mean reading the whole file once more before sending it.
        part.setHeader("Content-Transfer-Encoding", "base64");
        return part;
    }

    private static InternetAddress[] headerForms(List<InternetAddress> addresses) {
        return addresses.stream().map(MessageBuilder::headerForm).toArray(InternetAddress[]::new);
    }

    /**
     * An address as a header shows it: a domain that is not ASCII in its ASCII (punycode) form, so
     * that the header stays ASCII and a server without SMTPUTF8 can take it, as it takes the
     * envelope. An address whose local part is not ASCII stays as it is: it needs SMTPUTF8, where
     * UTF-8 headers are allowed (RFC 6532).
     */
    static InternetAddress headerForm(InternetAddress a) {
        String address = a.getAddress();
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at < 0 || isAscii(address) || !isAscii(address.substring(0, at))) {
            return a;
        }
        try {
            InternetAddress copy = (InternetAddress) a.clone();
            copy.setAddress(
                    address.substring(0, at + 1) + IDN.toASCII(address.substring(at + 1), IDN.ALLOW_UNASSIGNED));
            return copy;
        } catch (IllegalArgumentException e) {
            return a; // not a valid domain: sending names it
        }
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    /** {@code <32 hex digits@the sender's domain>}, the domain in its ASCII (punycode) form. */
    static String messageId(InternetAddress from, Random random) {
        String address = from.getAddress();
        String domain = address.substring(address.lastIndexOf('@') + 1);
        try {
            domain = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            domain = "localhost";
        }
        if (domain.isEmpty() || domain.startsWith("[")) {
            domain = "localhost";
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "<" + HexFormat.of().formatHex(bytes) + "@" + domain + ">";
    }

    /**
     * Headers Jakarta Mail cannot fold (one word longer than a line, e.g. a 2,000-character
     * header value without spaces) would break SMTP's limit: refuse them here, naming the header.
     */
    private static void checkHeaderLines(MimeMessage mime) throws MessagingException, MailException {
        Enumeration<Header> headers = mime.getAllHeaders();
        while (headers.hasMoreElements()) {
            Header h = headers.nextElement();
            String line = h.getName() + ": " + h.getValue();
            for (String physical : line.split("\r\n|\r|\n")) {
                if (physical.getBytes(StandardCharsets.UTF_8).length > MAX_LINE) {
                    throw new MailException(
                            MailException.Kind.INVALID,
                            "header " + h.getName() + ": has a word too long for one line (998 bytes)");
                }
            }
        }
    }

    /** {@code multipart/related} with RFC 2387's {@code type} parameter, the root part's type. */
    private static final class RelatedMultipart extends MimeMultipart {
        RelatedMultipart(String rootType) throws MessagingException {
            super("related");
            ContentType ct = new ContentType(contentType);
            ct.setParameter("type", rootType);
            contentType = ct.toString();
        }
    }
}
