package dev.cookbook.crypto.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.digests.Blake3Digest;

/** Helpers shared by the digest tests. */
final class TestSupport {
    private TestSupport() {}

    /** The simplest {@link DigestJob}. */
    record Job(Source source, DigestAlgorithm algorithm) implements DigestJob {}

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code size} bytes that differ from one size to another but not from one run to another. */
    static byte[] pseudoRandomBytes(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    /**
     * The digest of {@code data} computed without this module's code: the JDK's {@link MessageDigest}
     * where it has the algorithm, Bouncy Castle's BLAKE3 in one call otherwise.
     */
    static String referenceHex(DigestAlgorithm algorithm, byte[] data) {
        if (algorithm == DigestAlgorithm.BLAKE3) {
            Blake3Digest blake3 = new Blake3Digest(256);
            blake3.update(data, 0, data.length);
            byte[] out = new byte[32];
            blake3.doFinal(out, 0);
            return hex(out);
        }
        String jcaName = switch (algorithm) {
            case SHA1 -> "SHA-1";
            case SHA256 -> "SHA-256";
            case MD5 -> "MD5";
            default -> throw new IllegalArgumentException("no reference for " + algorithm);
        };
        try {
            return hex(MessageDigest.getInstance(jcaName).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Hashes one source on a one-thread digester. */
    static DigestResult digest(Source source, DigestAlgorithm algorithm) {
        try (ParallelDigester digester = new ParallelDigester(1)) {
            return digest(digester, source, algorithm);
        }
    }

    /** Hashes one source on {@code digester}. */
    static DigestResult digest(ParallelDigester digester, Source source, DigestAlgorithm algorithm) {
        List<DigestResult> results = new ArrayList<>();
        digester.run(List.of(new Job(source, algorithm)).iterator(), (job, result) -> results.add(result));
        assertEquals(1, results.size());
        return results.get(0);
    }

    /** Everything {@code it} yields, failing rather than looping if it yields more than {@code max}. */
    static <T> List<T> drain(Iterator<T> it, int max) {
        List<T> out = new ArrayList<>();
        while (it.hasNext()) {
            if (out.size() == max) {
                fail("more than " + max + " elements: " + out);
            }
            out.add(it.next());
        }
        return out;
    }
}
