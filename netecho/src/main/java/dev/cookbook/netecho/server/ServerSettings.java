package dev.cookbook.netecho.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how an {@link EchoServer} listens. Immutable and thread-safe; made by {@link
 * #builder()}, which checks every value.
 *
 * <p>Defaults: 127.0.0.1 (other interfaces only when asked), port {@value #DEFAULT_PORT}, a
 * listen backlog of {@value #DEFAULT_BACKLOG}, at most {@value #DEFAULT_MAX_CONNECTIONS}
 * connections at once, no idle timeout, one selector thread, a {@value #DEFAULT_BUFFER_SIZE}-byte
 * buffer per connection while it has bytes the client has not yet taken.
 *
 * <pre>{@code
 * ServerSettings s = ServerSettings.builder()
 *         .port(0)                                  // any free port
 *         .maxConnections(10_000)
 *         .idleTimeout(Duration.ofMinutes(5))
 *         .build();
 * }</pre>
 */
public final class ServerSettings {
    /** The port used when none is given. */
    public static final int DEFAULT_PORT = 10000;
    /** The listen backlog used when none is given: a burst of this many connects is not dropped. */
    public static final int DEFAULT_BACKLOG = 4096;
    /** The connection limit used when none is given. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** The buffer a connection holds while the client does not read: bounds its memory. */
    public static final int DEFAULT_BUFFER_SIZE = 64 * 1024;

    private final InetAddress bindAddress;
    private final int port;
    private final int backlog;
    private final int maxConnections;
    private final Duration idleTimeout;
    private final int selectorThreads;
    private final int bufferSize;

    private ServerSettings(Builder b) {
        this.bindAddress = b.bindAddress;
        this.port = b.port;
        this.backlog = b.backlog;
        this.maxConnections = b.maxConnections;
        this.idleTimeout = b.idleTimeout;
        this.selectorThreads = b.selectorThreads;
        this.bufferSize = b.bufferSize;
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** The settings with every default: 127.0.0.1, port {@value #DEFAULT_PORT}. */
    public static ServerSettings defaults() {
        return builder().build();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.bindAddress = bindAddress;
        b.port = port;
        b.backlog = backlog;
        b.maxConnections = maxConnections;
        b.idleTimeout = idleTimeout;
        b.selectorThreads = selectorThreads;
        b.bufferSize = bufferSize;
        return b;
    }

    public InetAddress bindAddress() {
        return bindAddress;
    }

    /** The port asked for; 0 means any free port (the bound one is {@link EchoServer#port()}). */
    public int port() {
        return port;
    }

    /** The address and port to bind. */
    public InetSocketAddress endpoint() {
        return new InetSocketAddress(bindAddress, port);
    }

    public int backlog() {
        return backlog;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** How long a connection may stay silent before the server closes it; empty: forever. */
    public Optional<Duration> idleTimeout() {
        return Optional.ofNullable(idleTimeout);
    }

    public int selectorThreads() {
        return selectorThreads;
    }

    public int bufferSize() {
        return bufferSize;
    }

    /** Collects values; {@link #build()} makes the immutable settings. Not thread-safe. */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port = DEFAULT_PORT;
        private int backlog = DEFAULT_BACKLOG;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration idleTimeout;
        // One: on 2 cores with the bench beside it, two threads were within about 10% of one
        // (better with 100 connections, worse with 1,000), so the simpler design is the default.
        private int selectorThreads = 1;
        private int bufferSize = DEFAULT_BUFFER_SIZE;

        private Builder() {}

        /** The local address to listen on: {@code 0.0.0.0} or {@code ::} for every interface. */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** 0 to 65535; 0 picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** The listen backlog: connects the kernel queues before the server accepts them. */
        public Builder backlog(int backlog) {
            if (backlog < 1) {
                throw new IllegalArgumentException("backlog must be at least 1, not " + backlog);
            }
            this.backlog = backlog;
            return this;
        }

        /** Connections served at once; one more is accepted and closed right away. */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("max connections must be at least 1, not " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /** Closes connections silent for this long (no byte in or out); {@code null}: never. */
        public Builder idleTimeout(Duration idleTimeout) {
            if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
                throw new IllegalArgumentException("idle timeout must be positive, not " + idleTimeout);
            }
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** Threads, each with its own selector, that share the connections (1 to 64). */
        public Builder selectorThreads(int threads) {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("selector threads must be 1 to 64, not " + threads);
            }
            this.selectorThreads = threads;
            return this;
        }

        /** Bytes read at once, and the most a connection buffers while its client does not read. */
        public Builder bufferSize(int bytes) {
            if (bytes < 1024 || bytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("buffer size must be 1 KiB to 16 MiB, not " + bytes);
            }
            this.bufferSize = bytes;
            return this;
        }

        public ServerSettings build() {
            return new ServerSettings(this);
        }
    }
}
