package dev.cookbook.mailer.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.mailer.MailException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadyMessageTest {
    @TempDir
    Path dir;

    private static OutgoingMessage read(byte[] raw, List<String> recipients) throws MailException {
        return ReadyMessage.read(
                new ByteArrayInputStream(raw), Mails.session(), recipients, Mails.CLOCK, new Random(1));
    }

    private static List<String> addresses(List<InternetAddress> list) {
        return list.stream().map(InternetAddress::getAddress).toList();
    }

    @Test
    void messageFromPythonEmail() throws Exception {
        Path eml = dir.resolve("in.eml");
        Python.run(dir, "make_ready.py", eml.toString());
        byte[] in = Files.readAllBytes(eml);
        assertTrue(new String(in, StandardCharsets.US_ASCII).contains("\nBcc: "), "python wrote a Bcc header");

        OutgoingMessage out = read(in, List.of());
        assertEquals("zoe@example.org", out.sender().getAddress());
        assertEquals(
                List.of("ada@example.org", "bob@example.org", "lovelace@example.org", "secret@example.net"),
                addresses(out.recipients()));

        byte[] written = Mails.write(out);
        Mails.assertSmtpLines(written);
        String text = new String(written, StandardCharsets.US_ASCII);
        assertFalse(text.contains("Bcc"), text);
        assertFalse(text.contains("secret@example.net"), text);
        MimeMessage m = Mails.parse(written);
        assertEquals(Date.from(Mails.NOW), m.getSentDate());
        assertTrue(m.getMessageID().matches("<[0-9a-f]{32}@example\\.org>"), m.getMessageID());
        assertEquals("Grüße – 你好 ✓", m.getSubject());
        Path back = Files.write(dir.resolve("out.eml"), written);
        String walked = Python.run(dir, "walk.py", back.toString());
        assertTrue(walked.contains("\nbcc\tNone\n"), walked);
        assertTrue(walked.contains("\tattachment\trésumé 2026.pdf\tNone\t1024\t"), walked);
    }

    @Test
    void keepsDateMessageIdAndBodyAsTheyAre() throws Exception {
        String raw = "From: ada@example.org\nTo: bob@example.org\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n"
                + "Message-ID: <given@example.org>\nSubject: as is\n\nbody =3D not decoded\nline 2\n";
        OutgoingMessage out = read(raw.getBytes(StandardCharsets.US_ASCII), List.of());
        String written = new String(Mails.write(out), StandardCharsets.US_ASCII);
        assertEquals(raw.replace("\n", "\r\n"), written);
        assertEquals("<given@example.org>", out.messageId());
    }

    @Test
    void recipientsOverrideTheHeaders() throws Exception {
        String raw = "From: ada@example.org\r\nTo: bob@example.org\r\nBcc: eve@example.org\r\n\r\nx\r\n";
        OutgoingMessage out = read(raw.getBytes(StandardCharsets.US_ASCII), List.of("Carol <carol@example.org>"));
        assertEquals(List.of("carol@example.org"), addresses(out.recipients()));
        assertNull(out.mime().getHeader("Bcc"));
        assertEquals("bob@example.org", out.mime().getHeader("To", null));
    }

    @Test
    void senderFallsBackToSender() throws Exception {
        String raw = "From: a@example.org, b@example.org\r\nSender: s@example.org\r\nTo: bob@example.org\r\n\r\nx\r\n";
        assertEquals(
                "s@example.org",
                read(raw.getBytes(StandardCharsets.US_ASCII), List.of())
                        .sender()
                        .getAddress());
    }

    private static void assertInvalid(String raw, String expected) {
        MailException e =
                assertThrows(MailException.class, () -> read(raw.getBytes(StandardCharsets.UTF_8), List.of()));
        assertEquals(MailException.Kind.INVALID, e.kind());
        assertEquals(expected, e.getMessage());
    }

    @Test
    void malformedInputIsInvalid() {
        assertInvalid("this is not a message\n", "the message's header field 1 is not a \"Name: value\" line");
        assertInvalid("", "the message has no header");
        assertInvalid("To: bob@example.org\n\nx\n", "the message has no sender: no From or Sender address");
        assertInvalid("From: ada@example.org\n\nx\n", "the message has no recipient: no To, Cc or Bcc address");
        assertInvalid("From: ada@example.org\nTo: <bob@\n\nx\n", "the message's To header holds an invalid address");
    }

    @Test
    void unreadableInputIsAnIoError() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                throw new java.io.IOException("broken pipe");
            }
        };
        MailException e =
                assertThrows(MailException.class, () -> ReadyMessage.read(broken, Mails.session(), List.of()));
        assertEquals(MailException.Kind.IO, e.kind());
        assertArrayEquals(new Object[] {"the message cannot be read: broken pipe"}, new Object[] {e.getMessage()});
    }

    @Test
    void aLargeMessageIsSpooledToAFileThatIsGoneAfterwards() throws Exception {
        String raw = "From: ada@example.org\nTo: bob@example.org\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n"
                + "Message-ID: <given@example.org>\nSubject: big\n\n"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n".repeat(100);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = spooled(tmp);
        // 64 bytes in memory: the rest goes to a temporary file.
        OutgoingMessage out = ReadyMessage.read(
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)),
                Mails.session(),
                List.of(),
                Mails.CLOCK,
                new Random(1),
                64);
        assertEquals(before, spooled(tmp), "the temporary file is removed once open");
        assertEquals(raw.replace("\n", "\r\n"), new String(Mails.write(out), StandardCharsets.US_ASCII));
        assertEquals(raw.replace("\n", "\r\n"), new String(Mails.write(out), StandardCharsets.US_ASCII));
    }

    @Test
    void aFileIsReadInPlace() throws Exception {
        String raw = "From: ada@example.org\nTo: bob@example.org\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n"
                + "Message-ID: <given@example.org>\nSubject: file\n\nline 1\nline 2\n";
        Path eml = Files.writeString(dir.resolve("in.eml"), raw);
        OutgoingMessage out = ReadyMessage.read(eml, Mails.session(), List.of());
        assertEquals(raw.replace("\n", "\r\n"), new String(Mails.write(out), StandardCharsets.US_ASCII));
        MailException missing = assertThrows(
                MailException.class, () -> ReadyMessage.read(dir.resolve("none.eml"), Mails.session(), List.of()));
        assertEquals(MailException.Kind.IO, missing.kind());
    }

    private static List<Path> spooled(Path tmp) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("cookbook-message-"))
                    .sorted()
                    .toList();
        }
    }
}
