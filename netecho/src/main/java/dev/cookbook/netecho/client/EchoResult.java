package dev.cookbook.netecho.client;

/**
 * What came back from an echo server.
 *
 * @param bytesSent bytes sent to the server (the whole input, unless the server closed early)
 * @param bytesReceived bytes that came back
 * @param firstDifference the offset of the first byte that differs, or where the shorter of the
 *     two ends when one is a prefix of the other; -1 when the echo is identical
 */
public record EchoResult(long bytesSent, long bytesReceived, long firstDifference) {
    /** True when the echo has the same length and the same bytes as what was sent. */
    public boolean identical() {
        return firstDifference < 0;
    }
}
