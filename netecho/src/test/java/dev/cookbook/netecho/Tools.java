package dev.cookbook.netecho;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import org.junit.jupiter.api.Assumptions;

/**
 * External tools the interoperability tests compare with. Missing locally, such a test is skipped
 * with a message; in CI ({@code CI=true}) a missing tool fails it, so CI cannot pass by skipping.
 * The same rule as {@code csvtool}'s {@code Tools}, copied: test classes are not shared between modules.
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
}
