/**
 * The echo server: one thread (or a few) with a java.nio selector each, no thread per
 * connection, a bounded buffer per connection whose client reads slowly and none for an idle one.
 *
 * <p>For most uses, build {@link dev.cookbook.netecho.server.ServerSettings}, call {@link
 * dev.cookbook.netecho.server.EchoServer#start(dev.cookbook.netecho.server.ServerSettings,
 * dev.cookbook.netecho.server.ServerListener)}, and later {@link
 * dev.cookbook.netecho.server.EchoServer#stop()}, which returns the {@link
 * dev.cookbook.netecho.server.ServerSummary}. An address that cannot be bound is a {@link
 * dev.cookbook.netecho.EchoException} of kind {@code BIND}.
 */
package dev.cookbook.netecho.server;
