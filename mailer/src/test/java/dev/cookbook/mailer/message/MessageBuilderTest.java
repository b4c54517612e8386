package dev.cookbook.mailer.message;

import static dev.cookbook.mailer.message.Mails.assertSmtpLines;
import static dev.cookbook.mailer.message.Mails.build;
import static dev.cookbook.mailer.message.Mails.parse;
import static dev.cookbook.mailer.message.Mails.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.mailer.MailException;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageBuilderTest {
    @TempDir
    Path dir;

    private MailMessage.Builder base() {
        return MailMessage.builder().from("Ada <ada@example.org>").to("bob@example.org");
    }

    private Path pdf() throws Exception {
        byte[] bytes = new byte[3000];
        new Random(7).nextBytes(bytes);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 9);
        return Files.write(dir.resolve("report.pdf"), bytes);
    }

    private Path png() throws Exception {
        byte[] bytes = new byte[500];
        new Random(8).nextBytes(bytes);
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        return Files.write(dir.resolve("logo"), bytes);
    }

    private static byte[] bytes(Part p) throws Exception {
        try (InputStream in = p.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static MimeMultipart multipart(Part p) throws Exception {
        return (MimeMultipart) p.getContent();
    }

    @Test
    void textOnlyIsOneTextPlainPart() throws Exception {
        OutgoingMessage out = build(base().subject("Hi").text("Hello\nworld").build());
        MimeMessage m = parse(write(out));
        assertEquals("text/plain; charset=UTF-8", m.getContentType());
        assertEquals("7bit", m.getEncoding());
        assertEquals("Hello\r\nworld", m.getContent());
        assertEquals("Hi", m.getSubject());
        assertEquals("1.0", m.getHeader("MIME-Version", null));
    }

    @Test
    void htmlOnlyGetsADerivedTextAlternative() throws Exception {
        String html = "<p>Hello <b>there</b> &amp; welcome,</p><p>see <a href=\"https://example.org/x\">the"
                + " site</a>.<br>Bye</p>";
        MimeMessage m = parse(write(build(base().html(html).build())));
        assertTrue(m.getContentType().startsWith("multipart/alternative;"), m.getContentType());
        MimeMultipart alt = multipart(m);
        assertEquals(2, alt.getCount());
        assertEquals("text/plain; charset=UTF-8", alt.getBodyPart(0).getContentType());
        assertEquals(
                "Hello there & welcome,\r\n\r\nsee the site (https://example.org/x).\r\nBye",
                alt.getBodyPart(0).getContent());
        assertEquals("text/html; charset=UTF-8", alt.getBodyPart(1).getContentType());
        assertEquals(html, alt.getBodyPart(1).getContent());
    }

    @Test
    void textAndHtmlAreAlternativesTextFirst() throws Exception {
        MimeMessage m =
                parse(write(build(base().text("plain").html("<p>rich</p>").build())));
        MimeMultipart alt = multipart(m);
        assertEquals(2, alt.getCount());
        assertEquals("plain", alt.getBodyPart(0).getContent());
        assertEquals("<p>rich</p>", alt.getBodyPart(1).getContent());
        assertNull(alt.getBodyPart(0).getDisposition());
        assertNull(alt.getBodyPart(1).getDisposition());
    }

    @Test
    void attachmentsMakeMultipartMixedAroundTheBody() throws Exception {
        Path pdf = pdf();
        Path notes = Files.writeString(dir.resolve("notes.zzq"), "some notes\n");
        MailMessage message = base().text("see attached")
                .attach(pdf)
                .attach(new MailMessage.Attachment(notes, null, "renamed.txt"))
                .attach(new MailMessage.Attachment(notes, "application/x-forced", null))
                .build();
        MimeMessage m = parse(write(build(message)));
        assertTrue(m.getContentType().startsWith("multipart/mixed;"), m.getContentType());
        MimeMultipart mixed = multipart(m);
        assertEquals(4, mixed.getCount());
        assertEquals("text/plain; charset=UTF-8", mixed.getBodyPart(0).getContentType());
        assertEquals("see attached", mixed.getBodyPart(0).getContent());

        BodyPart a = mixed.getBodyPart(1);
        assertEquals("application/pdf; name=report.pdf", a.getContentType());
        assertEquals(Part.ATTACHMENT, a.getDisposition());
        assertEquals("report.pdf", a.getFileName());
        assertEquals("base64", ((jakarta.mail.internet.MimeBodyPart) a).getEncoding());
        assertArrayEquals(Files.readAllBytes(pdf), bytes(a));

        BodyPart b = mixed.getBodyPart(2);
        assertEquals("text/plain; name=renamed.txt", b.getContentType());
        assertEquals("renamed.txt", b.getFileName());
        assertEquals("base64", ((jakarta.mail.internet.MimeBodyPart) b).getEncoding());
        assertArrayEquals("some notes\n".getBytes(StandardCharsets.US_ASCII), bytes(b));

        BodyPart c = mixed.getBodyPart(3);
        assertEquals("application/x-forced; name=notes.zzq", c.getContentType());
        assertEquals("notes.zzq", c.getFileName());
    }

    @Test
    void inlineImagesNestMixedRelatedAlternative() throws Exception {
        Path png = png();
        Path pdf = pdf();
        MailMessage message = base().text("plain")
                .html("<p><img src=\"cid:logo@example.org\" alt=\"Logo\"></p>")
                .inline("logo@example.org", png)
                .attach(pdf)
                .build();
        MimeMessage m = parse(write(build(message)));
        MimeMultipart mixed = multipart(m);
        assertEquals(2, mixed.getCount());
        BodyPart relatedPart = mixed.getBodyPart(0);
        assertEquals(
                "multipart/related; type=\"multipart/alternative\"",
                relatedPart
                        .getContentType()
                        .replaceAll("\\s*boundary=\"[^\"]*\";?", "")
                        .replaceAll(";\\s*", "; "));
        MimeMultipart related = multipart(relatedPart);
        assertEquals(2, related.getCount());
        MimeMultipart alt = multipart(related.getBodyPart(0));
        assertEquals("plain", alt.getBodyPart(0).getContent());
        assertTrue(alt.getBodyPart(1).isMimeType("text/html"));

        jakarta.mail.internet.MimeBodyPart image = (jakarta.mail.internet.MimeBodyPart) related.getBodyPart(1);
        assertEquals("image/png; name=logo", image.getContentType());
        assertEquals("<logo@example.org>", image.getContentID());
        assertEquals(Part.INLINE, image.getDisposition());
        assertArrayEquals(Files.readAllBytes(png), bytes(image));

        BodyPart attachment = mixed.getBodyPart(1);
        assertEquals("report.pdf", attachment.getFileName());
        assertArrayEquals(Files.readAllBytes(pdf), bytes(attachment));
    }

    @Test
    void inlineWithoutHtmlIsRefused() throws Exception {
        Path png = png();
        MailException e = assertThrows(
                MailException.class, () -> base().text("x").inline("logo", png).build());
        assertEquals(MailException.Kind.INVALID, e.kind());
        assertEquals("inline images need an HTML body that shows them by cid:", e.getMessage());
    }

    @Test
    void headersDateMessageIdAndNoBcc() throws Exception {
        MailMessage message = MailMessage.builder()
                .from("\"Lovelace, Ada\" <ada@example.org>")
                .to("Bob <bob@example.org>")
                .to("carol@example.org")
                .cc("dave@example.org")
                .bcc("eve@example.net")
                .bcc("BOB@example.org")
                .replyTo("replies@example.org")
                .subject("Hi")
                .header("X-Mailer-Test", "yes")
                .text("x")
                .build();
        OutgoingMessage out = build(message);
        byte[] raw = write(out);
        String text = new String(raw, StandardCharsets.US_ASCII);
        MimeMessage m = parse(raw);
        assertEquals("\"Lovelace, Ada\" <ada@example.org>", m.getHeader("From", null));
        assertEquals("Bob <bob@example.org>, carol@example.org", m.getHeader("To", null));
        assertEquals("dave@example.org", m.getHeader("Cc", null));
        assertEquals("replies@example.org", m.getHeader("Reply-To", null));
        assertEquals("yes", m.getHeader("X-Mailer-Test", null));
        assertNull(m.getHeader("Bcc"));
        assertTrue(!text.contains("eve@example.net"), "the Bcc address is nowhere in the message");
        assertEquals(Date.from(Mails.NOW), m.getSentDate());
        byte[] id = new byte[16];
        new Random(42).nextBytes(id);
        assertEquals("<" + HexFormat.of().formatHex(id) + "@example.org>", m.getMessageID());
        assertEquals(m.getMessageID(), out.messageId());

        assertEquals("ada@example.org", out.sender().getAddress());
        assertEquals(
                List.of("bob@example.org", "carol@example.org", "dave@example.org", "eve@example.net"),
                out.recipients().stream().map(InternetAddress::getAddress).toList());
        assertEquals(
                out.recipients().stream().map(InternetAddress::toString).toList(),
                message.recipients().stream().map(InternetAddress::toString).toList());
    }

    @Test
    void messageIdsDiffer() throws Exception {
        MailMessage message = base().text("x").build();
        String a = MessageBuilder.build(message, Mails.session()).messageId();
        String b = MessageBuilder.build(message, Mails.session()).messageId();
        assertTrue(a.matches("<[0-9a-f]{32}@example\\.org>"), a);
        assertTrue(!a.equals(b), a);
    }

    @Test
    void nonAsciiHeadersAreEncodedAsciiOnTheWire() throws Exception {
        Path pdf = pdf();
        MailMessage message = MailMessage.builder()
                .from("Zoë Ünïcode <zoe@example.org>")
                .to("bob@example.org")
                .subject("Grüße – 你好 ✓")
                .text("Grüße – 你好 ✓")
                .html("<p>Grüße, mostly ASCII here</p>")
                .attach(new MailMessage.Attachment(pdf, null, "résumé 2026.pdf"))
                .build();
        byte[] raw = write(build(message));
        for (int i = 0; i < raw.length; i++) {
            assertTrue(raw[i] >= 0, "non-ASCII byte at " + i);
        }
        String text = new String(raw, StandardCharsets.US_ASCII);
        assertTrue(text.contains("\r\nSubject: =?UTF-8?B?R3LDvMOfZSDigJMg5L2g5aW9IOKckw==?=\r\n"), text);
        assertTrue(text.contains("\r\nFrom: =?UTF-8?Q?Zo=C3=AB_=C3=9Cn=C3=AFcode?= <zoe@example.org>\r\n"), text);
        assertTrue(text.contains("filename*=UTF-8''r%C3%A9sum%C3%A9%202026.pdf"), text);
        assertTrue(text.contains("name*=UTF-8''r%C3%A9sum%C3%A9%202026.pdf"), text);
        MimeMessage m = parse(raw);
        assertEquals("Grüße – 你好 ✓", m.getSubject());
        assertEquals("Zoë Ünïcode", ((InternetAddress) m.getFrom()[0]).getPersonal());
        // Jakarta Mail's choice: base64 when most characters are not ASCII, quoted-printable when most are.
        MimeMultipart alt = multipart(multipart(m).getBodyPart(0));
        assertEquals("base64", ((jakarta.mail.internet.MimeBodyPart) alt.getBodyPart(0)).getEncoding());
        assertEquals("Grüße – 你好 ✓", alt.getBodyPart(0).getContent());
        assertEquals("quoted-printable", ((jakarta.mail.internet.MimeBodyPart) alt.getBodyPart(1)).getEncoding());
        assertEquals("<p>Grüße, mostly ASCII here</p>", alt.getBodyPart(1).getContent());
        assertEquals("résumé 2026.pdf", multipart(m).getBodyPart(1).getFileName());
    }

    @Test
    void internationalDomainsAreInPunycodeInTheHeadersAndKeptForTheEnvelope() throws Exception {
        MailMessage message = MailMessage.builder()
                .from("Zoë <zoe@bücher.example>")
                .to("user@bücher.example")
                .to("bob@example.org")
                .cc("ann@münchen.example")
                .replyTo("desk@bücher.example")
                .text("x")
                .build();
        OutgoingMessage out = build(message);
        byte[] raw = write(out);
        for (int i = 0; i < raw.length; i++) {
            assertTrue(raw[i] >= 0, "non-ASCII byte at " + i);
        }
        String text = new String(raw, StandardCharsets.US_ASCII);
        assertTrue(text.contains("\r\nFrom: =?UTF-8?Q?Zo=C3=AB?= <zoe@xn--bcher-kva.example>\r\n"), text);
        assertTrue(text.contains("\r\nTo: user@xn--bcher-kva.example, bob@example.org\r\n"), text);
        assertTrue(text.contains("\r\nCc: ann@xn--mnchen-3ya.example\r\n"), text);
        assertTrue(text.contains("\r\nReply-To: desk@xn--bcher-kva.example\r\n"), text);
        // the envelope keeps the addresses as given: the sender converts them for the server
        assertEquals(
                List.of("user@bücher.example", "bob@example.org", "ann@münchen.example"),
                out.recipients().stream().map(InternetAddress::getAddress).toList());
    }

    @Test
    void aLocalPartThatIsNotAsciiStaysAsItIs() {
        InternetAddress a = new InternetAddress();
        a.setAddress("jörg@bücher.example");
        assertEquals("jörg@bücher.example", MessageBuilder.headerForm(a).getAddress());
    }

    @Test
    void noLineLongerThanSmtpAllows() throws Exception {
        byte[] binary = new byte[100_000];
        new Random(3).nextBytes(binary);
        Path bin = Files.write(dir.resolve("data.bin"), binary);
        Path longText = Files.writeString(dir.resolve("long.txt"), "y".repeat(5000));
        String text = "x".repeat(5000);
        MailMessage message = base().subject("s".repeat(60) + " " + "t".repeat(60) + " " + "u".repeat(60))
                .header("X-Long", "word ".repeat(400))
                .text(text)
                .html("<p>" + "z".repeat(5000) + "</p>")
                .attach(bin)
                .attach(longText)
                .build();
        byte[] raw = write(build(message));
        assertSmtpLines(raw);
        MimeMessage m = parse(raw);
        MimeMultipart mixed = multipart(m);
        MimeMultipart alt = multipart(mixed.getBodyPart(0));
        assertEquals(text, alt.getBodyPart(0).getContent());
        assertArrayEquals(binary, bytes(mixed.getBodyPart(1)));
        assertArrayEquals("y".repeat(5000).getBytes(StandardCharsets.US_ASCII), bytes(mixed.getBodyPart(2)));
        assertEquals(
                ("word ".repeat(400)).strip(),
                m.getHeader("X-Long", null).replaceAll("\r\n", "").strip());
    }

    @Test
    void aHeaderWordTooLongForALineIsRefused() throws Exception {
        MailMessage message =
                base().text("x").header("X-Long", "w".repeat(1200)).build();
        MailException e = assertThrows(MailException.class, () -> build(message));
        assertEquals(MailException.Kind.INVALID, e.kind());
        assertEquals("header X-Long: has a word too long for one line (998 bytes)", e.getMessage());
    }

    @Test
    void largeAttachmentIsStreamed() throws Exception {
        Path big = dir.resolve("zeros.bin");
        long size = 50L << 20;
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(size);
        }
        OutgoingMessage out = build(base().text("big").attach(big).build());
        long[] count = {0};
        out.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        });
        long base64 = (size + 2) / 3 * 4;
        long withLineEnds = base64 + (base64 + 75) / 76 * 2;
        assertTrue(count[0] > withLineEnds && count[0] < withLineEnds + 2000, "wrote " + count[0] + " bytes");
    }

    @Test
    void writtenTwiceIsTheSame() throws Exception {
        OutgoingMessage out = build(base().text("x").attach(pdf()).build());
        assertArrayEquals(write(out), write(out));
    }

    @Test
    void textBodyFromFileAndStream() throws Exception {
        Path file = Files.writeString(dir.resolve("body.txt"), "from a file ✓", StandardCharsets.UTF_8);
        assertEquals(
                "from a file ✓", parse(write(build(base().text(file).build()))).getContent());
        InputStream in = new ByteArrayInputStream("from a stream".getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "from a stream",
                parse(write(build(base().text(in, "standard input").build()))).getContent());
    }

    @Test
    void textBodyNotUtf8IsRefused() throws Exception {
        Path file = Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
        MailException e =
                assertThrows(MailException.class, () -> base().text(file).build());
        assertEquals(MailException.Kind.INVALID, e.kind());
        assertEquals("\"" + file + "\": not valid UTF-8 text", e.getMessage());
    }

    @Test
    void missingAttachmentIsAnIoError() {
        Path missing = dir.resolve("missing.pdf");
        MailException e = assertThrows(
                MailException.class, () -> base().text("x").attach(missing).build());
        assertEquals(MailException.Kind.IO, e.kind());
        assertEquals("attachment \"" + missing + "\": no such file", e.getMessage());
    }

    @Test
    void badContentTypeIsRefused() throws Exception {
        Path pdf = pdf();
        MailMessage message = base().text("x")
                .attach(new MailMessage.Attachment(pdf, "not a type", null))
                .build();
        MailException e = assertThrows(MailException.class, () -> build(message));
        assertEquals(MailException.Kind.INVALID, e.kind());
        assertEquals("attachment \"" + pdf + "\": \"not a type\" is not a valid content type", e.getMessage());
    }
}
