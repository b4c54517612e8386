package dev.cookbook.mailer.smtp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to send: the server, TLS, credentials, timeouts. Immutable and thread-safe; made
 * by {@link #builder(String)}, which checks the values and their combination.
 *
 * <p>Defaults: TLS is {@link TlsMode#IMPLICIT} when the port is 465 and {@link
 * TlsMode#STARTTLS} otherwise; the port is the mode's {@link TlsMode#defaultPort()} (587, 465,
 * 25); certificates are checked against the JVM's trust store and the host name; the timeout for
 * connecting and for every read and write is 30 seconds; a refused recipient means nothing is
 * sent.
 *
 * <pre>{@code
 * SmtpSettings s = SmtpSettings.builder("smtp.example.com")
 *         .user("alice").password(secret)
 *         .timeout(Duration.ofSeconds(10))
 *         .build();                      // STARTTLS on port 587
 * }</pre>
 */
public final class SmtpSettings {
    /** The timeout used when none is given: 30 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String host;
    private final int port;
    private final TlsMode tls;
    private final Path caFile;
    private final boolean insecure;
    private final String user;
    private final char[] password;
    private final Duration timeout;
    private final boolean sendPartial;
    private final String localHost;
    private final String authMechanisms;

    private SmtpSettings(Builder b, TlsMode tls, int port) {
        this.host = b.host;
        this.port = port;
        this.tls = tls;
        this.caFile = b.caFile;
        this.insecure = b.insecure;
        this.user = b.user;
        this.password = b.password == null ? null : b.password.clone();
        this.timeout = b.timeout;
        this.sendPartial = b.sendPartial;
        this.localHost = b.localHost;
        this.authMechanisms = b.authMechanisms;
    }

    /** A builder for the server {@code host} (a name or an IP address, without port). */
    public static Builder builder(String host) {
        return new Builder(host);
    }

    /** The server's host name or address. */
    public String host() {
        return host;
    }

    /** The server's port. */
    public int port() {
        return port;
    }

    /** {@code host:port}, as messages name the server ({@code [::1]:25} for IPv6). */
    public String server() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** How the connection is protected. */
    public TlsMode tls() {
        return tls;
    }

    /**
     * A PEM file of CA certificates trusted in addition to the JVM's trust store, for servers
     * with a certificate from a private CA.
     */
    public Optional<Path> caFile() {
        return Optional.ofNullable(caFile);
    }

    /** Whether any certificate is accepted, for any host name: for test servers only. */
    public boolean insecure() {
        return insecure;
    }

    /** The user to authenticate as; empty for no authentication. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** A copy of the password, present exactly when {@link #user()} is; the caller may wipe it. */
    public Optional<char[]> password() {
        return Optional.ofNullable(password == null ? null : password.clone());
    }

    /** The timeout for connecting and for each read and write. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether to deliver to the accepted recipients when the server refuses some. */
    public boolean sendPartial() {
        return sendPartial;
    }

    /** The name given in EHLO; empty for the local host's name. */
    public Optional<String> localHost() {
        return Optional.ofNullable(localHost);
    }

    /** Angus's {@code mail.smtp.auth.mechanisms}, or null for its default; for tests. */
    String authMechanisms() {
        return authMechanisms;
    }

    /** Overwrites this object's copy of the password with zeros. */
    public void wipePassword() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + server() + ", tls=" + tls + (user == null ? "" : ", user=" + user) + "]";
    }

    /** Collects and checks the settings. Not thread-safe. */
    public static final class Builder {
        private final String host;
        private Integer port;
        private TlsMode tls;
        private Path caFile;
        private boolean insecure;
        private String user;
        private char[] password;
        private Duration timeout = DEFAULT_TIMEOUT;
        private boolean sendPartial;
        private String localHost;
        private String authMechanisms;

        private Builder(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank() || !host.strip().equals(host) || host.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
                throw new IllegalArgumentException("invalid SMTP host name '" + host + "'");
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            this.host = host;
        }

        /** The port, 1 to 65535; by default the TLS mode's {@link TlsMode#defaultPort()}. */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("SMTP port " + port + " is not between 1 and 65535");
            }
            this.port = port;
            return this;
        }

        /** The TLS mode; by default IMPLICIT on port 465 and STARTTLS otherwise. */
        public Builder tls(TlsMode tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** A PEM file of CA certificates to trust in addition to the JVM's trust store. */
        public Builder caFile(Path caFile) {
            this.caFile = caFile;
            return this;
        }

        /** Accept any certificate for any host name: for test servers only. */
        public Builder insecure(boolean insecure) {
            this.insecure = insecure;
            return this;
        }

        /** The user to authenticate as; needs a {@link #password(char[])}. */
        public Builder user(String user) {
            if (user != null && (user.isEmpty() || user.chars().anyMatch(c -> c == '\r' || c == '\n'))) {
                throw new IllegalArgumentException("invalid SMTP user name");
            }
            this.user = user;
            return this;
        }

        /** The password, copied: the caller may wipe its array afterwards. */
        public Builder password(char[] password) {
            this.password = password == null ? null : password.clone();
            return this;
        }

        /** The timeout for connecting and for each read and write: positive, at most 24 days. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()
                    || timeout.isZero()
                    || timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0
                    || timeout.toMillis() == 0) {
                throw new IllegalArgumentException(
                        "SMTP timeout " + timeout + " is not between 1 ms and " + Integer.MAX_VALUE + " ms");
            }
            this.timeout = timeout;
            return this;
        }

        /** Deliver to the accepted recipients when some are refused (default: send nothing). */
        public Builder sendPartial(boolean sendPartial) {
            this.sendPartial = sendPartial;
            return this;
        }

        /** The name to give in EHLO instead of the local host's name. */
        public Builder localHost(String localHost) {
            if (localHost != null && (localHost.isEmpty() || localHost.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f))) {
                throw new IllegalArgumentException("invalid EHLO name '" + localHost + "'");
            }
            this.localHost = localHost;
            return this;
        }

        /** Restricts the SASL mechanisms tried, e.g. "LOGIN"; for tests. */
        Builder authMechanisms(String authMechanisms) {
            this.authMechanisms = authMechanisms;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException for an impossible combination, naming both values: a
         *     CA file or insecure with no TLS, a CA file with insecure, a user without a password
         *     or a password without a user
         */
        public SmtpSettings build() {
            TlsMode mode = tls != null ? tls : (port != null && port == 465 ? TlsMode.IMPLICIT : TlsMode.STARTTLS);
            int p = port != null ? port : mode.defaultPort();
            if (mode == TlsMode.NONE && caFile != null) {
                throw new IllegalArgumentException("a CA file (" + caFile + ") has no use with TLS mode NONE");
            }
            if (mode == TlsMode.NONE && insecure) {
                throw new IllegalArgumentException("insecure has no use with TLS mode NONE");
            }
            if (caFile != null && insecure) {
                throw new IllegalArgumentException("a CA file (" + caFile
                        + ") and insecure contradict each other: insecure trusts any certificate");
            }
            if (user != null && password == null) {
                throw new IllegalArgumentException("user '" + user + "' needs a password");
            }
            if (user == null && password != null) {
                throw new IllegalArgumentException("a password needs a user");
            }
            return new SmtpSettings(this, mode, p);
        }
    }
}
