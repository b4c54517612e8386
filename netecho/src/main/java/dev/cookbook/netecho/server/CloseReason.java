package dev.cookbook.netecho.server;

/** Why the server closed a connection. */
public enum CloseReason {
    /** The client closed its side; everything it sent was echoed first. */
    CLIENT_CLOSED,
    /** The connection was silent for the idle timeout. */
    IDLE_TIMEOUT,
    /** The connection failed: reset by the client, or another socket error. */
    ERROR,
    /** The server was stopped while the connection was open. */
    SERVER_STOPPED
}
