package dev.cookbook.netecho.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link EchoBench} run does: the server, how many connections, how long, the message
 * size and an optional rate. Immutable and thread-safe; made by {@link #builder(InetSocketAddress)},
 * which checks every value.
 *
 * <p>Defaults: 1 connection, 10 seconds, {@value #DEFAULT_SIZE}-byte messages, no rate limit
 * (each connection sends its next message as soon as the previous one is back), the kernel's
 * choice of source address, a 5-second connect timeout, one thread per core.
 *
 * <pre>{@code
 * BenchSettings s = BenchSettings.builder(new InetSocketAddress("127.0.0.1", 10000))
 *         .connections(1000).duration(Duration.ofSeconds(10)).messageSize(64)
 *         .rate(50_000)                                 // messages per second, over all connections
 *         .build();
 * }</pre>
 */
public final class BenchSettings {
    /** The message size used when none is given, in bytes. */
    public static final int DEFAULT_SIZE = 64;
    /** The most connections one run opens. */
    public static final int MAX_CONNECTIONS = 1_000_000;
    /** The largest message, in bytes. */
    public static final int MAX_SIZE = 64 * 1024 * 1024;

    private final InetSocketAddress server;
    private final int connections;
    private final Duration duration;
    private final int messageSize;
    private final double rate;
    private final List<InetAddress> sourceAddresses;
    private final Duration connectTimeout;
    private final int threads;

    private BenchSettings(Builder b) {
        this.server = b.server;
        this.connections = b.connections;
        this.duration = b.duration;
        this.messageSize = b.messageSize;
        this.rate = b.rate;
        this.sourceAddresses = b.sourceAddresses;
        this.connectTimeout = b.connectTimeout;
        this.threads = b.threads > 0 ? b.threads : Math.min(Runtime.getRuntime().availableProcessors(), connections);
    }

    /** A builder for a run against the echo server at {@code server} (resolved). */
    public static Builder builder(InetSocketAddress server) {
        return new Builder(server);
    }

    public InetSocketAddress server() {
        return server;
    }

    public int connections() {
        return connections;
    }

    public Duration duration() {
        return duration;
    }

    public int messageSize() {
        return messageSize;
    }

    /** Messages per second over all connections; 0 for as fast as the echoes come back. */
    public double rate() {
        return rate;
    }

    /** Local addresses the connections are bound to in turn; empty for the kernel's choice. */
    public List<InetAddress> sourceAddresses() {
        return sourceAddresses;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Threads, each with its own selector, sharing the connections. */
    public int threads() {
        return threads;
    }

    /** Collects values; {@link #build()} makes the immutable settings. Not thread-safe. */
    public static final class Builder {
        private final InetSocketAddress server;
        private int connections = 1;
        private Duration duration = Duration.ofSeconds(10);
        private int messageSize = DEFAULT_SIZE;
        private double rate;
        private List<InetAddress> sourceAddresses = List.of();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private int threads;

        private Builder(InetSocketAddress server) {
            Objects.requireNonNull(server, "server");
            if (server.isUnresolved()) {
                throw new IllegalArgumentException("server address is not resolved: " + server.getHostString());
            }
            if (server.getPort() == 0) {
                throw new IllegalArgumentException("server port must be 1 to 65535, not 0");
            }
            this.server = server;
        }

        /** 1 to {@value BenchSettings#MAX_CONNECTIONS}. */
        public Builder connections(int connections) {
            if (connections < 1 || connections > MAX_CONNECTIONS) {
                throw new IllegalArgumentException(
                        "connections must be 1 to " + MAX_CONNECTIONS + ", not " + connections);
            }
            this.connections = connections;
            return this;
        }

        /** How long the run lasts, connecting included; 1 ms to 24 hours. */
        public Builder duration(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.toMillis() < 1 || duration.compareTo(Duration.ofHours(24)) > 0) {
                throw new IllegalArgumentException("duration must be 1 ms to 24 hours, not " + duration);
            }
            this.duration = duration;
            return this;
        }

        /** Bytes per message, 1 to {@value BenchSettings#MAX_SIZE}. */
        public Builder messageSize(int bytes) {
            if (bytes < 1 || bytes > MAX_SIZE) {
                throw new IllegalArgumentException("message size must be 1 to " + MAX_SIZE + " bytes, not " + bytes);
            }
            this.messageSize = bytes;
            return this;
        }

        /**
         * Messages per second over all connections, spread evenly; 0 (the default) for as fast as
         * the echoes come back. With a rate, a latency counts from when the message was due, not
         * from when it could be sent (coordinated omission corrected).
         */
        public Builder rate(double messagesPerSecond) {
            if (!(messagesPerSecond >= 0) || Double.isInfinite(messagesPerSecond)) {
                throw new IllegalArgumentException(
                        "rate must be 0 or more messages per second, not " + messagesPerSecond);
            }
            this.rate = messagesPerSecond;
            return this;
        }

        /** Local addresses to bind the connections to, in turn: each gives another ~28,000 ports. */
        public Builder sourceAddresses(List<InetAddress> addresses) {
            this.sourceAddresses = List.copyOf(addresses);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException("connect timeout must be at least 1 ms, not " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /** Threads, 1 to 64; 0 (the default) for one per core, at most one per connection. */
        public Builder threads(int threads) {
            if (threads < 0 || threads > 64) {
                throw new IllegalArgumentException("threads must be 0 to 64, not " + threads);
            }
            this.threads = threads;
            return this;
        }

        public BenchSettings build() {
            return new BenchSettings(this);
        }
    }
}
