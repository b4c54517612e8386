package dev.cookbook.crypto.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.junit.jupiter.api.Assumptions;

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

    /** The executable {@code name} on the PATH, if any. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Skips the calling test if the external tool {@code name} is missing, or fails it on CI
     * ({@code CI=true}), where a missing tool means the interoperability checks silently stopped.
     */
    static void requireTool(String name) {
        if (onPath(name).isPresent()) {
            return;
        }
        String message = name + " is not on the PATH";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + "; it is required when CI=true");
        }
        Assumptions.abort(message + "; skipping the comparison with it");
    }

    /** What a process printed, and its exit status. */
    record Result(int exit, byte[] out, String err) {}

    /** Runs {@code command} in {@code dir} with the C locale and no input. */
    static Result exec(Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LC_ALL", "C");
        Process process = pb.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readUtf8(process.getErrorStream()));
        byte[] out = process.getInputStream().readAllBytes();
        int exit = process.waitFor();
        return new Result(exit, out, err.join());
    }

    private static String readUtf8(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} like {@link #exec} and returns its standard output; fails on a non-zero exit. */
    static byte[] run(Path dir, List<String> command) throws IOException, InterruptedException {
        Result r = exec(dir, command);
        assertEquals(0, r.exit(), () -> "exit status of " + command + ", stderr: " + r.err());
        return r.out();
    }
}
