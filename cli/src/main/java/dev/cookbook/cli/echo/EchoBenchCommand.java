package dev.cookbook.cli.echo;

import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.DurationConverter;
import dev.cookbook.cli.common.ProgressOptions;
import dev.cookbook.cli.common.SignalTrap;
import dev.cookbook.netecho.EchoException;
import dev.cookbook.netecho.Endpoints;
import dev.cookbook.netecho.bench.BenchProgress;
import dev.cookbook.netecho.bench.BenchResult;
import dev.cookbook.netecho.bench.BenchSettings;
import dev.cookbook.netecho.bench.EchoBench;
import dev.cookbook.netecho.bench.Latency;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook echo bench}: load any echo server over many connections and measure it. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Load an echo server (ours, socat, ncat, any) for a while: open C connections, each sending "
                    + "messages of BYTES and checking that every echo is byte-identical, then print the "
                    + "connections held, messages/s, MB/s, round-trip latencies (p50, p90, p99, max) and "
                    + "the mismatches.",
            "Without --rate each connection sends its next message as soon as the last one is back; with "
                    + "--rate the messages are due at fixed times and a latency counts from then "
                    + "(coordinated omission corrected). Exit 1 when an echo differed, 4 when no "
                    + "connection could be made.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook echo server --port 0 --port-file port & until [ -s port ]; do sleep 0.1; done;"
                    + " cookbook echo bench --port $(cat port) --connections 10 --duration 1s; kill $!",
            "  cookbook echo server --port 0 --port-file port & until [ -s port ]; do sleep 0.1; done;"
                    + " cookbook echo bench --port $(cat port) -c 2 -d 500ms --rate 100 --json | jq .latency_us; kill $!",
        })
