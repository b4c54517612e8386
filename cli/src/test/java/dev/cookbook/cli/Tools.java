package dev.cookbook.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools the interoperability tests compare with. Missing locally, such a test is skipped
 * with a message; in CI ({@code CI=true}) a missing tool fails it, so CI cannot pass by skipping.
 */
public final class Tools {
    private Tools() {}

    /** Skips (or in CI fails) the calling test unless {@code name} is on PATH. */
    public static void require(String name) {
        if (onPath(name)) {
            return;
        }
        String message = name + " is not installed (.ci/run installs it)";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.assumeTrue(false, message);
    }

    public static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, name).canExecute()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The home of a Java 25 or later JDK under /usr/lib/jvm (the build machines have Temurin 25
     * there, beside the default JDK 17), or the calling test is skipped.
     */
    public static Path java25() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> s = Files.list(jvms)) {
                for (Path home : s.sorted().toList()) {
                    Path release = home.resolve("release");
                    if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))) {
                        Matcher m = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
                        if (m.find() && Integer.parseInt(m.group(1)) >= 25) {
                            return home.toRealPath();
                        }
                    }
                }
            }
        }
        Assumptions.assumeTrue(false, "no Java 25 JDK under /usr/lib/jvm: what differs on it is not tested here");
        return null;
    }
}
