package dev.cookbook.cli.mail;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.DurationConverter;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.cli.common.PasswordOption;
import dev.cookbook.mailer.smtp.SmtpSettings;
import dev.cookbook.mailer.smtp.TlsMode;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The server options of {@code mail send}: {@code --smtp HOST[:PORT]}, {@code --tls},
 * {@code --cafile}, {@code --insecure}, {@code --user}, {@code --timeout}, {@code --send-partial},
 * made into the library's {@link SmtpSettings} (the password from the command's {@code --pass}).
 *
 * <p>What the command line leaves out comes from the environment ({@code COOKBOOK_SMTP_SERVER},
 * {@code COOKBOOK_SMTP_TLS}, ...), and what that leaves out from an account of the {@link MailConfig}
 * file: {@code --account NAME}, else {@code COOKBOOK_SMTP_ACCOUNT}, else the file's default. A
 * login is taken only from where the server came from or from a place that wins over it, and a
 * password source only from where the user came from or from a place that wins over that, so
 * that an account's password never goes to another server or out with another user name.
 */
final class SmtpOptions {
    private static final int FILE = 0;
    private static final int ENVIRONMENT = 1;
    private static final int COMMAND_LINE = 2;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--account",
            paramLabel = "NAME",
            description = "Use account NAME of the accounts file (default: the file's 'default = NAME').")
    String account;

    @Option(
            names = "--smtp",
            paramLabel = "HOST[:PORT]",
            converter = SmtpServer.Converter.class,
            description = "The SMTP server: a name, an address, or [IPv6] in brackets.")
    SmtpServer smtp;

    @Option(
            names = "--tls",
            paramLabel = "MODE",
            converter = TlsChoice.class,
            completionCandidates = TlsChoice.class,
            description = "${COMPLETION-CANDIDATES} (default: implicit on port 465, starttls otherwise).")
    TlsMode tls;

    @Option(names = "--cafile", paramLabel = "PEM", description = "Also trust the CA certificates in PEM.")
    Path caFile;

    @Option(names = "--insecure", description = "Accept any certificate for any host: for test servers only.")
    boolean insecure;

    @Option(names = "--user", paramLabel = "USER", description = "Authenticate as USER (the password from --pass).")
    String user;

    @Option(
            names = "--timeout",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "Timeout for connecting and for each read: 30s, 2m, 500ms (default: 30s).")
    Duration timeout;

    @Option(
            names = "--send-partial",
            description = "When some recipients are refused, deliver to the others (still exit 4).")
    boolean sendPartial;

    /** A setting from the environment or the accounts file: its text, where it was found, and that place's rank. */
    private record Setting(String text, String origin, int rank, Path base) {}

    /** The environment's and the account's settings, by key of {@link MailConfig#KEYS}; set by {@link #resolve}. */
    private Map<String, Setting> settings;

    /** {@code HOME}, for {@code ~/} in paths of the accounts file. */
    private String home;

    /**
     * Reads the environment and the accounts file (not the password yet).
     *
     * @throws CommandFailure an unreadable or malformed accounts file, an unknown account
     */
    void resolve(Stdio stdio) {
        Map<String, String> environment = stdio.environment();
        home = environment.get("HOME");
        Map<String, Setting> found = new HashMap<>();
        Path location = MailConfig.location(environment);
        MailConfig config = location == null ? null : MailConfig.read(location);
        String chosenBy = "--account";
        String name = account;
        if (name == null
                && !environment.getOrDefault("COOKBOOK_SMTP_ACCOUNT", "").isEmpty()) {
            name = environment.get("COOKBOOK_SMTP_ACCOUNT");
            chosenBy = "COOKBOOK_SMTP_ACCOUNT";
        }
        if (config == null && name != null) {
            throw new CommandFailure(
                    ExitCodes.USAGE,
                    chosenBy + " '" + name + "': there is no accounts file"
                            + (location == null ? " (neither HOME nor XDG_CONFIG_HOME is set)" : ""),
                    location == null ? null : "create " + location + " (see 'cookbook mail send --help')",
                    null);
        }
        if (config != null) {
            if (name == null) {
                name = config.defaultAccount();
            }
            if (name != null) {
                config.account(name, chosenBy)
                        .forEach((key, value) -> found.put(
                                key,
                                new Setting(
                                        value.text(),
                                        Messages.quote(config.file().toString()) + ": line " + value.line() + ": "
                                                + key,
                                        FILE,
                                        config.file().getParent())));
            }
        }
        for (String key : MailConfig.KEYS) {
            String variable = variable(key);
            String value = environment.get(variable);
            if (value != null && !value.isEmpty()) {
                found.put(key, new Setting(value, variable, ENVIRONMENT, null));
            }
        }
        settings = found;
    }

    /** {@code COOKBOOK_SMTP_SERVER} for {@code smtp}, {@code COOKBOOK_SMTP_USER} for {@code user}, ... */
    static String variable(String key) {
        return "COOKBOOK_SMTP_" + (key.equals("smtp") ? "SERVER" : key.toUpperCase(Locale.ROOT));
    }

    /** The sender the environment or the account names, for a message without {@code --from}; or null. */
    String from() {
        Setting from = settings.get("from");
        return from == null ? null : from.text();
    }

    /** Whether {@code --tls} was given, or a TLS mode set elsewhere. */
    boolean tlsGiven() {
        return tls != null || settings.containsKey("tls");
    }

    boolean sendPartial() {
        return sendPartial;
    }

    /** Whether the password would be read from standard input. */
    boolean passwordReadsStdin(PasswordOption password) {
        if (password.given()) {
            return password.readsStdin();
        }
        if (userName() == null) {
            return false;
        }
        Setting pass = passwordSetting(password);
        return pass != null && pass.text().equals("stdin");
    }

    /** Rejects what cannot send: no server, a password without a user. */
    void validate(PasswordOption password) {
        if (smtp == null && !settings.containsKey("smtp")) {
            throw usage("missing --smtp HOST[:PORT]: the server to send through (or --dry-run, or an account, "
                    + "or COOKBOOK_SMTP_SERVER)");
        }
        if (userName() == null) {
            if (password.given()) {
                throw usage("--pass needs --user: the password is for that user");
            }
            Setting pass = settings.get("pass");
            if (pass != null && !settings.containsKey("user")) {
                throw new CommandFailure(
                        ExitCodes.USAGE, pass.origin() + " gives a password but no user is set: add user", null, null);
            }
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
            SmtpServer server = smtp != null ? smtp : convert("smtp", new SmtpServer.Converter());
            SmtpSettings.Builder b = SmtpSettings.builder(server.host());
            if (server.port() != null) {
                b.port(server.port());
            }
            TlsMode mode = tls != null ? tls : convert("tls", new TlsChoice());
            if (mode != null) {
                b.tls(mode);
            }
            Duration wait = timeout != null ? timeout : convert("timeout", new DurationConverter());
            boolean trustAll = insecure || Boolean.TRUE.equals(convert("insecure", SmtpOptions::flag));
            Setting ca = settings.get("cafile");
            b.caFile(caFile != null || ca == null ? caFile : path(ca, ca.text()))
                    .insecure(trustAll)
                    .timeout(wait != null ? wait : SmtpSettings.DEFAULT_TIMEOUT)
                    .sendPartial(sendPartial);
            String name = userName();
            if (name != null) {
                secret = readPassword(stdio, say, password);
                b.user(name).password(secret);
            }
            SmtpSettings built = b.build();
            if (trustAll) {
                say.warn("--insecure: the server's certificate is not checked; anyone on the way can read and "
                        + "change the mail");
            }
            return built;
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
    }

    /**
     * The user: {@code --user}, else the environment's or the account's, but only when the server
     * came from the same place or one that it wins over: an account's login never goes to a server
     * named somewhere else (a test server given with {@code --smtp}, say).
     */
    private String userName() {
        if (user != null) {
            return user;
        }
        Setting u = settings.get("user");
        int serverRank = smtp != null
                ? COMMAND_LINE
                : settings.containsKey("smtp") ? settings.get("smtp").rank() : FILE;
        return u == null || u.rank() < serverRank ? null : u.text();
    }

    /** The password source that goes with the user name: from the user's place or one that wins over it. */
    private Setting passwordSetting(PasswordOption password) {
        Setting pass = settings.get("pass");
        if (pass == null || password.given()) {
            return null;
        }
        int userRank = user != null
                ? COMMAND_LINE
                : settings.containsKey("user") ? settings.get("user").rank() : FILE;
        return pass.rank() >= userRank ? pass : null;
    }

    private char[] readPassword(Stdio stdio, Diagnostics say, PasswordOption password) throws IOException {
        Setting pass = passwordSetting(password);
        if (pass == null) {
            return password.read(stdio, say::warn, false);
        }
        String source = pass.text();
        if (source.startsWith("file:")) {
            source = "file:" + path(pass, source.substring("file:".length()));
        }
        // A literal from the environment or from a private file is not on any command line to warn about.
        return PasswordOption.read(spec, pass.origin(), source, stdio, ignored -> {});
    }

    /** A path from the accounts file: {@code ~/} is the home folder, a relative one is beside the file. */
    private Path path(Setting setting, String text) {
        try {
            if (text.startsWith("~/") && home != null) {
                return Path.of(home, text.substring(2));
            }
            Path path = Path.of(text);
            return setting.base() == null ? path : setting.base().resolve(path);
        } catch (InvalidPathException e) {
            throw new CommandFailure(ExitCodes.USAGE, setting.origin() + ": '" + text + "' is not a path", null, e);
        }
    }

    private <T> T convert(String key, ITypeConverter<T> converter) {
        Setting setting = settings.get(key);
        if (setting == null) {
            return null;
        }
        try {
            return converter.convert(setting.text());
        } catch (TypeConversionException e) {
            throw new CommandFailure(ExitCodes.USAGE, setting.origin() + ": " + e.getMessage(), null, e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Boolean flag(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new TypeConversionException("'" + text + "' is not true or false");
        };
    }

    private ParameterException usage(String text) {
        return new ParameterException(spec.commandLine(), text);
    }
}
