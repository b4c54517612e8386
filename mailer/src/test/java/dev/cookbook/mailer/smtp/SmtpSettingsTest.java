package dev.cookbook.mailer.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {
    @Test
    void defaultsFollowThePortAndTheMode() {
        SmtpSettings plain = SmtpSettings.builder("smtp.example.org").build();
        assertEquals(TlsMode.STARTTLS, plain.tls());
        assertEquals(587, plain.port());
        assertEquals(Duration.ofSeconds(30), plain.timeout());
        assertEquals(
                TlsMode.IMPLICIT, SmtpSettings.builder("h").port(465).build().tls());
        assertEquals(
                465, SmtpSettings.builder("h").tls(TlsMode.IMPLICIT).build().port());
        assertEquals(25, SmtpSettings.builder("h").tls(TlsMode.NONE).build().port());
        assertEquals(
                TlsMode.STARTTLS, SmtpSettings.builder("h").port(2525).build().tls());
        assertEquals(
                "[::1]:25",
                SmtpSettings.builder("[::1]").tls(TlsMode.NONE).build().server());
    }

    @Test
    void impossibleCombinationsAreRefusedNamingBoth() {
        assertEquals(
                "a CA file (ca.pem) and insecure contradict each other: insecure trusts any certificate",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> SmtpSettings.builder("h")
                                        .caFile(Path.of("ca.pem"))
                                        .insecure(true)
                                        .build())
                        .getMessage());
        assertEquals(
                "a CA file (ca.pem) has no use with TLS mode NONE",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> SmtpSettings.builder("h")
                                        .tls(TlsMode.NONE)
                                        .caFile(Path.of("ca.pem"))
                                        .build())
                        .getMessage());
        assertEquals(
                "user 'alice' needs a password",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> SmtpSettings.builder("h").user("alice").build())
                        .getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> SmtpSettings.builder("h").port(0));
        assertThrows(IllegalArgumentException.class, () -> SmtpSettings.builder("h\r\nRCPT"));
        assertThrows(
                IllegalArgumentException.class, () -> SmtpSettings.builder("h").timeout(Duration.ZERO));
    }

    @Test
    void thePasswordIsCopiedAndNeverShown() {
        char[] pw = "secret".toCharArray();
        SmtpSettings s = SmtpSettings.builder("h").user("alice").password(pw).build();
        java.util.Arrays.fill(pw, 'x');
        assertEquals("secret", new String(s.password().orElseThrow()));
        assertEquals("SmtpSettings[h:587, tls=STARTTLS, user=alice]", s.toString());
        s.wipePassword();
        assertEquals("\0\0\0\0\0\0", new String(s.password().orElseThrow()));
    }
}
