package dev.cookbook.netecho.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Which echo server to talk to and how long to wait for it. Immutable and thread-safe; made by
 * {@link #builder(String, int)}, which checks every value.
 *
 * <p>The timeout (default {@value #DEFAULT_TIMEOUT_SECONDS} s) bounds the connect, and every wait
 * for the next bytes of the echo while some are due (not a wait for more input).
 *
 * <pre>{@code
 * ClientSettings s = ClientSettings.builder("127.0.0.1", 10000).timeout(Duration.ofSeconds(5)).build();
 * }</pre>
 */
public final class ClientSettings {
    /** The timeout used when none is given, in seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;

    private final String host;
    private final int port;
    private final Duration timeout;

    private ClientSettings(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.timeout = b.timeout;
    }

    /** A builder for the server at {@code host} (a name or an IP address) and {@code port} (1 to 65535). */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Collects values; {@link #build()} makes the immutable settings. Not thread-safe. */
    public static final class Builder {
        private final String host;
        private final int port;
        private Duration timeout = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);

        private Builder(String host, int port) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
            }
            this.host = host;
            this.port = port;
        }

        /** For the connect and for each wait for echoed bytes; at least 1 ms. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException("timeout must be at least 1 ms, not " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public ClientSettings build() {
            return new ClientSettings(this);
        }
    }
}
