package dev.cookbook.crypto.digest;

/**
 * The Java runtime does not provide a digest that it normally has: its {@code java.security}
 * disables it (Java 24 and later: {@code jdk.crypto.disabledAlgorithms}), or its providers were
 * configured without it (a FIPS setup without MD5). Not a bug and not bad data: the user can choose
 * another algorithm or another runtime. The message names the algorithm; the JDK's own is the cause.
 */
public final class DigestUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DigestUnavailableException(String jcaName, Throwable cause) {
        super(
                "this Java runtime does not provide " + jcaName
                        + ": its security configuration disables it or leaves it out",
                cause);
    }
}
