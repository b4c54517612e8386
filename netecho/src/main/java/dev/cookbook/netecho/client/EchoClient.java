package dev.cookbook.netecho.client;

import dev.cookbook.netecho.EchoException;
import dev.cookbook.netecho.Endpoints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Sends a byte stream to an echo server and checks what comes back. Works with any echo server
 * (ours, socat, ncat, a Python one).
 *
 * <p>One thread sends the input while the calling thread reads the echo, so a large input cannot
 * deadlock against a server that echoes as it reads. The timeout applies while echoed bytes are
 * due: a slow input (someone typing) is waited for. After the input ends, the client shuts down
 * its sending side and reads until as many bytes have come back as were sent, or the server
 * closes. Memory stays bounded whatever the input's size: the client holds at most a few MiB
 * that were sent and not yet echoed, and pauses sending beyond that.
 *
 * <pre>{@code
 * ClientSettings s = ClientSettings.builder("127.0.0.1", 10000).build();
 * EchoResult r = EchoClient.echo(s, System.in, System.out);
 * if (!r.identical()) { ... r.firstDifference() ... }
 * }</pre>
 */
public final class EchoClient {
    /** Bytes per read and write: through one loopback connection 256 KiB moved about a third more than 64 KiB. */
    private static final int CHUNK = 256 * 1024;
    /** Chunks sent and not yet echoed: 16 x 256 KiB = 4 MiB, enough to keep the socket buffers full. */
    private static final int UNCONFIRMED_CHUNKS = 16;
    /** How often a blocked read looks whether the sender has finished meanwhile. */
    private static final int POLL_MILLIS = 50;

    private EchoClient() {}

