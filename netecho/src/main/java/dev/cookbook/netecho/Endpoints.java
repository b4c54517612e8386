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
                host = "[" + compress(address.getAddress().getAddress()) + "]";
            }
        }
        return host + ":" + address.getPort();
    }

    /** An IPv6 address in the short form of RFC 5952: {@code ::1}, not {@code 0:0:0:0:0:0:0:1}. */
    private static String compress(byte[] a) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
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
