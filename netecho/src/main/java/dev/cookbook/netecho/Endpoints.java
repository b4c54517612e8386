package dev.cookbook.netecho;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Addresses and socket errors in the words the messages of this library use. */
public final class Endpoints {
    private Endpoints() {}

    /** {@code 127.0.0.1:10000}, {@code [::1]:10000}; a host name that was not resolved stays a name. */
    public static String format(InetSocketAddress address) {
        String host;
        if (address.getAddress() == null) {
            host = address.getHostString();
        } else {
            host = address.getAddress().getHostAddress();
            if (address.getAddress() instanceof Inet6Address) {
                int zone = host.indexOf('%');
                host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
            }
        }
        return host + ":" + address.getPort();
    }

    /**
     * What a socket error means, in lower case and without the JDK's class names: {@code
     * connection refused}, {@code address already in use}, {@code connection reset}.
     */
    public static String describe(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof SocketTimeoutException) {
            return "timed out";
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            if (e instanceof ConnectException) {
                return "connection refused";
            }
            if (e instanceof BindException) {
                return "cannot bind";
            }
            if (e instanceof NoRouteToHostException) {
                return "no route to host";
            }
            return e.getClass().getSimpleName();
        }
        // The JDK writes "Connection refused", "Address already in use (Bind failed)",
        // "Connection reset by peer": keep the words, drop the parenthesised syscall.
        m = m.replaceAll("\\s*\\((Bind|Connect|connect|Read|Write) failed\\)", "");
        return m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }
}
