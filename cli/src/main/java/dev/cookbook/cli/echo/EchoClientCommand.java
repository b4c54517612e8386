package dev.cookbook.cli.echo;

import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.DurationConverter;
import dev.cookbook.netecho.EchoException;
import dev.cookbook.netecho.client.ClientSettings;
import dev.cookbook.netecho.client.EchoClient;
import dev.cookbook.netecho.client.EchoResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cookbook echo client}: send a message or stdin to an echo server and check what comes back. */
@Command(
        name = "client",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Send MESSAGE (the words joined by spaces, and a newline as echo(1) adds) or, without one, standard "
                    + "input (any bytes, any size) to an echo server, and write what comes back to stdout.",
            "It sends and reads at once, so a large input cannot deadlock. Works with any echo server: "
                    + "cookbook echo server, socat, ncat, Python's. Exit 1 when the echo differs (the line "
                    + "names the first byte that differs, counted from 1 as cmp does), 4 when the server "
                    + "cannot be reached or stops answering.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook echo server --port 0 --port-file port & until [ -s port ]; do sleep 0.1; done;"
                    + " cookbook echo client --port $(cat port) hello; kill $!",
            "  cookbook echo server --port 0 --port-file port & until [ -s port ]; do sleep 0.1; done;"
                    + " cookbook echo client --port $(cat port) < notes.txt | cmp - notes.txt; kill $!",
        })
@ExitCodes.Returns({ExitCodes.CHECK_FAILED, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class EchoClientCommand implements Callable<Integer> {
    @Mixin
    TargetOptions target;

    @Option(
            names = "--timeout",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "Give up when connecting, or waiting for the echo, takes longer: 10s, 500ms (default: "
                    + ClientSettings.DEFAULT_TIMEOUT_SECONDS + "s).")
    Duration timeout = Duration.ofSeconds(ClientSettings.DEFAULT_TIMEOUT_SECONDS);

    @Option(names = "-n", description = "Send MESSAGE without the trailing newline.")
    boolean noNewline;

    @Parameters(
            paramLabel = "MESSAGE",
            arity = "0..*",
            description = "The words to send; without them, standard input is sent.")
    List<String> words = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws EchoException {
        Stdio stdio = Stdio.of(spec);
        if (noNewline && words.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "-n leaves the newline out of MESSAGE: give one");
        }
        ClientSettings settings = ClientSettings.builder(target.host(), target.port())
                .timeout(timeout)
                .build();
        InputStream in = words.isEmpty()
                ? stdio.in()
                : new ByteArrayInputStream(
                        (String.join(" ", words) + (noNewline ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        EchoResult r = EchoClient.echo(settings, in, stdio.out());
        if (r.identical()) {
            return ExitCodes.OK;
        }
        Diagnostics.of(spec).error(difference(r));
        return ExitCodes.CHECK_FAILED;
    }

    /** Where the echo first differs, counted from 1 as cmp does. */
    static String difference(EchoResult r) {
        long at = r.firstDifference();
        if (at == r.bytesReceived() && r.bytesReceived() < r.bytesSent()) {
            return "the echo is short: " + r.bytesReceived() + " of " + r.bytesSent() + " bytes came back";
        }
        if (at == r.bytesSent() && r.bytesReceived() > r.bytesSent()) {
            return "the echo is longer than what was sent: " + r.bytesReceived() + " bytes came back for "
                    + r.bytesSent();
        }
        return "the echo differs from what was sent at byte " + (at + 1) + " of " + r.bytesSent();
    }
}
