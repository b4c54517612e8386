package dev.cookbook.netecho.server;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Hears what an {@link EchoServer} does to connections, e.g. to log them. Every method has an
 * empty default. The methods are called on the server's selector threads, possibly several at
 * once: they must be thread-safe and quick (a log line, a counter), and must not throw.
 */
public interface ServerListener {
    /** A listener that does nothing. */
    ServerListener NONE = new ServerListener() {};

    /** A connection was accepted and is being served. */
    default void opened(long id, InetSocketAddress remote) {}

    /** A connection was closed, by either side or by {@link EchoServer#stop()}. */
    default void closed(ConnectionClosed connection) {}

    /** A connection beyond {@link ServerSettings#maxConnections()} was accepted and closed at once. */
    default void rejected(InetSocketAddress remote, int maxConnections) {}

    /**
     * Accepting failed, typically because the process has no file descriptor left; the server
     * goes on and tries again shortly.
     */
    default void acceptFailed(IOException e) {}
}
