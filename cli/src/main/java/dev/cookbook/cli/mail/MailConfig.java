package dev.cookbook.cli.mail;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.common.Messages;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The mail accounts file, {@code $XDG_CONFIG_HOME/cookbook/mail.conf} (else
 * {@code ~/.config/cookbook/mail.conf}): named accounts of server settings, one of them the default.
 *
 * <pre>
 * # which account mail send uses without --account
 * default = work
 *
 * [work]
 * smtp = smtp.example.org:587
 * user = me@example.org
 * pass = env:WORK_SMTP_PASSWORD
 * from = Me &lt;me@example.org&gt;
 * </pre>
 *
 * A line is a comment ({@code #} or {@code ;} first), {@code [NAME]} (an account), or
 * {@code key = value}: the value is the rest of the line, spaces around it removed, nothing
 * quoted. Any error names the file and line; a file that others can read is refused when it holds
 * a literal password ({@code pass = pass:TEXT}), as ssh refuses a private key with loose
 * permissions.
 */
final class MailConfig {
    /** The settings an account can hold, named as the {@code mail send} options they stand for. */
    static final List<String> KEYS = List.of("smtp", "tls", "cafile", "insecure", "user", "pass", "timeout", "from");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    /** One setting and the line it is on. */
    record Value(String text, int line) {}

    private final Path file;
    private final Value defaultAccount;
    private final Map<String, Map<String, Value>> accounts;

    private MailConfig(Path file, Value defaultAccount, Map<String, Map<String, Value>> accounts) {
        this.file = file;
        this.defaultAccount = defaultAccount;
        this.accounts = accounts;
    }

    /** Where the file is, from {@code XDG_CONFIG_HOME} or {@code HOME}; null when neither is set. */
    static Path location(Map<String, String> environment) {
        String xdg = environment.get("XDG_CONFIG_HOME");
        if (xdg != null && xdg.startsWith("/")) {
            return Path.of(xdg, "cookbook", "mail.conf");
        }
        String home = environment.get("HOME");
        return home == null || home.isEmpty() ? null : Path.of(home, ".config", "cookbook", "mail.conf");
    }

    /**
     * Reads the file; null when it does not exist.
     *
     * @throws CommandFailure a line that is not a comment, an account or a known setting, a
     *     literal password in a file others can read (exit 2), a file that cannot be read (exit 4)
     */
    static MailConfig read(Path file) {
        List<String> lines;
        try {
            lines = List.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString()
                    .split("\r?\n", -1));
        } catch (NoSuchFileException e) {
            return null;
        } catch (CharacterCodingException e) {
            throw new CommandFailure(ExitCodes.USAGE, Messages.quote(file.toString()) + ": not UTF-8 text");
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.IO_ERROR, Messages.fileError(file.toString(), e));
        }
        MailConfig config = parse(file, lines);
        config.checkPermissions();
        return config;
    }

    private static MailConfig parse(Path file, List<String> lines) {
        Value defaultAccount = null;
        Map<String, Map<String, Value>> accounts = new LinkedHashMap<>();
        Map<String, Value> account = null;
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                String name = line.endsWith("]")
                        ? line.substring(1, line.length() - 1).strip()
                        : "";
                if (!NAME.matcher(name).matches()) {
                    throw error(file, number, "'" + line + "' is not [NAME] (letters, digits, '.', '_', '-')");
                }
                if (accounts.containsKey(name)) {
                    throw error(file, number, "account '" + name + "' is defined twice");
                }
                account = new LinkedHashMap<>();
                accounts.put(name, account);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw error(file, number, "'" + line + "' is not 'key = value', '[account]' or a # comment");
            }
            String key = line.substring(0, eq).strip();
            Value value = new Value(line.substring(eq + 1).strip(), number);
            if (account == null) {
                if (!key.equals("default")) {
                    throw error(
                            file,
                            number,
                            "'" + key + "' before the first [account]: only 'default = ACCOUNT' goes there");
                }
                if (defaultAccount != null) {
                    throw error(file, number, "'default' is set twice (first on line " + defaultAccount.line() + ")");
                }
                defaultAccount = value;
                continue;
            }
            if (!KEYS.contains(key)) {
                throw error(file, number, "unknown setting '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
            Value previous = account.putIfAbsent(key, value);
            if (previous != null) {
                throw error(file, number, "'" + key + "' is set twice (first on line " + previous.line() + ")");
            }
        }
        if (defaultAccount != null && !accounts.containsKey(defaultAccount.text())) {
            throw error(
                    file,
                    defaultAccount.line(),
                    "default account '" + defaultAccount.text() + "' is not defined" + known(accounts));
        }
        return new MailConfig(file, defaultAccount, accounts);
    }

    /** Refuses a literal password in a file that anyone but its owner may read or change. */
    private void checkPermissions() {
        Value literal = null;
        for (Map<String, Value> account : accounts.values()) {
            Value pass = account.get("pass");
            if (pass != null && pass.text().startsWith("pass:") && literal == null) {
                literal = pass;
            }
        }
        if (literal == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return;
        }
        Set<PosixFilePermission> loose = EnumSet.noneOf(PosixFilePermission.class);
        loose.addAll(permissions);
        loose.retainAll(OTHERS);
        if (!loose.isEmpty()) {
            throw new CommandFailure(
                    ExitCodes.USAGE,
                    Messages.quote(file.toString()) + ": line " + literal.line() + " holds a password, and the file's "
                            + "permissions (" + PosixFilePermissions.toString(permissions) + ") let others read it",
                    "chmod 600 '" + file + "', or give the password as env:NAME or file:PATH",
                    null);
        }
    }

    Path file() {
        return file;
    }

    /** The account {@code default =} names, or null. */
    String defaultAccount() {
        return defaultAccount == null ? null : defaultAccount.text();
    }

    /**
     * The settings of account {@code name}.
     *
     * @param chosenBy what asked for it ({@code --account}, {@code COOKBOOK_SMTP_ACCOUNT}), for the error
     * @throws CommandFailure no such account (exit 2)
     */
    Map<String, Value> account(String name, String chosenBy) {
        Map<String, Value> account = accounts.get(name);
        if (account == null) {
            throw new CommandFailure(
                    ExitCodes.USAGE,
                    chosenBy + " '" + name + "': no such account in " + Messages.quote(file.toString())
                            + known(accounts));
        }
        return account;
    }

    private static String known(Map<String, ?> accounts) {
        return accounts.isEmpty() ? " (it defines none)" : " (accounts: " + String.join(", ", accounts.keySet()) + ")";
    }

    private static CommandFailure error(Path file, int line, String message) {
        return new CommandFailure(ExitCodes.USAGE, Messages.quote(file.toString()) + ": line " + line + ": " + message);
    }
}
