package dev.cookbook.netecho.server;

import java.time.Duration;

/**
 * What a server did, from its start to its stop (or to the moment of {@link
 * EchoServer#summary()}).
 *
 * @param connectionsServed connections accepted and served (rejected ones not included)
 * @param connectionsRejected connections closed at once because of the connection limit
 * @param bytesReceived bytes read from clients
 * @param bytesEchoed bytes written back to clients
 * @param peakConnections the most connections open at once
 * @param runTime from the start to the stop
 */
public record ServerSummary(
        long connectionsServed,
        long connectionsRejected,
        long bytesReceived,
        long bytesEchoed,
        int peakConnections,
        Duration runTime) {}
