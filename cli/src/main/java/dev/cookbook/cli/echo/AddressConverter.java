package dev.cookbook.cli.echo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --bind ADDR}, {@code --source ADDR}: a local IP address ({@code 127.0.0.1}, {@code ::1},
 * {@code 0.0.0.0}, {@code ::}) or a name the system resolves ({@code localhost}). A name that does
 * not resolve is a usage error: it names this machine's own address, not a peer.
 */
final class AddressConverter implements ITypeConverter<InetAddress> {
    @Override
    public InetAddress convert(String value) {
        String host = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        if (host.isBlank()) {
            throw new TypeConversionException("'" + value + "' is not an address: give one as 127.0.0.1 or ::1");
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a local address: give an IP address, as 127.0.0.1, 0.0.0.0 or ::1");
        }
    }
}
