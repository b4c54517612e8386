package dev.cookbook.cli.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Cli;
import dev.cookbook.netecho.server.EchoServer;
import dev.cookbook.netecho.server.ServerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code echo bench} in-process against an in-test server, for about a second each. */
@Timeout(60)
class EchoBenchCommandTest {
    @Test
    void aShortRunPrintsTheResultBlock() throws Exception {
        try (EchoServer server =
                EchoServer.start(ServerSettings.builder().port(0).build())) {
            Cli.Result r =
                    Cli.run("echo", "bench", "--port", Integer.toString(server.port()), "-c", "4", "--duration", "1s");

            assertEquals(0, r.exit(), r::toString);
            assertEquals("", r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals(13, lines.size(), r::toString);
            assertEquals("server            127.0.0.1:" + server.port(), lines.get(0));
            assertEquals("connections held  4 of 4", lines.get(1));
            assertEquals("connect failures  0", lines.get(2));
            assertEquals("connections lost  0", lines.get(3));
            assertTrue(lines.get(4).matches("duration          1\\.\\d\\d s"), lines.get(4));
            assertTrue(lines.get(5).matches("messages          [1-9]\\d*"), lines.get(5));
            assertTrue(lines.get(6).matches("messages/s        [1-9]\\d*\\.\\d"), lines.get(6));
            assertTrue(lines.get(7).matches("MB/s              \\d+\\.\\d{3}"), lines.get(7));
            for (int i = 8; i < 12; i++) {
                assertTrue(lines.get(i).matches("latency (p50|p90|p99|max) {7}\\d+\\.\\d{3} ms"), lines.get(i));
            }
            assertEquals("mismatches        0", lines.get(12));
        }
    }

    @Test
    void jsonIsOneRecord() throws Exception {
        try (EchoServer server =
                EchoServer.start(ServerSettings.builder().port(0).build())) {
            Cli.Result r = Cli.run(
                    "echo",
                    "bench",
                    "--port",
                    Integer.toString(server.port()),
                    "--connections",
                    "3",
                    "--duration",
                    "800ms",
                    "--size",
                    "100",
                    "--rate",
                    "300",
                    "--json");

            assertEquals(0, r.exit(), r::toString);
            assertEquals("", r.err());
            assertEquals(1, r.out().lines().count(), r::toString);
            Map<String, String> f = Json.record(r.out());
            assertEquals("127.0.0.1:" + server.port(), f.get("server"));
            assertEquals("3", f.get("connections_requested"));
            assertEquals("3", f.get("connections_held"));
            assertEquals("0", f.get("connect_failures"));
            assertEquals("0", f.get("mismatches"));
            assertEquals("100", f.get("message_size"));
            assertEquals(300.0, Double.parseDouble(f.get("rate")));
            long messages = Long.parseLong(f.get("messages"));
            assertTrue(messages > 0, r::toString);
            assertEquals(messages * 100, Long.parseLong(f.get("bytes")));
            assertEquals(messages, Long.parseLong(f.get("latency_us.count")));
            for (String key : List.of(
                    "elapsed_seconds",
                    "messages_per_second",
                    "megabytes_per_second",
                    "latency_us.mean",
                    "latency_us.p50",
                    "latency_us.p90",
                    "latency_us.p99",
                    "latency_us.p999",
                    "latency_us.max")) {
                assertTrue(Double.parseDouble(f.get(key)) > 0, key + " in " + r);
            }
        }
    }

    @Test
    void progressDrawsALiveLineOnStderrAndErasesIt() throws Exception {
        try (EchoServer server =
                EchoServer.start(ServerSettings.builder().port(0).build())) {
            Cli.Result quiet = Cli.run("echo", "bench", "--port", Integer.toString(server.port()), "-d", "1500ms");
            assertEquals(0, quiet.exit(), quiet::toString);
            assertEquals("", quiet.err(), "stderr is no terminal here: no progress unless asked");

            Cli.Result r =
                    Cli.run("echo", "bench", "--port", Integer.toString(server.port()), "-d", "1500ms", "--progress");

            assertEquals(0, r.exit(), r::toString);
            assertTrue(
                    r.err().matches("(\\r1 s of 1\\.5 s  1 open  \\d+ msg/s  0 mismatches\\e\\[K)+\\r\\e\\[K"),
                    r.err());
            assertTrue(r.out().startsWith("server            127.0.0.1:"), r::toString);
        }
    }

    @Test
    void aClosedPortIsExitFour() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        Cli.Result r = Cli.run("echo", "bench", "--port", Integer.toString(closed), "-c", "3", "-d", "300ms");

        assertEquals(4, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals(
                "cookbook echo bench: cannot connect to 127.0.0.1:" + closed
                        + ": connection refused (none of 3 connections made)\n",
                r.err());
    }

    @Test
    void echoesThatDifferAreExitOne() throws Exception {
        try (ServerSocket flipping = flippingServer()) {
            Cli.Result r = Cli.run(
                    "echo", "bench", "--port", Integer.toString(flipping.getLocalPort()), "-c", "2", "-d", "500ms");

            assertEquals(1, r.exit(), r::toString);
            assertTrue(r.out().contains("\nconnections held  2 of 2\n"), r::toString);
            assertTrue(
                    r.err().matches("cookbook echo bench: (\\d+) of \\1 echoes differed from what was sent\n"),
                    r::toString);
        }
    }

    @Test
    void badValuesAreUsageErrors() {
        for (List<String> args : List.of(
                List.of("--connections", "0"),
                List.of("--port", "70000"),
                List.of("--size", "0"),
                List.of("--duration", "25h"),
                List.of("--connections", "100000000"),
                List.of("--rate", "-1"))) {
            List<String> all = new java.util.ArrayList<>(List.of("echo", "bench"));
            all.addAll(args);
            Cli.Result r = Cli.run(all.toArray(String[]::new));
            assertEquals(2, r.exit(), r::toString);
            assertEquals(2, r.err().lines().count(), r::toString);
        }
        assertEquals(
                "cookbook echo bench: --connections 0: give 1 or more",
                Cli.run("echo", "bench", "--connections", "0")
                        .err()
                        .lines()
                        .findFirst()
                        .get());
    }

    /** Echoes every byte but the first of each connection, which it flips: every message differs. */
    private static ServerSocket flippingServer() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (true) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    return;
                }
                Thread t = new Thread(() -> {
                    try (s) {
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream();
                        byte[] buf = new byte[8192];
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            for (int i = 0; i < n; i++) {
                                buf[i] ^= 1;
                            }
                            out.write(buf, 0, n);
                        }
                    } catch (IOException ignored) {
                        // The bench closed it.
                    }
                });
                t.setDaemon(true);
                t.start();
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }
}
