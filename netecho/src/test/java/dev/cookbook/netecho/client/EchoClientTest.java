package dev.cookbook.netecho.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.netecho.EchoException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against scripted servers that misbehave. */
@Timeout(30)
class EchoClientTest {
    private static ClientSettings to(int port, Duration timeout) {
        return ClientSettings.builder("127.0.0.1", port).timeout(timeout).build();
    }

    /** Serves one connection on another thread: reads everything, answers what {@code map} makes of each byte. */
    private static ServerSocket mappingServer(IntUnaryOperator map, long closeAfter) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[65536];
                long n = 0;
                int got;
                while (n < closeAfter && (got = in.read(buf, 0, (int) Math.min(buf.length, closeAfter - n))) >= 0) {
                    for (int i = 0; i < got; i++) {
                        buf[i] = (byte) map.applyAsInt(buf[i] & 0xff);
                    }
                    out.write(buf, 0, got);
                    n += got;
                }
            } catch (IOException ignored) {
                // The test is over.
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    void aClosedPortIsConnectNamingHostAndPort() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        EchoException e = assertThrows(
                EchoException.class,
                () -> EchoClient.echo(
                        to(port, Duration.ofSeconds(5)),
                        new ByteArrayInputStream(new byte[1]),
                        OutputStream.nullOutputStream()));
        assertEquals(EchoException.Kind.CONNECT, e.kind());
        assertEquals("cannot connect to 127.0.0.1:" + port + ": connection refused", e.getMessage());
    }

    @Test
    void anUnknownHostIsConnect() {
        ClientSettings s = ClientSettings.builder("no-such-host.invalid", 7).build();
        EchoException e = assertThrows(
                EchoException.class,
                () -> EchoClient.echo(s, new ByteArrayInputStream(new byte[1]), OutputStream.nullOutputStream()));
        assertEquals(EchoException.Kind.CONNECT, e.kind());
        assertEquals("cannot connect to no-such-host.invalid:7: unknown host", e.getMessage());
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        // The kernel completes the handshake from the backlog; nobody ever reads or writes.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            EchoException e = assertThrows(
                    EchoException.class,
                    () -> EchoClient.echo(
                            to(silent.getLocalPort(), Duration.ofMillis(500)),
                            new ByteArrayInputStream("hello".getBytes()),
                            OutputStream.nullOutputStream()));
            assertEquals(EchoException.Kind.TIMEOUT, e.kind());
            assertEquals(
                    "127.0.0.1:" + silent.getLocalPort() + " sent nothing back within 500 ms (0 of 5 bytes echoed)",
                    e.getMessage());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
        }
    }

    @Test
    void aChangedByteIsFoundAtItsOffset() throws Exception {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 7);
        }
        data[123_456] = 100;
        // The server turns every 100 into 101.
        try (ServerSocket server = mappingServer(b -> b == 100 ? 101 : b, Long.MAX_VALUE)) {
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            EchoResult r = EchoClient.echo(
                    to(server.getLocalPort(), Duration.ofSeconds(10)), new ByteArrayInputStream(data), back);
            assertEquals(new EchoResult(data.length, data.length, 123_456), r);
            assertEquals(101, back.toByteArray()[123_456]);
        }
    }

    @Test
    void anEarlyDifferenceInALargeInputIsAResultNotATimeout() throws Exception {
        // Far more than the client keeps unconfirmed: it must go on taking chunks off its queue.
        byte[] data = new byte[24 * 1024 * 1024];
        data[10] = 100;
        try (ServerSocket server = mappingServer(b -> b == 100 ? 101 : b, Long.MAX_VALUE)) {
            EchoResult r = EchoClient.echo(
                    to(server.getLocalPort(), Duration.ofSeconds(5)),
                    new ByteArrayInputStream(data),
                    OutputStream.nullOutputStream());
            assertEquals(new EchoResult(data.length, data.length, 10), r);
        }
    }

    @Test
    void aSlowInputIsWaitedForBeyondTheTimeout() throws Exception {
        // Like someone typing two lines with a pause longer than the timeout between them.
        InputStream typing = new InputStream() {
            private int line;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (line == 2) {
                    return -1;
                }
                if (line == 1) {
                    try {
                        Thread.sleep(700);
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                byte[] text = (line == 0 ? "first\n" : "second\n").getBytes();
                System.arraycopy(text, 0, b, off, text.length);
                line++;
                return text.length;
            }
        };
        try (ServerSocket server = mappingServer(b -> b, Long.MAX_VALUE)) {
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            EchoResult r = EchoClient.echo(to(server.getLocalPort(), Duration.ofMillis(300)), typing, back);
            assertEquals(new EchoResult(13, 13, -1), r);
            assertEquals("first\nsecond\n", back.toString());
        }
    }

    @Test
    void aShortEchoDiffersWhereItEnds() throws Exception {
        byte[] data = "0123456789".getBytes();
        try (ServerSocket server = mappingServer(b -> b, 4)) {
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            EchoResult r = EchoClient.echo(
                    to(server.getLocalPort(), Duration.ofSeconds(10)), new ByteArrayInputStream(data), back);
            assertEquals(10, r.bytesSent());
            assertEquals(4, r.bytesReceived());
            assertEquals(4, r.firstDifference());
            assertArrayEquals("0123".getBytes(), back.toByteArray());
        }
    }

    @Test
    void anUnreadableInputIsIo() throws Exception {
        try (ServerSocket server = mappingServer(b -> b, Long.MAX_VALUE)) {
            InputStream broken = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("Input/output error");
                }
            };
            EchoException e = assertThrows(
                    EchoException.class,
                    () -> EchoClient.echo(
                            to(server.getLocalPort(), Duration.ofSeconds(5)), broken, OutputStream.nullOutputStream()));
            assertEquals(EchoException.Kind.IO, e.kind());
            assertEquals("cannot read the input: input/output error", e.getMessage());
        }
    }

    @Test
    void settingsRejectImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> ClientSettings.builder("h", 0));
        assertThrows(IllegalArgumentException.class, () -> ClientSettings.builder("h", 65536));
        assertThrows(IllegalArgumentException.class, () -> ClientSettings.builder(" ", 7));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ClientSettings.builder("h", 7).timeout(Duration.ZERO));
        assertEquals("timeout must be at least 1 ms, not PT0S", e.getMessage());
    }
}
