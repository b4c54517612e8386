package dev.cookbook.mailer.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceMaskerTest {
    private static List<String> mask(String password, String... lines) {
        List<String> out = new ArrayList<>();
        OutputStream sink = TraceMasker.lines(new TraceMasker(password), out::add);
        try (PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8)) {
            for (String l : lines) {
                ps.print(l + "\r\n");
            }
        }
        return out;
    }

    @Test
    void clientLinesAndServerRepliesAreMarkedAndAngusNotesLeftOut() {
        assertEquals(
                List.of("<- 220 mail.test ESMTP", "-> EHLO client", "<- 250-mail.test", "<- 250 STARTTLS", "-> QUIT"),
                mask(
                        null,
                        "DEBUG SMTP: trying to connect to host \"localhost\", port 25, isSSL false",
                        "220 mail.test ESMTP",
                        "DEBUG SMTP: connected to host \"localhost\", port: 25",
                        "EHLO client",
                        "250-mail.test",
                        "250 STARTTLS",
                        "DEBUG SMTP: Found extension \"STARTTLS\", arg \"\"",
                        "QUIT"));
    }

    @Test
    void authPlainInitialResponseIsMasked() {
        assertEquals(
                List.of(
                        "-> EHLO client",
                        "<- 250 AUTH PLAIN LOGIN",
                        "-> AUTH PLAIN ***",
                        "<- 235 2.7.0 ok",
                        "-> MAIL FROM:<a@b>"),
                mask(
                        null,
                        "EHLO client",
                        "250 AUTH PLAIN LOGIN",
                        "AUTH PLAIN AGFsaWNlAHNlY3JldA==",
                        "235 2.7.0 ok",
                        "MAIL FROM:<a@b>"));
    }

    @Test
    void authLoginUserAndPasswordLinesAreMasked() {
        assertEquals(
                List.of(
                        "-> AUTH LOGIN",
                        "<- 334 VXNlcm5hbWU6",
                        "-> ***",
                        "<- 334 UGFzc3dvcmQ6",
                        "-> ***",
                        "<- 535 5.7.8 no",
                        "-> QUIT"),
                mask(
                        null,
                        "AUTH LOGIN",
                        "334 VXNlcm5hbWU6",
                        "YWxpY2U=",
                        "334 UGFzc3dvcmQ6",
                        "c2VjcmV0",
                        "535 5.7.8 no",
                        "QUIT"));
    }

    @Test
    void theHeadersAreShownTheBodyCountedAndAPasswordInAHeaderMasked() {
        assertEquals(
                List.of(
                        "-> DATA",
                        "<- 354 go",
                        "-> Subject: AUTH PLAIN is explained below",
                        "-> X-Note: my pass is ***",
                        "-> ",
                        "-> [3 lines of body not shown]",
                        "-> .",
                        "<- 250 ok",
                        "-> QUIT"),
                mask(
                        "hunter2",
                        "DATA",
                        "354 go",
                        "Subject: AUTH PLAIN is explained below",
                        "X-Note: my pass is hunter2",
                        "",
                        "AUTH PLAIN AGFsaWNlAHNlY3JldA==",
                        "250 looks like a reply",
                        "\tat noon, as agreed",
                        ".",
                        "250 ok",
                        "QUIT"));
    }

    @Test
    void aMessageWithoutABodyEndsItsData() {
        assertEquals(
                List.of("-> DATA", "<- 354 go", "-> Subject: x", "-> .", "<- 250 ok", "-> QUIT"),
                mask(null, "DATA", "354 go", "Subject: x", ".", "250 ok", "QUIT"));
    }

    @Test
    void anExceptionDuringAuthShowsWithoutItsStackFrames() {
        assertEquals(
                List.of(
                        "-> AUTH PLAIN ***",
                        "== java.net.SocketTimeoutException: Read timed out",
                        "== Caused by: java.net.SocketTimeoutException: Read timed out"),
                mask(
                        null,
                        "AUTH PLAIN AGFsaWNlAHNlY3JldA==",
                        "DEBUG SMTP: exception reading response, THROW: ",
                        "java.net.SocketTimeoutException: Read timed out",
                        "\tat java.base/sun.nio.ch.NioSocketImpl.timedRead(NioSocketImpl.java:278)",
                        "DEBUG SMTP: AUTH PLAIN failed, THROW: ",
                        "Caused by: java.net.SocketTimeoutException: Read timed out",
                        "\t... 12 more"));
    }
}
