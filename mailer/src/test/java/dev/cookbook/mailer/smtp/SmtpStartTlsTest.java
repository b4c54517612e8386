package dev.cookbook.mailer.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** STARTTLS against aiosmtpd (GreenMail 2.1.13 has no STARTTLS for SMTP), started per test. */
@Timeout(60)
class SmtpStartTlsTest {
    @TempDir
    Path tmp;

    private AiosmtpdServer start(Path cert, Path maildir) throws Exception {
        AiosmtpdServer server = AiosmtpdServer.start(tmp, cert);
        assertEquals(maildir, server.maildir());
        return server;
    }

    private static SmtpSettings.Builder settings(String host, int port) {
        return SmtpSettings.builder(host).port(port).tls(TlsMode.STARTTLS).timeout(Duration.ofSeconds(10));
    }

    private static SendResult send(SmtpSettings s) throws Exception {
        return SmtpSender.send(
                Messages.simple("alice@example.org", "bob@example.org", "over STARTTLS"),
                Messages.addresses("bob@example.org"),
                s);
    }

    @Test
    void startTlsWithTheTestCaDelivers() throws Exception {
        TestPki.Files_ pki = TestPki.get();
        Path maildir = tmp.resolve("mail");
        try (AiosmtpdServer server = start(pki.serverCert(), maildir)) {
            SendResult r = send(
                    settings("127.0.0.1", server.port()).caFile(pki.caPem()).build());
            assertEquals("250 2.0.0 Ok: queued as TLS1", r.serverReply());
            assertEquals("alice@example.org\nbob@example.org\n", Files.readString(maildir.resolve("1.rcpt")));
            assertTrue(Files.readString(maildir.resolve("1.eml")).contains("Subject: over STARTTLS"));
        }
    }

    @Test
    void startTlsWithoutTheCaFailsAtTlsAndDeliversNothing() throws Exception {
        TestPki.Files_ pki = TestPki.get();
        Path maildir = tmp.resolve("mail");
        try (AiosmtpdServer server = start(pki.serverCert(), maildir)) {
            SmtpException e = assertThrows(
                    SmtpException.class,
                    () -> send(settings("127.0.0.1", server.port()).build()));
            assertEquals(SmtpException.Stage.TLS, e.stage());
            assertEquals(Optional.of(SmtpException.TlsFailure.UNTRUSTED), e.tlsFailure());
            assertEquals(
                    "TLS with 127.0.0.1:" + server.port() + " failed: the server's certificate (CN=localhost) is not"
                            + " issued by a trusted certificate authority (issuer: CN=cookbook test CA)",
                    e.getMessage());
        }
        try (var files = Files.list(maildir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aCertificateForAnotherNameFailsAtTls() throws Exception {
        TestPki.Files_ pki = TestPki.get();
        Path maildir = tmp.resolve("mail");
        try (AiosmtpdServer server = start(pki.otherCert(), maildir)) {
            SmtpException e = assertThrows(
                    SmtpException.class,
                    () -> send(settings("127.0.0.1", server.port())
                            .caFile(pki.caPem())
                            .build()));
            assertEquals(SmtpException.Stage.TLS, e.stage());
            assertEquals(Optional.of(SmtpException.TlsFailure.WRONG_HOST), e.tlsFailure());
            assertEquals(
                    "TLS with 127.0.0.1:" + server.port()
                            + " failed: the server's certificate is not valid for 127.0.0.1",
                    e.getMessage());
            // insecure skips both checks
            SendResult r =
                    send(settings("127.0.0.1", server.port()).insecure(true).build());
            assertEquals("250 2.0.0 Ok: queued as TLS1", r.serverReply());
        }
    }

    @Test
    void aServerSilentDuringTheLoginIsATimeoutNotARefusal() throws Exception {
        TestPki.Files_ pki = TestPki.get();
        try (AiosmtpdServer server =
                AiosmtpdServer.start(tmp, pki.serverCert(), "--auth", "alice:pw", "--auth-silent")) {
            SmtpException e = assertThrows(
                    SmtpException.class,
                    () -> send(settings("127.0.0.1", server.port())
                            .caFile(pki.caPem())
                            .user("alice")
                            .password("pw".toCharArray())
                            .timeout(Duration.ofSeconds(1))
                            .build()));
            assertEquals(SmtpException.Stage.AUTH, e.stage());
            assertEquals(Optional.empty(), e.reply());
            assertEquals(
                    "127.0.0.1:" + server.port()
                            + " did not answer within 1 s while user 'alice' logged in; nothing was sent",
                    e.getMessage());
            // Angus tries LOGIN first; the password was right, the server just never says so
            assertEquals("LOGIN alice ok\n", server.authLog());
            assertEquals(0, server.delivered());
        }
    }
}
