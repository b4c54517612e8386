package dev.cookbook.crypto.digest;

/**
 * Writes checksum lines byte for byte as GNU coreutils 9 does ({@code sha256sum}, {@code md5sum},
 * {@code b2sum}): {@code HASH  NAME}, or with {@code --tag} the BSD {@code TAG (NAME) = HASH}.
 *
 * <p>A name holding a backslash, newline or carriage return would break the one-line-per-file
 * format, so coreutils escapes it ({@code \\}, {@code \n}, {@code \r}) and marks the line with a
 * leading backslash; {@link ChecksumLineParser} undoes it. With NUL-terminated lines ({@code -z})
 * nothing is escaped, as in coreutils. Stateless and thread-safe.
 */
public final class ChecksumFormat {
    private ChecksumFormat() {}

    /** The two line layouts. */
    public enum Style {
        /** {@code HASH  NAME} (or {@code HASH *NAME} in binary mode): the coreutils default. */
        GNU,
        /** {@code TAG (NAME) = HASH}: {@code --tag}, BSD {@code md5}/{@code sha256}. */
        BSD
    }

    /**
     * Appends one line, terminator included.
     *
     * @param binary  print {@code *} before the name ({@code -b}); ignored by the BSD style
     * @param zero    end the line with NUL instead of newline, and escape nothing
     */
    public static void appendLine(
            StringBuilder out,
            DigestAlgorithm algorithm,
            String hex,
            String name,
            Style style,
            boolean binary,
            boolean zero) {
        boolean escape = !zero && needsEscape(name);
        if (escape) {
            out.append('\\');
        }
        if (style == Style.BSD) {
            out.append(algorithm.tag()).append(" (");
            appendName(out, name, escape);
            out.append(") = ").append(hex);
        } else {
            out.append(hex).append(' ').append(binary ? '*' : ' ');
            appendName(out, name, escape);
        }
        out.append(zero ? '\0' : '\n');
    }

    /**
     * The name as {@code --check} reports it ({@code NAME: OK}): coreutils escapes only names that
     * hold a newline there, so that each report stays on one line.
     */
    public static String reportName(String name) {
        if (name.indexOf('\n') < 0) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length() + 8).append('\\');
        appendName(sb, name, true);
        return sb.toString();
    }

    static boolean needsEscape(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\\' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    private static void appendName(StringBuilder out, String name, boolean escape) {
        if (!escape) {
            out.append(name);
            return;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
