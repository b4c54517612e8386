package dev.cookbook.cli.echo;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The range checks the echo commands share, as usage errors naming the option. */
final class PortChecks {
    private PortChecks() {}

    /** {@code port} within {@code min} (0 or 1) to 65535, else a usage error. */
    static int port(CommandSpec spec, int port, int min) {
        if (port < min || port > 65535) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--port " + port + ": a port is " + min + " to 65535" + (min == 0 ? " (0: any free port)" : ""));
        }
        return port;
    }
}
