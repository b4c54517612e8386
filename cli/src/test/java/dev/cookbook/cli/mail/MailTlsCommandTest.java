package dev.cookbook.cli.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cookbook.cli.Cli;
import dev.cookbook.mailer.smtp.AiosmtpdServer;
import dev.cookbook.mailer.smtp.FakeSmtpServer;
import dev.cookbook.mailer.smtp.TestPki;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cookbook mail send} in-process over TLS, with AUTH and with SMTPUTF8: STARTTLS against
 * aiosmtpd, implicit TLS against GreenMail SMTPS (both with a certificate from a test CA, see
 * {@link TestPki}), and the scripted {@link FakeSmtpServer} where the exact commands matter. Each
 * case checks the exit code, stderr line for line and what the server received.
 */
@Timeout(60)
class MailTlsCommandTest {
    private static final String PASSWORD = "Tr4ce-s3cret!";
    private static final String PREFIX = "cookbook mail send: ";
    private static final String UNTRUSTED = "the server's certificate (CN=localhost) is not issued by a trusted"
            + " certificate authority (issuer: CN=cookbook test CA)";
    private static final String NAME_HINT = PREFIX
            + "hint: give --smtp a host name the certificate holds; --insecure skips the check (test servers only)\n";
    private static final String CA_HINT = PREFIX
            + "hint: --cafile PEM trusts the server's certificate authority; --insecure skips the check"
            + " (test servers only)\n";

    @TempDir
    Path dir;

    private TestPki.Files_ pki;
    private GreenMail greenMail;

    @BeforeEach
    void setUp() throws Exception {
        // before any GreenMail SMTPS starts: it reads its keystore once per JVM
        pki = TestPki.get();
        Files.writeString(dir.resolve("body.txt"), "Hello over TLS.\n");
        Files.writeString(dir.resolve("pw.txt"), PASSWORD + "\n");
        Files.writeString(dir.resolve("wrong.txt"), "not-it\n");
    }

    @AfterEach
    void tearDown() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private String ca() {
        return pki.caPem().toString();
    }

    /** {@code mail send} to 127.0.0.1:port (or a HOST:PORT) with a small message from alice to bob, then {@code extra}. */
    private Cli.Result send(int port, String... extra) {
        return send("127.0.0.1:" + port, extra);
    }

    private Cli.Result send(String server, String... extra) {
        List<String> args = new ArrayList<>(List.of("mail", "send", "--smtp", server));
        if (!List.of(extra).contains("--timeout")) {
            args.addAll(List.of("--timeout", "10s"));
        }
        args.addAll(List.of(
                "--from",
                "alice@example.org",
                "--to",
                "bob@example.org",
                "--subject",
                "tls test",
                "--text",
                file("body.txt")));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private AiosmtpdServer aiosmtpd(Path cert, String... options) throws Exception {
        return AiosmtpdServer.start(dir, cert, options);
    }

    private void assertDeliveredToBob(AiosmtpdServer server) throws Exception {
        assertEquals(1, server.delivered());
        assertEquals(
                "alice@example.org\nbob@example.org\n",
                Files.readString(server.maildir().resolve("1.rcpt"), StandardCharsets.UTF_8));
        assertTrue(Files.readString(server.maildir().resolve("1.eml")).contains("Subject: tls test"));
    }

    private int smtps() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
        greenMail.start();
        return greenMail.getSmtps().getPort();
    }

