package dev.cookbook.netecho;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cookbook.netecho.server.ServerSettings;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EndpointsTest {
    @Test
    void addressesAreWrittenAsUsersTypeThem() throws Exception {
        assertEquals(
                "127.0.0.1:10000", Endpoints.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 10000)));
        assertEquals("[::1]:7", Endpoints.format(new InetSocketAddress(InetAddress.getByName("::1"), 7)));
        assertEquals("[::]:7", Endpoints.format(new InetSocketAddress(InetAddress.getByName("::"), 7)));
        assertEquals(
                "[2001:db8::1:0:0:1]:7",
                Endpoints.format(new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 7)));
        assertEquals(
                "[2001:db8:0:1:1:1:1:1]:7",
                Endpoints.format(new InetSocketAddress(InetAddress.getByName("2001:db8:0:1:1:1:1:1"), 7)));
        assertEquals("[fe80::1]:7", Endpoints.format(new InetSocketAddress(InetAddress.getByName("fe80::1"), 7)));
        assertEquals("example.org:7", Endpoints.format(InetSocketAddress.createUnresolved("example.org", 7)));
    }

    @Test
    void socketErrorsAreWordsWithoutSyscallNames() {
        assertEquals(
                "address already in use",
                Endpoints.describe(new BindException("Address already in use (Bind failed)")));
        assertEquals("connection refused", Endpoints.describe(new ConnectException("Connection refused")));
        assertEquals("connection refused", Endpoints.describe(new ConnectException()));
        assertEquals("connection reset by peer", Endpoints.describe(new IOException("Connection reset by peer")));
    }

    @Test
    void serverSettingsDefaultsAndLimits() {
        ServerSettings d = ServerSettings.defaults();
        assertEquals("127.0.0.1", d.bindAddress().getHostAddress());
        assertEquals(10000, d.port());
        assertEquals(4096, d.backlog());
        assertEquals(10_000, d.maxConnections());
        assertEquals(1, d.selectorThreads());
        assertEquals(64 * 1024, d.bufferSize());
        assertEquals(Optional.empty(), d.idleTimeout());
        assertEquals(
                "port must be 0 to 65535, not 65536",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ServerSettings.builder().port(65536))
                        .getMessage());
        assertEquals(
                "idle timeout must be positive, not PT0S",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ServerSettings.builder().idleTimeout(Duration.ZERO))
                        .getMessage());
        assertEquals(7, d.toBuilder().port(7).build().port());
    }
}
