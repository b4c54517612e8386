package dev.cookbook.cli.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cookbook.cli.Binary;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged single-file {@code cookbook} sends through GreenMail: the shaded jar keeps what
 * Jakarta Mail and Angus need at run time (the SMTP provider's service and provider files, the
 * mailcap that maps multipart and text content to handlers).
 */
@Timeout(120)
class MailSendIT {
    private static final String PASSWORD = "s3cret-Pa55";
    private static final byte[] PDF = {'%', 'P', 'D', 'F', '-', '1', '.', '4', '\n', (byte) 0xff, 0, 1, 2};

    @TempDir
    Path dir;

    private GreenMail greenMail;

    @BeforeAll
    static void packaged() {
        // '-Dtest=Mail*' makes surefire pick this class up too, before 'package' has made the
        // binary; failsafe, which runs after it, is the one that names the binary.
        assumeTrue(System.getProperty("cookbook.binary") != null, "runs under failsafe, on the packaged binary");
    }

    @BeforeEach
    void start() throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        greenMail.setUser("alice@example.org", "alice", PASSWORD);
        Files.writeString(dir.resolve("notes.txt"), "Hello from the binary.\n");
        Files.writeString(dir.resolve("report.html"), "<p>The <b>report</b>.</p>\n");
        Files.write(dir.resolve("report.pdf"), PDF);
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    @Test
    void thePackagedBinarySendsAMultipartMessageWithAuth() throws Exception {
        Binary.Result r = Binary.exec(
                dir,
                Map.of("SMTP_PASSWORD", PASSWORD),
                null,
                List.of(
                        Binary.PATH.toString(),
                        "mail",
                        "send",
                        "--smtp",
                        "127.0.0.1:" + greenMail.getSmtp().getPort(),
                        "--tls",
                        "none",
                        "--user",
                        "alice",
                        "--pass",
                        "env:SMTP_PASSWORD",
                        "--timeout",
                        "20s",
                        "--from",
                        "Zoë <alice@example.org>",
                        "--to",
                        "bob@example.org",
                        "--subject",
                        "Grüße from the binary",
                        "--text",
                        "notes.txt",
                        "--html",
                        "report.html",
                        "--attach",
                        "report.pdf"));

        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals("", r.err());
        assertTrue(greenMail.waitForIncomingEmail(10_000, 1));
        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertEquals("Grüße from the binary", m.getSubject());
        assertTrue(m.isMimeType("multipart/mixed"), m.getContentType());
        Multipart mixed = (Multipart) m.getContent();
        assertTrue(mixed.getBodyPart(0).isMimeType("multipart/alternative"));
        Part pdf = mixed.getBodyPart(1);
        assertEquals("report.pdf", pdf.getFileName());
        assertTrue(pdf.isMimeType("application/pdf"), pdf.getContentType());
        assertArrayEquals(PDF, pdf.getInputStream().readAllBytes());
    }

    @Test
    void theTextBodyCanComeFromAPipe() {
        Binary.Result r = Binary.exec(
                dir,
                Map.of(),
                null,
                List.of(
                        "bash",
                        "-c",
                        "printf 'piped body\\n' | " + Binary.PATH
                                + " mail send --dry-run --from a@example.org --to b@example.org --text -"));
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().endsWith("\r\n\r\npiped body\r\n") || r.out().endsWith("\n\npiped body\n"), r.out());
    }

    @Test
    void thePackagedBinaryWritesADryRunAndRefusesAWrongPassword() throws Exception {
        Binary.Result dry = Binary.run(
                dir,
                "mail",
                "send",
                "--dry-run",
                "--from",
                "alice@example.org",
                "--to",
                "bob@example.org",
                "--subject",
                "dry",
                "--html",
                "report.html",
                "--attach",
                "report.pdf");
        assertEquals(0, dry.exit(), dry::toString);
        MimeMessage m = new MimeMessage(null, new ByteArrayInputStream(dry.stdout()));
        assertTrue(m.isMimeType("multipart/mixed"), m.getContentType());
        assertEquals(2, ((Multipart) m.getContent()).getCount());

        Binary.Result wrong = Binary.exec(
                dir,
                Map.of("SMTP_PASSWORD", "wrong"),
                null,
                List.of(
                        Binary.PATH.toString(),
                        "mail",
                        "send",
                        "--smtp",
                        "127.0.0.1:" + greenMail.getSmtp().getPort(),
                        "--tls",
                        "none",
                        "--user",
                        "alice",
                        "--pass",
                        "env:SMTP_PASSWORD",
                        "--from",
                        "alice@example.org",
                        "--to",
                        "bob@example.org",
                        "--text",
                        "notes.txt"));
        assertEquals(4, wrong.exit(), wrong::toString);
        assertEquals(
                "cookbook mail send: 127.0.0.1:" + greenMail.getSmtp().getPort()
                        + " refused the login of user 'alice': 535 5.7.8  Authentication credentials invalid\n",
                wrong.err());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }
}
