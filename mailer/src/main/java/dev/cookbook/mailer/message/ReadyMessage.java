package dev.cookbook.mailer.message;

import dev.cookbook.mailer.MailException;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.SharedFileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * Only the header is held in memory: the body is read from its file each time the message is
 * written, so a message of any size is sent with a small heap. {@link #read(Path, Session, List)}
 * reads a regular file in place; {@link #read(InputStream, Session, List)} keeps a message of up
 * to 1 MiB in memory and copies a larger one to a private temporary file first. Stateless and
 * thread-safe.
 */
public final class ReadyMessage {
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");
    private static final Random RANDOM = new java.security.SecureRandom();
    /** Up to this size a message read from a stream stays in memory; a larger one is spooled. */
    private static final int IN_MEMORY = 1 << 20;

    private ReadyMessage() {}

    /**
     * Reads a message from {@code in} (to its end; not closed). A message larger than 1 MiB is
     * copied to a temporary file that only its owner can read, which is removed before this
     * method returns (on POSIX systems; elsewhere when the JVM exits), and read from there.
     *
     * @param recipients the envelope recipients, which replace To, Cc and Bcc when not empty
     * @return the message, its sender (From, or Sender when From is missing or holds several
     *     addresses) and its recipients (To, Cc and Bcc, each once, unless {@code recipients}
     *     overrides them)
     * @throws MailException {@link MailException.Kind#INVALID INVALID} when the input is not a
     *     message (a header line that is not {@code Name: value}, no header at all), has no
     *     sender or no recipient, or holds an address that does not parse, naming the header;
     *     {@link MailException.Kind#IO IO} when {@code in} cannot be read or the temporary file
     *     cannot be written
     */
    public static OutgoingMessage read(InputStream in, Session session, List<String> recipients) throws MailException {
        return read(in, session, recipients, Clock.systemDefaultZone(), RANDOM, IN_MEMORY);
    }

    /**
     * Reads the message in {@code file}, as {@link #read(InputStream, Session, List)} does. A
     * regular file is not copied: its body is read when the message is written, so it must not
     * change until then, and it stays open until the message is garbage collected. Anything else
     * (a pipe, a device) is read as a stream.
     *
     * @throws MailException as {@link #read(InputStream, Session, List)}, and {@link
     *     MailException.Kind#IO IO} when {@code file} cannot be opened
     */
    public static OutgoingMessage read(Path file, Session session, List<String> recipients) throws MailException {
        try {
            if (!Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    return read(in, session, recipients);
                }
            }
            return parse(
                    new SharedFileInputStream(file.toFile()), session, recipients, Clock.systemDefaultZone(), RANDOM);
        } catch (IOException e) {
            throw new MailException(MailException.Kind.IO, "the message cannot be read: " + e.getMessage(), e);
        }
    }

    static OutgoingMessage read(InputStream in, Session session, List<String> recipients, Clock clock, Random random)
            throws MailException {
        return read(in, session, recipients, clock, random, IN_MEMORY);
    }

    static OutgoingMessage read(
            InputStream in, Session session, List<String> recipients, Clock clock, Random random, int inMemory)
            throws MailException {
        byte[] head = new byte[inMemory + 1];
        int n = 0;
        try {
            // read(byte[], ...) in a loop, not readNBytes: stdin's FileInputStream may ask a pipe
            // for its position there ("Illegal seek").
            for (int r; n < head.length && (r = in.read(head, n, head.length - n)) >= 0; ) {
                n += r;
            }
        } catch (IOException e) {
            throw new MailException(MailException.Kind.IO, "the message cannot be read: " + e.getMessage(), e);
        }
        if (n <= inMemory) {
            return parse(new SharedByteArrayInputStream(head, 0, n), session, recipients, clock, random);
        }
        return parse(spool(head, in), session, recipients, clock, random);
    }

    /**
     * Copies the message to a temporary file and opens it. On POSIX the file is removed as soon as
     * it is open (the open file keeps its content until it is closed), so nothing is left behind
     * even when the process is killed later; it is removed on any failure too.
     */
    private static SharedFileInputStream spool(byte[] head, InputStream rest) throws MailException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path tmp = null;
        boolean open = false;
        try {
            tmp = posix
                    ? Files.createTempFile(
                            "cookbook-message-",
                            ".eml",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile("cookbook-message-", ".eml");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(head);
                copy(rest, out);
            }
            SharedFileInputStream in = new SharedFileInputStream(tmp.toFile());
            open = true;
            return in;
        } catch (IOException e) {
            throw new MailException(MailException.Kind.IO, "the message cannot be read: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                remove(tmp, open && !posix);
            }
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[1 << 16];
        for (int r; (r = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, r);
        }
    }

    private static void remove(Path tmp, boolean stillNeeded) {
        if (stillNeeded) {
            // An open file cannot be removed here (Windows): at exit, then.
            tmp.toFile().deleteOnExit();
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            tmp.toFile().deleteOnExit();
        }
    }

    /** Parses the header; the body stays in {@code in} (a SharedInputStream), read when written. */
    private static <S extends InputStream & SharedInputStream> OutgoingMessage parse(
            S in, Session session, List<String> recipients, Clock clock, Random random) throws MailException {
        StampedMimeMessage mime;
        try {
            mime = new StampedMimeMessage(session, in);
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
