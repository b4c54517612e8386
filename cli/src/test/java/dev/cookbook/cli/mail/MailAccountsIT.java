package dev.cookbook.cli.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cookbook.cli.Binary;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code cookbook} finds the accounts file under {@code HOME} and reads
 * {@code COOKBOOK_SMTP_*} from its real process environment.
 */
@Timeout(120)
class MailAccountsIT {
    private static final String PASSWORD = "s3cret-Pa55";

    @TempDir
    Path dir;

    private GreenMail greenMail;

    @BeforeAll
    static void packaged() {
        assumeTrue(System.getProperty("cookbook.binary") != null, "runs under failsafe, on the packaged binary");
    }

    @BeforeEach
    void start() throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        greenMail.setUser("alice@example.org", "alice", PASSWORD);
        Files.writeString(dir.resolve("notes.txt"), "Hello from an account.\n");
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    @Test
    void theDefaultAccountUnderHomeAndAPasswordFromTheEnvironment() throws Exception {
        Path conf =
                Files.createDirectories(dir.resolve("home/.config/cookbook")).resolve("mail.conf");
        Files.writeString(
                conf,
                "default = local\n\n[local]\nsmtp = 127.0.0.1:"
                        + greenMail.getSmtp().getPort()
                        + "\ntls = none\nuser = alice\nfrom = Alice <alice@example.org>\n");
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));

        Binary.Result r = Binary.exec(
                dir,
                Map.of(
                        "HOME",
                        dir.resolve("home").toString(),
                        "XDG_CONFIG_HOME",
                        "",
                        "COOKBOOK_SMTP_PASS",
                        "env:SMTP_PASSWORD",
                        "SMTP_PASSWORD",
                        PASSWORD),
                null,
                List.of(
                        Binary.PATH.toString(),
                        "mail",
                        "send",
                        "--to",
                        "bob@example.org",
                        "--subject",
                        "from an account",
                        "--text",
                        "notes.txt"));

        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals("", r.err());
        assertTrue(greenMail.waitForIncomingEmail(10_000, 1));
        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertEquals("Alice <alice@example.org>", m.getHeader("From", ", "));
        assertEquals("from an account", m.getSubject());
    }
}
