package dev.cookbook.mailer.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** STARTTLS against aiosmtpd (GreenMail 2.1.13 has no STARTTLS for SMTP), started per test. */
@Timeout(60)
class SmtpStartTlsTest {
    @TempDir
    Path tmp;

    /** A running starttls_server.py; closing its stdin stops it. */
    private static final class Aiosmtpd implements AutoCloseable {
        final Process process;
        final int port;

        Aiosmtpd(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        @Override
        public void close() throws InterruptedException {
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // already gone
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String python() throws InterruptedException {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import aiosmtpd")
                        .redirectErrorStream(true)
                        .start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // try the next one
            }
        }
        TestPki.missing("python3 with aiosmtpd (Debian package python3-aiosmtpd) is not installed");
        return null;
    }

    private Aiosmtpd start(Path cert, Path maildir) throws Exception {
        Path script = tmp.resolve("starttls_server.py");
        try (InputStream in = getClass().getResourceAsStream("/smtp/starttls_server.py")) {
            Files.write(script, in.readAllBytes());
        }
        Files.createDirectories(maildir);
        Process p = new ProcessBuilder(
                        python(),
                        script.toString(),
                        cert.toString(),
                        TestPki.get().serverKey().toString(),
                        maildir.toString())
                .redirectError(tmp.resolve("server.err").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new AssertionError("aiosmtpd did not start: " + Files.readString(tmp.resolve("server.err")));
        }
        return new Aiosmtpd(p, Integer.parseInt(line.substring(5)));
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
        try (Aiosmtpd server = start(pki.serverCert(), maildir)) {
            SendResult r =
                    send(settings("127.0.0.1", server.port).caFile(pki.caPem()).build());
            assertEquals("250 2.0.0 Ok: queued as TLS1", r.serverReply());
            assertEquals("alice@example.org\nbob@example.org\n", Files.readString(maildir.resolve("1.rcpt")));
            assertTrue(Files.readString(maildir.resolve("1.eml")).contains("Subject: over STARTTLS"));
        }
    }

    @Test
    void startTlsWithoutTheCaFailsAtTlsAndDeliversNothing() throws Exception {
        TestPki.Files_ pki = TestPki.get();
        Path maildir = tmp.resolve("mail");
        try (Aiosmtpd server = start(pki.serverCert(), maildir)) {
            SmtpException e = assertThrows(
                    SmtpException.class,
                    () -> send(settings("127.0.0.1", server.port).build()));
            assertEquals(SmtpException.Stage.TLS, e.stage());
            assertEquals(
                    "TLS with 127.0.0.1:" + server.port + " failed: the server's certificate (CN=localhost) is not"
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
        try (Aiosmtpd server = start(pki.otherCert(), maildir)) {
            SmtpException e = assertThrows(
                    SmtpException.class,
                    () -> send(settings("127.0.0.1", server.port)
                            .caFile(pki.caPem())
                            .build()));
            assertEquals(SmtpException.Stage.TLS, e.stage());
            assertEquals(
                    "TLS with 127.0.0.1:" + server.port
                            + " failed: the server's certificate is not valid for 127.0.0.1",
                    e.getMessage());
            // insecure skips both checks
            SendResult r =
                    send(settings("127.0.0.1", server.port).insecure(true).build());
            assertEquals("250 2.0.0 Ok: queued as TLS1", r.serverReply());
        }
    }
}
