package dev.cookbook.cli.mail;

import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.PasswordOption;
import dev.cookbook.mailer.smtp.SmtpSettings;
import dev.cookbook.mailer.smtp.TlsMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The server options of {@code mail send}: {@code --smtp HOST[:PORT]}, {@code --tls},
 * {@code --cafile}, {@code --insecure}, {@code --user}, {@code --timeout}, {@code --send-partial},
 * made into the library's {@link SmtpSettings} (the password from the command's {@code --pass}).
 */
final class SmtpOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = "--smtp",
            paramLabel = "HOST[:PORT]",
            converter = SmtpServer.Converter.class,
            description = "The SMTP server: a name, an address, or [IPv6] in brackets.")
    private SmtpServer smtp;

    @Option(
            names = "--tls",
            paramLabel = "MODE",
            converter = TlsChoice.class,
            completionCandidates = TlsChoice.class,
            description = "${COMPLETION-CANDIDATES} (default: implicit on port 465, starttls otherwise).")
    private TlsMode tls;

    @Option(names = "--cafile", paramLabel = "PEM", description = "Also trust the CA certificates in PEM.")
    private Path caFile;

    @Option(names = "--insecure", description = "Accept any certificate for any host: for test servers only.")
    private boolean insecure;

    @Option(names = "--user", paramLabel = "USER", description = "Authenticate as USER (the password from --pass).")
    private String user;

    @Option(
            names = "--timeout",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "Timeout for connecting and for each read: 30s, 2m, 500ms (default: 30s).")
    private Duration timeout = SmtpSettings.DEFAULT_TIMEOUT;

    @Option(
            names = "--send-partial",
            description = "When some recipients are refused, deliver to the others (still exit 4).")
    private boolean sendPartial;

    /** Whether {@code --tls} was given. */
    boolean tlsGiven() {
        return tls != null;
    }

    boolean sendPartial() {
        return sendPartial;
    }

    /** Rejects what cannot send: no {@code --smtp}, a {@code --pass} without {@code --user}. */
    void validate(PasswordOption password) {
        if (smtp == null) {
            throw usage("missing --smtp HOST[:PORT]: the server to send through (or --dry-run)");
        }
        if (password.given() && user == null) {
            throw usage("--pass needs --user: the password is for that user");
        }
    }

    /**
     * The settings, reading the password (and warning about {@code --insecure}).
     *
     * @throws ParameterException a combination the library refuses (a CA file with {@code --tls none}, ...)
     */
    SmtpSettings settings(Stdio stdio, Diagnostics say, PasswordOption password) throws IOException {
        char[] secret = null;
        try {
            SmtpSettings.Builder b = SmtpSettings.builder(smtp.host());
            if (smtp.port() != null) {
                b.port(smtp.port());
            }
            if (tls != null) {
                b.tls(tls);
            }
            b.caFile(caFile).insecure(insecure).timeout(timeout).sendPartial(sendPartial);
            if (user != null) {
                secret = password.read(stdio, say::warn, false);
                b.user(user).password(secret);
            }
            SmtpSettings settings = b.build();
            if (insecure) {
                say.warn("--insecure: the server's certificate is not checked; anyone on the way can read and "
                        + "change the mail");
            }
            return settings;
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }

    private ParameterException usage(String text) {
        return new ParameterException(spec.commandLine(), text);
    }
}
