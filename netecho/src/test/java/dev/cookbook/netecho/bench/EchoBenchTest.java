package dev.cookbook.netecho.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.netecho.server.EchoServer;
import dev.cookbook.netecho.server.ServerListener;
import dev.cookbook.netecho.server.ServerSettings;
import dev.cookbook.netecho.server.ServerSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Short runs; counts are checked for plausibility, never against the clock. */
@Timeout(30)
class EchoBenchTest {
    @Test
    void fiftyConnectionsForTwoSecondsAgainstOurServer() throws Exception {
        try (EchoServer server =
                EchoServer.start(ServerSettings.builder().port(0).build())) {
            BenchSettings settings = BenchSettings.builder(server.address())
                    .connections(50)
                    .duration(Duration.ofSeconds(2))
                    .messageSize(1000)
                    .build();
            List<BenchProgress> progress = new CopyOnWriteArrayList<>();
            BenchResult r = new EchoBench(settings).run(progress::add);

            assertEquals(50, r.connectionsRequested());
            assertEquals(50, r.connectionsHeld());
            assertEquals(0, r.connectFailures());
            assertEquals(0, r.connectionsLost());
            assertEquals(0, r.mismatches());
            assertTrue(r.messages() > 50, r.toString());
            assertEquals(r.messages() * 1000, r.bytes());
            assertEquals(r.messages(), r.latency().count());
            assertTrue(r.latency().p50().compareTo(r.latency().p99()) <= 0);
            assertTrue(r.latency().p99().compareTo(r.latency().max()) <= 0);
            assertTrue(r.messagesPerSecond() > 0);
            assertTrue(r.megabytesPerSecond() > 0);
            assertTrue(progress.size() >= 1 && progress.size() <= 3, progress.toString());
            // Every connection was closed at the end, and the server echoed at least what was counted.
            ServerSummary s = server.stop();
            assertEquals(50, s.connectionsServed());
            assertTrue(s.bytesEchoed() >= r.bytes());
        }
    }

    @Test
    void aRateLimitsTheMessages() throws Exception {
        try (EchoServer server =
                EchoServer.start(ServerSettings.builder().port(0).build())) {
            BenchSettings settings = BenchSettings.builder(server.address())
                    .connections(10)
                    .duration(Duration.ofSeconds(1))
                    .rate(500)
                    .build();
            BenchResult r = new EchoBench(settings).run(p -> {});
            assertEquals(0, r.mismatches());
            assertTrue(r.messages() > 0, r.toString());
            // 500/s for 1 s, each connection's schedule fixed from the start: never more.
            assertTrue(r.messages() <= 500 + 10, r.toString());
        }
    }

    @Test
    void withARateASlowServerCannotHideItsDelay() throws Exception {
        // Echoes each 64-byte message 50 ms late, so one connection manages at most 20 a second.
        // Asked for 100 a second, message k is due at k x 10 ms but done only at about
        // (k + 1) x 50 ms: counted from when it was due, latencies grow far beyond 50 ms.
        try (ServerSocket slow = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = slow.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] message;
                    while ((message = in.readNBytes(64)).length == 64) {
                        Thread.sleep(50);
                        out.write(message);
                    }
                } catch (IOException | InterruptedException ignored) {
                    // The run is over.
                }
            });
            t.setDaemon(true);
            t.start();
            BenchSettings settings = BenchSettings.builder(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), slow.getLocalPort()))
                    .connections(1)
                    .duration(Duration.ofMillis(1500))
                    .rate(100)
                    .build();
            BenchResult r = new EchoBench(settings).run(p -> {});
            assertEquals(0, r.mismatches());
            assertTrue(r.messages() >= 5, r.toString());
            assertTrue(r.latency().p50().compareTo(Duration.ofMillis(50)) >= 0, r.toString());
            assertTrue(r.latency().max().compareTo(Duration.ofMillis(200)) > 0, r.toString());
        }
    }

    @Test
    void aServerThatChangesBytesIsCountedAsMismatches() throws Exception {
        // Echoes every byte plus one, on one connection.
        try (ServerSocket bad = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = bad.accept()) {
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] buf = new byte[4096];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        for (int i = 0; i < n; i++) {
                            buf[i]++;
                        }
                        out.write(buf, 0, n);
                    }
                } catch (IOException ignored) {
                    // The run is over.
                }
            });
            t.setDaemon(true);
            t.start();
            BenchSettings settings = BenchSettings.builder(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), bad.getLocalPort()))
                    .connections(1)
                    .duration(Duration.ofMillis(500))
                    .build();
            BenchResult r = new EchoBench(settings).run(p -> {});
            assertTrue(r.messages() > 0, r.toString());
            assertEquals(r.messages(), r.mismatches());
        }
    }

    @Test
    void aClosedPortIsConnectFailuresNotAnException() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        BenchSettings settings = BenchSettings.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .connections(5)
                .duration(Duration.ofMillis(300))
                .build();
        BenchResult r = new EchoBench(settings).run(p -> {});
        assertEquals(5, r.connectFailures());
        assertEquals(0, r.connectionsHeld());
        assertEquals(0, r.messages());
    }

    @Test
    void connectionsSpreadOverSourceAddresses() throws Exception {
        List<String> sources = new CopyOnWriteArrayList<>();
        ServerListener listener = new ServerListener() {
            @Override
            public void opened(long id, InetSocketAddress remote) {
                sources.add(remote.getAddress().getHostAddress());
            }
        };
        try (EchoServer server =
                EchoServer.start(ServerSettings.builder().port(0).build(), listener)) {
            BenchSettings settings = BenchSettings.builder(server.address())
                    .connections(6)
                    .duration(Duration.ofMillis(500))
                    .sourceAddresses(List.of(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3")))
                    .build();
            BenchResult r = new EchoBench(settings).run(p -> {});
            assertEquals(0, r.connectFailures(), r.toString());
            assertEquals(6, r.connectionsHeld());
            assertEquals(0, r.mismatches());
            assertEquals(
                    List.of("127.0.0.2", "127.0.0.2", "127.0.0.2", "127.0.0.3", "127.0.0.3", "127.0.0.3"),
                    sources.stream().sorted().toList());
        }
    }

    @Test
    void settingsRejectImpossibleValues() {
        InetSocketAddress a = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7);
        assertThrows(
                IllegalArgumentException.class, () -> BenchSettings.builder(a).connections(0));
        assertThrows(
                IllegalArgumentException.class, () -> BenchSettings.builder(a).messageSize(0));
        assertThrows(
                IllegalArgumentException.class, () -> BenchSettings.builder(a).rate(-1));
        assertThrows(
                IllegalArgumentException.class, () -> BenchSettings.builder(a).duration(Duration.ZERO));
        assertThrows(
                IllegalArgumentException.class,
                () -> BenchSettings.builder(InetSocketAddress.createUnresolved("x", 7)));
        assertEquals(1, BenchSettings.builder(a).connections(1).build().threads());
    }
}