    /**
     * Connects, sends all of {@code in}, writes what comes back to {@code out}, and compares.
     * Neither stream is closed.
     *
     * @return the counts and the first difference; a differing or short echo is a result, not an
     *     exception
     * @throws EchoException of kind {@link EchoException.Kind#CONNECT} when the server cannot be
     *     reached within the timeout, {@link EchoException.Kind#TIMEOUT} when no byte comes back
     *     within the timeout while some are due, {@link EchoException.Kind#IO} when the connection
     *     is reset or {@code in} or {@code out} fails
     */
    public static EchoResult echo(ClientSettings settings, InputStream in, OutputStream out) throws EchoException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        String where = settings.host() + ":" + settings.port();
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port());
            where = Endpoints.format(address);
        } catch (IOException e) {
            throw new EchoException(EchoException.Kind.CONNECT, "cannot connect to " + where + ": unknown host", e);
        }
        long timeoutMillis = settings.timeout().toMillis();
        try (Socket socket = new Socket()) {
            try {
                socket.setTcpNoDelay(true);
                socket.connect(address, (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
            } catch (SocketTimeoutException e) {
                throw new EchoException(
                        EchoException.Kind.CONNECT,
                        "cannot connect to " + where + ": no answer within " + words(settings.timeout()),
                        e);
            } catch (IOException e) {
                throw new EchoException(
                        EchoException.Kind.CONNECT, "cannot connect to " + where + ": " + Endpoints.describe(e), e);
            }
            return exchange(socket, where, timeoutMillis, settings.timeout(), in, out);
        } catch (EchoException e) {
            throw e;
        } catch (IOException e) {
            throw new EchoException(EchoException.Kind.IO, "connection to " + where + ": " + Endpoints.describe(e), e);
        }
    }

    private static EchoResult exchange(
            Socket socket, String where, long timeoutMillis, Duration timeout, InputStream in, OutputStream out)
            throws IOException {
        socket.setSoTimeout((int) Math.min(POLL_MILLIS, timeoutMillis));
        InputStream echo = socket.getInputStream();
        Sender sender = new Sender(socket, in);
        Thread thread = new Thread(sender, "echo-client-sender");
        thread.setDaemon(true);
        thread.start();
        try {
            byte[] buf = new byte[CHUNK];
            byte[] expected = null;
            int expectedPos = 0;
            long received = 0;
            long firstDifference = -1;
            long lastProgress = System.nanoTime();
            while (true) {
                if (sender.done && received >= sender.sent) {
                    break;
                }
                int n;
                try {
                    n = echo.read(buf);
                } catch (SocketTimeoutException e) {
                    if (sender.failure != null) {
                        break;
                    }
                    if (received >= sender.sent) {
                        // Nothing is due: the input is slow (a terminal, a pipe), not the server.
                        lastProgress = System.nanoTime();
                        continue;
                    }
                    if (System.nanoTime() - lastProgress >= timeoutMillis * 1_000_000) {
                        throw new EchoException(
                                EchoException.Kind.TIMEOUT,
                                where + " sent nothing back within " + words(timeout) + " (" + received + " of "
                                        + sender.sent + " bytes echoed)",
                                e);
                    }
                    continue;
                } catch (IOException e) {
                    if (sender.failure != null) {
                        // The sender closed the socket because the input failed: report that.
                        break;
                    }
                    throw e;
                }
                if (n < 0) {
                    break;
                }
                lastProgress = System.nanoTime();
                try {
                    out.write(buf, 0, n);
                    // Typed lines come back as they are echoed, not when a buffer fills.
                    out.flush();
                } catch (IOException e) {
                    throw new EchoException(
                            EchoException.Kind.IO, "cannot write the echo: " + Endpoints.describe(e), e);
                }
                // Compare with what was sent, chunk by chunk: a chunk is queued before it is sent,
                // so the bytes an honest echo returns are always queued already. After a
                // difference the chunks are still taken off the queue, or the sender would stop.
                int off = 0;
                while (off < n) {
                    if (expected == null || expectedPos == expected.length) {
                        expected = sender.unconfirmed.poll();
                        expectedPos = 0;
                        if (expected == null) {
                            if (firstDifference < 0) {
                                firstDifference = received + off; // more bytes than were sent
                            }
                            break;
                        }
                    }
                    int len = Math.min(n - off, expected.length - expectedPos);
                    if (firstDifference < 0) {
                        int m = Arrays.mismatch(buf, off, off + len, expected, expectedPos, expectedPos + len);
                        if (m >= 0) {
                            firstDifference = received + off + m;
                        }
                    }
                    off += len;
                    expectedPos += len;
                }
                received += n;
            }
            if (sender.failure != null) {
                throw sender.failure;
            }
            long sent = sender.sent;
            if (firstDifference < 0 && received != sent) {
                firstDifference = Math.min(received, sent);
            }
            return new EchoResult(sent, received, firstDifference);
        } finally {
            thread.interrupt();
            socket.close();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String words(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    /** Copies the input to the socket, queueing each chunk for the reader's comparison first. */
    private static final class Sender implements Runnable {
        final BlockingQueue<byte[]> unconfirmed = new ArrayBlockingQueue<>(UNCONFIRMED_CHUNKS);
        private final Socket socket;
        private final InputStream in;
        volatile long sent;
        volatile boolean done;
        volatile EchoException failure;

        Sender(Socket socket, InputStream in) {
            this.socket = socket;
            this.in = in;
        }

        @Override
        public void run() {
            try {
                OutputStream toServer = socket.getOutputStream();
                byte[] buf = new byte[CHUNK];
                while (true) {
                    int n;
                    try {
                        n = in.read(buf);
                    } catch (IOException e) {
                        failure = new EchoException(
                                EchoException.Kind.IO, "cannot read the input: " + Endpoints.describe(e), e);
                        socket.close();
                        return;
                    }
                    if (n < 0) {
                        break;
                    }
                    if (n == 0) {
                        continue;
                    }
                    unconfirmed.put(Arrays.copyOf(buf, n));
                    // Counted before the write: the echo of these bytes may be read before the
                    // write returns, and the reader must never see more echoed than sent.
                    sent += n;
                    toServer.write(buf, 0, n);
                }
                done = true;
                socket.shutdownOutput();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The server closed or reset the connection while we were sending: the reader sees
                // the end of the echo and reports a short one.
                done = true;
            }
        }
    }
}
