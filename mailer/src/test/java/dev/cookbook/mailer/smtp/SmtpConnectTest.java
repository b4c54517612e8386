package dev.cookbook.mailer.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Failures before the server says anything. */
@Timeout(30)
class SmtpConnectTest {
    @Test
    void aClosedPortIsStageConnectNamingHostAndPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SmtpSettings settings = SmtpSettings.builder("127.0.0.1")
                .port(port)
                .tls(TlsMode.NONE)
                .timeout(Duration.ofSeconds(5))
                .build();
        SmtpException e = assertThrows(
                SmtpException.class,
                () -> SmtpSender.send(
                        Messages.simple("a@example.org", "b@example.org", "x"),
                        Messages.addresses("b@example.org"),
                        settings));
        assertEquals(SmtpException.Stage.CONNECT, e.stage());
        assertEquals("cannot connect to 127.0.0.1:" + port + ": connection refused", e.getMessage());
        assertEquals(Optional.empty(), e.reply());
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheTimeout() throws Exception {
        // The kernel completes the TCP handshake for the backlog; nobody ever writes a greeting.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            SmtpSettings settings = SmtpSettings.builder("127.0.0.1")
                    .port(silent.getLocalPort())
                    .tls(TlsMode.STARTTLS)
                    .timeout(Duration.ofSeconds(1))
                    .build();
            long start = System.nanoTime();
            SmtpException e = assertThrows(
                    SmtpException.class,
                    () -> SmtpSender.send(
                            Messages.simple("a@example.org", "b@example.org", "x"),
                            Messages.addresses("b@example.org"),
                            settings));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(SmtpException.Stage.CONNECT, e.stage());
            assertEquals("127.0.0.1:" + silent.getLocalPort() + " did not answer within 1 s", e.getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took);
        }
    }
}
