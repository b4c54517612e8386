package dev.cookbook.mailer.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one of the scripts in {@code src/test/resources/message} with the real python3. */
final class Python {
    private static final long TIMEOUT_SECONDS = 60;

    private Python() {}

    /**
     * Runs {@code script} with {@code args} and returns its stdout (UTF-8); skips the test (fails
     * in CI) when python3 is missing, fails it when the script fails.
     */
    static String run(Path dir, String script, String... args) throws IOException, InterruptedException {
        Tools.require("python3");
        Path source = dir.resolve(script);
        try (InputStream in = Python.class.getResourceAsStream("/message/" + script)) {
            assertNotNull(in, "no resource message/" + script);
            Files.copy(in, source);
        }
        List<String> command = new ArrayList<>(List.of("python3", source.toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve(script + ".out");
        Path err = dir.resolve(script + ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().put("PYTHONIOENCODING", "utf-8");
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
