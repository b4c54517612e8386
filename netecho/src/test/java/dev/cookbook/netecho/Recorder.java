package dev.cookbook.netecho;

import dev.cookbook.netecho.server.ConnectionClosed;
import dev.cookbook.netecho.server.ServerListener;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A server listener that keeps what it hears, for the tests to look at. */
public final class Recorder implements ServerListener {
    public final List<Long> opened = new CopyOnWriteArrayList<>();
    public final List<ConnectionClosed> closed = new CopyOnWriteArrayList<>();
    public final List<InetSocketAddress> rejected = new CopyOnWriteArrayList<>();

    @Override
    public void opened(long id, InetSocketAddress remote) {
        opened.add(id);
    }

    @Override
    public void closed(ConnectionClosed connection) {
        closed.add(connection);
    }

    @Override
    public void rejected(InetSocketAddress remote, int maxConnections) {
        rejected.add(remote);
    }
}
