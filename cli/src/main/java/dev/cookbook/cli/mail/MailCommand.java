package dev.cookbook.cli.mail;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook mail}: e-mail over SMTP. */
@Command(
        name = "mail",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Send e-mail over SMTP: text, HTML, attachments and inline images; STARTTLS/TLS and AUTH.",
        subcommands = {MailSendCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook mail send --dry-run --from me@example.org --to you@example.org --subject hi --text notes.txt",
        })
public final class MailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: send");
    }
}
