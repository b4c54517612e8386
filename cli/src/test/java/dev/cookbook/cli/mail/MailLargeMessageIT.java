package dev.cookbook.cli.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cookbook.cli.Binary;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedFileInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a 100 MB attachment, and a ready message of that size from a file and from standard
 * input, go out with the JVM limited to {@code -Xmx64m} (the packaged binary, through
 * {@code COOKBOOK_JAVA_OPTS}), to a server on 127.0.0.1 that writes what it receives to a file.
 */
@Timeout(120)
class MailLargeMessageIT {
    private static final int SIZE = 100_000_000;
    private static final Map<String, String> SMALL_HEAP = Map.of("COOKBOOK_JAVA_OPTS", "-Xmx64m");

    @TempDir
    static Path shared;

    private static Path big;
    private static String bigDigest;

    @TempDir
    Path dir;

    private SpoolingSmtpServer server;

    @BeforeAll
    static void packagedAndData() throws Exception {
        assumeTrue(System.getProperty("cookbook.binary") != null, "runs under failsafe, on the packaged binary");
        big = shared.resolve("big.bin");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(13);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int left = SIZE; left > 0; left -= block.length) {
                random.nextBytes(block);
                int n = Math.min(left, block.length);
                out.write(block, 0, n);
                sha.update(block, 0, n);
            }
        }
        bigDigest = HexFormat.of().formatHex(sha.digest());
    }

    @BeforeEach
    void start() throws IOException {
        server = new SpoolingSmtpServer(dir);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void aHundredMegabyteAttachmentIsSentAndWrittenWithSixtyFourMegabytesOfHeap() throws Exception {
        Binary.Result sent = cookbook(
                null,
                "--smtp",
                "127.0.0.1:" + server.port(),
                "--tls",
                "none",
                "--from",
                "a@example.org",
                "--to",
                "b@example.org",
                "--subject",
                "big",
                "--attach",
                big.toString());
        assertEquals(0, sent.exit(), sent::toString);
        assertEquals(List.of("b@example.org"), server.recipients());
        assertEquals(bigDigest, attachmentDigest(server.received(0)));

        Path eml = dir.resolve("out.eml");
        Binary.Result dry = cookbook(
                null,
                "--dry-run",
                "--eml",
                eml.toString(),
                "--from",
                "a@example.org",
                "--to",
                "b@example.org",
                "--subject",
                "big",
                "--attach",
                big.toString());
        assertEquals(0, dry.exit(), dry::toString);
        assertEquals(bigDigest, attachmentDigest(eml));
    }

    @Test
    void aHundredMegabyteReadyMessageIsSentFromAFileAndFromStdinWithSixtyFourMegabytesOfHeap() throws Exception {
        Path eml = dir.resolve("ready.eml");
        Binary.Result dry = cookbook(
                null,
                "--dry-run",
                "--eml",
                eml.toString(),
                "--from",
                "a@example.org",
                "--to",
                "b@example.org",
                "--subject",
                "ready",
                "--attach",
                big.toString());
        assertEquals(0, dry.exit(), dry::toString);
        String emlDigest = digest(eml);

        Binary.Result fromFile =
                cookbook(null, "--smtp", "127.0.0.1:" + server.port(), "--tls", "none", "--message", eml.toString());
        assertEquals(0, fromFile.exit(), fromFile::toString);
        Binary.Result fromStdin =
                cookbook(eml, "--smtp", "127.0.0.1:" + server.port(), "--tls", "none", "--message", "-");
        assertEquals(0, fromStdin.exit(), fromStdin::toString);

        // The message has its Date and Message-ID: it goes out byte for byte as the file holds it.
        assertEquals(emlDigest, digest(server.received(0)));
        assertEquals(emlDigest, digest(server.received(1)));
        assertEquals(bigDigest, attachmentDigest(server.received(1)));
    }

    private Binary.Result cookbook(Path stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(Binary.PATH.toString(), "mail", "send"));
        command.addAll(List.of(args));
        return Binary.exec(dir, SMALL_HEAP, stdin, command);
    }

    private static String digest(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The SHA-256 of the message's second part, decoded; the message is parsed from its file in place. */
    private static String attachmentDigest(Path eml) throws Exception {
        SharedFileInputStream in = new SharedFileInputStream(eml.toFile());
        try {
            MimeMessage m = new MimeMessage(null, in);
            assertTrue(m.isMimeType("multipart/mixed"), m.getContentType());
            Part attachment = ((Multipart) m.getContent()).getBodyPart(1);
            assertEquals("big.bin", attachment.getFileName());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream data = new DigestInputStream(attachment.getInputStream(), sha)) {
                data.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(sha.digest());
        } finally {
            in.close();
        }
    }

    /**
     * An SMTP server that writes each message's DATA (dot-stuffing undone) to {@code received-N.eml}
     * in a folder, so that the test's heap does not hold it. One connection at a time; each read
     * waits at most 30 s.
     */
    private static final class SpoolingSmtpServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        private final Path dir;
        private final Thread thread;
        private final List<Path> received = Collections.synchronizedList(new ArrayList<>());
        private final List<String> recipients = Collections.synchronizedList(new ArrayList<>());

        SpoolingSmtpServer(Path dir) throws IOException {
            this.dir = dir;
            this.thread = new Thread(this::serve, "spooling-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        Path received(int i) {
            return received.get(i);
        }

        List<String> recipients() {
            return List.copyOf(recipients);
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    s.setSoTimeout(30_000);
                    session(new BufferedInputStream(s.getInputStream(), 1 << 16), s.getOutputStream());
                } catch (IOException e) {
                    // closed, or the client went away: wait for the next one
                }
            }
        }

        private void session(InputStream in, OutputStream out) throws IOException {
            reply(out, "220 spool.test ESMTP");
            for (int i = 0; i < 100; i++) {
                String line = readLine(in, null);
                if (line == null) {
                    return;
                }
                String upper = line.toUpperCase(java.util.Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    reply(out, "250-spool.test\r\n250 8BITMIME");
                } else if (upper.startsWith("RCPT TO:")) {
                    recipients.add(line.substring(8).replaceAll("[<>]", "").strip());
                    reply(out, "250 2.1.5 Ok");
                } else if (upper.equals("DATA")) {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    Path file = dir.resolve("received-" + received.size() + ".eml");
                    try (OutputStream data = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                        while (!".".equals(readLine(in, data))) {
                            // readLine wrote the line
                        }
                    }
                    received.add(file);
                    reply(out, "250 2.0.0 Ok: queued");
                } else if (upper.equals("QUIT")) {
                    reply(out, "221 2.0.0 Bye");
                    return;
                } else {
                    reply(out, "250 2.0.0 Ok");
                }
            }
        }

        /**
         * Reads one CRLF line. With {@code data}, writes it there with its CRLF (a leading dot
         * removed) unless it is the lone dot that ends DATA, and returns only "." or "" (to spare
         * building strings); without, returns the line. Null at the end of the input.
         */
        private static String readLine(InputStream in, OutputStream data) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
            for (int c; (c = in.read()) >= 0; ) {
                line.write(c);
                if (c == '\n') {
                    byte[] b = line.toByteArray();
                    int end = b.length >= 2 && b[b.length - 2] == '\r' ? b.length - 2 : b.length - 1;
                    if (data == null) {
                        return new String(b, 0, end, StandardCharsets.US_ASCII);
                    }
                    if (end == 1 && b[0] == '.') {
                        return ".";
                    }
                    int from = b.length > 0 && b[0] == '.' ? 1 : 0;
                    data.write(b, from, b.length - from);
                    return "";
                }
            }
            if (data != null) {
                throw new IOException("the input ended within DATA");
            }
            return null;
        }

        private static void reply(OutputStream out, String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
