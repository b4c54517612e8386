package dev.cookbook.cli.echo;

import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.LoggingMixin;
import dev.cookbook.cli.common.AtomicOutput;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.DurationConverter;
import dev.cookbook.cli.common.ProgressBar;
import dev.cookbook.cli.common.SignalTrap;
import dev.cookbook.netecho.Endpoints;
import dev.cookbook.netecho.server.ConnectionClosed;
import dev.cookbook.netecho.server.EchoServer;
import dev.cookbook.netecho.server.ServerListener;
import dev.cookbook.netecho.server.ServerSettings;
import dev.cookbook.netecho.server.ServerSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook echo server}: serve TCP echo until SIGINT or SIGTERM, then print a summary. */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a TCP echo server: every byte a client sends comes back unchanged. One thread serves "
                    + "thousands of connections; a client that does not read makes the server stop reading "
                    + "from it rather than buffer without bound.",
            "It prints 'listening on ADDR:PORT' on stderr once it accepts, and runs until SIGINT (Ctrl-C) "
                    + "or SIGTERM: then it closes the listening socket and every connection, prints a summary "
                    + "on stderr (with --json, one record on stdout) and exits 0.",
            "  cookbook echo server                           # 127.0.0.1:10000 until Ctrl-C",
            "  cookbook echo server --bind :: --port 7000   # every interface, IPv6 and IPv4",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  timeout --preserve-status -s INT 2 cookbook echo server --port 0     # serve for 2 s, stop as Ctrl-C",
            "  timeout --preserve-status 2 cookbook echo server --port 0 --json --port-file port",
        })
@ExitCodes.Returns({ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class EchoServerCommand implements Callable<Integer> {
    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            converter = AddressConverter.class,
            description = "The local address to listen on: 0.0.0.0 or :: for every interface (default: 127.0.0.1).")
    InetAddress bind = InetAddress.getLoopbackAddress();

    @Option(
            names = "--port",
            paramLabel = "N",
            description = "The port, 0 to 65535; 0 picks a free one (default: " + ServerSettings.DEFAULT_PORT + ").")
    int port = ServerSettings.DEFAULT_PORT;

    @Option(
            names = "--max-connections",
            paramLabel = "N",
            description = "Serve at most N connections at once; close further ones at once, with a warning "
                    + "(default: " + ServerSettings.DEFAULT_MAX_CONNECTIONS + ").")
    int maxConnections = ServerSettings.DEFAULT_MAX_CONNECTIONS;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "Close a connection silent for DUR: 30s, 5m, 500ms (default: never).")
    Duration idleTimeout;

    @Option(
            names = "--port-file",
            paramLabel = "FILE",
            description = "Write the port to FILE (digits and a newline, atomically; - for stdout) once listening.")
    Path portFile;

    @Option(names = "--json", description = "Print the summary as one JSON record on stdout instead of on stderr.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ServerSettings settings = settings();
        Diagnostics say = Diagnostics.of(spec);
        EchoServer server = EchoServer.start(settings, new Log(say, LoggingMixin.isVerbose(spec), maxConnections));
        String address = Endpoints.format(server.address());
        ServerSummary summary;
        try (SignalTrap signals = SignalTrap.install(List.of("INT", "TERM"), signal -> server.stop())) {
            if (portFile != null) {
                writePort(server.port());
            }
            say.note("listening on " + address);
            summary = server.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            summary = server.stop();
        } finally {
            server.stop();
        }
        if (json) {
            EchoJson.summary(spec.commandLine().getOut(), address, summary);
        } else {
            say.line(summaryText(spec.qualifiedName(), summary));
        }
        return ExitCodes.OK;
    }

    private ServerSettings settings() {
        if (maxConnections < 1) {
            throw usage("--max-connections " + maxConnections + ": give 1 or more");
        }
        return ServerSettings.builder()
                .bindAddress(bind)
                .port(PortChecks.port(spec, port, 0))
                .maxConnections(maxConnections)
                .idleTimeout(idleTimeout)
                .build();
    }

    private void writePort(int bound) throws IOException {
        if (portFile.toString().equals("-")) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(bound);
            out.flush();
            return;
        }
        // Beside the target and renamed into place: a script that waits for the file never reads half of it.
        try (AtomicOutput out = AtomicOutput.create(portFile, portFile.toString(), false, true)) {
            out.stream().write((bound + "\n").getBytes(StandardCharsets.US_ASCII));
            out.commit();
        }
    }

    /** The summary block on stderr. */
    static String summaryText(String prefix, ServerSummary s) {
        return String.format(
                Locale.ROOT,
                "%s: stopped after %s%n"
                        + "  connections served    %d%n"
                        + "  connections rejected  %d%n"
                        + "  peak connections      %d%n"
                        + "  bytes received        %d (%s)%n"
                        + "  bytes echoed          %d (%s)",
                prefix,
                seconds(s.runTime()),
                s.connectionsServed(),
                s.connectionsRejected(),
                s.peakConnections(),
                s.bytesReceived(),
                ProgressBar.size(s.bytesReceived()),
                s.bytesEchoed(),
                ProgressBar.size(s.bytesEchoed()));
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The connection log: open and close with -v, a rejection always (unless -q). */
    private static final class Log implements ServerListener {
        private final Diagnostics say;
        private final boolean verbose;
        private final int max;

        Log(Diagnostics say, boolean verbose, int max) {
            this.say = say;
            this.verbose = verbose;
            this.max = max;
        }

        @Override
        public void opened(long id, InetSocketAddress remote) {
            if (verbose) {
                say.note("#" + id + " open from " + Endpoints.format(remote));
            }
        }

        @Override
        public void closed(ConnectionClosed c) {
            if (verbose) {
                say.note("#" + c.id() + " closed ("
                        + c.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + ") after " + seconds(c.open()) + ": " + c.bytesReceived() + " bytes received, "
                        + c.bytesEchoed() + " echoed");
            }
        }

        @Override
        public void rejected(InetSocketAddress remote, int maxConnections) {
            say.warn("rejected " + Endpoints.format(remote) + ": " + max + " connection" + (max == 1 ? "" : "s")
                    + " open already (--max-connections)");
        }
    }
}
