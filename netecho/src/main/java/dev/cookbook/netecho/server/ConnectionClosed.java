package dev.cookbook.netecho.server;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A connection the server has closed, with what went through it.
 *
 * @param id the number the server gave the connection when it opened (1, 2, 3, ...)
 * @param remote the client's address and port
 * @param bytesReceived bytes read from the client
 * @param bytesEchoed bytes written back to the client
 * @param open how long the connection was open
 * @param reason why it was closed
 */
public record ConnectionClosed(
        long id, InetSocketAddress remote, long bytesReceived, long bytesEchoed, Duration open, CloseReason reason) {}
