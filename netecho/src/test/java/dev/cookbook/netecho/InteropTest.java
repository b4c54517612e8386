package dev.cookbook.netecho;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.netecho.client.ClientSettings;
import dev.cookbook.netecho.client.EchoClient;
import dev.cookbook.netecho.client.EchoResult;
import dev.cookbook.netecho.server.EchoServer;
import dev.cookbook.netecho.server.ServerSettings;
import dev.cookbook.netecho.server.ServerSummary;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Our client against independent echo servers, and independent clients against our server. */
@Timeout(60)
class InteropTest {
    @TempDir
    Path tmp;

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static Path resource(String name) throws Exception {
        return Path.of(InteropTest.class.getResource("/interop/" + name).toURI());
    }

    @Test
    void ourClientAgainstSocat() throws Exception {
        Tools.require("socat");
        // socat cannot print the port it picked: take a free one and hand it over.
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process socat = new ProcessBuilder(
                        "socat", "-d", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork", "EXEC:cat")
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("socat.log").toFile())
                .start();
        try {
            awaitListening(port, socat);
            ClientSettings settings = ClientSettings.builder("127.0.0.1", port)
                    .timeout(Duration.ofSeconds(10))
                    .build();
            for (int size : new int[] {1, 100_000, 5 * 1024 * 1024}) {
                byte[] data = random(size, size);
                ByteArrayOutputStream back = new ByteArrayOutputStream();
                EchoResult r = EchoClient.echo(settings, new ByteArrayInputStream(data), back);
                assertEquals(new EchoResult(size, size, -1), r, "size " + size);
                assertEquals(sha256(data), sha256(back.toByteArray()));
            }
        } finally {
            stop(socat);
        }
    }

    @Test
    void ourClientAgainstTheReferencePythonServer() throws Exception {
        Tools.require("python3");
        Process server = new ProcessBuilder(
                        "python3", resource("reference_server.py").toString())
                .redirectError(tmp.resolve("server.err").toFile())
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
            int port = Integer.parseInt(out.readLine().trim());
            byte[] data = random(1024 * 1024 + 7, 7);
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            EchoResult r = EchoClient.echo(
                    ClientSettings.builder("127.0.0.1", port)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    new ByteArrayInputStream(data),
                    back);
            assertEquals(new EchoResult(data.length, data.length, -1), r);
            assertArrayEquals(data, back.toByteArray());
            assertTrue(server.waitFor(10, TimeUnit.SECONDS), "the reference server serves one client and ends");
        } finally {
            stop(server);
        }
    }

    @Test
    void socatAsAClientOfOurServer() throws Exception {
        Tools.require("socat");
        byte[] data = random(3 * 1024 * 1024 + 1, 3);
        Path in = Files.write(tmp.resolve("in.bin"), data);
        Path out = tmp.resolve("out.bin");
        try (EchoServer server =
                EchoServer.start(ServerSettings.builder().port(0).build())) {
            Process socat = new ProcessBuilder("socat", "-t", "10", "-", "TCP:127.0.0.1:" + server.port())
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(tmp.resolve("socat.err").toFile())
                    .start();
            try {
                assertTrue(socat.waitFor(30, TimeUnit.SECONDS), "socat ends once the echo is complete");
                assertEquals(0, socat.exitValue(), Files.readString(tmp.resolve("socat.err")));
            } finally {
                stop(socat);
            }
            assertEquals(sha256(data), sha256(Files.readAllBytes(out)));
            ServerSummary s = server.stop();
            assertEquals(data.length, s.bytesEchoed());
            assertEquals(1, s.connectionsServed());
        }
    }

    @Test
    void pythonClientsAgainstOurServer() throws Exception {
        Tools.require("python3");
        try (EchoServer server =
                EchoServer.start(ServerSettings.builder().port(0).build())) {
            String port = Integer.toString(server.port());
            // A client that sends 4 MiB from one thread and reads from another.
            List<String> lines = run(List.of("python3", resource("client.py").toString(), port, "4194304", "42"));
            assertEquals(2, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("4194304 "), lines.get(0));
            assertEquals(lines.get(0), lines.get(1), "sent and received: length and SHA-256");
            // The reference's own client.
            List<String> reference =
                    run(List.of("python3", resource("reference_client.py").toString(), port));
            assertEquals(List.of("This is the message. It will be repeated."), reference);
            ServerSummary s = server.stop();
            assertEquals(2, s.connectionsServed());
            assertEquals(4194304 + 41, s.bytesEchoed());
        }
    }

    private List<String> run(List<String> command) throws Exception {
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "ends");
            assertEquals(0, p.exitValue(), Files.readString(err));
            return new String(out, StandardCharsets.UTF_8).lines().toList();
        } finally {
            stop(p);
        }
    }

    private static void awaitListening(int port, Process process) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() - end > 0) {
                    throw new AssertionError(
                            "socat does not listen on port " + port + " (alive: " + process.isAlive() + ")");
                }
                Thread.sleep(20);
            }
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        drain(p.getInputStream());
    }

    private static void drain(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Only closing.
        }
    }
}
