package dev.cookbook.cli.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cookbook.cli.Cli;
import dev.cookbook.cli.common.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands in-process: what they say when they cannot run (InstallIT runs them for real). */
public class InstallCommandTest {
    @TempDir
    Path tmp;

    @Test
    void installRunsOnlyFromTheExecutable() {
        Path prefix = tmp.resolve("p");
        Cli.Result r = Cli.run("install", "--prefix", prefix.toString());
        assertEquals(2, r.exit(), r::toString);
        assertEquals("", r.out());
        String classPath = System.getProperty("java.class.path");
        String shown = classPath.length() > 80 ? classPath.substring(0, 77) + "..." : classPath;
        assertEquals(
                "cookbook install: this is not the cookbook executable (the class path is " + Messages.quote(shown)
                        + ")\n"
                        + "cookbook install: hint: run install from the built executable: cli/target/cookbook install\n",
                r.err());
        assertFalse(Files.exists(prefix));
    }

    @Test
    void withoutPrefixOrHomeIsAUsageError() {
        Cli.Result r = Cli.withEnvironment(Map.of(), "uninstall");
        assertEquals(2, r.exit(), r::toString);
        assertEquals("""
                cookbook uninstall: HOME is not set: give --prefix DIR
                cookbook uninstall: hint: see 'cookbook uninstall --help'
                """, r.err());
    }

    @Test
    void uninstallWithNothingInstalledSaysWhere() {
        Path prefix = tmp.resolve("nothing here");
        Cli.Result r = Cli.run("uninstall", "--prefix", prefix.toString());
        assertEquals(4, r.exit(), r::toString);
        assertEquals(
                "cookbook uninstall: nothing installed under '" + prefix + "': no '" + prefix
                        + "/share/cookbook/install-manifest'\n"
                        + "cookbook uninstall: hint: give the --prefix that 'cookbook install' used\n",
                r.err());
    }

    @Test
    void theDefaultPrefixIsDotLocalInHome() {
        Cli.Result r = Cli.withEnvironment(Map.of("HOME", tmp.toString()), "uninstall", "--dry-run");
        assertEquals(4, r.exit(), r::toString);
        assertEquals(
                "cookbook uninstall: nothing installed under " + tmp + "/.local: no " + tmp
                        + "/.local/share/cookbook/install-manifest",
                r.err().lines().findFirst().orElseThrow());
    }

    @Test
    void aPrefixThatIsAFileIsAnIoError() throws Exception {
        Path file = Files.writeString(tmp.resolve("a file"), "x\n");
        Cli.Result r = Cli.run("uninstall", "--prefix", file.toString());
        assertEquals(4, r.exit(), r::toString);
        assertEquals("cookbook uninstall: '" + file + "': Not a directory\n", r.err());
    }
}
