package dev.cookbook.netecho.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.netecho.EchoException;
import dev.cookbook.netecho.Recorder;
import dev.cookbook.netecho.Wait;
import dev.cookbook.netecho.client.ClientSettings;
import dev.cookbook.netecho.client.EchoClient;
import dev.cookbook.netecho.client.EchoResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class EchoServerTest {
    private static ServerSettings anyPort() {
        return ServerSettings.builder().port(0).build();
    }

    private static ClientSettings clientFor(EchoServer server) {
        return ClientSettings.builder("127.0.0.1", server.port())
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65_535, 65_536, 65_537, 1_000_003, 8 * 1024 * 1024})
    void echoesBinaryDataExactly(int size) throws Exception {
        byte[] data = random(size, size);
        try (EchoServer server = EchoServer.start(anyPort())) {
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            EchoResult r = EchoClient.echo(clientFor(server), new ByteArrayInputStream(data), back);
            assertEquals(new EchoResult(size, size, -1), r);
            assertTrue(r.identical());
            assertArrayEquals(sha256(data), sha256(back.toByteArray()));
            ServerSummary s = server.stop();
            assertEquals(size, s.bytesReceived());
            assertEquals(size, s.bytesEchoed());
        }
    }

    @Test
    void servesAThousandClientsAtOnce() throws Exception {
        int clients = 1000;
        Recorder events = new Recorder();
        try (EchoServer server = EchoServer.start(anyPort(), events)) {
            List<SocketChannel> channels = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    channels.add(SocketChannel.open(server.address()));
                }
                Wait.until(Duration.ofSeconds(10), "1000 connections open", () -> server.openConnections() == clients);
                // Every client sends a different message while all are connected, then reads it back.
                for (int i = 0; i < clients; i++) {
                    writeFully(channels.get(i), message(i));
                }
                for (int i = 0; i < clients; i++) {
                    assertArrayEquals(message(i), readFully(channels.get(i), message(i).length), "client " + i);
                }
            } finally {
                for (SocketChannel c : channels) {
                    c.close();
                }
            }
            Wait.until(Duration.ofSeconds(10), "all closed", () -> server.openConnections() == 0);
            ServerSummary s = server.stop();
            assertEquals(clients, s.connectionsServed());
            assertEquals(clients, s.peakConnections());
            long expected = 0;
            for (int i = 0; i < clients; i++) {
                expected += message(i).length;
            }
            assertEquals(expected, s.bytesEchoed());
            assertEquals(clients, events.closed.size());
            assertTrue(events.closed.stream().allMatch(c -> c.reason() == CloseReason.CLIENT_CLOSED));
        }
    }

    private static byte[] message(int i) {
        return random(100 + i % 900, i);
    }

    @Test
    void aClientThatNeverReadsHoldsABoundedBufferAndOthersAreStillServed() throws Exception {
        int bufferSize = 16 * 1024;
        ServerSettings settings =
                ServerSettings.builder().port(0).bufferSize(bufferSize).build();
        try (EchoServer server = EchoServer.start(settings);
                SocketChannel hog = SocketChannel.open(server.address())) {
            hog.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.wrap(random(1024 * 1024, 1));
            chunk.position(chunk.limit());
            long sent = 0;
            long limit = 64L * 1024 * 1024;
            long stalledSince = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            // Send up to 64 MiB and never read: sending must stall once the socket buffers on
            // both sides and the server's one buffer are full.
            while (sent < limit && System.nanoTime() < deadline) {
                if (!chunk.hasRemaining()) {
                    chunk.clear();
                }
                int n = hog.write(chunk);
                sent += n;
                if (n > 0) {
                    stalledSince = 0;
                } else if (stalledSince == 0) {
                    stalledSince = System.nanoTime();
                } else if (System.nanoTime() - stalledSince
                        > Duration.ofMillis(500).toNanos()) {
                    break;
                }
                if (n == 0) {
                    Thread.sleep(5);
                }
                assertTrue(server.bufferedBytes() <= bufferSize, "buffered " + server.bufferedBytes());
            }
            assertTrue(sent < limit, "the server took all " + sent + " bytes without them being read");
            assertTrue(server.bufferedBytes() <= bufferSize, "buffered " + server.bufferedBytes());

            // Meanwhile another client is served in full.
            byte[] data = random(2 * 1024 * 1024, 2);
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            EchoResult r = EchoClient.echo(clientFor(server), new ByteArrayInputStream(data), back);
            assertTrue(r.identical(), r.toString());
            assertArrayEquals(data, back.toByteArray());
            assertTrue(server.bufferedBytes() <= bufferSize, "buffered " + server.bufferedBytes());

            // Once the hog reads, it gets all its bytes back, in order...
            hog.configureBlocking(true);
            byte[] echoed = readFully(hog, (int) sent);
            byte[] expected = new byte[echoed.length];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = chunk.get(i % chunk.capacity());
            }
            assertArrayEquals(expected, echoed);
            // ...and, idle again though still open, it holds no buffer: what an idle connection
            // costs does not depend on what it sent before.
            Wait.until(Duration.ofSeconds(5), "nothing buffered", () -> server.bufferedBytes() == 0);
            assertEquals(2, server.summary().connectionsServed());
            Wait.until(Duration.ofSeconds(5), "only the hog open", () -> server.openConnections() == 1);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        Recorder events = new Recorder();
        ServerSettings settings =
                ServerSettings.builder().port(0).maxConnections(2).build();
        try (EchoServer server = EchoServer.start(settings, events);
                Socket a = new Socket("127.0.0.1", server.port());
                Socket b = new Socket("127.0.0.1", server.port())) {
            Wait.until(Duration.ofSeconds(5), "two open", () -> server.openConnections() == 2);
            try (Socket extra = new Socket("127.0.0.1", server.port())) {
                extra.setSoTimeout(5000);
                assertEquals(-1, extra.getInputStream().read(), "the server closes the extra connection");
            }
            Wait.until(Duration.ofSeconds(5), "one rejection heard", () -> events.rejected.size() == 1);
            // The two within the limit are still served.
            a.getOutputStream().write('x');
            a.setSoTimeout(5000);
            assertEquals('x', a.getInputStream().read());
            assertEquals(2, server.openConnections());
            b.close();
            Wait.until(Duration.ofSeconds(5), "b closed", () -> server.openConnections() == 1);
            // Below the limit again, a new connection is served.
            try (Socket c = new Socket("127.0.0.1", server.port())) {
                c.getOutputStream().write('y');
                c.setSoTimeout(5000);
                assertEquals('y', c.getInputStream().read());
            }
            ServerSummary s = server.stop();
            assertEquals(3, s.connectionsServed());
            assertEquals(1, s.connectionsRejected());
            assertEquals(2, s.peakConnections());
        }
    }

    @Test
    void silentConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
        Recorder events = new Recorder();
        ServerSettings settings = ServerSettings.builder()
                .port(0)
                .idleTimeout(Duration.ofMillis(300))
                .build();
        try (EchoServer server = EchoServer.start(settings, events);
                Socket silent = new Socket("127.0.0.1", server.port());
                Socket chatty = new Socket("127.0.0.1", server.port())) {
            silent.setSoTimeout(5000);
            chatty.setSoTimeout(5000);
            long start = System.nanoTime();
            // The chatty one talks every 50 ms for 1 s: never idle for 300 ms.
            for (int i = 0; i < 20; i++) {
                chatty.getOutputStream().write(i);
                assertEquals(i, chatty.getInputStream().read());
                Thread.sleep(50);
            }
            assertEquals(-1, silent.getInputStream().read(), "the silent connection is closed");
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
            Wait.until(Duration.ofSeconds(5), "chatty closed too", () -> events.closed.size() == 2);
            assertEquals(-1, chatty.getInputStream().read());
            assertTrue(events.closed.stream().allMatch(c -> c.reason() == CloseReason.IDLE_TIMEOUT));
            assertTrue(events.closed.stream().allMatch(c -> c.open().toMillis() >= 300), events.closed.toString());
            ConnectionClosed talked = events.closed.stream()
                    .filter(c -> c.bytesEchoed() > 0)
                    .findFirst()
                    .orElseThrow();
            assertEquals(20, talked.bytesReceived());
            assertEquals(20, talked.bytesEchoed());
        }
    }

    @Test
    void stopClosesEverythingAndSummarisesExactly() throws Exception {
        Recorder events = new Recorder();
        EchoServer server = EchoServer.start(anyPort(), events);
        int port = server.port();
        // Three finished exchanges of known sizes...
        long total = 0;
        for (int size : new int[] {10, 1000, 100_000}) {
            EchoClient.echo(
                    clientFor(server), new ByteArrayInputStream(random(size, size)), new ByteArrayOutputStream());
            total += size;
        }
        // ...and two connections still open, one of them having echoed 5 bytes.
        try (Socket open1 = new Socket("127.0.0.1", port);
                Socket open2 = new Socket("127.0.0.1", port)) {
            open1.setSoTimeout(5000);
            open2.setSoTimeout(5000);
            open1.getOutputStream().write(new byte[] {1, 2, 3, 4, 5});
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, open1.getInputStream().readNBytes(5));
            Wait.until(Duration.ofSeconds(5), "two open", () -> server.openConnections() == 2);
            Thread.sleep(200);

            ServerSummary s = server.stop();
            assertEquals(5, s.connectionsServed());
            assertEquals(0, s.connectionsRejected());
            assertEquals(total + 5, s.bytesReceived());
            assertEquals(total + 5, s.bytesEchoed());
            assertEquals(2, s.peakConnections());
            assertTrue(s.runTime().compareTo(Duration.ZERO) > 0);
            assertEquals(s, server.stop(), "stop is idempotent");
            assertEquals(s, server.awaitStop());

            assertEquals(-1, open1.getInputStream().read());
            assertEquals(-1, open2.getInputStream().read());
            assertEquals(0, server.openConnections());
            assertEquals(5, events.closed.size());
            assertEquals(
                    2,
                    events.closed.stream()
                            .filter(c -> c.reason() == CloseReason.SERVER_STOPPED)
                            .count());
            // Durations count to the close, though the server had been waiting with no timeout.
            assertTrue(events.closed.stream()
                    .filter(c -> c.reason() == CloseReason.SERVER_STOPPED)
                    .allMatch(c -> c.open().toMillis() >= 200));
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "not listening any more");
    }

    @Test
    void aPortInUseIsABindErrorNamingIt() throws Exception {
        try (EchoServer first = EchoServer.start(anyPort())) {
            ServerSettings same = ServerSettings.builder().port(first.port()).build();
            EchoException e = assertThrows(EchoException.class, () -> EchoServer.start(same));
            assertEquals(EchoException.Kind.BIND, e.kind());
            assertEquals("cannot listen on 127.0.0.1:" + first.port() + ": address already in use", e.getMessage());
            // The first server is unharmed.
            EchoResult r = EchoClient.echo(
                    clientFor(first), new ByteArrayInputStream(new byte[] {42}), new ByteArrayOutputStream());
            assertTrue(r.identical());
        }
    }

    @Test
    void severalSelectorThreadsShareTheConnections() throws Exception {
        ServerSettings settings =
                ServerSettings.builder().port(0).selectorThreads(3).build();
        try (EchoServer server = EchoServer.start(settings)) {
            for (int i = 0; i < 7; i++) {
                byte[] data = random(300_000 + i, i);
                ByteArrayOutputStream back = new ByteArrayOutputStream();
                assertTrue(EchoClient.echo(clientFor(server), new ByteArrayInputStream(data), back)
                        .identical());
                assertArrayEquals(data, back.toByteArray());
            }
            ServerSummary s = server.stop();
            assertEquals(7, s.connectionsServed());
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheServer() throws Exception {
        ServerListener failing = new ServerListener() {
            @Override
            public void opened(long id, InetSocketAddress remote) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (EchoServer server = EchoServer.start(anyPort(), failing)) {
            for (int i = 0; i < 3; i++) {
                EchoResult r = EchoClient.echo(
                        clientFor(server), new ByteArrayInputStream(new byte[] {1, 2, 3}), new ByteArrayOutputStream());
                assertTrue(r.identical());
            }
            assertEquals(3, server.stop().connectionsServed());
        }
    }

    static void writeFully(SocketChannel c, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    static byte[] readFully(SocketChannel c, int n) throws IOException {
        c.socket().setSoTimeout(10_000);
        InputStream in = c.socket().getInputStream();
        byte[] got = in.readNBytes(n);
        assertEquals(n, got.length, "bytes before EOF");
        return got;
    }
}