@ExitCodes.Returns({ExitCodes.CHECK_FAILED, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class EchoBenchCommand implements Callable<Integer> {
    /** Linux's default ephemeral port range, 32768 to 60999: the most connections one source address makes to one server port. */
    private static final int DEFAULT_EPHEMERAL_PORTS = 28_232;

    @Mixin
    TargetOptions target;

    @Option(
            names = {"-c", "--connections"},
            paramLabel = "C",
            description = "Connections to open, 1 to the local ports available (about 28,000 per source "
                    + "address; default: 1).")
    int connections = 1;

    @Option(
            names = {"-d", "--duration"},
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "How long to run, connecting included: 10s, 2m, 500ms; at most 24h (default: 10s).")
    Duration duration = Duration.ofSeconds(10);

    @Option(
            names = "--size",
            paramLabel = "BYTES",
            description = "Bytes per message, 1 to " + BenchSettings.MAX_SIZE + " (default: "
                    + BenchSettings.DEFAULT_SIZE + ").")
    int size = BenchSettings.DEFAULT_SIZE;

    @Option(
            names = "--rate",
            paramLabel = "MSG/S",
            description = "Messages per second over all connections (default: as fast as the echoes come back).")
    double rate;

    @Option(
            names = "--source",
            paramLabel = "ADDR",
            split = ",",
            converter = AddressConverter.class,
            description = "Local addresses to spread the connections over (127.0.0.2,127.0.0.3): each gives "
                    + "another ~28,000 ports.")
    List<InetAddress> sources = new ArrayList<>();

    @Option(names = "--json", description = "Print the result as one JSON record on stdout.")
    boolean json;

    @Mixin
    ProgressOptions progress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Stdio stdio = Stdio.of(spec);
        BenchSettings settings = settings();
        String server = Endpoints.format(settings.server());
        Diagnostics say = Diagnostics.of(spec);
        PrintWriter err = spec.commandLine().getErr();
        boolean live = progress.shown(stdio);
        EchoBench bench = new EchoBench(settings);
        BenchResult r;
        boolean[] drawn = {false};
        try (SignalTrap signals = SignalTrap.install(List.of("INT", "TERM"), signal -> bench.cancel())) {
            r = bench.run(p -> {
                if (live) {
                    synchronized (err) {
                        err.print("\r" + progressLine(p) + "\033[K");
                        err.flush();
                        drawn[0] = true;
                    }
                }
            });
        } finally {
            if (drawn[0]) {
                synchronized (err) {
                    err.print("\r\033[K");
                    err.flush();
                }
            }
        }
        boolean noneMade =
                r.connectionsHeld() == 0 && r.messages() == 0 && r.connectFailures() >= r.connectionsRequested();
        if (json) {
            EchoJson.bench(spec.commandLine().getOut(), server, size, rate, r);
        } else if (!noneMade) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(resultText(server, r));
            out.flush();
        }
        if (noneMade) {
            throw new EchoException(
                    EchoException.Kind.CONNECT,
                    "cannot connect to " + server + ": " + whyNot(settings) + " (none of " + r.connectionsRequested()
                            + " connection" + (r.connectionsRequested() == 1 ? "" : "s") + " made)");
        }
        if (r.mismatches() > 0) {
            say.error(r.mismatches() + " of " + r.messages() + " echoes differed from what was sent");
            return ExitCodes.CHECK_FAILED;
        }
        return ExitCodes.OK;
    }

    private BenchSettings settings() throws EchoException {
        String host = target.host();
        int port = target.port();
        if (connections < 1) {
            throw usage("--connections " + connections + ": give 1 or more");
        }
        long ports = (long) ephemeralPorts() * Math.max(1, sources.size());
        long most = Math.min(ports, BenchSettings.MAX_CONNECTIONS);
        if (connections > most) {
            throw usage("--connections " + connections + ": at most " + most + " from "
                    + (sources.isEmpty() ? "one source address" : sources.size() + " source addresses")
                    + " (each has " + ephemeralPorts() + " local ports); --source spreads them over more");
        }
        if (duration.compareTo(Duration.ofHours(24)) > 0) {
            throw usage("--duration: at most 24h");
        }
        if (size < 1 || size > BenchSettings.MAX_SIZE) {
            throw usage("--size " + size + ": give 1 to " + BenchSettings.MAX_SIZE + " bytes");
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw usage("--rate " + rate + ": give 0 or more messages per second");
        }
        InetSocketAddress server;
        try {
            server = new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new EchoException(
                    EchoException.Kind.CONNECT, "cannot connect to " + host + ":" + port + ": unknown host");
        }
        return BenchSettings.builder(server)
                .connections(connections)
                .duration(duration)
                .messageSize(size)
                .rate(rate)
                .sourceAddresses(sources)
                .build();
    }

    /** Ports the kernel hands out for outgoing connections, from /proc where Linux says it. */
    private static int ephemeralPorts() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .strip()
                    .split("\\s+");
            return Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_PORTS;
        }
    }

    /** Why no connection was made: one more connect, whose error the bench's counters do not keep. */
    private static String whyNot(BenchSettings s) {
        try (Socket socket = new Socket()) {
            if (!s.sourceAddresses().isEmpty()) {
                socket.bind(new InetSocketAddress(s.sourceAddresses().get(0), 0));
            }
            socket.connect(s.server(), (int) Math.min(1000, s.connectTimeout().toMillis()));
            return "every connect failed";
        } catch (IOException e) {
            return Endpoints.describe(e);
        }
    }

    private static String progressLine(BenchProgress p) {
        return String.format(
                Locale.ROOT,
                "%d s of %s  %d open  %.0f msg/s  %d mismatches",
                p.elapsed().toSeconds(),
                EchoServerCommand.seconds(p.duration()),
                p.connectionsOpen(),
                p.messagesPerSecond(),
                p.mismatches());
    }

    /** The result block on stdout. */
    static String resultText(String server, BenchResult r) {
        Latency l = r.latency();
        return String.format(
                Locale.ROOT,
                "server            %s%n"
                        + "connections held  %d of %d%n"
                        + "connect failures  %d%n"
                        + "connections lost  %d%n"
                        + "duration          %.2f s%n"
                        + "messages          %d%n"
                        + "messages/s        %.1f%n"
                        + "MB/s              %.3f%n"
                        + "latency p50       %s%n"
                        + "latency p90       %s%n"
                        + "latency p99       %s%n"
                        + "latency max       %s%n"
                        + "mismatches        %d%n",
                server,
                r.connectionsHeld(),
                r.connectionsRequested(),
                r.connectFailures(),
                r.connectionsLost(),
                r.elapsed().toNanos() / 1e9,
                r.messages(),
                r.messagesPerSecond(),
                r.megabytesPerSecond(),
                millis(l.p50()),
                millis(l.p90()),
                millis(l.p99()),
                millis(l.max()),
                r.mismatches());
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.3f ms", d.toNanos() / 1e6);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
