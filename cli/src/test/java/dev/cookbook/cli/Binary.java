package dev.cookbook.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** The packaged {@code cli/target/cookbook}, run as a real process: what end-to-end tests drive. */
public final class Binary {
    public static final Path PATH =
            Path.of(System.getProperty("cookbook.binary", "target/cookbook")).toAbsolutePath();
    private static final long TIMEOUT_SECONDS = 300;
    /**
     * Where the binary keeps its class-data archive during the tests, unless a test says otherwise:
     * one folder for the whole run, so that a test that sets HOME to a temporary folder does not
     * start an archive in it that is still being written when JUnit deletes the folder.
     */
    static final Path CACHE = PATH.resolveSibling("it-cache");
    /**
     * Runs each task on a daemon thread of its own: for the tasks that pump a process's pipes, which
     * block until it ends. CompletableFuture's default pool has one or two workers on a 2-core machine
     * (from Java 25 even there), so pumps blocked on a process that had not ended would starve the
     * next ones, and a pipeline would hang with its processes waiting on full pipes.
     */
    public static final Executor THREAD_PER_TASK = task -> {
        Thread t = new Thread(task, "test-pump");
        t.setDaemon(true);
        t.start();
    };

    private Binary() {}

    /** What one process printed and returned. */
    public record Result(int exit, byte[] stdout, byte[] stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public String err() {
            return new String(stderr, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out() + "--- stderr\n" + err();
        }
    }

    /** Runs {@code cookbook args...} in {@code dir}. */
    public static Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of(PATH.toString()));
        command.addAll(List.of(args));
        return exec(dir, Map.of(), null, command);
    }

    /**
     * Runs {@code command} (the packaged binary, or any other program) in {@code dir} with extra environment, feeding {@code stdin} (or nothing),
     * and collects both outputs concurrently so neither pipe can fill up and stall the child.
     */
    public static Result exec(Path dir, Map<String, String> env, Path stdin, List<String> command) {
        if (command.get(0).equals(PATH.toString())) { // other tools (openssl) run in unit tests too
            assertTrue(Files.isExecutable(PATH), PATH + " is missing: run 'mvn package' first");
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().put("XDG_CACHE_HOME", CACHE.toString());
            pb.environment().putAll(env);
            if (stdin != null) {
                pb.redirectInput(stdin.toFile());
            }
            Process p = pb.start();
            if (stdin == null) {
                p.getOutputStream().close();
            }
            CompletableFuture<byte[]> out =
                    CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()), THREAD_PER_TASK);
            CompletableFuture<byte[]> err =
                    CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()), THREAD_PER_TASK);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + command);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
