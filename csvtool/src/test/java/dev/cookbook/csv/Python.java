package dev.cookbook.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the case generators in {@code src/test/resources/dev/cookbook/csv/python} with the real python3. */
final class Python {
    private static final long TIMEOUT_SECONDS = 120;

    private Python() {}

    /**
     * Runs {@code script} (a resource next to this class, fed to {@code python3 -} on stdin) with
     * {@code args}, and returns its stdout; skips the test (fails in CI) when python3 is missing.
     */
    static String run(Path dir, String script, String... args) throws IOException, InterruptedException {
        Tools.require("python3");
        List<String> command = new ArrayList<>(List.of("python3", "-"));
        command.addAll(List.of(args));
        Path source = dir.resolve(script);
        try (InputStream in = Python.class.getResourceAsStream("python/" + script)) {
            assertTrue(in != null, "no resource python/" + script);
            Files.copy(in, source);
        }
        Path out = dir.resolve(script + ".out");
        Path err = dir.resolve(script + ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(source.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().put("PYTHONIOENCODING", "utf-8");
        pb.environment().put("PYTHONHASHSEED", "0");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        assertEquals(0, p.exitValue(), () -> script + " failed: " + read(err));
        return read(out);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