    private int plainSmtp() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail.getSmtp().getPort();
    }

    // --- 1. STARTTLS (the default --tls) against aiosmtpd

    @Test
    void startTlsWithTheCaFileDelivers() throws Exception {
        try (AiosmtpdServer server = aiosmtpd(pki.serverCert())) {
            Cli.Result r = send(server.port(), "--cafile", ca());
            assertEquals(0, r.exit(), r::toString);
            assertEquals("", r.out());
            assertEquals("", r.err());
            assertDeliveredToBob(server);
        }
    }

    @Test
    void startTlsWithoutTheCaFileIsExit4NamingTheUntrustedCertificate() throws Exception {
        try (AiosmtpdServer server = aiosmtpd(pki.serverCert())) {
            Cli.Result r = send(server.port());
            assertEquals(4, r.exit(), r::toString);
            assertEquals("", r.out());
            assertEquals(
                    PREFIX + "TLS with 127.0.0.1:" + server.port() + " failed: " + UNTRUSTED + "\n" + CA_HINT, r.err());
            assertEquals(0, server.delivered());
        }
    }

    @Test
    void startTlsInsecureDeliversWithAWarning() throws Exception {
        try (AiosmtpdServer server = aiosmtpd(pki.serverCert())) {
            Cli.Result r = send(server.port(), "--insecure");
            assertEquals(0, r.exit(), r::toString);
            assertEquals("", r.out());
            assertEquals(
                    PREFIX + "warning: --insecure: the server's certificate is not checked; anyone on the way can"
                            + " read and change the mail\n",
                    r.err());
            assertDeliveredToBob(server);
        }
    }

    @Test
    void aServerWithoutStartTlsIsExit4UnlessTlsNone() throws Exception {
        int port = plainSmtp();
        Cli.Result r = send(port);
        assertEquals(4, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals(
                PREFIX + "127.0.0.1:" + port + " does not offer STARTTLS; nothing was sent in plain text\n" + PREFIX
                        + "hint: --tls none sends without TLS (local relays and test servers only)\n",
                r.err());
        assertEquals(0, greenMail.getReceivedMessages().length);

        r = send(port, "--tls", "none");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        assertTrue(greenMail.waitForIncomingEmail(5_000, 1));
        assertEquals("tls test", greenMail.getReceivedMessages()[0].getSubject());
    }

    @Test
    void startTlsToACertificateForAnotherNameIsExit4NamingTheMismatch() throws Exception {
        try (AiosmtpdServer server = aiosmtpd(pki.otherCert())) {
            Cli.Result r = send(server.port(), "--cafile", ca());
            assertEquals(4, r.exit(), r::toString);
            assertEquals("", r.out());
            assertEquals(
                    PREFIX + "TLS with 127.0.0.1:" + server.port()
                            + " failed: the server's certificate is not valid for 127.0.0.1\n"
                            + NAME_HINT,
                    r.err());
            assertEquals(0, server.delivered());
        }
    }

    // --- 2. implicit TLS against GreenMail SMTPS (and aiosmtpd for a wrong host name)

    @Test
    void implicitTlsWithTheCaFileAndAuthDelivers() throws Exception {
        int port = smtps();
        greenMail.setUser("alice@example.org", "alice", PASSWORD);
        Cli.Result r = send(
                port, "--tls", "implicit", "--cafile", ca(), "--user", "alice", "--pass", "file:" + file("pw.txt"));
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals("", r.err());
        assertTrue(greenMail.waitForIncomingEmail(5_000, 1));
        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertEquals("tls test", m.getSubject());
    }

    @Test
    void implicitTlsWithoutTheCaFileIsExit4() throws Exception {
        int port = smtps();
        Cli.Result r = send(port, "--tls", "implicit");
        assertEquals(4, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals(PREFIX + "TLS with 127.0.0.1:" + port + " failed: " + UNTRUSTED + "\n" + CA_HINT, r.err());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void implicitTlsByHostNameChecksTheNameToo() throws Exception {
        // the test certificate holds 127.0.0.1 and localhost: both names pass
        int port = smtps();
        Cli.Result r = send("localhost:" + port, "--tls", "implicit", "--cafile", ca());
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        assertTrue(greenMail.waitForIncomingEmail(5_000, 1));
    }

    @Test
    void implicitTlsToACertificateForAnotherNameIsExit4NamingTheMismatch() throws Exception {
        try (AiosmtpdServer server = aiosmtpd(pki.otherCert(), "--implicit")) {
            Cli.Result r = send(server.port(), "--tls", "implicit", "--cafile", ca());
            assertEquals(4, r.exit(), r::toString);
            assertEquals("", r.out());
            assertEquals(
                    PREFIX + "TLS with 127.0.0.1:" + server.port()
                            + " failed: the server's certificate is not valid for 127.0.0.1\n"
                            + NAME_HINT,
                    r.err());
            assertEquals(0, server.delivered());

            // the same server with the name checks off
            r = send(server.port(), "--tls", "implicit", "--insecure");
            assertEquals(0, r.exit(), r::toString);
            assertDeliveredToBob(server);
        }
    }

    // --- 3. AUTH PLAIN and AUTH LOGIN, each alone on offer, over STARTTLS

    @Test
    void authPlainWithThePasswordFromTheEnvironment() throws Exception {
        // env:NAME reads the real environment, which a test cannot set: HOME is always there
        String home = System.getenv("HOME");
        assertNotNull(home);
        try (AiosmtpdServer server = aiosmtpd(pki.serverCert(), "--auth", "alice:" + home, "--mechanisms", "PLAIN")) {
            Cli.Result r = send(server.port(), "--cafile", ca(), "--user", "alice", "--pass", "env:HOME");
            assertEquals(0, r.exit(), r::toString);
            assertEquals("", r.out());
            assertEquals("", r.err());
            assertEquals("PLAIN alice ok\n", server.authLog());
            assertDeliveredToBob(server);
        }
    }

    @Test
    void authLoginWithThePasswordFromAFile() throws Exception {
        try (AiosmtpdServer server =
                aiosmtpd(pki.serverCert(), "--auth", "alice:" + PASSWORD, "--mechanisms", "LOGIN")) {
            Cli.Result r = send(server.port(), "--cafile", ca(), "--user", "alice", "--pass", "file:" + file("pw.txt"));
            assertEquals(0, r.exit(), r::toString);
            assertEquals("", r.out());
            assertEquals("", r.err());
            assertEquals("LOGIN alice ok\n", server.authLog());
            assertDeliveredToBob(server);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN"})
    void aWrongPasswordIsExit4WithTheServersReplyAndNothingIsDelivered(String mechanism) throws Exception {
        try (AiosmtpdServer server =
                aiosmtpd(pki.serverCert(), "--auth", "alice:" + PASSWORD, "--mechanisms", mechanism)) {
            Cli.Result r =
                    send(server.port(), "--cafile", ca(), "--user", "alice", "--pass", "file:" + file("wrong.txt"));
            assertEquals(4, r.exit(), r::toString);
            assertEquals("", r.out());
            assertEquals(
                    PREFIX + "127.0.0.1:" + server.port()
                            + " refused the login of user 'alice': 535 5.7.8 Authentication credentials invalid\n",
                    r.err());
            assertEquals(mechanism + " alice failed\n", server.authLog());
            assertEquals(0, server.delivered());
        }
    }

    @Test
    void aServerSilentDuringTheLoginIsATimeoutNotARefusal() throws Exception {
        try (AiosmtpdServer server = aiosmtpd(pki.serverCert(), "--auth", "alice:" + PASSWORD, "--auth-silent")) {
            Cli.Result r = send(
                    server.port(),
                    "--timeout",
                    "1s",
                    "--cafile",
                    ca(),
                    "--user",
                    "alice",
                    "--pass",
                    "file:" + file("pw.txt"));
            assertEquals(4, r.exit(), r::toString);
            assertEquals("", r.out());
            assertEquals(
                    PREFIX + "127.0.0.1:" + server.port()
                            + " did not answer within 1 s while user 'alice' logged in; nothing was sent\n",
                    r.err());
            assertEquals(0, server.delivered());
        }
    }

    // --- 4. SMTPUTF8 and IDN

    @Test
    void aNonAsciiLocalPartToAServerWithoutSmtpUtf8IsRefusedBeforeSending() throws Exception {
        try (FakeSmtpServer fake = new FakeSmtpServer(false)) {
            Cli.Result r = send(fake.port(), "--tls", "none", "--to", "jörg@example.org");
            assertEquals(4, r.exit(), r::toString);
            assertEquals("", r.out());
            assertEquals(
                    PREFIX + "127.0.0.1:" + fake.port()
                            + " does not offer SMTPUTF8, needed for the address jörg@example.org; nothing was sent\n",
                    r.err());
            assertEquals(List.of(), fake.deliveries());
            assertEquals(List.of("QUIT"), afterEhlo(fake));
        }
    }

    @Test
    void aNonAsciiLocalPartGoesOutWithSmtpUtf8WhereTheServerOffersIt() throws Exception {
        try (FakeSmtpServer fake = new FakeSmtpServer(true)) {
            Cli.Result r = send(fake.port(), "--tls", "none", "--to", "jörg@example.org");
            assertEquals(0, r.exit(), r::toString);
            assertEquals("", r.err());
            assertEquals(
                    List.of(
                            "MAIL FROM:<alice@example.org> SMTPUTF8",
                            "RCPT TO:<bob@example.org>",
                            "RCPT TO:<jörg@example.org>",
                            "DATA",
                            "QUIT"),
                    afterEhlo(fake));
            assertEquals(1, fake.deliveries().size());
            // with SMTPUTF8 the header may carry the address as it is (RFC 6532)
            assertTrue(
                    fake.deliveries().get(0).data().contains("\nTo: bob@example.org, jörg@example.org\n"),
                    fake.deliveries().get(0)::data);
        }
    }

    @Test
    void aNonAsciiLocalPartOverStartTlsToAiosmtpdWithSmtpUtf8() throws Exception {
        try (AiosmtpdServer server = aiosmtpd(pki.serverCert(), "--smtputf8")) {
            Cli.Result r = send(server.port(), "--cafile", ca(), "--to", "jörg@example.org");
            assertEquals(0, r.exit(), r::toString);
            assertEquals("", r.err());
            assertEquals("SMTPUTF8\n", Files.readString(server.maildir().resolve("1.mailopts")));
            assertEquals(
                    "alice@example.org\nbob@example.org\njörg@example.org\n",
                    Files.readString(server.maildir().resolve("1.rcpt"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anIdnDomainGoesOutAsPunycodeToAServerWithoutSmtpUtf8() throws Exception {
        try (FakeSmtpServer fake = new FakeSmtpServer(false)) {
            Cli.Result r = send(fake.port(), "--tls", "none", "--to", "user@bücher.example");
            assertEquals(0, r.exit(), r::toString);
            assertEquals("", r.err());
            assertEquals(
                    List.of(
                            "MAIL FROM:<alice@example.org>",
                            "RCPT TO:<bob@example.org>",
                            "RCPT TO:<user@xn--bcher-kva.example>",
                            "DATA",
                            "QUIT"),
                    afterEhlo(fake));
            assertEquals(1, fake.deliveries().size());
            // the header too, or the server would get UTF-8 it did not agree to
            String data = fake.deliveries().get(0).data();
            assertTrue(data.contains("\nTo: bob@example.org, user@xn--bcher-kva.example\n"), data);
            assertTrue(data.chars().allMatch(c -> c < 0x80), data);
        }
    }

    /** The commands the scripted server received after its EHLO (which names this machine). */
    private static List<String> afterEhlo(FakeSmtpServer fake) {
        List<String> commands = fake.commands();
        assertTrue(commands.get(0).startsWith("EHLO "), commands::toString);
        return commands.subList(1, commands.size());
    }

    // --- 5. --trace over STARTTLS with AUTH

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "LOGIN"})
    void traceShowsTheDialogueButNeverThePassword(String mechanism) throws Exception {
        try (AiosmtpdServer server =
                aiosmtpd(pki.serverCert(), "--auth", "alice:" + PASSWORD, "--mechanisms", mechanism)) {
            Cli.Result r = send(
                    server.port(), "--trace", "--cafile", ca(), "--user", "alice", "--pass", "file:" + file("pw.txt"));
            assertEquals(0, r.exit(), r::toString);
            assertEquals("", r.out());
            assertDeliveredToBob(server);
            List<String> trace = r.err().lines().toList();
            for (String expected : List.of(
                    "-> STARTTLS", "-> MAIL FROM:<alice@example.org>", "-> RCPT TO:<bob@example.org>", "-> .")) {
                assertTrue(trace.contains(expected), () -> expected + " missing in\n" + r.err());
            }
            assertTrue(trace.stream().anyMatch(l -> l.startsWith("<- 220 ") && l.contains("TLS")), r.err());
            assertTrue(trace.stream().anyMatch(l -> l.startsWith("-> AUTH " + mechanism)), r.err());
            assertTrue(trace.stream().anyMatch(l -> l.startsWith("<- 235 ")), r.err());
            for (String secret : secretForms()) {
                assertFalse(r.err().contains(secret), () -> "'" + secret + "' in stderr:\n" + r.err());
                assertFalse(r.out().contains(secret), () -> "'" + secret + "' in stdout");
            }
        }
    }

    @Test
    void traceOfALoginThatTimesOutShowsTheExceptionButNoStackFramesAndNoSecret() throws Exception {
        try (AiosmtpdServer server =
                aiosmtpd(pki.serverCert(), "--auth", "alice:" + PASSWORD, "--mechanisms", "PLAIN", "--auth-silent")) {
            Cli.Result r = send(
                    server.port(),
                    "--trace",
                    "--timeout",
                    "1s",
                    "--cafile",
                    ca(),
                    "--user",
                    "alice",
                    "--pass",
                    "file:" + file("pw.txt"));
            assertEquals(4, r.exit(), r::toString);
            assertEquals("", r.out());
            List<String> lines = r.err().lines().toList();
            assertEquals(
                    PREFIX + "127.0.0.1:" + server.port()
                            + " did not answer within 1 s while user 'alice' logged in; nothing was sent",
                    lines.get(lines.size() - 1));
            assertTrue(lines.contains("-> AUTH PLAIN ***"), r.err());
            assertTrue(lines.contains("== java.net.SocketTimeoutException: Read timed out"), r.err());
            // before, every frame of Angus's logged exception came out as a line of ***
            assertFalse(
                    lines.stream().anyMatch(l -> l.endsWith("***") && !l.startsWith("-> AUTH") || l.contains("\tat ")),
                    r.err());
            for (String secret : secretForms()) {
                assertFalse(r.err().contains(secret), () -> "'" + secret + "' in stderr:\n" + r.err());
            }
        }
    }

    /** The password as it is, and base64 as AUTH LOGIN and AUTH PLAIN (with or without authorization id) send it. */
    private static List<String> secretForms() {
        Base64.Encoder b64 = Base64.getEncoder();
        return List.of(
                PASSWORD,
                b64.encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString(("\0alice\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
                b64.encodeToString(("alice\0alice\0" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
}
