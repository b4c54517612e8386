package dev.cookbook.netecho.server;

import dev.cookbook.netecho.EchoException;
import dev.cookbook.netecho.Endpoints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP echo server on java.nio selectors: it writes every byte it reads back to the same
 * connection, unchanged, until the client closes its side, then closes the connection.
 *
 * <p>A few threads serve every connection ({@link ServerSettings#selectorThreads()}, one by
 * default), none per connection. A connection whose client does not read holds at most {@link
 * ServerSettings#bufferSize()} bytes: the server stops reading from it until it has written them
 * back. An idle connection holds no buffer. Connections beyond {@link
 * ServerSettings#maxConnections()} are closed as soon as they are accepted; connections silent for
 * the {@link ServerSettings#idleTimeout()} are closed.
 *
 * <p>Thread-safe: {@link #stop()} and the getters may be called from any thread, e.g. a shutdown
 * hook.
 *
 * <pre>{@code
 * try (EchoServer server = EchoServer.start(ServerSettings.builder().port(0).build(), listener)) {
 *     System.err.println("listening on " + Endpoints.format(server.address()));
 *     server.awaitStop();                 // until another thread calls server.stop()
 * }
 * }</pre>
 */
public final class EchoServer implements AutoCloseable {
    private final ServerSettings settings;
    private final ServerSocketChannel listening;
    private final InetSocketAddress address;
    private final SelectorLoop[] loops;
    private final Thread[] threads;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long startNanos;
    private final Object stopLock = new Object();
    private volatile ServerSummary finalSummary;

    private EchoServer(ServerSettings settings, ServerListener listener) throws EchoException {
        this.settings = settings;
        InetSocketAddress endpoint = settings.endpoint();
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            // A restarted server can bind while old connections linger in TIME_WAIT; on Linux this
            // does not let two servers listen on one port.
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(endpoint, settings.backlog());
            channel.configureBlocking(false);
            this.address = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new EchoException(
                    EchoException.Kind.BIND,
                    "cannot listen on " + Endpoints.format(endpoint) + ": " + Endpoints.describe(e),
                    e);
        }
        this.listening = channel;
        this.loops = new SelectorLoop[settings.selectorThreads()];
        try {
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new SelectorLoop(this, i, settings, listener);
            }
            loops[0].listen(channel);
        } catch (IOException e) {
            for (SelectorLoop loop : loops) {
                if (loop != null) {
                    loop.closeSelector();
                }
            }
            closeQuietly(channel);
            throw new EchoException(EchoException.Kind.IO, "cannot start the server: " + Endpoints.describe(e), e);
        }
        this.threads = new Thread[loops.length];
        this.startNanos = System.nanoTime();
        for (int i = 0; i < loops.length; i++) {
            threads[i] = new Thread(loops[i], "echo-server-" + address.getPort() + "-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /**
     * Binds and starts serving. Returns once the socket listens: connects succeed from then on.
     *
     * @throws EchoException of kind {@link EchoException.Kind#BIND} when the address cannot be
     *     bound (in use, not local, not allowed), with a message naming address and port
     */
    public static EchoServer start(ServerSettings settings, ServerListener listener) throws EchoException {
        return new EchoServer(
                Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(listener, "listener"));
    }

    /** {@link #start(ServerSettings, ServerListener)} with no listener. */
    public static EchoServer start(ServerSettings settings) throws EchoException {
        return start(settings, ServerListener.NONE);
    }

    public ServerSettings settings() {
        return settings;
    }

    /** The address and port the server listens on: the real port when 0 was asked for. */
    public InetSocketAddress address() {
        return address;
    }

    public int port() {
        return address.getPort();
    }

    /** Connections open now. */
    public int openConnections() {
        return open.get();
    }

    /**
     * Bytes read and not yet written back, over all connections: at most {@link
     * ServerSettings#bufferSize()} per connection whose client is slow to read.
     */
    public long bufferedBytes() {
        long sum = 0;
        for (SelectorLoop loop : loops) {
            sum += loop.bufferedBytes();
        }
        return sum;
    }

    /** The counts so far; after {@link #stop()}, the final ones. */
    public ServerSummary summary() {
        ServerSummary done = finalSummary;
        if (done != null) {
            return done;
        }
        return collect(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /**
     * Stops: closes the listening socket, then every open connection (without waiting for their
     * clients), and waits for the server's threads to end. Idempotent; every call returns the same
     * summary. Not to be called from a {@link ServerListener} method (it runs on a thread that
     * stop waits for).
     */
    public ServerSummary stop() {
        synchronized (stopLock) {
            if (finalSummary != null) {
                return finalSummary;
            }
            // The acceptor first, so that no connection is handed to a loop that has ended.
            stopLoop(0);
            for (int i = 1; i < loops.length; i++) {
                stopLoop(i);
            }
            closeQuietly(listening);
            finalSummary = collect(Duration.ofNanos(System.nanoTime() - startNanos));
            stopped.countDown();
            return finalSummary;
        }
    }

    /** Blocks until {@link #stop()} has finished, and returns its summary. */
    public ServerSummary awaitStop() throws InterruptedException {
        stopped.await();
        return finalSummary;
    }

    /** Blocks until {@link #stop()} has finished or the time is up; true if it has. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private void stopLoop(int i) {
        loops[i].requestStop();
        boolean interrupted = false;
        while (threads[i].isAlive()) {
            try {
                threads[i].join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private ServerSummary collect(Duration runTime) {
        long served = 0;
        long rejected = 0;
        long in = 0;
        long out = 0;
        for (SelectorLoop loop : loops) {
            served += loop.accepted();
            rejected += loop.rejected();
            in += loop.bytesReceived();
            out += loop.bytesEchoed();
        }
        return new ServerSummary(served, rejected, in, out, peak.get(), runTime);
    }

    // Called by the accepting loop.
    boolean admit() {
        int now = open.incrementAndGet();
        if (now > settings.maxConnections()) {
            open.decrementAndGet();
            return false;
        }
        peak.accumulateAndGet(now, Math::max);
        return true;
    }

    void released() {
        open.decrementAndGet();
    }

    SelectorLoop loop(long connectionNumber) {
        return loops[(int) (connectionNumber % loops.length)];
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing useful to do: the server is going away.
            }
        }
    }
}
