package dev.cookbook.cli.mail;

import dev.cookbook.cli.ErrorHints;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.LoggingMixin;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.Output;
import dev.cookbook.cli.common.PasswordOption;
import dev.cookbook.mailer.MailException;
import dev.cookbook.mailer.message.MailMessage;
import dev.cookbook.mailer.message.MessageBuilder;
import dev.cookbook.mailer.message.OutgoingMessage;
import dev.cookbook.mailer.message.ReadyMessage;
import dev.cookbook.mailer.smtp.SendResult;
import dev.cookbook.mailer.smtp.SmtpException;
import dev.cookbook.mailer.smtp.SmtpSender;
import dev.cookbook.mailer.smtp.SmtpSettings;
import jakarta.mail.Session;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook mail send}: compose a message (or take a ready one) and send it over SMTP. */
@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Send a message over SMTP: plain text, HTML, attachments and inline images, or a ready message "
                    + "with --message.",
            "STARTTLS is required unless --tls says otherwise; certificates are checked against the system "
                    + "trust store. --dry-run writes the message instead of sending it.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook mail send --dry-run --from me@example.org --to you@example.org --subject hi --text notes.txt",
            "  cookbook mail send --dry-run --eml out.eml --from me@example.org --to you@example.org "
                    + "--subject Report --html report.html --attach report.pdf",
            "  cookbook mail send --dry-run --message - < message.eml",
            "",
            "Server settings left off the command line come from COOKBOOK_SMTP_SERVER, _TLS, _CAFILE, _INSECURE,",
            "_USER, _PASS (a password source), _TIMEOUT and _FROM, then from an account (--account NAME, else",
            "COOKBOOK_SMTP_ACCOUNT, else the default) in $XDG_CONFIG_HOME/cookbook/mail.conf, else",
            "~/.config/cookbook/mail.conf:",
            "    default = work",
            "    [work]",
            "    smtp = smtp.example.org:587",
            "    user = me@example.org",
            "    pass = env:WORK_SMTP_PASSWORD",
            "    from = Me <me@example.org>",
        })
