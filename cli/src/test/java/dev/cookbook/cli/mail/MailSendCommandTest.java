package dev.cookbook.cli.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cookbook.cli.Cli;
import dev.cookbook.cli.Tools;
import dev.cookbook.mailer.smtp.FakeSmtpServer;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cookbook mail send} in-process, against GreenMail (and a scripted server for refusals) on 127.0.0.1. */
@Timeout(60)
class MailSendCommandTest {
    private static final String PASSWORD = "s3cret-Pa55";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 1, 2, 3};
    private static final byte[] PDF = "%PDF-1.4\n\u00ff\u0000 binary\n".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;

    private GreenMail greenMail;

    @BeforeEach
    void start() throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        greenMail.setUser("alice@example.org", "alice", PASSWORD);
        Files.writeString(dir.resolve("body.txt"), "Hello,\nthe report is attached.\n");
        Files.writeString(dir.resolve("body.html"), "<p>Hello, <img src=\"cid:logo\"> see the <b>report</b>.</p>\n");
        Files.write(dir.resolve("logo.png"), PNG);
        Files.write(dir.resolve("report.pdf"), PDF);
        Files.writeString(dir.resolve("pw.txt"), PASSWORD + "\n");
        Files.writeString(dir.resolve("wrong.txt"), "not-it\n");
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private String server() {
        return "127.0.0.1:" + greenMail.getSmtp().getPort();
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private List<String> send(String... extra) {
        List<String> args =
                new ArrayList<>(List.of("mail", "send", "--smtp", server(), "--tls", "none", "--timeout", "10s"));
        args.addAll(List.of(extra));
        return args;
    }

    private static Cli.Result run(List<String> args) {
        return Cli.run(args.toArray(String[]::new));
    }

    /** The messages delivered to {@code address}'s mailbox (GreenMail has one per envelope recipient). */
    private int delivered(String address) throws Exception {
        var user = greenMail.getUserManager().getUserByEmail(address);
        return user == null
                ? 0
                : greenMail.getManagers().getImapHostManager().getInbox(user).getMessageCount();
    }

    private MimeMessage only() {
        assertTrue(greenMail.waitForIncomingEmail(5_000, 1));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(1, received.length);
        return received[0];
    }

    @Test
    void sendsToToCcAndBccWithoutABccHeader() throws Exception {
        Cli.Result r = run(send(
                "--from", "alice@example.org",
                "--to", "to@to.example",
                "--to", "to2@to.example",
                "--cc", "cc@cc.example",
                "--bcc", "bcc@bcc.example",
                "--subject", "three kinds",
                "--text", file("body.txt")));

        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals("", r.err());
        assertTrue(greenMail.waitForIncomingEmail(5_000, 4));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(4, received.length); // one per envelope recipient, the Bcc one included
        for (MimeMessage m : received) {
            assertEquals("to@to.example, to2@to.example", m.getHeader("To", ", "));
            assertEquals("cc@cc.example", m.getHeader("Cc", ", "));
            assertNull(m.getHeader("Bcc"));
            assertEquals("three kinds", m.getSubject());
            // GreenMail's stored copy loses the last line break
            assertEquals("Hello,\nthe report is attached.", unix(m.getContent()).strip());
        }
        assertEquals(1, delivered("bcc@bcc.example"));
    }

    @Test
    void authenticatesWithUserAndPasswordFile() {
        Cli.Result r = run(send(
                "--user",
                "alice",
                "--pass",
                "file:" + file("pw.txt"),
                "--from",
                "alice@example.org",
                "--to",
                "bob@example.org",
                "--subject",
                "authenticated",
                "--text",
                file("body.txt")));

        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        assertEquals("authenticated", assertSubject(only()));
    }

    private static String assertSubject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aWrongPasswordIsExit4WithTheServersReply() {
        Cli.Result r = run(send(
                "--user",
                "alice",
                "--pass",
                "file:" + file("wrong.txt"),
                "--from",
                "alice@example.org",
                "--to",
                "bob@example.org",
                "--subject",
                "no",
                "--text",
                file("body.txt")));

        assertEquals(4, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals(
                "cookbook mail send: " + server() + " refused the login of user 'alice': "
                        + "535 5.7.8  Authentication credentials invalid\n", // GreenMail's reply, double space and all
                r.err());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void textHtmlAttachmentAndInlineImageArriveAsTheMimeTreeMailClientsExpect() throws Exception {
        Cli.Result r = run(send(
                "--from",
                "alice@example.org",
                "--to",
                "bob@example.org",
                "--subject",
                "report",
                "--text",
                file("body.txt"),
                "--html",
                file("body.html"),
                "--inline",
                "logo=" + file("logo.png"),
                "--attach",
                file("report.pdf"),
                "--attach",
                file("body.txt"),
                "--type",
                "text/x-notes",
                "--name",
                "notes.txt"));
        assertEquals(0, r.exit(), r::toString);

        MimeMessage m = only();
        assertTrue(m.isMimeType("multipart/mixed"), m.getContentType());
        Multipart mixed = (Multipart) m.getContent();
        assertEquals(3, mixed.getCount());

        Part related = mixed.getBodyPart(0);
        assertTrue(related.isMimeType("multipart/related"), related.getContentType());
        Multipart rel = (Multipart) related.getContent();
        assertEquals(2, rel.getCount());
        Multipart alt = (Multipart) rel.getBodyPart(0).getContent();
        assertTrue(rel.getBodyPart(0).isMimeType("multipart/alternative"));
        assertEquals(2, alt.getCount());
        assertTrue(alt.getBodyPart(0).isMimeType("text/plain"));
        assertEquals(
                "Hello,\nthe report is attached.\n", unix(alt.getBodyPart(0).getContent()));
        assertTrue(alt.getBodyPart(1).isMimeType("text/html"));
        assertEquals(
                Files.readString(dir.resolve("body.html")),
                unix(alt.getBodyPart(1).getContent()));
        Part image = rel.getBodyPart(1);
        assertTrue(image.isMimeType("image/png"), image.getContentType());
        assertEquals("<logo>", image.getHeader("Content-ID")[0]);
        assertEquals(Part.INLINE, image.getDisposition());
        assertArrayEquals(PNG, image.getInputStream().readAllBytes());

        Part pdf = mixed.getBodyPart(1);
        assertTrue(pdf.isMimeType("application/pdf"), pdf.getContentType());
        assertEquals(Part.ATTACHMENT, pdf.getDisposition());
        assertEquals("report.pdf", pdf.getFileName());
        assertArrayEquals(PDF, pdf.getInputStream().readAllBytes());

        Part notes = mixed.getBodyPart(2);
        assertTrue(notes.isMimeType("text/x-notes"), notes.getContentType());
        assertEquals("notes.txt", notes.getFileName());
        assertArrayEquals(
                Files.readAllBytes(dir.resolve("body.txt")),
                notes.getInputStream().readAllBytes());
    }

    private static String unix(Object text) {
        return text.toString().replace("\r\n", "\n");
    }

    @Test
    void unicodeSubjectDisplayNameAndFileNameAreEncodedAndComeBack() throws Exception {
        Files.write(dir.resolve("résumé.pdf"), PDF);
        Cli.Result r = run(send(
                "--from",
                "Zoë Ångström <alice@example.org>",
                "--to",
                "Jürgen <bob@example.org>",
                "--subject",
                "Grüße – 日本語 ✓",
                "--text",
                file("body.txt"),
                "--attach",
                file("résumé.pdf")));
        assertEquals(0, r.exit(), r::toString);

        MimeMessage m = only();
        assertEquals("Grüße – 日本語 ✓", m.getSubject());
        assertTrue(m.getHeader("Subject")[0].startsWith("=?UTF-8?"), m.getHeader("Subject")[0]);
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertEquals("Zoë Ångström", from.getPersonal());
        assertEquals("Jürgen", ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getPersonal());
        Part attachment = ((Multipart) m.getContent()).getBodyPart(1);
        assertEquals("résumé.pdf", MimeUtility.decodeText(attachment.getFileName()));
        assertArrayEquals(PDF, attachment.getInputStream().readAllBytes());
    }

    @Test
    void aDryRunWritesTheMessageToStdoutAndContactsNobody() throws Exception {
        Cli.Result r = Cli.run(
                "mail",
                "send",
                "--dry-run",
                "--from",
                "Zoë <alice@example.org>",
                "--to",
                "bob@example.org",
                "--bcc",
                "hidden@example.org",
                "--subject",
                "dry",
                "--text",
                file("body.txt"));

        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        MimeMessage m = new MimeMessage(null, new ByteArrayInputStream(r.stdout()));
        assertEquals("dry", m.getSubject());
        assertEquals("Zoë", ((InternetAddress) m.getFrom()[0]).getPersonal());
        assertNull(m.getHeader("Bcc"));
        assertTrue(m.getHeader("Message-ID")[0].matches("<[0-9a-f]+@example\\.org>"));
        assertTrue(m.getHeader("Date") != null);
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void aDryRunMessageParsesWithPythonsEmailModuleToTheSameStructure() throws Exception {
        Path eml = dir.resolve("out.eml");
        Cli.Result r = Cli.run(
                "mail",
                "send",
                "--dry-run",
                "--eml",
                eml.toString(),
                "--from",
                "Zoë <alice@example.org>",
                "--to",
                "bob@example.org",
                "--subject",
                "Grüße",
                "--text",
                file("body.txt"),
                "--html",
                file("body.html"),
                "--inline",
                "logo=" + file("logo.png"),
                "--attach",
                file("report.pdf"));
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.out());

        String tree = python("""
                import email, email.policy, sys
                m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
                print('subject', m['subject'])
                print('from', m['from'].addresses[0].display_name)
                for p in m.walk():
                    print(p.get_content_type(), p.get_filename(), p['Content-ID'],
                          len(p.get_content()) if not p.is_multipart() else '-')
                """, eml.toString());
        assertEquals(
                String.join(
                        "\n",
                        "subject Grüße",
                        "from Zoë",
                        "multipart/mixed None None -",
                        "multipart/related None None -",
                        "multipart/alternative None None -",
                        "text/plain None None "
                                + Files.readString(dir.resolve("body.txt")).length(),
                        "text/html None None "
                                + Files.readString(dir.resolve("body.html")).length(),
                        "image/png logo.png <logo> " + PNG.length,
                        "application/pdf report.pdf None " + PDF.length,
                        ""),
                tree);
    }

    private String python(String script, String... args) throws Exception {
        Tools.require("python3");
        Path source = dir.resolve("script.py");
        Files.writeString(source, script);
        List<String> command = new ArrayList<>(List.of("python3", source.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("python.out");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("python.err").toFile());
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python3 did not finish in 60 s");
        }
        assertEquals(0, p.exitValue(), () -> "python3 failed: " + read(dir.resolve("python.err")));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void headerInjectionAttemptsAreUsageErrorsAndNothingIsSent() throws Exception {
        Files.write(dir.resolve("x.pdf"), PDF);
        List<List<String>> attempts = List.of(
                List.of("--subject", "hi\r\nBcc: victim@example.org"),
                List.of("--subject", "hi\nBcc: victim@example.org"),
                List.of("--subject", "hi", "--to", "bob@example.org\r\nBcc: victim@example.org"),
                List.of("--subject", "hi", "--cc", "Eve\n <eve@example.org>"),
                List.of("--subject", "hi", "--header", "X-Note: a\r\nBcc: victim@example.org"),
                List.of("--subject", "hi", "--header", "X-Bad\nName: v"),
                List.of("--subject", "hi", "--attach", file("x.pdf"), "--name", "x.pdf\r\nBcc: victim@example.org"));
        for (List<String> attempt : attempts) {
            List<String> args =
                    send("--from", "alice@example.org", "--to", "bob@example.org", "--text", file("body.txt"));
            args.addAll(attempt);
            Cli.Result r = run(args);
            assertEquals(2, r.exit(), () -> attempt + "\n" + r);
            assertEquals("", r.out());
            assertTrue(r.err().startsWith("cookbook mail send: "), r.err());
            assertEquals(1, r.err().lines().filter(l -> !l.contains("hint:")).count(), r.err());
        }
        Cli.Result r = run(
                send("--from", "Al\rice <alice@example.org>", "--to", "bob@example.org", "--text", file("body.txt")));
        assertEquals(2, r.exit(), r::toString);
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void anInvalidAddressIsAUsageError() {
        Cli.Result r = run(send("--from", "alice@example.org", "--to", "not an address", "--text", file("body.txt")));
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().startsWith("cookbook mail send: "), r.err());
    }

    @Test
    void missingSmtpOrFromIsAUsageError() {
        Cli.Result r = Cli.run("mail", "send", "--from", "alice@example.org", "--to", "bob@example.org");
        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook mail send: missing --smtp HOST[:PORT]: the server to send through (or --dry-run, or an "
                        + "account, or COOKBOOK_SMTP_SERVER)\n"
                        + "cookbook mail send: hint: see 'cookbook mail send --help'\n",
                r.err());
        r = run(send("--to", "bob@example.org"));
        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook mail send: From: no sender address given\ncookbook mail send: hint: give --from ADDR\n",
                r.err());
    }

    @Test
    void aReadyMessageFromPythonOnStdinIsSentToItsRecipients() throws Exception {
        String message = python("""
                import sys
                from email.message import EmailMessage
                m = EmailMessage()
                m['From'] = 'Zoë <alice@example.org>'
                m['To'] = 'bob@example.org'
                m['Bcc'] = 'hidden@bcc.example'
                m['Subject'] = 'built by python'
                m.set_content('Hello from Python ✓\\n')
                m.add_attachment(b'\\x00\\x01data', maintype='application', subtype='octet-stream', filename='d.bin')
                sys.stdout.write(m.as_string())
                """);
        List<String> args = send("--message", "-");
        Cli.Result r = Cli.run(message.getBytes(StandardCharsets.UTF_8), args.toArray(String[]::new));

        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        assertTrue(greenMail.waitForIncomingEmail(5_000, 2));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(2, received.length);
        assertEquals(1, delivered("hidden@bcc.example"));
        MimeMessage m = received[0];
        assertEquals("built by python", m.getSubject());
        assertNull(m.getHeader("Bcc"));
        Multipart mixed = (Multipart) m.getContent();
        assertEquals("Hello from Python ✓\n", unix(mixed.getBodyPart(0).getContent()));
        assertEquals("d.bin", mixed.getBodyPart(1).getFileName());
        assertArrayEquals(
                new byte[] {0, 1, 'd', 'a', 't', 'a'},
                mixed.getBodyPart(1).getInputStream().readAllBytes());
    }

    @Test
    void toOverridesTheReadyMessagesRecipientsAndComposingOptionsAreRefused() throws Exception {
        byte[] message = "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: s\r\n\r\nbody\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        Cli.Result r = Cli.run(
                message, send("--message", "-", "--to", "carol@other.example").toArray(String[]::new));
        assertEquals(0, r.exit(), r::toString);
        assertEquals(1, only().getAllRecipients().length);
        assertEquals(1, delivered("carol@other.example"));
        assertEquals(0, delivered("bob@example.org"));

        r = Cli.run(message, send("--message", "-", "--subject", "x").toArray(String[]::new));
        assertEquals(2, r.exit(), r::toString);
        assertTrue(
                r.err()
                        .startsWith(
                                "cookbook mail send: --message sends a ready message: --subject cannot be used with it\n"),
                r.err());
    }

    @Test
    void jsonPrintsOneResultRecord() throws Exception {
        Cli.Result r = run(send(
                "--json",
                "--from",
                "alice@example.org",
                "--to",
                "bob@example.org",
                "--bcc",
                "c@example.org",
                "--subject",
                "json",
                "--text",
                file("body.txt")));
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        assertTrue(greenMail.waitForIncomingEmail(5_000, 2));
        String id = greenMail.getReceivedMessages()[0].getMessageID();
        assertEquals(
                "{\"message_id\":\"" + id + "\",\"accepted\":[\"bob@example.org\",\"c@example.org\"],"
                        + "\"refused\":[],\"failed_stage\":null}\n",
                r.out());
    }

    @Test
    void verbosePrintsTheServersFinalReply() {
        Cli.Result r =
                run(send("-v", "--from", "alice@example.org", "--to", "bob@example.org", "--text", file("body.txt")));
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("250 ")), r.err());
    }

    @Test
    void traceShowsTheDialogueWithThePasswordMasked() {
        Cli.Result r = run(send(
                "--trace",
                "--user",
                "alice",
                "--pass",
                "file:" + file("pw.txt"),
                "--from",
                "alice@example.org",
                "--to",
                "bob@example.org",
                "--text",
                file("body.txt")));
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().contains("\n-> MAIL FROM:<alice@example.org>\n"), r.err());
        assertTrue(r.err().contains("\n-> [2 lines of body not shown]\n-> .\n<- 250 OK\n"), r.err());
        assertTrue(!r.err().contains(PASSWORD), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aRefusedRecipientSendsNothingAndExits4NamingIt() throws Exception {
        try (FakeSmtpServer fake = new FakeSmtpServer(false)) {
            Cli.Result r = Cli.run(
                    "mail",
                    "send",
                    "--smtp",
                    "127.0.0.1:" + fake.port(),
                    "--tls",
                    "none",
                    "--json",
                    "--from",
                    "alice@example.org",
                    "--to",
                    "bob@example.org",
                    "--to",
                    "nobody@example.org",
                    "--text",
                    file("body.txt"));
            assertEquals(4, r.exit(), r::toString);
            assertEquals(List.of(), fake.deliveries());
            assertTrue(r.err().startsWith("cookbook mail send: "), r.err());
            assertTrue(r.err().lines().findFirst().orElseThrow().contains("nobody@example.org"), r.err());
            assertTrue(r.err().contains(FakeSmtpServer.REFUSED_RCPT), r.err());
            assertTrue(
                    r.err().endsWith("cookbook mail send: hint: --send-partial delivers to the accepted recipients\n"),
                    r.err());
            assertTrue(
                    r.out()
                            .matches("\\{\"message_id\":\"<[^\"]+>\",\"accepted\":\\[\\],"
                                    + "\"refused\":\\[\\{\"address\":\"nobody@example.org\",\"code\":550,\"reply\":\""
                                    + java.util.regex.Pattern.quote(FakeSmtpServer.REFUSED_RCPT)
                                    + "\"}],\"failed_stage\":\"recipients\"}\n"),
                    r.out());
        }
    }

    @Test
    void sendPartialDeliversToTheOthersAndStillExits4() throws Exception {
        try (FakeSmtpServer fake = new FakeSmtpServer(false)) {
            Cli.Result r = Cli.run(
                    "mail",
                    "send",
                    "--smtp",
                    "127.0.0.1:" + fake.port(),
                    "--tls",
                    "none",
                    "--send-partial",
                    "--from",
                    "alice@example.org",
                    "--to",
                    "bob@example.org",
                    "--to",
                    "nobody@example.org",
                    "--text",
                    file("body.txt"));
            assertEquals(4, r.exit(), r::toString);
            assertEquals(1, fake.deliveries().size());
            assertEquals(List.of("<bob@example.org>"), fake.deliveries().get(0).rcptTo());
            assertEquals(
                    "cookbook mail send: sent to 1 of 2 recipients; refused: nobody@example.org ("
                            + FakeSmtpServer.REFUSED_RCPT + ")\n",
                    r.err());
        }
    }

    @Test
    void badServerTimeoutAndTlsValuesAreUsageErrors() {
        for (List<String> bad : List.of(
                List.of("--smtp", "::1:25"),
                List.of("--smtp", "host:0"),
                List.of("--smtp", "host", "--timeout", "30"),
                List.of("--smtp", "host", "--tls", "ssl"),
                List.of("--smtp", "host", "--tls", "none", "--insecure"),
                List.of("--smtp", "host", "--pass", "file:x"))) {
            List<String> args =
                    new ArrayList<>(List.of("mail", "send", "--from", "a@example.org", "--to", "b@example.org"));
            args.addAll(bad);
            Cli.Result r = run(args);
            assertEquals(2, r.exit(), () -> bad + "\n" + r);
        }
    }
}
