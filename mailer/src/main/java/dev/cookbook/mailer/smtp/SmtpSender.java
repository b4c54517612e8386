package dev.cookbook.mailer.smtp;

import dev.cookbook.mailer.MailException;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.IDN;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends a message over SMTP with Angus Mail: one connection per call, TLS as the settings ask,
 * authentication, and the server's answer for each recipient.
 *
 * <p>The envelope sender is the message's Sender, else its first From address. Recipients are
 * given separately (Bcc included), so the message is sent as it is. Addresses whose domain is not
 * ASCII go out with the domain in punycode; an address whose local part is not ASCII needs a
 * server that offers SMTPUTF8, and is refused before anything is sent otherwise.
 *
 * <p>No global state: each call has its own {@link Session} with its own properties; the class is
 * thread-safe.
 *
 * <pre>{@code
 * SendResult r = SmtpSender.send(message, List.of(to, bcc), settings);
 * if (!r.complete()) { ... r.refused() ... }   // only with sendPartial
 * }</pre>
 */
public final class SmtpSender {
    private SmtpSender() {}

    /**
     * Sends {@code message} to {@code recipients}.
     *
     * @return the Message-ID, the accepted recipients and the server's final reply; with {@link
     *     SmtpSettings#sendPartial()}, also the refused recipients
     * @throws SmtpException when the server, the network or TLS failed or refused and nothing was
     *     delivered; its stage says where
     * @throws MailException of kind INVALID when there are no recipients or no sender, or the CA
     *     file is not PEM; of kind IO when the CA file or the message's content cannot be read
     */
    public static SendResult send(MimeMessage message, List<InternetAddress> recipients, SmtpSettings settings)
            throws MailException {
        return send(message, recipients, settings, null);
    }

