package dev.cookbook.mailer.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A scripted SMTP server on 127.0.0.1 for the cases real test servers cannot produce: it refuses
 * the recipient {@code nobody@…} (550), the sender {@code blocked@…} (553) and a message holding
 * {@code X-Reject: yes} (554), and records every command. For tests only; one connection at a
 * time, each line read within 10 s. Shared with the cli module's tests through this module's test jar.
 */
public final class FakeSmtpServer implements AutoCloseable {
    public static final String REFUSED_RCPT =
            "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown";
    public static final String REFUSED_SENDER =
            "553 5.7.1 <blocked@example.org>: Sender address rejected: Access denied";
    public static final String REFUSED_DATA = "554 5.7.1 Message rejected as spam";
    public static final String QUEUED = "250 2.0.0 Ok: queued as 4F2A1";

    /** A message the server accepted. */
    public record Delivery(String mailFrom, List<String> rcptTo, String data) {}

    private final ServerSocket socket;
    private final boolean smtputf8;
    private final Thread thread;
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());

    public FakeSmtpServer(boolean smtputf8) throws IOException {
        this.smtputf8 = smtputf8;
        this.socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "fake-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Every command line received, in order, over all connections (data lines excluded). */
    public List<String> commands() {
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    public List<Delivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                s.setSoTimeout(10_000);
                session(s);
            } catch (IOException e) {
                // closed, or the client went away: wait for the next one
            }
        }
    }

    private void session(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        reply(out, "220 fake.test ESMTP");
        String from = null;
        List<String> rcpts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String line = in.readLine();
            if (line == null) {
                return;
            }
            commands.add(line);
            String upper = line.toUpperCase(Locale.ROOT);
            if (upper.startsWith("EHLO")) {
                reply(out, "250-fake.test\r\n" + (smtputf8 ? "250-SMTPUTF8\r\n" : "") + "250 8BITMIME");
            } else if (upper.startsWith("MAIL FROM:")) {
                if (upper.contains("<BLOCKED@")) {
                    reply(out, REFUSED_SENDER);
                } else {
                    from = line.substring(10);
                    rcpts.clear();
                    reply(out, "250 2.1.0 Ok");
                }
            } else if (upper.startsWith("RCPT TO:")) {
                if (upper.contains("<NOBODY@")) {
                    reply(out, REFUSED_RCPT);
                } else {
                    rcpts.add(line.substring(8));
                    reply(out, "250 2.1.5 Ok");
                }
            } else if (upper.equals("DATA")) {
                reply(out, "354 End data with <CR><LF>.<CR><LF>");
                StringBuilder data = new StringBuilder();
                for (String d = in.readLine(); d != null && !d.equals("."); d = in.readLine()) {
                    data.append(d).append('\n');
                }
                if (data.indexOf("\nX-Reject: yes\n") >= 0 || data.indexOf("X-Reject: yes\n") == 0) {
                    reply(out, REFUSED_DATA);
                } else {
                    deliveries.add(new Delivery(from, List.copyOf(rcpts), data.toString()));
                    reply(out, QUEUED);
                }
            } else if (upper.equals("RSET")) {
                from = null;
                rcpts.clear();
                reply(out, "250 2.0.0 Ok");
            } else if (upper.equals("NOOP")) {
                reply(out, "250 2.0.0 Ok");
            } else if (upper.equals("QUIT")) {
                reply(out, "221 2.0.0 Bye");
                return;
            } else {
                reply(out, "502 5.5.2 Error: command not recognized");
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
