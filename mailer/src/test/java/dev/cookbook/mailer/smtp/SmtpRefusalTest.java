package dev.cookbook.mailer.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Refusals by the server, per stage, against a scripted server that records every command. */
@Timeout(30)
class SmtpRefusalTest {
    private FakeSmtpServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeSmtpServer(false);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private SmtpSettings.Builder settings() {
        return SmtpSettings.builder("127.0.0.1")
                .port(server.port())
                .tls(TlsMode.NONE)
                .localHost("client.test")
                .timeout(Duration.ofSeconds(5));
    }

    private String where() {
        return "127.0.0.1:" + server.port();
    }

    @Test
    void aRefusedRecipientMeansNothingIsSent() throws Exception {
        MimeMessage m = Messages.simple("sender@example.org", "a@example.org, nobody@example.org", "hi");
        SmtpException e = assertThrows(
                SmtpException.class,
                () -> SmtpSender.send(
                        m,
                        Messages.addresses("a@example.org", "nobody@example.org"),
                        settings().build()));
        assertEquals(SmtpException.Stage.RECIPIENTS, e.stage());
        assertEquals(
                where() + " refused the recipient nobody@example.org (" + FakeSmtpServer.REFUSED_RCPT
                        + "); nothing was sent",
                e.getMessage());
        assertEquals(Optional.of(FakeSmtpServer.REFUSED_RCPT), e.reply());
        assertEquals(1, e.refused().size());
        assertEquals("nobody@example.org", e.refused().get(0).address().getAddress());
        assertEquals(550, e.refused().get(0).code());
        assertEquals(FakeSmtpServer.REFUSED_RCPT, e.refused().get(0).reply());
        assertEquals(
                List.of(
                        "EHLO client.test",
                        "MAIL FROM:<sender@example.org>",
                        "RCPT TO:<a@example.org>",
                        "RCPT TO:<nobody@example.org>",
                        "RSET",
                        "QUIT"),
                server.commands());
        assertEquals(List.of(), server.deliveries());
    }

    @Test
    void sendPartialDeliversToTheOthersAndNamesTheRefused() throws Exception {
        MimeMessage m = Messages.simple("sender@example.org", "a@example.org, nobody@example.org", "hi");
        SendResult r = SmtpSender.send(
                m,
                Messages.addresses("a@example.org", "nobody@example.org", "b@example.org"),
                settings().sendPartial(true).build());
        assertEquals(
                List.of("a@example.org", "b@example.org"),
                r.accepted().stream().map(a -> a.getAddress()).toList());
        assertEquals(1, r.refused().size());
        assertEquals("nobody@example.org", r.refused().get(0).address().getAddress());
        assertEquals(550, r.refused().get(0).code());
        assertEquals(FakeSmtpServer.REFUSED_RCPT, r.refused().get(0).reply());
        assertEquals(FakeSmtpServer.QUEUED, r.serverReply());
        assertEquals(Optional.of(m.getMessageID()), r.messageId());
        assertTrue(!r.complete());
        assertEquals(1, server.deliveries().size());
        assertEquals(
                List.of("<a@example.org>", "<b@example.org>"),
                server.deliveries().get(0).rcptTo());
    }

    @Test
    void allRecipientsRefusedIsAFailureEvenWithSendPartial() throws Exception {
        MimeMessage m = Messages.simple("sender@example.org", "nobody@example.org", "hi");
        SmtpException e = assertThrows(
                SmtpException.class,
                () -> SmtpSender.send(
                        m,
                        Messages.addresses("nobody@example.org"),
                        settings().sendPartial(true).build()));
        assertEquals(SmtpException.Stage.RECIPIENTS, e.stage());
        assertEquals(List.of(), server.deliveries());
        assertTrue(server.commands().stream().noneMatch(c -> c.equals("DATA")), server.commands()::toString);
    }

    @Test
    void aRefusedSenderIsStageSender() throws Exception {
        MimeMessage m = Messages.simple("blocked@example.org", "a@example.org", "hi");
        SmtpException e = assertThrows(
                SmtpException.class,
                () -> SmtpSender.send(
                        m, Messages.addresses("a@example.org"), settings().build()));
        assertEquals(SmtpException.Stage.SENDER, e.stage());
        assertEquals(
                where() + " refused the sender blocked@example.org: " + FakeSmtpServer.REFUSED_SENDER
                        + "; nothing was sent",
                e.getMessage());
        assertEquals(Optional.of(FakeSmtpServer.REFUSED_SENDER), e.reply());
        assertEquals(List.of(), server.deliveries());
    }

    @Test
    void refusedDataIsStageData() throws Exception {
        MimeMessage m = Messages.simple("sender@example.org", "a@example.org", "hi");
        m.setHeader("X-Reject", "yes");
        m.saveChanges();
        SmtpException e = assertThrows(
                SmtpException.class,
                () -> SmtpSender.send(
                        m, Messages.addresses("a@example.org"), settings().build()));
        assertEquals(SmtpException.Stage.DATA, e.stage());
        assertEquals(
                where() + " refused the message: " + FakeSmtpServer.REFUSED_DATA + "; nothing was sent",
                e.getMessage());
        assertEquals(Optional.of(FakeSmtpServer.REFUSED_DATA), e.reply());
    }

    @Test
    void anIdnDomainGoesOutAsPunycode() throws Exception {
        MimeMessage m = Messages.simple("sender@example.org", "a@example.org", "hi");
        SendResult r = SmtpSender.send(
                m, Messages.addresses("user@bücher.example"), settings().build());
        assertEquals(
                List.of("user@bücher.example"),
                r.accepted().stream().map(a -> a.getAddress()).toList());
        assertEquals(
                List.of("<user@xn--bcher-kva.example>"),
                server.deliveries().get(0).rcptTo());
        assertTrue(server.commands().contains("MAIL FROM:<sender@example.org>"), server.commands()::toString);
    }

    @Test
    void aNonAsciiLocalPartNeedsSmtputf8() throws Exception {
        MimeMessage m = Messages.simple("sender@example.org", "a@example.org", "hi");
        SmtpException e = assertThrows(
                SmtpException.class,
                () -> SmtpSender.send(
                        m, Messages.addresses("jösé@example.org"), settings().build()));
        assertEquals(SmtpException.Stage.RECIPIENTS, e.stage());
        assertEquals(
                where() + " does not offer SMTPUTF8, needed for the address jösé@example.org; nothing was sent",
                e.getMessage());
        assertEquals(List.of("EHLO client.test", "QUIT"), server.commands());
    }

    @Test
    void aNonAsciiLocalPartIsSentWithSmtputf8WhenOffered() throws Exception {
        try (FakeSmtpServer utf8 = new FakeSmtpServer(true)) {
            MimeMessage m = Messages.simple("sender@example.org", "a@example.org", "hi");
            SendResult r = SmtpSender.send(
                    m,
                    Messages.addresses("jösé@bücher.example"),
                    settings().port(utf8.port()).build());
            assertEquals(FakeSmtpServer.QUEUED, r.serverReply());
            assertEquals(
                    List.of(
                            "EHLO client.test",
                            "MAIL FROM:<sender@example.org> SMTPUTF8",
                            "RCPT TO:<jösé@bücher.example>",
                            "DATA",
                            "QUIT"),
                    utf8.commands());
        }
    }
}
