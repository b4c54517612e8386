package dev.cookbook.cli.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cookbook.cli.Binary;
import dev.cookbook.cli.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code cookbook echo server} as a real process: started with {@code --port 0
 * --port-file}, talked to by Java sockets, socat and Python, stopped by SIGTERM and SIGINT.
 */
@Timeout(120)
class EchoServerIT {
    private static final long WAIT_MILLIS = 20_000;

    @TempDir
    Path dir;

    private Process server;

    @BeforeAll
    static void packaged() {
        assumeTrue(System.getProperty("cookbook.binary") != null, "runs under failsafe, on the packaged binary");
    }

    @AfterEach
    void kill() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts the server with {@code args} and returns its port, read from the port file. */
    private int start(String... args) throws Exception {
        Path portFile = dir.resolve("port");
        List<String> command = new ArrayList<>(
                List.of(Binary.PATH.toString(), "echo", "server", "--port", "0", "--port-file", portFile.toString()));
        command.addAll(List.of(args));
        server = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!Files.exists(portFile)) {
            assertTrue(server.isAlive(), () -> "the server ended: " + err());
            assertTrue(System.currentTimeMillis() < deadline, "no port file after " + WAIT_MILLIS + " ms");
            Thread.sleep(20);
        }
        String text = Files.readString(portFile);
        assertTrue(text.matches("[1-9]\\d*\n"), text);
        int port = Integer.parseInt(text.strip());
        waitForLine(Pattern.quote("cookbook echo server: listening on 127.0.0.1:" + port));
        return port;
    }

    private String err() {
        try {
            return Files.readString(dir.resolve("err"));
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    private String out() throws IOException {
        return Files.readString(dir.resolve("out"));
    }

    /** Waits until stderr has a line matching {@code regex}, bounded in time. */
    private void waitForLine(String regex) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (err().lines().noneMatch(l -> p.matcher(l).matches())) {
            assertTrue(System.currentTimeMillis() < deadline, () -> "no line " + regex + " in:\n" + err());
            Thread.sleep(20);
        }
    }

    private int stopWith(String signal) throws Exception {
        if (signal.equals("TERM")) {
            server.destroy(); // SIGTERM
        } else {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(server.pid())).start();
            assertEquals(0, kill.waitFor());
        }
        assertTrue(server.waitFor(WAIT_MILLIS, TimeUnit.MILLISECONDS), "the server did not stop");
        return server.exitValue();
    }

    private static byte[] javaClient(int port, byte[] data) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(data);
            s.shutdownOutput();
            return s.getInputStream().readAllBytes();
        }
    }

    @Test
    void javaSocatAndPythonClientsThenSigtermPrintsTheSummary() throws Exception {
        Tools.require("socat");
        Tools.require("python3");
        int port = start("-v");

        byte[] data = new byte[100_000];
        new Random(14).nextBytes(data);
        assertArrayEquals(data, javaClient(port, data));
        waitForLine("cookbook echo server: #1 closed \\(client closed\\) after \\d+\\.\\d s: "
                + "100000 bytes received, 100000 echoed");

        Binary.Result socat = Binary.exec(
                dir,
                Map.of(),
                null,
                List.of("bash", "-c", "printf 'via socat\\n' | socat -t 5 - TCP:127.0.0.1:" + port));
        assertEquals(0, socat.exit(), socat::toString);
        assertEquals("via socat\n", socat.out());
        waitForLine("cookbook echo server: #2 closed \\(client closed\\) after \\d+\\.\\d s: "
                + "10 bytes received, 10 echoed");

        String python = "import socket\n"
                + "s = socket.create_connection(('127.0.0.1', " + port + "), timeout=10)\n"
                + "data = bytes(range(256)) * 40\n"
                + "s.sendall(data)\n"
                + "s.shutdown(socket.SHUT_WR)\n"
                + "got = b''\n"
                + "while True:\n"
                + "    chunk = s.recv(65536)\n"
                + "    if not chunk:\n"
                + "        break\n"
                + "    got += chunk\n"
                + "assert got == data, (len(got), len(data))\n"
                + "print(len(got))\n";
        Binary.Result py = Binary.exec(dir, Map.of(), null, List.of("python3", "-c", python));
        assertEquals(0, py.exit(), py::toString);
        assertEquals("10240\n", py.out());
        waitForLine("cookbook echo server: #3 closed \\(client closed\\) after \\d+\\.\\d s: "
                + "10240 bytes received, 10240 echoed");

        assertEquals(0, stopWith("TERM"), this::err);
        assertEquals("", out());
        List<String> lines = err().lines().toList();
        List<String> summary = lines.subList(lines.size() - 6, lines.size());
        assertTrue(summary.get(0).matches("cookbook echo server: stopped after \\d+\\.\\d s"), summary::toString);
        assertEquals(
                List.of(
                        "  connections served    3",
                        "  connections rejected  0",
                        "  peak connections      1",
                        "  bytes received        110250 (107.7 KiB)",
                        "  bytes echoed          110250 (107.7 KiB)"),
                summary.subList(1, 6),
                this::err);
        assertEquals(
                List.of(
                        "cookbook echo server: listening on 127.0.0.1:" + port,
                        "cookbook echo server: #1 open from 127.0.0.1:X",
                        "cookbook echo server: #1 closed (client closed) after T: 100000 bytes received, 100000 echoed",
                        "cookbook echo server: #2 open from 127.0.0.1:X",
                        "cookbook echo server: #2 closed (client closed) after T: 10 bytes received, 10 echoed",
                        "cookbook echo server: #3 open from 127.0.0.1:X",
                        "cookbook echo server: #3 closed (client closed) after T: 10240 bytes received, 10240 echoed"),
                lines.subList(0, lines.size() - 6).stream()
                        .map(l -> l.replaceAll("open from 127\\.0\\.0\\.1:\\d+$", "open from 127.0.0.1:X")
                                .replaceAll("after \\d+\\.\\d s", "after T"))
                        .toList(),
                this::err);
    }

    @Test
    void sigintStopsItCleanlyWithAJsonSummary() throws Exception {
        int port = start("--json");
        assertArrayEquals(
                "hello\n".getBytes(StandardCharsets.UTF_8),
                javaClient(port, "hello\n".getBytes(StandardCharsets.UTF_8)));
        Socket open = new Socket(InetAddress.getLoopbackAddress(), port); // still open at the stop
        try (open) {
            open.getOutputStream().write('x');
            assertEquals('x', open.getInputStream().read());

            assertEquals(0, stopWith("INT"), this::err);

            open.setSoTimeout(10_000);
            assertEquals(-1, open.getInputStream().read(), "the server closes the connections it has open");
        }
        assertEquals("cookbook echo server: listening on 127.0.0.1:" + port + "\n", err());
        List<String> out = out().lines().toList();
        assertEquals(1, out.size(), out::toString);
        Map<String, String> f = Json.record(out.get(0));
        assertEquals(
                List.of(
                        "address",
                        "connections_served",
                        "connections_rejected",
                        "peak_connections",
                        "bytes_received",
                        "bytes_echoed",
                        "run_time_seconds"),
                List.copyOf(f.keySet()));
        assertEquals("127.0.0.1:" + port, f.get("address"));
        assertEquals("2", f.get("connections_served"));
        assertEquals("0", f.get("connections_rejected"));
        assertEquals("7", f.get("bytes_received"));
        assertEquals("7", f.get("bytes_echoed"));
        assertTrue(Double.parseDouble(f.get("run_time_seconds")) > 0, f::toString);
        // The connections may or may not have overlapped: the first closed on its client's EOF.
        assertTrue(f.get("peak_connections").matches("[12]"), f::toString);
    }

    @Test
    void aPortInUseIsExitFourWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            Binary.Result r = Binary.run(dir, "echo", "server", "--port", Integer.toString(port));

            assertEquals(4, r.exit(), r::toString);
            assertEquals("", r.out());
            assertEquals(
                    "cookbook echo server: cannot listen on 127.0.0.1:" + port + ": address already in use\n", r.err());
        }
    }

    @Test
    void maxConnectionsClosesTheExtraOneWithALogLine() throws Exception {
        int port = start("--max-connections", "1");
        try (Socket first = new Socket(InetAddress.getLoopbackAddress(), port);
                Socket second = new Socket(InetAddress.getLoopbackAddress(), port)) {
            first.setSoTimeout(10_000);
            second.setSoTimeout(10_000);
            first.getOutputStream().write('a');
            assertEquals('a', first.getInputStream().read());
            assertEquals(-1, readIgnoringReset(second.getInputStream()), "the second connection is closed");
            waitForLine("cookbook echo server: warning: rejected 127.0.0.1:" + second.getLocalPort()
                    + ": 1 connection open already \\(--max-connections\\)");
            first.getOutputStream().write('b');
            assertEquals('b', first.getInputStream().read(), "the first is served still");
        }
        assertEquals(0, stopWith("TERM"), this::err);
        assertTrue(err().contains("\n  connections served    1\n  connections rejected  1\n"), this::err);
    }

    @Test
    void idleTimeoutClosesASilentConnection() throws Exception {
        int port = start("--idle-timeout", "200ms", "-v");
        try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), port)) {
            silent.setSoTimeout(10_000);
            long t0 = System.nanoTime();
            assertEquals(-1, silent.getInputStream().read(), "closed by the server");
            assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(150), "not before the timeout");
        }
        waitForLine("cookbook echo server: #1 closed \\(idle timeout\\) after 0\\.\\d s: 0 bytes received, 0 echoed");
        assertEquals(0, stopWith("TERM"), this::err);
    }

    /** A rejected connection may end in a reset rather than an orderly close: both are a closed connection. */
    private static int readIgnoringReset(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (java.net.SocketException e) {
            return -1;
        }
    }
}
