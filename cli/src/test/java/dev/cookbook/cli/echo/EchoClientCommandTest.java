package dev.cookbook.cli.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cookbook.cli.Cli;
import dev.cookbook.netecho.server.EchoServer;
import dev.cookbook.netecho.server.ServerSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code echo client} in-process, against our server and against scripted ones that misbehave. */
@Timeout(60)
class EchoClientCommandTest {
    private EchoServer server;

    @BeforeEach
    void start() throws IOException {
        server = EchoServer.start(ServerSettings.builder().port(0).build());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String port() {
        return Integer.toString(server.port());
    }

    @Test
    void severalMebibytesOfBinaryStdinComeBackExactly() {
        byte[] data = new byte[6 * 1024 * 1024 + 7];
        new Random(14).nextBytes(data);

        Cli.Result r = Cli.run(data, "echo", "client", "--port", port());

        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        assertArrayEquals(data, r.stdout());
        assertEquals(data.length, server.summary().bytesEchoed());
    }

    @Test
    void theWordsAreJoinedBySpacesWithANewlineAsEchoDoes() {
        Cli.Result r = Cli.run("echo", "client", "--port", port(), "hello", "wide  world", "ü");

        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        assertEquals("hello wide  world ü\n", r.out());
    }

    @Test
    void dashNLeavesTheNewlineOut() {
        Cli.Result r = Cli.run("echo", "client", "--port", port(), "-n", "hello", "world");

        assertEquals(0, r.exit(), r::toString);
        assertEquals("hello world", r.out());
    }

    @Test
    void dashNWithoutAMessageIsAUsageError() {
        Cli.Result r = Cli.run("echo".getBytes(StandardCharsets.UTF_8), "echo", "client", "--port", port(), "-n");

        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook echo client: -n leaves the newline out of MESSAGE: give one\n"
                        + "cookbook echo client: hint: see 'cookbook echo client --help'\n",
                r.err());
    }

    @Test
    void anEchoThatChangesAByteIsExitOneNamingTheByte() throws Exception {
        try (ServerSocket changing = scripted(true)) {
            Cli.Result r = Cli.run("echo", "client", "--port", Integer.toString(changing.getLocalPort()), "hello");

            assertEquals(1, r.exit(), r::toString);
            assertEquals("helLo\n", r.out());
            assertEquals("cookbook echo client: the echo differs from what was sent at byte 4 of 6\n", r.err());
        }
    }

    @Test
    void aRefusedConnectionIsExitFourNamingHostAndPort() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        Cli.Result r = Cli.run("echo", "client", "--port", Integer.toString(closed), "hello");

        assertEquals(4, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals("cookbook echo client: cannot connect to 127.0.0.1:" + closed + ": connection refused\n", r.err());
    }

    @Test
    void aSilentServerIsATimeoutExitFour() throws Exception {
        try (ServerSocket silent = scripted(false)) {
            Cli.Result r = Cli.run(
                    "echo", "client", "--port", Integer.toString(silent.getLocalPort()), "--timeout", "300ms", "hello");

            assertEquals(4, r.exit(), r::toString);
            assertEquals("", r.out());
            assertEquals(
                    "cookbook echo client: 127.0.0.1:" + silent.getLocalPort()
                            + " sent nothing back within 300 ms (0 of 6 bytes echoed)\n",
                    r.err());
        }
    }

    @Test
    void badValuesAreUsageErrors() {
        Cli.Result port = Cli.run("echo", "client", "--port", "70000", "x");
        assertEquals(2, port.exit(), port::toString);
        assertEquals(
                "cookbook echo client: --port 70000: a port is 1 to 65535",
                port.err().lines().findFirst().get());

        Cli.Result timeout = Cli.run("echo", "client", "--timeout", "soon", "x");
        assertEquals(2, timeout.exit(), timeout::toString);
    }

    @Test
    void anUnknownHostIsExitFour() {
        Cli.Result r = Cli.run("echo", "client", "--host", "no-such-host.invalid", "--port", "7", "x");

        assertEquals(4, r.exit(), r::toString);
        assertEquals("cookbook echo client: cannot connect to no-such-host.invalid:7: unknown host\n", r.err());
    }

    /**
     * Serves one connection: answers each byte with itself, the fourth one upper-cased, when
     * {@code echoing}; else reads and never answers nor closes.
     */
    private static ServerSocket scripted(boolean echoing) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                long n = 0;
                int b;
                while ((b = in.read()) >= 0) {
                    if (echoing) {
                        out.write(n == 3 ? Character.toUpperCase(b) : b);
                        out.flush();
                    }
                    n++;
                }
                if (!echoing) {
                    Thread.sleep(20_000); // silent, and not closing either: the client must time out
                }
            } catch (IOException | InterruptedException ignored) {
                // The test is over.
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }
}