    /**
     * As {@link #send(MimeMessage, List, SmtpSettings)}, and gives every line of the SMTP dialogue
     * (and Angus's debug notes) to {@code trace}, in order, on the calling thread. Authentication
     * secrets are masked as {@code ***}; the user name shows only in Angus's notes.
     *
     * @param trace receives the dialogue; null for none
     */
    public static SendResult send(
            MimeMessage message, List<InternetAddress> recipients, SmtpSettings settings, Consumer<String> trace)
            throws MailException {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(settings, "settings");
        if (recipients.isEmpty()) {
            throw new MailException(MailException.Kind.INVALID, "no recipients");
        }
        InternetAddress sender = envelopeSender(message);
        EnvelopeAddress from = EnvelopeAddress.of(sender);
        Map<String, InternetAddress> originals = new LinkedHashMap<>();
        List<Address> rcpts = new ArrayList<>();
        boolean utf8 = from.utf8;
        InternetAddress utf8Recipient = null;
        for (InternetAddress r : recipients) {
            EnvelopeAddress e = EnvelopeAddress.of(r);
            if (e.utf8 && utf8Recipient == null) {
                utf8Recipient = r;
            }
            utf8 |= e.utf8;
            if (originals.putIfAbsent(e.address, r) == null) {
                InternetAddress a = new InternetAddress();
                a.setAddress(e.address);
                rcpts.add(a);
            }
        }

        Properties props = properties(settings, from.address, utf8);
        char[] pw = settings.password().orElse(null);
        String password = pw == null ? null : new String(pw);
        if (pw != null) {
            java.util.Arrays.fill(pw, '\0');
        }
        Session session = Session.getInstance(props);
        PrintStream traceOut = null;
        if (trace != null) {
            traceOut =
                    new PrintStream(TraceMasker.lines(new TraceMasker(password), trace), true, StandardCharsets.UTF_8);
            session.setDebugOut(traceOut);
            session.setDebug(true);
        }
        SMTPTransport transport;
        try {
            transport = (SMTPTransport) session.getTransport("smtp");
        } catch (MessagingException e) {
            throw new IllegalStateException("Angus Mail's SMTP provider is missing", e);
        }
        try {
            try {
                transport.connect(
                        settings.host(), settings.port(), settings.user().orElse(null), password);
            } catch (MessagingException e) {
                throw connectFailure(e, transport, settings);
            }
            String server = settings.server();
            if (settings.user().isPresent()
                    && !transport.supportsExtension("AUTH")
                    && !transport.supportsExtension("AUTH=LOGIN")) {
                throw new SmtpException(
                        SmtpException.Stage.AUTH,
                        server + " does not offer authentication, so user '"
                                + settings.user().get() + "' cannot log in; nothing was sent",
                        null,
                        List.of(),
                        null);
            }
            if (utf8 && !transport.supportsExtension("SMTPUTF8")) {
                boolean senderAtFault = from.utf8;
                throw new SmtpException(
                        senderAtFault ? SmtpException.Stage.SENDER : SmtpException.Stage.RECIPIENTS,
                        server + " does not offer SMTPUTF8, needed for the address "
                                + (senderAtFault ? sender.getAddress() : utf8Recipient.getAddress())
                                + "; nothing was sent",
                        null,
                        List.of(),
                        null);
            }
            try {
                transport.sendMessage(message, rcpts.toArray(new Address[0]));
                return new SendResult(
                        messageId(message),
                        List.copyOf(originals.values()),
                        List.of(),
                        oneLine(transport.getLastServerResponse()));
            } catch (SendFailedException e) {
                // Angus wraps a refused MAIL FROM in a SendFailedException: look for it first.
                SMTPSenderFailedException senderFailed = find(e, SMTPSenderFailedException.class);
                if (senderFailed != null) {
                    String reply = oneLine(senderFailed.getMessage());
                    throw new SmtpException(
                            SmtpException.Stage.SENDER,
                            server + " refused the sender "
                                    + senderFailed.getAddress().getAddress() + ": " + reply + "; nothing was sent",
                            reply,
                            List.of(),
                            e);
                }
                return sendFailure(e, message, originals, transport, settings);
            } catch (MessagingException e) {
                throw sendError(e, settings);
            }
        } finally {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // The message was sent or the failure is already reported: QUIT failing adds nothing.
            }
            if (traceOut != null) {
                traceOut.close();
            }
        }
    }

    private static Properties properties(SmtpSettings s, String envelopeFrom, boolean utf8) throws MailException {
        Properties p = new Properties();
        String timeout = Long.toString(s.timeout().toMillis());
        p.setProperty("mail.smtp.host", s.host());
        p.setProperty("mail.smtp.port", Integer.toString(s.port()));
        p.setProperty("mail.smtp.connectiontimeout", timeout);
        p.setProperty("mail.smtp.timeout", timeout);
        p.setProperty("mail.smtp.writetimeout", timeout);
        p.setProperty("mail.smtp.from", envelopeFrom);
        p.setProperty("mail.smtp.auth", Boolean.toString(s.user().isPresent()));
        p.setProperty("mail.smtp.sendpartial", Boolean.toString(s.sendPartial()));
        // The trace shows the AUTH exchange; TraceMasker hides its secrets.
        p.setProperty("mail.debug.auth", "true");
        p.setProperty("mail.debug.auth.password", "false");
        // Wait for the reply to QUIT, so the last reply in the trace is the server's.
        p.setProperty("mail.smtp.quitwait", "true");
        s.localHost().ifPresent(h -> p.setProperty("mail.smtp.localhost", h));
        if (s.authMechanisms() != null) {
            p.setProperty("mail.smtp.auth.mechanisms", s.authMechanisms());
        }
        if (utf8) {
            p.setProperty("mail.mime.allowutf8", "true");
        }
        if (s.tls() != TlsMode.NONE) {
            // Objects, not strings: put, not setProperty.
            p.put("mail.smtp.ssl.socketFactory", TlsSockets.factory(s));
            // Without this, Angus retries a failed connection with the JDK's default factory,
            // reporting that attempt's error instead of ours.
            p.setProperty("mail.smtp.socketFactory.fallback", "false");
            p.setProperty("mail.smtp.ssl.socketFactory.fallback", "false");
            p.setProperty("mail.smtp.ssl.checkserveridentity", Boolean.toString(!s.insecure()));
        }
        if (s.tls() == TlsMode.IMPLICIT) {
            p.setProperty("mail.smtp.ssl.enable", "true");
        } else if (s.tls() == TlsMode.STARTTLS) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            // Never fall back to plain text when the server does not offer STARTTLS.
            p.setProperty("mail.smtp.starttls.required", "true");
        }
        return p;
    }

    private static InternetAddress envelopeSender(MimeMessage message) throws MailException {
        try {
            Address sender = message.getSender();
            if (sender instanceof InternetAddress ia) {
                return ia;
            }
            Address[] from = message.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress ia) {
                return ia;
            }
        } catch (MessagingException e) {
            throw new MailException(
                    MailException.Kind.INVALID, "the message's Sender or From is not a valid address", e);
        }
        throw new MailException(MailException.Kind.INVALID, "the message has no From address");
    }

    private static Optional<String> messageId(MimeMessage message) {
        try {
            return Optional.ofNullable(message.getMessageID());
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private static SendResult sendFailure(
            SendFailedException e,
            MimeMessage message,
            Map<String, InternetAddress> originals,
            SMTPTransport transport,
            SmtpSettings s)
            throws MailException {
        String server = s.server();
        List<RefusedRecipient> refused = new ArrayList<>();
        Exception next = e.getNextException();
        while (next instanceof MessagingException me) {
            if (me instanceof SMTPAddressFailedException af) {
                InternetAddress original =
                        originals.getOrDefault(af.getAddress().getAddress(), af.getAddress());
                refused.add(new RefusedRecipient(original, af.getReturnCode(), oneLine(af.getMessage())));
            }
            next = me.getNextException();
        }
        Address[] sent = e.getValidSentAddresses();
        if (s.sendPartial() && sent != null && sent.length > 0 && !refused.isEmpty()) {
            List<InternetAddress> accepted = new ArrayList<>();
            for (Address a : sent) {
                accepted.add(originals.getOrDefault(((InternetAddress) a).getAddress(), (InternetAddress) a));
            }
            return new SendResult(messageId(message), accepted, refused, oneLine(transport.getLastServerResponse()));
        }
        if (!refused.isEmpty()) {
            String list = refused.stream()
                    .map(r -> r.address().getAddress() + " (" + r.reply() + ")")
                    .collect(Collectors.joining(", "));
            return throwing(new SmtpException(
                    SmtpException.Stage.RECIPIENTS,
                    server + " refused " + (refused.size() == 1 ? "the recipient " : "the recipients ") + list
                            + "; nothing was sent",
                    refused.get(refused.size() - 1).reply(),
                    refused,
                    e));
        }
        String reply = e instanceof SMTPSendFailedException sfe ? oneLine(sfe.getMessage()) : null;
        if (reply == null || !reply.matches("\\d{3}.*")) {
            throw sendError(e, s);
        }
        return throwing(new SmtpException(
                SmtpException.Stage.DATA,
                server + " refused the message: " + reply + "; nothing was sent",
                reply,
                List.of(),
                e));
    }

    private static SendResult throwing(SmtpException e) throws SmtpException {
        throw e;
    }

    /** A failure while sending that is not a server's refusal: the network, or the content. */
    private static MailException sendError(MessagingException e, SmtpSettings s) {
        String server = s.server();
        if (find(e, SocketTimeoutException.class) != null) {
            return new SmtpException(
                    SmtpException.Stage.DATA,
                    server + " did not answer within " + words(s.timeout()) + " while the message was sent",
                    null,
                    List.of(),
                    e);
        }
        if (find(e, SocketException.class) != null || find(e, SSLException.class) != null) {
            return new SmtpException(
                    SmtpException.Stage.DATA,
                    "the connection to " + server + " broke while the message was sent",
                    null,
                    List.of(),
                    e);
        }
        IOException io = find(e, IOException.class);
        if (io != null) {
            return new MailException(MailException.Kind.IO, "cannot read the message's content: " + io.getMessage(), e);
        }
        return new SmtpException(
                SmtpException.Stage.DATA,
                "sending to " + server + " failed: " + oneLine(e.getMessage()),
                null,
                List.of(),
                e);
    }

    private static SmtpException connectFailure(MessagingException e, SMTPTransport t, SmtpSettings s) {
        String server = s.server();
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof AuthenticationFailedException) {
            String reply = oneLine(t.getLastServerResponse());
            String user = s.user().orElse("");
            if (msg.contains("No authentication mechanisms")) {
                return new SmtpException(
                        SmtpException.Stage.AUTH,
                        server + " offers no authentication mechanism this client supports; nothing was sent",
                        null,
                        List.of(),
                        e);
            }
            if (reply == null || !reply.matches("[45]\\d\\d.*")) {
                // No refusal to quote: the server went silent or away during the exchange.
                return new SmtpException(
                        SmtpException.Stage.AUTH,
                        find(e, SocketTimeoutException.class) != null
                                ? server + " did not answer within " + words(s.timeout()) + " while user '" + user
                                        + "' logged in; nothing was sent"
                                : "the login of user '" + user + "' at " + server
                                        + " broke off without an answer; nothing was sent",
                        null,
                        List.of(),
                        e);
            }
            return new SmtpException(
                    SmtpException.Stage.AUTH,
                    server + " refused the login of user '" + user + "': " + reply,
                    reply,
                    List.of(),
                    e);
        }
        TlsSockets.UntrustedCertificateException untrusted = find(e, TlsSockets.UntrustedCertificateException.class);
        if (untrusted != null) {
            return new SmtpException(
                    untrusted.unknownIssuer() ? SmtpException.TlsFailure.UNTRUSTED : SmtpException.TlsFailure.OTHER,
                    "TLS with " + server + " failed: " + untrusted.getMessage(),
                    e);
        }
        if (msg.contains("STARTTLS")) {
            return new SmtpException(
                    SmtpException.TlsFailure.NOT_OFFERED,
                    server + " does not offer STARTTLS; nothing was sent in plain text",
                    e);
        }
        // Angus checks the host name with the JDK's endpoint identification (a CertificateException
        // "No subject alternative names matching ...") or its own verifier (an IOException).
        CertificateException nameCheck = find(e, CertificateException.class);
        String nameProblem = nameCheck == null || nameCheck.getMessage() == null ? "" : nameCheck.getMessage();
        IOException identity = find(e, IOException.class);
        String identityProblem = identity == null || identity.getMessage() == null ? "" : identity.getMessage();
        if (nameProblem.startsWith("No subject alternative")
                || nameProblem.startsWith("No name matching")
                || identityProblem.contains("identity")
                || identityProblem.contains("not trusted")) {
            return new SmtpException(
                    SmtpException.TlsFailure.WRONG_HOST,
                    "TLS with " + server + " failed: the server's certificate is not valid for " + s.host(),
                    e);
        }
        SSLException ssl = find(e, SSLException.class);
        CertificateException cert = find(e, CertificateException.class);
        if (ssl != null || cert != null) {
            String why = cert != null ? cert.getMessage() : ssl.getMessage();
            return new SmtpException(
                    SmtpException.Stage.TLS, "TLS with " + server + " failed: " + why, null, List.of(), e);
        }
        if (find(e, SocketTimeoutException.class) != null) {
            return new SmtpException(
                    SmtpException.Stage.CONNECT,
                    server + " did not answer within " + words(s.timeout()),
                    null,
                    List.of(),
                    e);
        }
        if (find(e, UnknownHostException.class) != null) {
            return new SmtpException(
                    SmtpException.Stage.CONNECT, "unknown host '" + s.host() + "'", null, List.of(), e);
        }
        ConnectException refused = find(e, ConnectException.class);
        if (refused != null || find(e, NoRouteToHostException.class) != null) {
            return new SmtpException(
                    SmtpException.Stage.CONNECT,
                    "cannot connect to " + server + ": "
                            + (refused != null ? "connection refused" : "no route to host"),
                    null,
                    List.of(),
                    e);
        }
        String reply = oneLine(t.getLastServerResponse());
        if (reply != null && reply.matches("[45]\\d\\d.*")) {
            return new SmtpException(
                    SmtpException.Stage.CONNECT, server + " refused the connection: " + reply, reply, List.of(), e);
        }
        IOException io = find(e, IOException.class);
        return new SmtpException(
                SmtpException.Stage.CONNECT,
                "cannot talk to " + server + ": " + (io != null && io.getMessage() != null ? io.getMessage() : msg),
                null,
                List.of(),
                e);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (int depth = 0; t != null && depth < 20; depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            Throwable next = t instanceof MessagingException me && me.getNextException() != null
                    ? me.getNextException()
                    : t.getCause();
            t = next == t ? null : next;
        }
        return null;
    }

    static String words(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** A server reply on one line: CR/LF runs become one space, the ends trimmed. */
    static String oneLine(String reply) {
        return reply == null ? null : reply.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /** An address as it goes into MAIL FROM or RCPT TO. */
    private static final class EnvelopeAddress {
        final String address;
        final boolean utf8;

        private EnvelopeAddress(String address, boolean utf8) {
            this.address = address;
            this.utf8 = utf8;
        }

        static EnvelopeAddress of(InternetAddress a) throws MailException {
            String addr = a.getAddress();
            if (addr == null || addr.isEmpty()) {
                throw new MailException(MailException.Kind.INVALID, "empty address");
            }
            if (addr.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new MailException(MailException.Kind.INVALID, "control character in address '" + addr + "'");
            }
            if (isAscii(addr)) {
                return new EnvelopeAddress(addr, false);
            }
            int at = addr.lastIndexOf('@');
            String local = at < 0 ? addr : addr.substring(0, at);
            String domain = at < 0 ? "" : addr.substring(at + 1);
            if (!isAscii(local)) {
                return new EnvelopeAddress(addr, true);
            }
            try {
                return new EnvelopeAddress(local + "@" + IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED), false);
            } catch (IllegalArgumentException e) {
                throw new MailException(
                        MailException.Kind.INVALID, "invalid domain '" + domain + "' in address '" + addr + "'", e);
            }
        }

        private static boolean isAscii(String s) {
            return s.chars().allMatch(c -> c < 0x80);
        }
    }
}
