/**
 * A TCP echo server, an echo client and a load generator for any echo server, on java.nio.
 * {@code server} holds {@link dev.cookbook.netecho.server.EchoServer}, {@code client} holds
 * {@link dev.cookbook.netecho.client.EchoClient}, {@code bench} holds {@link
 * dev.cookbook.netecho.bench.EchoBench}. Every failure to bind, connect or hear back is an
 * {@link dev.cookbook.netecho.EchoException}; an echo that differs is a result, not an exception.
 */
package dev.cookbook.netecho;
