package dev.cookbook.mailer.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Implicit TLS against GreenMail SMTPS with a certificate from a test CA. */
@Timeout(60)
class SmtpImplicitTlsTest {
    private GreenMail greenMail;
    private TestPki.Files_ pki;

    @BeforeEach
    void start() throws Exception {
        pki = TestPki.get();
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        greenMail.start();
        greenMail.setUser("alice@example.org", "alice", "pw");
    }

    @AfterEach
    void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private SmtpSettings.Builder settings() {
        return SmtpSettings.builder("127.0.0.1")
                .port(greenMail.getSmtps().getPort())
                .tls(TlsMode.IMPLICIT)
                .timeout(Duration.ofSeconds(10));
    }

    private SendResult send(SmtpSettings s) throws Exception {
        return SmtpSender.send(
                Messages.simple("alice@example.org", "bob@example.org", "over TLS"),
                Messages.addresses("bob@example.org"),
                s);
    }

    @Test
    void succeedsWithTheTestCaAndAuth() throws Exception {
        SendResult r = send(settings()
                .caFile(pki.caPem())
                .user("alice")
                .password("pw".toCharArray())
                .build());
        assertTrue(r.complete());
        assertEquals(1, greenMail.getReceivedMessages().length);
        assertEquals("over TLS", greenMail.getReceivedMessages()[0].getSubject());
    }

    @Test
    void failsAtTlsWithoutTheCaNamingTheCertificate() throws Exception {
        SmtpException e =
                assertThrows(SmtpException.class, () -> send(settings().build()));
        assertEquals(SmtpException.Stage.TLS, e.stage());
        assertEquals(Optional.of(SmtpException.TlsFailure.UNTRUSTED), e.tlsFailure());
        assertEquals(
                "TLS with 127.0.0.1:" + greenMail.getSmtps().getPort()
                        + " failed: the server's certificate (CN=localhost) is not issued by a trusted"
                        + " certificate authority (issuer: CN=cookbook test CA)",
                e.getMessage());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void succeedsInsecurely() throws Exception {
        SendResult r = send(settings().insecure(true).build());
        assertTrue(r.complete());
        assertEquals(1, greenMail.getReceivedMessages().length);
    }
}
