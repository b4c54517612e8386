package dev.cookbook.cli.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Cli;
import dev.cookbook.cli.common.DurationConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

/** The values {@code mail send} parses itself: {@code --smtp HOST[:PORT]} and {@code --timeout DUR}. */
class MailOptionsTest {
    private static SmtpServer server(String value) {
        return new SmtpServer.Converter().convert(value);
    }

    @Test
    void smtpTakesANameAnAddressOrABracketedIpv6AddressWithAnOptionalPort() {
        assertEquals(new SmtpServer("smtp.example.org", null), server("smtp.example.org"));
        assertEquals(new SmtpServer("smtp.example.org", 587), server("smtp.example.org:587"));
        assertEquals(new SmtpServer("127.0.0.1", 25), server("127.0.0.1:25"));
        assertEquals(new SmtpServer("[::1]", 25), server("[::1]:25"));
        assertEquals(new SmtpServer("[2001:db8::1]", null), server("[2001:db8::1]"));
        for (String bad : new String[] {
            "", ":25", "::1", "[::1", "[]:25", "[::1]25", "host:", "host:0", "host:65536", "host:x", "a b"
        }) {
            assertThrows(TypeConversionException.class, () -> server(bad), bad);
        }
    }

    @Test
    void timeoutIsANumberWithAUnit() {
        DurationConverter c = new DurationConverter();
        assertEquals(Duration.ofSeconds(30), c.convert("30s"));
        assertEquals(Duration.ofMillis(1500), c.convert("1.5s"));
        assertEquals(Duration.ofMinutes(2), c.convert("2m"));
        assertEquals(Duration.ofMillis(500), c.convert("500ms"));
        assertEquals(Duration.ofHours(1), c.convert("1h"));
        for (String bad : new String[] {"30", "0s", "-1s", "1.5", "s", "1 s", "PT30S", "30d", "1000h"}) {
            assertThrows(TypeConversionException.class, () -> c.convert(bad), bad);
        }
    }

    @Test
    void aBadTimeoutIsAUsageErrorThatSaysHowToWriteOne() {
        Cli.Result r = Cli.run("mail", "send", "--smtp", "localhost", "--timeout", "30", "--from", "a@example.org");
        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook mail send: invalid value for option '--timeout': '30' is not a duration: give a number and "
                        + "a unit, as 500ms, 30s, 1.5s or 2m\n"
                        + "cookbook mail send: hint: see 'cookbook mail send --help'\n",
                r.err());
    }

    @Test
    void insecureWarnsAndUnknownTlsModesAreNamed() {
        Cli.Result r = Cli.run(
                "mail",
                "send",
                "--smtp",
                "127.0.0.1:1",
                "--insecure",
                "--timeout",
                "2s",
                "--from",
                "a@example.org",
                "--to",
                "b@example.org",
                "--subject",
                "s");
        assertEquals(4, r.exit(), r::toString);
        assertEquals(
                "cookbook mail send: warning: --insecure: the server's certificate is not checked; anyone on the way "
                        + "can read and change the mail",
                r.err().lines().findFirst().orElseThrow());

        r = Cli.run("mail", "send", "--smtp", "localhost", "--tls", "ssl");
        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook mail send: invalid value for option '--tls': unknown TLS mode 'ssl': use starttls, "
                        + "implicit or none",
                r.err().lines().findFirst().orElseThrow());
    }

    @Test
    void emlNeedsDryRunAndPassNeedsUser() {
        Cli.Result r = Cli.run("mail", "send", "--eml", "x.eml", "--from", "a@example.org", "--to", "b@example.org");
        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook mail send: --eml needs --dry-run: it says where the message goes instead of the server",
                r.err().lines().findFirst().orElseThrow());
        r = Cli.run("mail", "send", "--smtp", "localhost", "--pass", "env:X", "--from", "a@example.org");
        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook mail send: --pass needs --user: the password is for that user",
                r.err().lines().findFirst().orElseThrow());
    }

    @Test
    void emlReplacesAnExistingFileOnlyWithForce(@TempDir Path dir) throws Exception {
        Path eml = dir.resolve("out.eml");
        Files.writeString(eml, "old\n");
        String[] args = {
            "mail",
            "send",
            "--dry-run",
            "--eml",
            eml.toString(),
            "--from",
            "a@example.org",
            "--to",
            "b@example.org",
            "--subject",
            "new"
        };
        Cli.Result r = Cli.run(args);
        assertEquals(2, r.exit(), r::toString);
        assertEquals("old\n", Files.readString(eml));

        List<String> forced = new ArrayList<>(List.of(args));
        forced.add("--force");
        r = Cli.run(forced.toArray(String[]::new));
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.out());
        assertTrue(Files.readString(eml).contains("\r\nSubject: new\r\n"));
    }

    @Test
    void aUserWithoutPassAndNoTerminalIsAUsageError() {
        Cli.Result r = Cli.run(
                "mail",
                "send",
                "--smtp",
                "127.0.0.1:1",
                "--tls",
                "none",
                "--user",
                "alice",
                "--from",
                "a@example.org",
                "--to",
                "b@example.org");
        assertEquals(2, r.exit(), r::toString);
    }
}
