package dev.cookbook.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Assumptions;

/** The reference tools the interoperability tests compare with (coreutils, openssl): finding and running them. */
public final class ExternalTools {
    /**
     * Runs each task on a daemon thread of its own, for the pumps of a process's pipes: CompletableFuture's
     * default pool has one or two workers on a 2-core machine, where a pump blocked on a process that has not
     * ended would starve the next one.
     */
    private static final Executor OWN_THREAD = task -> {
        Thread t = new Thread(task, "test-pump");
        t.setDaemon(true);
        t.start();
    };

    private ExternalTools() {}

    /** The executable {@code name} on the PATH, if any. */
    public static Optional<Path> onPath(String name) {
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
     * Skips the calling test (or class, from {@code @BeforeAll}) if the external tool {@code name}
     * is missing, or fails it on CI ({@code CI=true}), where a missing tool means the
     * interoperability checks silently stopped.
     */
    public static void requireTool(String name) {
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
    public record ProcessResult(int exit, byte[] out, String err) {}

    /** Runs {@code command} in {@code dir} with the C locale and no input. */
    public static ProcessResult exec(Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LC_ALL", "C");
        Process process = pb.start();
        CompletableFuture<String> err =
                CompletableFuture.supplyAsync(() -> readUtf8(process.getErrorStream()), OWN_THREAD);
        byte[] out = process.getInputStream().readAllBytes();
        int exit = process.waitFor();
        return new ProcessResult(exit, out, err.join());
    }

    /** Runs {@code command} like {@link #exec} and returns its standard output; fails on a non-zero exit. */
    public static byte[] run(Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessResult r = exec(dir, command);
        assertEquals(0, r.exit(), () -> "exit status of " + command + ", stderr: " + r.err());
        return r.out();
    }

    private static String readUtf8(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
