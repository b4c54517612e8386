/**
 * The echo client: sends a stream to any echo server and checks that the same bytes come back.
 *
 * <p>For most uses, build {@link dev.cookbook.netecho.client.ClientSettings} and call {@link
 * dev.cookbook.netecho.client.EchoClient#echo(dev.cookbook.netecho.client.ClientSettings,
 * java.io.InputStream, java.io.OutputStream)}; a differing echo is an {@link
 * dev.cookbook.netecho.client.EchoResult} that is not {@code identical()}, a connection that fails
 * or times out is a {@link dev.cookbook.netecho.EchoException}.
 */
package dev.cookbook.netecho.client;
