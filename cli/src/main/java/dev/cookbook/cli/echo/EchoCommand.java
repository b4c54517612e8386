package dev.cookbook.cli.echo;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook echo}: a TCP echo server, a client that checks the echo, and a load tool. */
@Command(
        name = "echo",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "A TCP echo server that holds thousands of connections, a client that checks the echo, "
                + "and a load tool that measures any echo server.",
        subcommands = {EchoServerCommand.class, EchoClientCommand.class, EchoBenchCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook echo server --port 0 --port-file port & until [ -s port ]; do sleep 0.1; done;"
                    + " cookbook echo client --port $(cat port) hello; kill $!",
        })
public final class EchoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: server, client or bench");
    }
}
