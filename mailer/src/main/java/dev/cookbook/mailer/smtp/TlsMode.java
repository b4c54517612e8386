package dev.cookbook.mailer.smtp;

/** How the connection to the SMTP server is protected. */
public enum TlsMode {
    /**
     * Plain connection upgraded with STARTTLS before anything else is sent. Required, never
     * opportunistic: a server that does not offer STARTTLS is an error. Default port 587.
     */
    STARTTLS(587),
    /** TLS from the first byte (SMTPS, "SSL/TLS" in mail clients). Default port 465. */
    IMPLICIT(465),
    /** No TLS at all: for local relays and test servers. Default port 25. */
    NONE(25);

    private final int defaultPort;

    TlsMode(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The port used when none is given: 587, 465 or 25. */
    public int defaultPort() {
        return defaultPort;
    }
}
