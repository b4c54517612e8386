package dev.cookbook.cli.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.cookbook.cli.Cli;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mail send}'s server settings from the accounts file and the {@code COOKBOOK_SMTP_*}
 * environment: the command line wins over the environment, which wins over the file; against
 * GreenMail with AUTH on 127.0.0.1.
 */
@Timeout(60)
class MailAccountsTest {
    private static final String PASSWORD = "acc0unt-Pa55";

    @TempDir
    Path dir;

    private GreenMail greenMail;
    private Path config;
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        greenMail.setUser("alice@example.org", "alice", PASSWORD);
        Files.writeString(dir.resolve("body.txt"), "hello\n");
        config = Files.createDirectories(dir.resolve("xdg/cookbook")).resolve("mail.conf");
        Files.writeString(config.resolveSibling("alice.pw"), PASSWORD + "\n");
        env = new HashMap<>(Map.of("XDG_CONFIG_HOME", dir.resolve("xdg").toString(), "HOME", dir.toString()));
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private String server() {
        return "127.0.0.1:" + greenMail.getSmtp().getPort();
    }

    /** A port nothing listens on: the server of settings that must lose. */
    private static String deadServer() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "127.0.0.1:" + s.getLocalPort();
        }
    }

    private void conf(String text) throws Exception {
        Files.writeString(config, text);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    }

    private Cli.Result send(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "mail",
                "send",
                "--to",
                "bob@example.org",
                "--subject",
                "via account",
                "--text",
                dir.resolve("body.txt").toString()));
        args.addAll(List.of(extra));
        return Cli.withEnvironment(env, args.toArray(String[]::new));
    }

    private MimeMessage only() {
        assertTrue(greenMail.waitForIncomingEmail(5_000, 1));
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertEquals(1, received.length);
        return received[0];
    }

    @Test
    void theDefaultAccountGivesServerUserPasswordFileAndSender() throws Exception {
        conf("# accounts\ndefault = work\n\n[work]\nsmtp = " + server() + "\ntls = none\ntimeout = 10s\n"
                + "user = alice\npass = file:alice.pw\nfrom = Alice <alice@example.org>\n");

        Cli.Result r = send();

        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        assertEquals("Alice <alice@example.org>", only().getHeader("From", ", "));
    }

    @Test
    void accountChoosesAnotherAccountAndTheEnvironmentCanNameIt() throws Exception {
        conf("default = dead\n[dead]\nsmtp = " + deadServer() + "\ntls = none\n[live]\nsmtp = " + server()
                + "\ntls = none\nuser = alice\npass = file:alice.pw\nfrom = alice@example.org\n");

        Cli.Result r = send("--account", "live");
        assertEquals(0, r.exit(), r::toString);

        env.put("COOKBOOK_SMTP_ACCOUNT", "live");
        Cli.Result fromEnvironment = send();
        assertEquals(0, fromEnvironment.exit(), fromEnvironment::toString);
        assertTrue(greenMail.waitForIncomingEmail(5_000, 2));
    }

    @Test
    void anUnknownAccountIsAUsageErrorNamingTheAccounts() throws Exception {
        conf("[work]\nsmtp = " + server() + "\n[home]\nsmtp = " + server() + "\n");

        Cli.Result r = send("--account", "wrok", "--from", "alice@example.org");

        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook mail send: --account 'wrok': no such account in " + config + " (accounts: work, home)\n",
                r.err());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void anAccountWithoutAFileSaysWhereTheFileGoes() {
        Cli.Result r = send("--account", "work", "--from", "alice@example.org");

        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook mail send: --account 'work': there is no accounts file\n"
                        + "cookbook mail send: hint: create " + config + " (see 'cookbook mail send --help')\n",
                r.err());
    }

    @Test
    void withoutXdgConfigHomeTheFileIsUnderHomeDotConfig() throws Exception {
        env.remove("XDG_CONFIG_HOME");
        Path home = Files.createDirectories(dir.resolve(".config/cookbook")).resolve("mail.conf");
        Files.writeString(home, "default = a\n[a]\nsmtp = " + server() + "\ntls = none\nfrom = alice@example.org\n");

        Cli.Result r = send();

        assertEquals(0, r.exit(), r::toString);
        only();
    }

    @Test
    void theEnvironmentWinsOverTheFileAndTheCommandLineOverTheEnvironment() throws Exception {
        conf("default = work\n[work]\nsmtp = " + deadServer() + "\ntls = starttls\nfrom = file@example.org\n");
        env.put("COOKBOOK_SMTP_SERVER", server());
        env.put("COOKBOOK_SMTP_TLS", "none");

        Cli.Result r = send("--from", "cli@example.org");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("cli@example.org", only().getHeader("From", ", "));

        env.put("COOKBOOK_SMTP_SERVER", deadServer());
        env.put("COOKBOOK_SMTP_FROM", "env@example.org");
        Cli.Result cli = send("--smtp", server());
        assertEquals(0, cli.exit(), cli::toString);
        assertTrue(greenMail.waitForIncomingEmail(5_000, 2));
        assertEquals("env@example.org", greenMail.getReceivedMessages()[1].getHeader("From", ", "));
    }

    @Test
    void theEnvironmentAloneCarriesUserAndPasswordSource() {
        env.putAll(Map.of(
                "COOKBOOK_SMTP_SERVER", server(),
                "COOKBOOK_SMTP_TLS", "none",
                "COOKBOOK_SMTP_USER", "alice",
                "COOKBOOK_SMTP_PASS", "env:SMTP_PASSWORD",
                "SMTP_PASSWORD", PASSWORD));

        Cli.Result r = send("--from", "alice@example.org");

        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        only();
    }

    @Test
    void aWrongPasswordFromTheEnvironmentIsRefusedByTheServer() {
        env.putAll(Map.of(
                "COOKBOOK_SMTP_SERVER", server(),
                "COOKBOOK_SMTP_TLS", "none",
                "COOKBOOK_SMTP_USER", "alice",
                "COOKBOOK_SMTP_PASS", "env:SMTP_PASSWORD",
                "SMTP_PASSWORD", "wrong"));

        Cli.Result r = send("--from", "alice@example.org");

        assertEquals(4, r.exit(), r::toString);
        assertTrue(r.err().startsWith("cookbook mail send: "), r::toString);
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void anAccountsPasswordIsNotSentWithAnotherUsersName() throws Exception {
        conf("default = work\n[work]\nsmtp = " + server() + "\ntls = none\nuser = alice\npass = file:alice.pw\n");

        Cli.Result r = send("--user", "mallory", "--from", "alice@example.org");

        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook mail send: no password: give --pass SPEC (env:NAME, file:PATH, fd:N, stdin) or run on a "
                        + "terminal\n"
                        + "cookbook mail send: hint: see 'cookbook mail send --help'\n",
                r.err());
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void anAccountsLoginDoesNotGoToAServerGivenOnTheCommandLine() throws Exception {
        conf("default = work\n[work]\nsmtp = " + deadServer() + "\nuser = alice\npass = env:NOT_SET_ANYWHERE\n"
                + "from = alice@example.org\n");

        Cli.Result r = send("--smtp", server(), "--tls", "none", "--trace");

        assertEquals(0, r.exit(), r::toString); // the password source was never read: no login at all
        assertTrue(!r.err().contains("\n-> AUTH"), r::toString);
        only();
    }

    @Test
    void aLiteralPasswordInAFileOthersCanReadIsRefused() throws Exception {
        conf("default = work\n[work]\nsmtp = " + server() + "\ntls = none\nuser = alice\npass = pass:" + PASSWORD
                + "\nfrom = alice@example.org\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));

        Cli.Result loose = send();

        assertEquals(2, loose.exit(), loose::toString);
        assertEquals(
                "cookbook mail send: " + config + ": line 6 holds a password, and the file's permissions (rw-r--r--) "
                        + "let others read it\n"
                        + "cookbook mail send: hint: chmod 600 '" + config
                        + "', or give the password as env:NAME or file:PATH\n",
                loose.err());
        assertEquals(0, greenMail.getReceivedMessages().length);

        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        Cli.Result tight = send();
        assertEquals(0, tight.exit(), tight::toString);
        assertEquals("", tight.err()); // no pass:TEXT warning: it is on no command line
        only();
    }

    @Test
    void aPasswordSourceInAReadableFileIsFine() throws Exception {
        conf("default = work\n[work]\nsmtp = " + server() + "\ntls = none\nuser = alice\npass = file:alice.pw\n"
                + "from = alice@example.org\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));

        Cli.Result r = send();

        assertEquals(0, r.exit(), r::toString);
        only();
    }

    @Test
    void aMalformedFileNamesItsLine() throws Exception {
        String[][] cases = {
            {
                "[work]\nsmtp = x\nhots = y\n",
                "line 3: unknown setting 'hots' (known: smtp, tls, cafile, insecure, " + "user, pass, timeout, from)"
            },
            {"smtp = x\n", "line 1: 'smtp' before the first [account]: only 'default = ACCOUNT' goes there"},
            {"[work]\nsmtp x\n", "line 2: 'smtp x' is not 'key = value', '[account]' or a # comment"},
            {"[w]\n[w]\n", "line 2: account 'w' is defined twice"},
            {"[w]\nuser = a\nuser = b\n", "line 3: 'user' is set twice (first on line 2)"},
            {"default = nope\n[w]\n", "line 1: default account 'nope' is not defined (accounts: w)"},
            {"[bad name]\n", "line 1: '[bad name]' is not [NAME] (letters, digits, '.', '_', '-')"},
        };
        for (String[] c : cases) {
            conf(c[0]);
            Cli.Result r = send("--dry-run", "--from", "a@example.org");
            assertEquals(2, r.exit(), r::toString);
            assertEquals("cookbook mail send: " + config + ": " + c[1] + "\n", r.err(), c[0]);
        }
    }

    @Test
    void aBadValueNamesWhereItCameFrom() throws Exception {
        conf("default = w\n[w]\nsmtp = " + server() + "\ntimeout = soon\n");
        Cli.Result file = send("--from", "a@example.org", "--tls", "none");
        assertEquals(2, file.exit(), file::toString);
        assertEquals(
                "cookbook mail send: " + config + ": line 4: timeout: 'soon' is not a duration: give a number and a "
                        + "unit, as 500ms, 30s, 1.5s or 2m\n",
                file.err());

        env.put("COOKBOOK_SMTP_TLS", "startls");
        Cli.Result environment = send("--from", "a@example.org", "--timeout", "5s");
        assertEquals(2, environment.exit(), environment::toString);
        assertTrue(environment.err().startsWith("cookbook mail send: COOKBOOK_SMTP_TLS: "), environment::toString);
        assertTrue(environment.err().contains("startls"), environment::toString);
    }

    @Test
    void aDryRunTakesTheSenderFromTheAccountAndContactsNoServer() throws Exception {
        conf("default = w\n[w]\nsmtp = " + deadServer() + "\nfrom = Alice <alice@example.org>\n");

        Cli.Result r = send("--dry-run");

        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("From: Alice <alice@example.org>\r\n"), r::toString);
    }

    @Test
    void aPasswordWithoutAUserNamesItsPlace() throws Exception {
        conf("default = w\n[w]\nsmtp = " + server() + "\ntls = none\npass = file:alice.pw\n");

        Cli.Result r = send("--from", "a@example.org");

        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook mail send: " + config + ": line 5: pass gives a password but no user is set: add user\n",
                r.err());
    }
}