@ExitCodes.Returns({ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class MailSendCommand implements Callable<Integer>, ErrorHints {
    /** {@code --attach FILE [--type MIME] [--name NAME]}: one attachment; type and name belong to it. */
    static final class AttachGroup {
        @Option(
                names = "--attach",
                paramLabel = "FILE",
                required = true,
                description = "Attach FILE; repeat for several.")
        Path file;

        @Option(
                names = "--type",
                paramLabel = "MIME",
                description = "The attachment's content type (default: detected from its content and name).")
        String type;

        @Option(
                names = "--name",
                paramLabel = "NAME",
                description = "The attachment's file name in the message (default: FILE's name).")
        String name;
    }

    @Option(names = "--from", paramLabel = "ADDR", description = "The sender, as 'Name <addr>' or addr.")
    String from;

    @Option(names = "--to", paramLabel = "ADDR", description = "A recipient; repeat for several.")
    List<String> to = new ArrayList<>();

    @Option(names = "--cc", paramLabel = "ADDR", description = "A copy recipient; repeat for several.")
    List<String> cc = new ArrayList<>();

    @Option(
            names = "--bcc",
            paramLabel = "ADDR",
            description = "A blind copy recipient (not shown in the headers); repeat for several.")
    List<String> bcc = new ArrayList<>();

    @Option(names = "--reply-to", paramLabel = "ADDR", description = "Where replies should go.")
    List<String> replyTo = new ArrayList<>();

    @Option(names = "--subject", paramLabel = "TEXT", description = "The subject.")
    String subject;

    @Option(names = "--text", paramLabel = "FILE", description = "The plain-text body, UTF-8 (- for stdin).")
    String text;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "The HTML body, UTF-8; alone, it also gets a plain-text alternative.")
    Path html;

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<AttachGroup> attachments = new ArrayList<>();

    @Option(
            names = "--inline",
            paramLabel = "CID=FILE",
            description = "An image the HTML shows as <img src=\"cid:CID\">; repeat for several.")
    List<String> inlines = new ArrayList<>();

    @Option(names = "--header", paramLabel = "'NAME: VALUE'", description = "An extra header; repeat for several.")
    List<String> headers = new ArrayList<>();

    @Option(
            names = "--message",
            paramLabel = "FILE",
            description = "Send this ready RFC 5322 message as it is (- for stdin); recipients from its "
                    + "To/Cc/Bcc unless --to is given.")
    String message;

    @Mixin
    SmtpOptions server;

    @Mixin
    PasswordOption password;

    @Option(names = "--dry-run", description = "Write the message (see --eml) and contact no server.")
    boolean dryRun;

    @Option(
            names = "--eml",
            paramLabel = "FILE",
            description = "With --dry-run: where the message goes (default: standard output).")
    String eml;

    @Option(names = "--force", description = "With --eml: replace FILE if it exists.")
    boolean force;

    @Option(names = "--trace", description = "Print the SMTP dialogue on stderr (passwords masked).")
    boolean trace;

    @Option(
            names = "--json",
            description = "Print one result record on stdout: message_id, accepted, refused, failed_stage.")
    boolean json;

    @Spec
    CommandSpec spec;

    private static final List<String> COMPOSING = List.of(
            "--from",
            "--cc",
            "--bcc",
            "--reply-to",
            "--subject",
            "--text",
            "--html",
            "--attach",
            "--inline",
            "--header");

    @Override
    public Integer call() throws IOException, MailException {
        Stdio stdio = Stdio.of(spec);
        validate(stdio);
        Diagnostics say = Diagnostics.of(spec);
        Session session = Session.getInstance(new Properties());
        OutgoingMessage outgoing;
        if (message != null) {
            if (message.equals("-")) {
                try (InputStream in = stdio.in()) {
                    outgoing = ReadyMessage.read(in, session, to);
                }
            } else {
                outgoing = ReadyMessage.read(existing(message), session, to);
            }
        } else {
            outgoing = MessageBuilder.build(compose(stdio), session);
        }
        if (dryRun) {
            try (Output out = Output.open(spec, stdio, "--eml", eml, force, Output.Kind.TEXT, null)) {
                outgoing.writeTo(out.stream());
                out.commit();
            }
            return ExitCodes.OK;
        }
        SmtpSettings settings = server.settings(stdio, say, password);
        MailResultJson record = json ? new MailResultJson(spec.commandLine().getOut()) : null;
        SendResult result;
        try {
            result = SmtpSender.send(outgoing.mime(), outgoing.recipients(), settings, trace ? say::line : null);
        } catch (SmtpException e) {
            if (record != null) {
                record.failure(outgoing.messageId(), e);
            }
            throw e;
        } finally {
            settings.wipePassword();
        }
        if (record != null) {
            record.result(result);
        }
        if (LoggingMixin.isVerbose(spec)) {
            say.line(result.serverReply());
        }
        if (!result.complete()) {
            say.error("sent to " + result.accepted().size() + " of "
                    + (result.accepted().size() + result.refused().size()) + " recipients; refused: "
                    + result.refused().stream()
                            .map(r -> r.address().getAddress() + " (" + r.reply() + ")")
                            .collect(Collectors.joining(", ")));
            return ExitCodes.IO_ERROR;
        }
        return ExitCodes.OK;
    }

    private void validate(Stdio stdio) {
        server.resolve(stdio);
        boolean passFromStdin = !dryRun && server.passwordReadsStdin(password);
        if (message != null) {
            List<String> given = new ArrayList<>();
            for (String option : COMPOSING) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    given.add(option);
                }
            }
            if (!given.isEmpty()) {
                throw usage("--message sends a ready message: " + String.join(", ", given) + " cannot be used with it");
            }
            if (message.equals("-") && passFromStdin) {
                throw usage("--pass stdin and --message - cannot both read standard input");
            }
        }
        if ("-".equals(text) && passFromStdin) {
            throw usage("--pass stdin and --text - cannot both read standard input");
        }
        if (eml != null && !dryRun) {
            throw usage("--eml needs --dry-run: it says where the message goes instead of the server");
        }
        if (dryRun) {
            return;
        }
        server.validate(password);
    }

    private MailMessage compose(Stdio stdio) throws MailException {
        MailMessage.Builder b =
                MailMessage.builder().from(from != null ? from : server.from()).subject(subject);
        to.forEach(b::to);
        cc.forEach(b::cc);
        bcc.forEach(b::bcc);
        replyTo.forEach(b::replyTo);
        if (text != null) {
            if (text.equals("-")) {
                // Not stdin's own FileInputStream: its readAllBytes() asks for the position, which a
                // pipe does not have ("Illegal seek"); a plain InputStream's reads in a loop.
                b.text(new FilterInputStream(stdio.in()) {}, "standard input");
            } else {
                b.text(Path.of(text));
            }
        }
        if (html != null) {
            b.html(html);
        }
        for (AttachGroup a : attachments) {
            b.attach(new MailMessage.Attachment(a.file, a.type, a.name));
        }
        for (String inline : inlines) {
            int eq = inline.indexOf('=');
            if (eq <= 0 || eq == inline.length() - 1) {
                throw usage("--inline '" + inline + "': give CID=FILE, as logo=logo.png");
            }
            b.inline(inline.substring(0, eq), Path.of(inline.substring(eq + 1)));
        }
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw usage("--header '" + header + "': give 'Name: value'");
            }
            b.header(
                    header.substring(0, colon).strip(),
                    header.substring(colon + 1).strip());
        }
        return b.build();
    }

    private static Path existing(String file) throws IOException {
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(file);
        }
        if (!Files.isReadable(path)) {
            throw new AccessDeniedException(file);
        }
        return path;
    }

    private ParameterException usage(String text) {
        return new ParameterException(spec.commandLine(), text);
    }

    @Override
    public String hint(Exception failure) {
        if (!(failure instanceof MailException e)) {
            return null;
        }
        String m = String.valueOf(e.getMessage());
        if (m.startsWith("From: no sender")) {
            return "give --from ADDR";
        }
        if (m.startsWith("no recipient")) {
            return "give --to, --cc or --bcc";
        }
        if (failure instanceof SmtpException s
                && s.stage() == SmtpException.Stage.RECIPIENTS
                && !server.sendPartial()
                && s.refused().size() > 0) {
            return "--send-partial delivers to the accepted recipients";
        }
        if (failure instanceof SmtpException s && s.tlsFailure().isPresent()) {
            // --tls none only where the server has no TLS: never as the way around a certificate
            return switch (s.tlsFailure().get()) {
                case NOT_OFFERED ->
                    server.tlsGiven() ? null : "--tls none sends without TLS (local relays and test servers only)";
                case UNTRUSTED ->
                    "--cafile PEM trusts the server's certificate authority; --insecure skips the"
                            + " check (test servers only)";
                case WRONG_HOST ->
                    "give --smtp a host name the certificate holds; --insecure skips the check"
                            + " (test servers only)";
                case OTHER -> null;
            };
        }
        return null;
    }
}
