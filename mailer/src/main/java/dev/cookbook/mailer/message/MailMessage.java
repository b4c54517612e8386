package dev.cookbook.mailer.message;

import dev.cookbook.mailer.MailException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A mail as the user asked for it: sender, recipients, subject, text and/or HTML body,
 * attachments, inline images and extra headers. Immutable and thread-safe; made by a
 * {@link Builder}, which checks everything (addresses parsed strictly, no CR or LF in any header
 * value, valid extra header names) so that {@link MessageBuilder#build} has nothing left to refuse
 * but unreadable files:
 *
 * <pre>{@code
 * MailMessage m = MailMessage.builder()
 *         .from("Ada <ada@example.org>")
 *         .to("\"Lovelace, Ada\" <lovelace@example.org>")
 *         .subject("Notes")
 *         .text("See the attachment.")
 *         .attach(Path.of("notes.pdf"))
 *         .build();
 * }</pre>
 *
 * Bodies are read into memory when {@link Builder#build} runs (UTF-8, malformed input refused);
 * attachments and inline images are only checked to be readable files, and are read from disk
 * when the message is written.
 */
public final class MailMessage {
    /**
     * A file to attach.
     *
     * @param file the file, read when the message is written
     * @param contentType its Content-Type, or null to detect it from its name and content
     * @param fileName the name shown to the recipient, or null for the file's own name
     */
    public record Attachment(Path file, String contentType, String fileName) {
        public Attachment {
            Objects.requireNonNull(file, "file");
        }

        /** The file with a detected type, under its own name. */
        public Attachment(Path file) {
            this(file, null, null);
        }
    }

    /**
     * An image the HTML body shows with {@code <img src="cid:contentId">}.
     *
     * @param contentId its Content-ID without angle brackets, e.g. {@code logo@example.org}
     * @param file the image, read when the message is written
     * @param contentType its Content-Type, or null to detect it
     */
    public record Inline(String contentId, Path file, String contentType) {
        public Inline {
            Objects.requireNonNull(contentId, "contentId");
            Objects.requireNonNull(file, "file");
        }
    }

    /** An extra header, e.g. {@code List-Unsubscribe}; non-ASCII values are RFC 2047 encoded. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private final InternetAddress from;
    private final List<InternetAddress> to;
    private final List<InternetAddress> cc;
    private final List<InternetAddress> bcc;
    private final List<InternetAddress> replyTo;
    private final String subject;
    private final String text;
    private final String html;
    private final List<Attachment> attachments;
    private final List<Inline> inlines;
    private final List<Header> headers;

    private MailMessage(
            InternetAddress from,
            List<InternetAddress> to,
            List<InternetAddress> cc,
            List<InternetAddress> bcc,
            List<InternetAddress> replyTo,
            String subject,
            String text,
            String html,
            List<Attachment> attachments,
            List<Inline> inlines,
            List<Header> headers) {
        this.from = from;
        this.to = List.copyOf(to);
        this.cc = List.copyOf(cc);
        this.bcc = List.copyOf(bcc);
        this.replyTo = List.copyOf(replyTo);
        this.subject = subject;
        this.text = text;
        this.html = html;
        this.attachments = List.copyOf(attachments);
        this.inlines = List.copyOf(inlines);
        this.headers = List.copyOf(headers);
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The sender (a copy). */
    public InternetAddress from() {
        return copy(from);
    }

    public List<InternetAddress> to() {
        return copies(to);
    }

    public List<InternetAddress> cc() {
        return copies(cc);
    }

    /** The blind copies: envelope recipients only, never written into the message. */
    public List<InternetAddress> bcc() {
        return copies(bcc);
    }

    public List<InternetAddress> replyTo() {
        return copies(replyTo);
    }

    /** The subject, or empty for a message without one. */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    public Optional<String> text() {
        return Optional.ofNullable(text);
    }

    public Optional<String> html() {
        return Optional.ofNullable(html);
    }

    public List<Attachment> attachments() {
        return attachments;
    }

    public List<Inline> inlines() {
        return inlines;
    }

    public List<Header> headers() {
        return headers;
    }

    /**
     * Everyone the message goes to: To, then Cc, then Bcc, each address once (compared without
     * regard to case, the first spelling kept). What the transport gives the server as RCPT TO.
     */
    public List<InternetAddress> recipients() {
        Map<String, InternetAddress> seen = new LinkedHashMap<>();
        for (List<InternetAddress> list : List.of(to, cc, bcc)) {
            for (InternetAddress a : list) {
                seen.putIfAbsent(a.getAddress().toLowerCase(Locale.ROOT), a);
            }
        }
        return copies(new ArrayList<>(seen.values()));
    }

    static InternetAddress copy(InternetAddress a) {
        return (InternetAddress) a.clone();
    }

    static List<InternetAddress> copies(List<InternetAddress> list) {
        List<InternetAddress> out = new ArrayList<>(list.size());
        for (InternetAddress a : list) {
            out.add(copy(a));
        }
        return List.copyOf(out);
    }

    /**
     * Collects a {@link MailMessage}. Setters only record; {@link #build} checks and throws
     * {@link MailException}. Not thread-safe.
     */
    public static final class Builder {
        private interface Body {
            String read() throws MailException;
        }

        private String from;
        private final List<String> to = new ArrayList<>();
        private final List<String> cc = new ArrayList<>();
        private final List<String> bcc = new ArrayList<>();
        private final List<String> replyTo = new ArrayList<>();
        private String subject;
        private Body text;
        private Body html;
        private final List<Attachment> attachments = new ArrayList<>();
        private final List<Inline> inlines = new ArrayList<>();
        private final List<Header> headers = new ArrayList<>();

        private Builder() {}

        /** The sender: one address, with or without a display name. */
        public Builder from(String address) {
            this.from = address;
            return this;
        }

        /** Adds a To recipient. */
        public Builder to(String address) {
            to.add(address);
            return this;
        }

        /** Adds a Cc recipient. */
        public Builder cc(String address) {
            cc.add(address);
            return this;
        }

        /** Adds a Bcc recipient. */
        public Builder bcc(String address) {
            bcc.add(address);
            return this;
        }

        /** Adds a Reply-To address. */
        public Builder replyTo(String address) {
            replyTo.add(address);
            return this;
        }

        /** The subject; any Unicode, encoded as RFC 2047 where it is not ASCII. */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** The plain-text body. */
        public Builder text(String text) {
            Objects.requireNonNull(text, "text");
            this.text = () -> text;
            return this;
        }

        /** The plain-text body, read from {@code file} as UTF-8 by {@link #build}. */
        public Builder text(Path file) {
            Objects.requireNonNull(file, "file");
            this.text = () -> readUtf8(file);
            return this;
        }

        /**
         * The plain-text body, read to its end as UTF-8 by {@link #build} (which does not close
         * it); {@code name} is how errors refer to it, e.g. {@code "standard input"}.
         */
        public Builder text(InputStream in, String name) {
            Objects.requireNonNull(in, "in");
            this.text = () -> readUtf8(in, name);
            return this;
        }

        /** The HTML body. */
        public Builder html(String html) {
            Objects.requireNonNull(html, "html");
            this.html = () -> html;
            return this;
        }

        /** The HTML body, read from {@code file} as UTF-8 by {@link #build}. */
        public Builder html(Path file) {
            Objects.requireNonNull(file, "file");
            this.html = () -> readUtf8(file);
            return this;
        }

        /** Attaches {@code file} under its own name with a detected type. */
        public Builder attach(Path file) {
            return attach(new Attachment(file));
        }

        public Builder attach(Attachment attachment) {
            attachments.add(Objects.requireNonNull(attachment, "attachment"));
            return this;
        }

        /** Adds an inline image with a detected type. */
        public Builder inline(String contentId, Path file) {
            return inline(new Inline(contentId, file, null));
        }

        public Builder inline(Inline inline) {
            inlines.add(Objects.requireNonNull(inline, "inline"));
            return this;
        }

        /** Adds an extra header; see {@link #build} for the names refused. */
        public Builder header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        /**
         * Checks what was given and makes the message.
         *
         * @throws MailException {@link MailException.Kind#INVALID INVALID} for: no sender or no
         *     recipient; an address that does not parse strictly; a CR or LF in an address, the
         *     subject, a header name or value, an attachment's name or type, or a content id; an
         *     extra header whose name is not RFC 5322 ftext or is one cookbook sets itself (From,
         *     To, Cc, Bcc, Subject, Date, Message-ID, MIME-Version, Content-*, and Reply-To, which
         *     has {@link #replyTo}); a content id that is not a valid msg-id; inline images
         *     without an HTML body; a body that is not UTF-8. {@link MailException.Kind#IO IO} for
         *     a body, attachment or image that cannot be read. Each message names the field or
         *     file at fault.
         */
        public MailMessage build() throws MailException {
            if (from == null) {
                throw new MailException(MailException.Kind.INVALID, "From: no sender address given");
            }
            InternetAddress sender = Fields.address("From", from);
            List<InternetAddress> toAddresses = addresses("To", to);
            List<InternetAddress> ccAddresses = addresses("Cc", cc);
            List<InternetAddress> bccAddresses = addresses("Bcc", bcc);
            List<InternetAddress> replyAddresses = addresses("Reply-To", replyTo);
            if (toAddresses.isEmpty() && ccAddresses.isEmpty() && bccAddresses.isEmpty()) {
                throw new MailException(MailException.Kind.INVALID, "no recipient: give a To, Cc or Bcc address");
            }
            Fields.noLineBreak("Subject", subject);
            for (Header h : headers) {
                Fields.extraHeaderName(h.name());
                Fields.noLineBreak("header " + h.name(), h.value());
            }
            for (Attachment a : attachments) {
                Fields.noLineBreak("attachment name", a.fileName());
                if (a.fileName() != null && a.fileName().isBlank()) {
                    throw new MailException(
                            MailException.Kind.INVALID, "attachment name for \"" + a.file() + "\" is empty");
                }
                Fields.noLineBreak("attachment type", a.contentType());
                readable("attachment", a.file());
            }
            for (Inline i : inlines) {
                contentId(i.contentId());
                Fields.noLineBreak("inline image type", i.contentType());
                readable("inline image", i.file());
            }
            String htmlBody = html == null ? null : html.read();
            if (!inlines.isEmpty() && htmlBody == null) {
                throw new MailException(
                        MailException.Kind.INVALID, "inline images need an HTML body that shows them by cid:");
            }
            String textBody = text == null ? null : text.read();
            return new MailMessage(
                    sender,
                    toAddresses,
                    ccAddresses,
                    bccAddresses,
                    replyAddresses,
                    subject,
                    textBody,
                    htmlBody,
                    attachments,
                    inlines,
                    headers);
        }

        private static List<InternetAddress> addresses(String field, List<String> texts) throws MailException {
            List<InternetAddress> out = new ArrayList<>();
            for (String t : texts) {
                out.add(Fields.address(field, t));
            }
            return out;
        }

        /** A Content-ID is a msg-id: dot-atom text on both sides of one {@code @} (RFC 5322 3.6.4). */
        private static void contentId(String id) throws MailException {
            Fields.noLineBreak("inline image content id", id);
            int at = id.indexOf('@');
            boolean ok = !id.isEmpty();
            for (int i = 0; ok && i < id.length(); i++) {
                char c = id.charAt(i);
                ok = (c >= 'a' && c <= 'z')
                        || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9')
                        || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0
                        || (c == '@' && i == at);
            }
            if (!ok || id.startsWith(".") || id.endsWith(".") || id.contains("..")) {
                throw new MailException(
                        MailException.Kind.INVALID,
                        "inline image content id \"" + id
                                + "\" is not valid: use letters, digits and . - _ (and one @), no spaces or <>");
            }
        }

        private static void readable(String what, Path file) throws MailException {
            if (!Files.isRegularFile(file)) {
                throw new MailException(
                        MailException.Kind.IO,
                        what + " \"" + file + "\": " + (Files.exists(file) ? "not a regular file" : "no such file"));
            }
            if (!Files.isReadable(file)) {
                throw new MailException(MailException.Kind.IO, what + " \"" + file + "\": permission denied");
            }
        }

        private static String readUtf8(Path file) throws MailException {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new MailException(MailException.Kind.IO, "\"" + file + "\": cannot be read", e);
            }
            return decode(bytes, "\"" + file + "\"");
        }

        private static String readUtf8(InputStream in, String name) throws MailException {
            byte[] bytes;
            try {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new MailException(MailException.Kind.IO, name + ": cannot be read", e);
            }
            return decode(bytes, name);
        }

        private static String decode(byte[] bytes, String name) throws MailException {
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            } catch (CharacterCodingException e) {
                throw new MailException(MailException.Kind.INVALID, name + ": not valid UTF-8 text", e);
            }
        }
    }
}
