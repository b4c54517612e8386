package dev.cookbook.mailer.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written message, parsed by python3's email module: the same structure, no defects. */
class PythonEmailTest {
    @TempDir
    Path dir;

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void fullMessageParsesTheSameInPython() throws Exception {
        byte[] pdf = new byte[12345];
        new Random(1).nextBytes(pdf);
        Path pdfFile = Files.write(dir.resolve("report.pdf"), pdf);
        byte[] png = new byte[777];
        new Random(2).nextBytes(png);
        png[0] = (byte) 0x89;
        Path pngFile = Files.write(dir.resolve("logo.png"), png);
        byte[] text = "line one\nline two\n".getBytes(StandardCharsets.US_ASCII);
        Path textFile = Files.write(dir.resolve("notes.txt"), text);

        byte[] html = "<p>rich <img src=\"cid:logo@example.org\"></p>".getBytes(StandardCharsets.UTF_8);
        MailMessage message = MailMessage.builder()
                .from("Zoë Ünïcode <zoe@example.org>")
                .to("\"Lovelace, Ada\" <ada@example.org>")
                .bcc("hidden@example.net")
                .subject("Grüße – 你好 ✓")
                .text("plain ✓")
                .html(new String(html, StandardCharsets.UTF_8))
                .inline("logo@example.org", pngFile)
                .attach(new MailMessage.Attachment(pdfFile, null, "résumé 2026.pdf"))
                .attach(textFile)
                .build();
        Path eml = Files.write(dir.resolve("out.eml"), Mails.write(Mails.build(message)));

        String expected = String.join(
                "\n",
                "subject\tGrüße – 你好 ✓",
                "from\tZoë Ünïcode\tzoe@example.org",
                "to\tLovelace, Ada\tada@example.org",
                "bcc\tNone",
                "defects\t0",
                "part\tmultipart/mixed\tNone\tNone\tNone\t-\t-\t0",
                "part\tmultipart/related\tNone\tNone\tNone\t-\t-\t0",
                "part\tmultipart/alternative\tNone\tNone\tNone\t-\t-\t0",
                "part\ttext/plain\tNone\tNone\tNone\t9\t" + sha256("plain ✓".getBytes("UTF-8")) + "\t0",
                "part\ttext/html\tNone\tNone\tNone\t" + html.length + "\t" + sha256(html) + "\t0",
                "part\timage/png\tinline\tlogo.png\t<logo@example.org>\t777\t" + sha256(png) + "\t0",
                "part\tapplication/pdf\tattachment\trésumé 2026.pdf\tNone\t12345\t" + sha256(pdf) + "\t0",
                "part\ttext/plain\tattachment\tnotes.txt\tNone\t" + text.length + "\t" + sha256(text) + "\t0",
                "");
        assertEquals(expected, Python.run(dir, "walk.py", eml.toString()));
    }
}
