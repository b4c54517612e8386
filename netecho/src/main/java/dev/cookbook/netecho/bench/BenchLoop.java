package dev.cookbook.netecho.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread of a bench run and its share of the connections: connection {@code j} of
 * the run belongs to loop {@code j % threads}. Everything but the counters is touched by this
 * loop's thread only.
 */
final class BenchLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BenchLoop.class);
    /** Connects in progress at once per loop, below the server's listen backlog. */
    private static final int CONNECTING_AT_ONCE = 256;
    /** Messages start at one of this many offsets in the pattern, so that no two in a row match. */
    private static final int OFFSETS = 251;

    private static final int READ_BUFFER = 64 * 1024;

    private final BenchSettings settings;
    private final int index;
    private final int threads;
    private final long runStart;
    private final Selector selector;
    private final ByteBuffer pattern;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(READ_BUFFER);
    private final Histogram histogram = new Histogram(3);
    private final int size;
    /** Nanoseconds between two messages of one connection, 0 without a rate. */
    private final long interval;

    private final long connectTimeout;
    /** Connects in progress, oldest first; finished ones leave when they reach the head. */
    private final ArrayDeque<Conn> connecting = new ArrayDeque<>();
    /** Connects really in progress (the deque above also holds finished ones). */
    private int connectsInProgress;

    private final PriorityQueue<Conn> waiting = new PriorityQueue<>((a, b) -> Long.compare(a.due, b.due));
    private final List<Conn> all = new ArrayList<>();
    private int nextGlobal;
    private long now;
    private volatile boolean stopping;

    // Written by this loop's thread only, read by the coordinator for progress and the result.
    private volatile int open;
    private volatile long connectFailures;
    private volatile long lost;
    private volatile long messages;
    private volatile long mismatches;
    private volatile long bytes;

    BenchLoop(BenchSettings settings, int index, int threads, long runStart) throws IOException {
        this.settings = settings;
        this.index = index;
        this.threads = threads;
        this.runStart = runStart;
        this.size = settings.messageSize();
        this.selector = Selector.open();
        byte[] random = new byte[size + OFFSETS];
        new Random(index * 31L + size).nextBytes(random);
        ByteBuffer p = ByteBuffer.allocateDirect(random.length);
        p.put(random).flip();
        this.pattern = p.asReadOnlyBuffer();
        double perConnection = settings.rate() / settings.connections();
        this.interval = settings.rate() == 0 ? 0 : Math.max(1, Math.round(1e9 / perConnection));
        this.connectTimeout = settings.connectTimeout().toNanos();
        this.nextGlobal = index;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                now = System.nanoTime();
                openMore();
                failSlowConnects();
                sendDue();
                long timeout = 100;
                Conn first = waiting.peek();
                if (first != null) {
                    timeout = Math.min(timeout, (first.due - now) / 1_000_000);
                }
                if (!connecting.isEmpty()) {
                    timeout = Math.min(timeout, 10);
                }
                if (timeout <= 0) {
                    selector.selectNow(this::ready);
                } else {
                    selector.select(this::ready, timeout);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("echo bench selector {} failed", index, e);
        } finally {
            for (Conn c : all) {
                closeQuietly(c.channel);
            }
            closeSelector();
        }
    }

    void requestStop() {
        stopping = true;
        selector.wakeup();
    }

    void closeSelector() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // The run is over either way.
        }
    }

    Histogram histogram() {
        return histogram;
    }

    int open() {
        return open;
    }

    long connectFailures() {
        return connectFailures;
    }

    long lost() {
        return lost;
    }

    long messages() {
        return messages;
    }

    long mismatches() {
        return mismatches;
    }

    long bytes() {
        return bytes;
    }

    private void openMore() {
        List<InetAddress> sources = settings.sourceAddresses();
        InetSocketAddress server = settings.server();
        while (nextGlobal < settings.connections() && connectsInProgress < CONNECTING_AT_ONCE && !stopping) {
            int global = nextGlobal;
            nextGlobal += threads;
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (!sources.isEmpty()) {
                    // Each source address has its own ~28,000 ephemeral ports towards one server.
                    channel.bind(new InetSocketAddress(sources.get(global % sources.size()), 0));
                }
                Conn c = new Conn(channel, global);
                c.connectStart = now;
                if (channel.connect(server)) {
                    c.key = channel.register(selector, 0, c);
                    connected(c);
                } else {
                    c.key = channel.register(selector, SelectionKey.OP_CONNECT, c);
                    connecting.add(c);
                    connectsInProgress++;
                }
                all.add(c);
            } catch (IOException e) {
                LOG.debug("connect {} failed: {}", global, e.toString());
                if (channel != null) {
                    closeQuietly(channel);
                }
                connectFailures = connectFailures + 1;
            }
        }
    }

    private void failSlowConnects() {
        while (!connecting.isEmpty()) {
            Conn c = connecting.peek();
            if (c.state != State.CONNECTING) {
                connecting.poll();
            } else if (now - c.connectStart >= connectTimeout) {
                connecting.poll();
                connectsInProgress--;
                c.state = State.CLOSED;
                c.key.cancel();
                closeQuietly(c.channel);
                connectFailures = connectFailures + 1;
            } else {
                return;
            }
        }
    }

    private void sendDue() {
        while (!waiting.isEmpty() && waiting.peek().due - now <= 0) {
            Conn c = waiting.poll();
            if (c.state == State.WAITING) {
                begin(c, c.due);
            }
        }
    }

    private void ready(SelectionKey key) {
        Conn c = (Conn) key.attachment();
        if (!key.isValid() || c.state == State.CLOSED) {
            return;
        }
        now = System.nanoTime();
        if (c.state == State.CONNECTING) {
            if (key.isConnectable()) {
                try {
                    if (c.channel.finishConnect()) {
                        connectsInProgress--;
                        connected(c);
                    }
                } catch (IOException e) {
                    connectsInProgress--;
                    c.state = State.CLOSED;
                    key.cancel();
                    closeQuietly(c.channel);
                    connectFailures = connectFailures + 1;
                }
            }
            return;
        }
        if (key.isReadable()) {
            receive(c);
        }
        if (c.state == State.IN_FLIGHT && key.isValid() && key.isWritable()) {
            send(c);
        }
    }

    private void connected(Conn c) {
        open = open + 1;
        if (interval == 0) {
            begin(c, now);
        } else {
            // Spread the connections' first messages over one interval, so that the rate is even.
            long offset = (long) ((double) interval * c.global / settings.connections());
            c.due = Math.max(now, runStart + offset);
            c.state = State.WAITING;
            c.key.interestOps(SelectionKey.OP_READ);
            waiting.add(c);
        }
    }

    /** Starts the connection's next message, timed from {@code start}. */
    private void begin(Conn c, long start) {
        c.state = State.IN_FLIGHT;
        c.start = start;
        c.offset = (int) ((c.seq * 7 + c.global) % OFFSETS);
        c.sent = 0;
        c.received = 0;
        c.differs = false;
        c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        send(c);
    }

    private void send(Conn c) {
        if (c.sent == size) {
            return;
        }
        try {
            c.sent += c.channel.write(pattern.slice(c.offset + c.sent, size - c.sent));
        } catch (IOException e) {
            lose(c);
            return;
        }
        if (c.sent == size) {
            c.key.interestOps(SelectionKey.OP_READ);
        }
    }

    private void receive(Conn c) {
        ByteBuffer buf = scratch;
        buf.clear();
        if (c.state == State.IN_FLIGHT) {
            buf.limit(Math.min(buf.capacity(), size - c.received));
        }
        int n;
        try {
            n = c.channel.read(buf);
        } catch (IOException e) {
            lose(c);
            return;
        }
        if (n < 0) {
            lose(c);
            return;
        }
        if (n == 0) {
            return;
        }
        if (c.state != State.IN_FLIGHT || c.received + n > c.sent) {
            // Bytes that were never sent (or not yet): the echo is wrong.
            c.differs = true;
            if (c.state != State.IN_FLIGHT) {
                mismatches = mismatches + 1;
                return;
            }
        }
        buf.flip();
        if (!c.differs && buf.mismatch(pattern.slice(c.offset + c.received, n)) >= 0) {
            c.differs = true;
        }
        c.received += n;
        if (c.received < size) {
            return;
        }
        long done = System.nanoTime();
        histogram.recordValue(Math.max(0, done - c.start));
        bytes = bytes + size;
        messages = messages + 1;
        if (c.differs) {
            mismatches = mismatches + 1;
        }
        c.seq++;
        if (interval == 0) {
            begin(c, done);
        } else {
            c.due += interval;
            if (c.due - done <= 0) {
                // Late: the message was due while the previous one was out. Its latency counts
                // from when it was due, so a slow server cannot hide behind our waiting.
                begin(c, c.due);
            } else {
                c.state = State.WAITING;
                c.key.interestOps(SelectionKey.OP_READ);
                waiting.add(c);
            }
        }
    }

    private void lose(Conn c) {
        c.state = State.CLOSED;
        c.key.cancel();
        closeQuietly(c.channel);
        open = open - 1;
        lost = lost + 1;
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing at the end of a run or after a failure: nothing left to do.
        }
    }

    private enum State {
        CONNECTING,
        IN_FLIGHT,
        WAITING,
        CLOSED
    }

    /** One connection and its message in flight. */
    private static final class Conn {
        final SocketChannel channel;
        final int global;
        SelectionKey key;
        State state = State.CONNECTING;
        long connectStart;
        long seq;
        long start;
        long due;
        int offset;
        int sent;
        int received;
        boolean differs;

        Conn(SocketChannel channel, int global) {
            this.channel = channel;
            this.global = global;
        }
    }
}
