package dev.cookbook.cli.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Binary;
import dev.cookbook.cli.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cookbook install} from the packaged binary: what it installs works, and uninstall takes it all back. */
public class InstallIT {
    @TempDir
    Path tmp;

    private static long manPages(Path prefix) throws IOException {
        try (Stream<Path> pages = Files.list(prefix.resolve("share/man/man1"))) {
            return pages.filter(p -> p.getFileName().toString().startsWith("cookbook"))
                    .count();
        }
    }

    @Test
    void theInstalledProgramCompletionAndManPageWorkAndUninstallLeavesThePrefixAsItWas() throws IOException {
        Tools.require("bash");
        Tools.require("man");
        Tools.require("col");
        Path prefix = tmp.resolve("pré fix");
        Files.createDirectories(prefix.resolve("share/man/man1"));
        Files.writeString(prefix.resolve("share/man/man1/other.1"), "not cookbook's\n");
        TreeMap<String, String> before = InstallFixtures.of(prefix);

        Binary.Result install = Binary.run(tmp, "install", "--prefix", prefix.toString());
        assertEquals(0, install.exit(), install::toString);
        assertEquals("", install.out());
        long files = 3 + manPages(prefix);
        assertEquals(
                "cookbook install: installed " + files + " files under '" + prefix + "'\n"
                        + "cookbook install: '" + prefix + "/bin' is not on PATH: add it with export PATH='"
                        + prefix + "/bin':\"$PATH\"\n",
                install.err());

        Path installed = prefix.resolve("bin/cookbook");
        assertArrayEquals(Files.readAllBytes(Binary.PATH), Files.readAllBytes(installed));
        Binary.Result version = Binary.exec(tmp, Map.of(), null, List.of(installed.toString(), "--version"));
        assertEquals(0, version.exit(), version::toString);
        assertEquals(Binary.run(tmp, "--version").out(), version.out());

        Binary.Result man = Binary.exec(
                tmp,
                Map.of("MANWIDTH", "80", "MAN_KEEP_FORMATTING", "0", "LC_ALL", "C.UTF-8"),
                null,
                List.of(
                        "bash",
                        "-c",
                        "set -o pipefail; man -l \"$1\" | col -bx",
                        "bash",
                        prefix.resolve("share/man/man1/cookbook-checksum.1").toString()));
        assertEquals(0, man.exit(), man::toString);
        assertEquals("", man.err());
        List<String> lines = man.out().lines().toList();
        assertEquals("COOKBOOK-CHECKSUM(1)            Cookbook Manual           COOKBOOK-CHECKSUM(1)", lines.get(0));
        assertEquals(
                List.of(
                        "NAME",
                        "       cookbook-checksum - Print or check file checksums: MD5, SHA-1, SHA-2,",
                        "       SHA-3, BLAKE2b, BLAKE3.",
                        "",
                        "SYNOPSIS",
                        "       cookbook checksum [-bchLqrtVwzv] [--ignore-missing] [--json] [--list]"),
                lines.subList(2, 8));
        int examples = lines.indexOf("EXAMPLES:");
        assertEquals(
                List.of(
                        "           cookbook checksum *.iso                      # SHA-256, like sha256sum",
                        "           cookbook checksum -a md5 -r photos/ > MD5SUMS"),
                lines.subList(examples + 1, examples + 3));
        assertTrue(lines.contains("       -a, --algorithm ALGO"), man::toString);

        Binary.Result complete = Binary.exec(
                tmp,
                Map.of(),
                null,
                List.of(
                        "bash",
                        "--norc",
                        "-c",
                        "source \"$1\"; COMP_WORDS=(cookbook ch); COMP_CWORD=1; _cookbook; printf '%s\\n' \"${COMPREPLY[@]}\"",
                        "bash",
                        prefix.resolve("share/bash-completion/completions/cookbook")
                                .toString()));
        assertEquals(0, complete.exit(), complete::toString);
        assertEquals("checksum\n", complete.out());

        Binary.Result uninstall = Binary.exec(
                tmp, Map.of(), null, List.of(installed.toString(), "uninstall", "--prefix", prefix.toString()));
        assertEquals(0, uninstall.exit(), uninstall::toString);
        assertEquals("", uninstall.out());
        assertEquals("cookbook uninstall: removed " + files + " files from '" + prefix + "'\n", uninstall.err());
        assertEquals(before, InstallFixtures.of(prefix));
    }

