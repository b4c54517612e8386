package dev.cookbook.netecho.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector and the thread that runs it: the connections handed to it, and for loop 0 the
 * listening socket too. Everything but the counters and the queue of new connections is touched
 * by this loop's thread only.
 */
final class SelectorLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SelectorLoop.class);
    /** Free buffers kept for reuse per loop; beyond that a released buffer is left to the GC. */
    private static final int POOLED_BUFFERS = 32;
    /** How long accepting pauses after it failed (most likely for want of file descriptors). */
    private static final long ACCEPT_PAUSE_NANOS = Duration.ofMillis(100).toNanos();

    private final EchoServer server;
    private final int index;
    private final ServerListener listener;
    private final Selector selector;
    private final int bufferSize;
    private final int acceptsPerWakeup;
    private final long idleNanos;
    private final long idleCheckMillis;
    private final Queue<HandedOver> handedOver = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<ByteBuffer> pool = new ArrayDeque<>();
    private ByteBuffer scratch;
    private ServerSocketChannel listening;
    private SelectionKey acceptKey;
    private long acceptPausedUntil;
    private long nextIdleCheck;
    private long nextId;
    private long now;
    private volatile boolean stopping;

    // Written by this loop's thread only; read by any thread for the live summary.
    private volatile long accepted;
    private volatile long rejected;
    private volatile long bytesReceived;
    private volatile long bytesEchoed;
    private volatile long buffered;

    SelectorLoop(EchoServer server, int index, ServerSettings settings, ServerListener listener) throws IOException {
        this.server = server;
        this.index = index;
        this.listener = listener;
        this.selector = Selector.open();
        this.bufferSize = settings.bufferSize();
        this.acceptsPerWakeup = Math.max(64, settings.backlog());
        this.idleNanos = settings.idleTimeout().map(Duration::toNanos).orElse(0L);
        // Checking four times per timeout closes a silent connection at most a quarter late.
        this.idleCheckMillis = idleNanos == 0 ? 0 : Math.max(10, Math.min(1000, idleNanos / 4_000_000));
        this.scratch = ByteBuffer.allocateDirect(bufferSize);
    }

    void listen(ServerSocketChannel channel) throws IOException {
        this.listening = channel;
        this.acceptKey = channel.register(selector, SelectionKey.OP_ACCEPT);
    }

    @Override
    public void run() {
        now = System.nanoTime();
        nextIdleCheck = now + idleNanos;
        try {
            while (!stopping) {
                long timeout = idleCheckMillis;
                if (acceptPausedUntil != 0) {
                    timeout = timeout == 0 ? 20 : Math.min(timeout, 20);
                }
                selector.select(this::ready, timeout);
                now = System.nanoTime();
                registerHandedOver();
                if (idleNanos != 0 && now - nextIdleCheck >= 0) {
                    closeIdle();
                    nextIdleCheck = now + idleCheckMillis * 1_000_000;
                }
                if (acceptPausedUntil != 0 && now - acceptPausedUntil >= 0) {
                    acceptPausedUntil = 0;
                    acceptKey.interestOps(SelectionKey.OP_ACCEPT);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("echo server selector {} failed", index, e);
        } finally {
            shutdown();
        }
    }

    void requestStop() {
        stopping = true;
        selector.wakeup();
    }

    void handOver(SocketChannel channel, long id) {
        handedOver.add(new HandedOver(channel, id));
        selector.wakeup();
    }

    long accepted() {
        return accepted;
    }

    long rejected() {
        return rejected;
    }

    long bytesReceived() {
        return bytesReceived;
    }

    long bytesEchoed() {
        return bytesEchoed;
    }

    long bufferedBytes() {
        return buffered;
    }

    void closeSelector() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // Only reached when the server could not start.
        }
    }

    private void ready(SelectionKey key) {
        // The select may have blocked for long: activity and durations count from now.
        now = System.nanoTime();
        if (key == acceptKey) {
            accept();
            return;
        }
        Connection c = (Connection) key.attachment();
        if (!key.isValid()) {
            return;
        }
        if (key.isWritable()) {
            flush(c);
        } else if (key.isReadable()) {
            read(c);
        }
    }

    private void accept() {
        // Up to a whole backlog per wake-up: one wake-up can take long when thousands of
        // connections are busy, and a full accept queue drops connects (the client retries
        // only a second later).
        for (int i = 0; i < acceptsPerWakeup; i++) {
            SocketChannel channel;
            try {
                channel = listening.accept();
            } catch (IOException e) {
                // Usually EMFILE: the pending connection stays queued and the key stays ready, so
                // retrying at once would spin. Pause accepting instead.
                LOG.warn("echo server cannot accept: {}", e.toString());
                tell(l -> l.acceptFailed(e));
                acceptKey.interestOps(0);
                acceptPausedUntil = now + ACCEPT_PAUSE_NANOS;
                return;
            }
            if (channel == null) {
                return;
            }
            if (!server.admit()) {
                InetSocketAddress remote = remoteOf(channel);
                closeQuietly(channel);
                rejected = rejected + 1;
                tell(l -> l.rejected(remote, server.settings().maxConnections()));
                continue;
            }
            accepted = accepted + 1;
            long id = ++nextId;
            SelectorLoop target = server.loop(id);
            if (target == this) {
                register(channel, id);
            } else {
                target.handOver(channel, id);
            }
        }
    }

    /** A connection accepted by loop 0 for another loop to serve. */
    private record HandedOver(SocketChannel channel, long id) {}

    private void registerHandedOver() {
        HandedOver h;
        while ((h = handedOver.poll()) != null) {
            register(h.channel(), h.id());
        }
    }

    private void register(SocketChannel channel, long id) {
        InetSocketAddress remote = remoteOf(channel);
        try {
            channel.configureBlocking(false);
            // Echo is request/response: a small message must go back at once, not wait for Nagle.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Connection c = new Connection(channel, id, remote, now);
            c.key = channel.register(selector, SelectionKey.OP_READ, c);
        } catch (IOException e) {
            closeQuietly(channel);
            server.released();
            tell(l -> l.closed(new ConnectionClosed(id, remote, 0, 0, Duration.ZERO, CloseReason.ERROR)));
            return;
        }
        tell(l -> l.opened(id, remote));
    }

    private void read(Connection c) {
        ByteBuffer buf = scratch;
        buf.clear();
        int n;
        try {
            n = c.channel.read(buf);
        } catch (IOException e) {
            close(c, CloseReason.ERROR);
            return;
        }
        if (n < 0) {
            // Reads happen only when nothing is pending, so everything has been echoed already.
            close(c, CloseReason.CLIENT_CLOSED);
            return;
        }
        if (n == 0) {
            return;
        }
        c.lastActive = now;
        c.bytesReceived += n;
        bytesReceived = bytesReceived + n;
        buf.flip();
        int written;
        try {
            written = c.channel.write(buf);
        } catch (IOException e) {
            close(c, CloseReason.ERROR);
            return;
        }
        c.bytesEchoed += written;
        bytesEchoed = bytesEchoed + written;
        if (buf.hasRemaining()) {
            // The client is not reading fast enough: keep the rest (this buffer, no copy) and stop
            // reading from it until the rest is written. That bounds what it can make us hold.
            c.pending = buf;
            scratch = takeBuffer();
            buffered = buffered + buf.remaining();
            c.key.interestOps(SelectionKey.OP_WRITE);
        }
    }

    private void flush(Connection c) {
        ByteBuffer buf = c.pending;
        int written;
        try {
            written = c.channel.write(buf);
        } catch (IOException e) {
            close(c, CloseReason.ERROR);
            return;
        }
        if (written > 0) {
            c.lastActive = now;
        }
        c.bytesEchoed += written;
        bytesEchoed = bytesEchoed + written;
        buffered = buffered - written;
        if (!buf.hasRemaining()) {
            c.pending = null;
            giveBack(buf);
            c.key.interestOps(SelectionKey.OP_READ);
        }
    }

    private void closeIdle() {
        List<Connection> silent = new ArrayList<>();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection c && key.isValid() && now - c.lastActive >= idleNanos) {
                silent.add(c);
            }
        }
        for (Connection c : silent) {
            close(c, CloseReason.IDLE_TIMEOUT);
        }
    }

    private void close(Connection c, CloseReason reason) {
        c.key.cancel();
        closeQuietly(c.channel);
        if (c.pending != null) {
            buffered = buffered - c.pending.remaining();
            giveBack(c.pending);
            c.pending = null;
        }
        server.released();
        ConnectionClosed closed = new ConnectionClosed(
                c.id, c.remote, c.bytesReceived, c.bytesEchoed, Duration.ofNanos(now - c.openedAt), reason);
        tell(l -> l.closed(closed));
    }

    private void shutdown() {
        now = System.nanoTime();
        if (listening != null) {
            acceptKey.cancel();
            try {
                listening.close();
            } catch (IOException ignored) {
                // The server is going away.
            }
        }
        registerHandedOver();
        List<Connection> all = new ArrayList<>();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection c && key.isValid()) {
                all.add(c);
            }
        }
        for (Connection c : all) {
            close(c, CloseReason.SERVER_STOPPED);
        }
        closeSelector();
    }

    /** Calls the listener; a listener that throws must not end the loop and its connections. */
    private void tell(Consumer<ServerListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.warn("echo server listener failed", e);
        }
    }

    private ByteBuffer takeBuffer() {
        ByteBuffer b = pool.poll();
        return b != null ? b : ByteBuffer.allocateDirect(bufferSize);
    }

    private void giveBack(ByteBuffer b) {
        if (pool.size() < POOLED_BUFFERS) {
            b.clear();
            pool.push(b);
        }
    }

    private static InetSocketAddress remoteOf(SocketChannel channel) {
        try {
            return (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a socket that already failed: nothing left to do.
        }
    }

    /** One client's connection: the state of its echo. */
    private static final class Connection {
        final SocketChannel channel;
        final long id;
        final InetSocketAddress remote;
        final long openedAt;
        SelectionKey key;
        /** Bytes read and not yet written back; null while everything has been written. */
        ByteBuffer pending;

        long lastActive;
        long bytesReceived;
        long bytesEchoed;

        Connection(SocketChannel channel, long id, InetSocketAddress remote, long now) {
            this.channel = channel;
            this.id = id;
            this.remote = remote;
            this.openedAt = now;
            this.lastActive = now;
        }
    }
}
