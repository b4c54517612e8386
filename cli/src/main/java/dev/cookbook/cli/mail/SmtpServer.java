package dev.cookbook.cli.mail;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --smtp HOST[:PORT]}: a host name, an IPv4 address or a bracketed IPv6 address ({@code [::1]:25}). */
record SmtpServer(String host, Integer port) {
    static final class Converter implements ITypeConverter<SmtpServer> {
        @Override
        public SmtpServer convert(String value) {
            String host;
            String port = null;
            if (value.startsWith("[")) {
                int close = value.indexOf(']');
                if (close < 2) {
                    throw bad(value);
                }
                host = value.substring(0, close + 1);
                String rest = value.substring(close + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        throw bad(value);
                    }
                    port = rest.substring(1);
                }
            } else {
                int colon = value.indexOf(':');
                if (colon != value.lastIndexOf(':')) {
                    throw new TypeConversionException(
                            "'" + value + "': write an IPv6 address in brackets, as [::1]:25");
                }
                host = colon < 0 ? value : value.substring(0, colon);
                port = colon < 0 ? null : value.substring(colon + 1);
            }
            if (host.isEmpty() || host.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
                throw bad(value);
            }
            if (port == null) {
                return new SmtpServer(host, null);
            }
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new TypeConversionException("'" + value + "': the port must be a number from 1 to 65535");
            }
            return new SmtpServer(host, Integer.parseInt(port));
        }

        private static TypeConversionException bad(String value) {
            return new TypeConversionException("'" + value + "' is not HOST[:PORT]");
        }
    }
}
