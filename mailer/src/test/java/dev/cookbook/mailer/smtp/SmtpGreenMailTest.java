package dev.cookbook.mailer.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Plain SMTP and AUTH against GreenMail on 127.0.0.1. */
@Timeout(60)
class SmtpGreenMailTest {
    private static final String PASSWORD = "s3cret-Pa55";
    private GreenMail greenMail;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        greenMail.setUser("alice@example.org", "alice", PASSWORD);
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private SmtpSettings.Builder settings() {
        return SmtpSettings.builder("127.0.0.1")
                .port(greenMail.getSmtp().getPort())
                .tls(TlsMode.NONE)
                .timeout(Duration.ofSeconds(10));
    }

    private static MimeMessage toCcBcc() throws Exception {
        MimeMessage m = Messages.simple("alice@example.org", "to@to.example", "three recipients");
        m.setRecipients(Message.RecipientType.CC, "cc@cc.example");
        m.setRecipients(Message.RecipientType.BCC, "bcc@bcc.example");
        m.saveChanges();
        return m;
    }

    private static List<InternetAddress> all(MimeMessage m) throws Exception {
        List<InternetAddress> r = new ArrayList<>();
        for (var a : m.getAllRecipients()) {
            r.add((InternetAddress) a);
        }
        return r;
    }

    @Test
    void deliversToEveryRecipientIncludingBccWithoutTheBccHeader() throws Exception {
        MimeMessage m = toCcBcc();
        SendResult r = SmtpSender.send(m, all(m), settings().build());

        assertEquals(
                List.of("to@to.example", "cc@cc.example", "bcc@bcc.example"),
                r.accepted().stream().map(InternetAddress::getAddress).toList());
        assertEquals(List.of(), r.refused());
        assertTrue(r.complete());
        assertEquals(Optional.of(m.getMessageID()), r.messageId());
        assertTrue(r.serverReply().startsWith("250 "), r.serverReply());
        assertTrue(greenMail.waitForIncomingEmail(5_000, 3));
        assertEquals(3, greenMail.getReceivedMessages().length);
        // Each envelope recipient has its own mailbox in GreenMail: the Bcc one too.
        for (String address : List.of("to@to.example", "cc@cc.example", "bcc@bcc.example")) {
            var user = greenMail.getUserManager().getUserByEmail(address);
            assertTrue(user != null, "no delivery to " + address);
            var inbox = greenMail.getManagers().getImapHostManager().getInbox(user);
            assertEquals(1, inbox.getMessageCount(), address);
            MimeMessage got = inbox.getMessages().get(0).getMimeMessage();
            assertEquals("three recipients", got.getSubject());
            assertEquals(m.getMessageID(), got.getMessageID());
            assertNull(got.getHeader("Bcc"), "Bcc header must not be sent");
            assertEquals("cc@cc.example", got.getHeader("Cc", ","));
        }
    }

    @Test
    void authPlain() throws Exception {
        MimeMessage m = Messages.simple("alice@example.org", "bob@example.org", "plain");
        List<String> trace = new ArrayList<>();
        SmtpSender.send(
                m,
                Messages.addresses("bob@example.org"),
                settings()
                        .user("alice")
                        .password(PASSWORD.toCharArray())
                        .authMechanisms("PLAIN")
                        .build(),
                trace::add);
        assertEquals(1, greenMail.getReceivedMessages().length);
        assertTrue(trace.contains("-> AUTH PLAIN ***"), String.join("\n", trace));
        assertSecretsAbsent(trace);
    }

    @Test
    void authLogin() throws Exception {
        MimeMessage m = Messages.simple("alice@example.org", "bob@example.org", "login");
        List<String> trace = new ArrayList<>();
        SmtpSender.send(
                m,
                Messages.addresses("bob@example.org"),
                settings()
                        .user("alice")
                        .password(PASSWORD.toCharArray())
                        .authMechanisms("LOGIN")
                        .build(),
                trace::add);
        assertEquals(1, greenMail.getReceivedMessages().length);
        int auth = trace.indexOf("-> AUTH LOGIN");
        assertTrue(auth >= 0, String.join("\n", trace));
        assertEquals(
                List.of("<- 334 VXNlcm5hbWU6", "-> ***", "<- 334 UGFzc3dvcmQ6", "-> ***"),
                trace.subList(auth + 1, auth + 5));
        assertTrue(trace.get(auth + 5).startsWith("<- 235 "), trace.get(auth + 5));
        assertSecretsAbsent(trace);
    }

    @Test
    void aWrongPasswordIsStageAuthWithTheServersReply() throws Exception {
        MimeMessage m = Messages.simple("alice@example.org", "bob@example.org", "wrong");
        SmtpException e = assertThrows(
                SmtpException.class,
                () -> SmtpSender.send(
                        m,
                        Messages.addresses("bob@example.org"),
                        settings().user("alice").password("wrong".toCharArray()).build()));
        assertEquals(SmtpException.Stage.AUTH, e.stage());
        String reply = e.reply().orElseThrow();
        assertTrue(reply.startsWith("535 "), reply);
        assertEquals(
                "127.0.0.1:" + greenMail.getSmtp().getPort() + " refused the login of user 'alice': " + reply,
                e.getMessage());
        assertFalse(e.getMessage().contains("wrong"));
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void startTlsRequiredFailsOnAServerWithoutItAndSendsNothing() throws Exception {
        MimeMessage m = Messages.simple("alice@example.org", "bob@example.org", "no tls");
        SmtpSettings s = settings().tls(TlsMode.STARTTLS).build();
        SmtpException e =
                assertThrows(SmtpException.class, () -> SmtpSender.send(m, Messages.addresses("bob@example.org"), s));
        assertEquals(SmtpException.Stage.TLS, e.stage());
        assertEquals(java.util.Optional.of(SmtpException.TlsFailure.NOT_OFFERED), e.tlsFailure());
        assertEquals(
                "127.0.0.1:" + greenMail.getSmtp().getPort()
                        + " does not offer STARTTLS; nothing was sent in plain text",
                e.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    private static void assertSecretsAbsent(List<String> trace) {
        String all = String.join("\n", trace);
        String plain = Base64.getEncoder().encodeToString(("\0alice\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String plain2 =
                Base64.getEncoder().encodeToString(("alice\0alice\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        String login = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
        String user = Base64.getEncoder().encodeToString("alice".getBytes(StandardCharsets.UTF_8));
        for (String secret : List.of(PASSWORD, plain, plain2, login, user)) {
            assertFalse(all.contains(secret), "trace shows " + secret + ":\n" + all);
        }
    }
}
