package dev.cookbook.crypto.digest;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the lines of a checksum file the way GNU coreutils 9 {@code sha256sum -c} does, so that any
 * file it accepts we accept, line for line:
 * <ul>
 *   <li>{@code HASH  NAME} and {@code HASH *NAME} (coreutils), and {@code HASH NAME} with one space
 *       (BSD {@code md5 -r}, "reversed" format), not mixed with the former in one file;</li>
 *   <li>{@code TAG (NAME) = HASH} (coreutils {@code --tag}, BSD {@code md5}/{@code sha256}) and
 *       openssl's {@code SHA2-256(NAME)= HASH};</li>
 *   <li>a leading backslash, which marks an escaped name ({@code \\}, {@code \n}, {@code \r}).</li>
 * </ul>
 * A tagged line names its own algorithm; untagged lines use the one given. With a fixed algorithm,
 * a line tagged with another is malformed, as in coreutils.
 *
 * <p>One parser per checksum file: it remembers whether the file uses the reversed format. Not
 * thread-safe.
 */
public final class ChecksumLineParser {
    private DigestAlgorithm untagged;
    private final boolean fixed;
    /** The algorithm of untagged lines as the first one's digest length showed it, or null. */
    private DigestAlgorithm inferred;

    private boolean decided;
    /** -1 undecided, 0 standard ("HASH  NAME"), 1 BSD reversed ("HASH NAME"); as coreutils. */
    private int reversed = -1;

    /**
     * @param algorithm for untagged lines
     * @param fixed     if true, tagged lines must name {@code algorithm} too, and untagged lines are
     *                  always of {@code algorithm}; if false, untagged lines are of the usual
     *                  algorithm for the first one's digest length ({@link DigestAlgorithm#usualForHexLength}:
     *                  32 hex digits md5, 40 sha1, ...), or of {@code algorithm} when the length
     *                  has none
     */
    public ChecksumLineParser(DigestAlgorithm algorithm, boolean fixed) {
        this.untagged = algorithm;
        this.fixed = fixed;
    }

    /**
     * Parses one line without its line terminator (newline, and a carriage return before it).
     *
     * @return the entry, or empty if the line is not a well-formed checksum line
     */
    public Optional<ChecksumEntry> parse(byte[] s, int len) {
        int i = 0;
        while (i < len && isWhite(s[i])) {
            i++;
        }
        boolean escaped = false;
        if (i < len && s[i] == '\\') {
            i++;
            escaped = true;
        }
        int tagEnd = i;
        while (tagEnd < len && tagEnd - i <= 16 && s[tagEnd] != ' ' && s[tagEnd] != '(') {
            tagEnd++;
        }
        if (tagEnd > i && tagEnd < len) {
            Optional<DigestAlgorithm> tagged = DigestAlgorithm.fromTag(ascii(s, i, tagEnd));
            if (tagged.isPresent()) {
                if (fixed && tagged.get() != untagged) {
                    return Optional.empty();
                }
                int j = tagEnd;
                if (s[j] == ' ') {
                    j++;
                }
                if (j >= len || s[j] != '(') {
                    return Optional.empty();
                }
                return parseTagged(s, j + 1, len, escaped, tagged.get());
            }
        }
        return parseUntagged(s, i, len, escaped);
    }

    /** {@code NAME) = HASH}, from just after the opening parenthesis. */
    private Optional<ChecksumEntry> parseTagged(
            byte[] s, int start, int len, boolean escaped, DigestAlgorithm algorithm) {
        int close = len - 1;
        while (close > start && s[close] != ')') {
            close--;
        }
        if (close < start || s[close] != ')') {
            return Optional.empty();
        }
        String name = name(s, start, close, escaped);
        if (name == null) {
            return Optional.empty();
        }
        int i = close + 1;
        while (i < len && isWhite(s[i])) {
            i++;
        }
        if (i >= len || s[i] != '=') {
            return Optional.empty();
        }
        i++;
        while (i < len && isWhite(s[i])) {
            i++;
        }
        if (!isHex(s, i, len, algorithm.hexLength())) {
            return Optional.empty();
        }
        return Optional.of(new ChecksumEntry(algorithm, ascii(s, i, len), name, false));
    }

    /**
     * The algorithm of the untagged lines, if the first one's digest length showed one other than
     * the algorithm given; null otherwise.
     */
    public DigestAlgorithm inferred() {
        return inferred;
    }

    private Optional<ChecksumEntry> parseUntagged(byte[] s, int i, int len, boolean escaped) {
        if (!fixed && !decided) {
            int start = i < len && s[i] == '\\' ? i + 1 : i;
            int end = start;
            while (end < len && isHexDigit(s[end])) {
                end++;
            }
            if (end < len && isWhite(s[end])) {
                decided = true; // the first line that looks like an untagged checksum line decides
                DigestAlgorithm usual =
                        DigestAlgorithm.usualForHexLength(end - start).orElse(untagged);
                if (usual != untagged) {
                    inferred = usual;
                    untagged = usual;
                }
            }
        }
        int hexLength = untagged.hexLength();
        int minimum = hexLength + 2; // digest, blank, a one-character name
        if (len - i < minimum + (i < len && s[i] == '\\' ? 1 : 0)) {
            return Optional.empty();
        }
        int digestStart = i;
        i += hexLength;
        if (!isWhite(s[i]) || !isHex(s, digestStart, i, hexLength)) {
            return Optional.empty();
        }
        i++;
        boolean binary = false;
        if (len - i == 1 || (s[i] != ' ' && s[i] != '*')) {
            // Coreutils refuses to mix the reversed and the standard format in one file: an attacker
            // could otherwise rename a file to start with a space or '*'.
            if (reversed == 0) {
                return Optional.empty();
            }
            reversed = 1;
        } else if (reversed != 1) {
            reversed = 0;
            binary = s[i] == '*';
            i++;
        }
        String name = name(s, i, len, escaped);
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(new ChecksumEntry(untagged, ascii(s, digestStart, digestStart + hexLength), name, binary));
    }

    /**
     * The file name in {@code s[from, to)}, unescaped if the line was marked; null if invalid. It may
     * be empty ({@code SHA256 () = ...}): coreutils then reports the file as unreadable, and so do we.
     */
    private static String name(byte[] s, int from, int to, boolean escaped) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            byte b = s[i];
            if (b == 0) {
                return null;
            }
            if (escaped && b == '\\') {
                if (++i == to) {
                    return null;
                }
                switch (s[i]) {
                    case 'n' -> b = '\n';
                    case 'r' -> b = '\r';
                    case '\\' -> b = '\\';
                    default -> {
                        return null;
                    }
                }
            }
            out[n++] = b;
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static boolean isHex(byte[] s, int from, int to, int expectedLength) {
        if (to - from != expectedLength) {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte b = s[i];
            boolean hex = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHexDigit(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static boolean isWhite(byte b) {
        return b == ' ' || b == '\t';
    }

    private static String ascii(byte[] s, int from, int to) {
        return new String(s, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
