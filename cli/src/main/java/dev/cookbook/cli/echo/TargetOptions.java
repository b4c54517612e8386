package dev.cookbook.cli.echo;

import dev.cookbook.netecho.server.ServerSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --host H --port N}: the echo server that {@code echo client} and {@code echo bench} talk to. */
public final class TargetOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "The echo server's name or address; [::1] or ::1 for IPv6 (default: 127.0.0.1).")
    String host = "127.0.0.1";

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "The echo server's port, 1 to 65535 (default: " + ServerSettings.DEFAULT_PORT + ").")
    int port = ServerSettings.DEFAULT_PORT;

    /** The host as given, without the brackets of an IPv6 literal. */
    String host() {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isBlank()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--host: give a name or an address");
        }
        return h;
    }

    /** The port, checked: a usage error unless 1 to 65535. */
    int port() {
        return PortChecks.port(spec, port, 1);
    }
}