    @Test
    void fromASelfContainedDistributionTheProgramIsALinkToItsLauncher() throws IOException {
        Path dist = tmp.resolve("cookbook dist");
        Path launcher = Files.createDirectories(dist.resolve("bin")).resolve("cookbook");
        Files.copy(Binary.PATH, launcher);
        Files.createDirectories(dist.resolve("runtime/bin"));
        Files.createSymbolicLink(
                dist.resolve("runtime/bin/java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Path prefix = tmp.resolve("prefix");

        Binary.Result install = Binary.exec(
                tmp, Map.of(), null, List.of(launcher.toString(), "install", "--prefix", prefix.toString()));
        assertEquals(0, install.exit(), install::toString);

        Path installed = prefix.resolve("bin/cookbook");
        assertTrue(Files.isSymbolicLink(installed));
        assertEquals(launcher, Files.readSymbolicLink(installed));
        Binary.Result version = Binary.exec(tmp, Map.of(), null, List.of(installed.toString(), "--version"));
        assertEquals(0, version.exit(), version::toString);
        assertTrue(version.out().startsWith("cookbook "), version::toString);

        Binary.Result uninstall = Binary.exec(
                tmp, Map.of(), null, List.of(installed.toString(), "uninstall", "--prefix", prefix.toString()));
        assertEquals(0, uninstall.exit(), uninstall::toString);
        assertFalse(Files.exists(prefix, LinkOption.NOFOLLOW_LINKS));
        assertArrayEquals(Files.readAllBytes(Binary.PATH), Files.readAllBytes(launcher));
    }

    @Test
    void aFileCookbookDidNotInstallIsRefusedUnlessForced() throws IOException {
        Path prefix = tmp.resolve("prefix");
        Path other = Files.createDirectories(prefix.resolve("bin")).resolve("cookbook");
        Files.writeString(other, "#!/bin/sh\necho another cookbook\n");

        Binary.Result refused = Binary.run(tmp, "install", "--prefix", prefix.toString());
        assertEquals(2, refused.exit(), refused::toString);
        assertEquals(
                "cookbook install: " + other + " exists and was not installed by cookbook: add --force to replace it\n"
                        + "cookbook install: hint: see 'cookbook install --help'\n",
                refused.err());
        assertEquals("#!/bin/sh\necho another cookbook\n", Files.readString(other));
        assertEquals(
                List.of("bin/", "bin/cookbook"),
                List.copyOf(InstallFixtures.of(prefix).keySet()).subList(1, 3));

        Binary.Result forced = Binary.run(tmp, "install", "--prefix", prefix.toString(), "--force");
        assertEquals(0, forced.exit(), forced::toString);
        assertArrayEquals(Files.readAllBytes(Binary.PATH), Files.readAllBytes(other));
    }

    @Test
    void aDryRunPrintsWhatItWouldDoAndDoesNothing() {
        Path prefix = tmp.resolve("prefix");
        Binary.Result r = Binary.run(tmp, "install", "--prefix", prefix.toString(), "--dry-run");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(
                List.of(
                        "mkdir " + prefix,
                        "mkdir " + prefix + "/bin",
                        "install " + prefix + "/bin/cookbook (a copy of " + Binary.PATH + ")"),
                lines.subList(0, 3));
        assertEquals("install " + prefix + "/share/cookbook/install-manifest", lines.get(lines.size() - 1));
        assertFalse(Files.exists(prefix));
    }
}
