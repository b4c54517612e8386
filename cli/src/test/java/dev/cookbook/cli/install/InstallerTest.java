package dev.cookbook.cli.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.completion.CompletionCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** install and uninstall on temporary prefixes, with a stand-in for the executable. */
public class InstallerTest {
    @TempDir
    Path tmp;

    private static final CommandLine ROOT = InstallFixtures.commands();

    private Path launcher(String body) throws IOException {
        Path file = tmp.resolve("build/cookbook");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body);
        return file;
    }

    private static List<Installer.Item> items(Path launcher) {
        return Installer.items(launcher, ROOT);
    }

    private static int pages() {
        int[] n = {0};
        countPages(ROOT, n);
        return n[0];
    }

    private static void countPages(CommandLine cl, int[] n) {
        n[0]++;
        cl.getSubcommands().values().forEach(sub -> countPages(sub, n));
    }

    @Test
    void installsTheProgramCompletionsAndAManPagePerCommandWithTheirModes() throws IOException {
        Path prefix = tmp.resolve("my prefix/é");
        Path launcher = launcher("echo fake\n");
        Installer.Outcome done = new Installer(prefix, null).install(items(launcher), false, ROOT);
        assertEquals(3 + pages(), done.written());

        TreeMap<String, String> tree = InstallFixtures.of(prefix);
        assertEquals("rwxr-xr-x", tree.get("bin/cookbook"));
        assertEquals("rw-r--r--", tree.get("share/bash-completion/completions/cookbook"));
        assertEquals("rw-r--r--", tree.get("share/zsh/site-functions/_cookbook"));
        assertEquals("rw-r--r--", tree.get("share/man/man1/cookbook.1"));
        assertEquals("rw-r--r--", tree.get("share/man/man1/cookbook-checksum.1"));
        assertEquals("rw-r--r--", tree.get("share/man/man1/cookbook-csv-read.1"));
        assertEquals("rw-r--r--", tree.get("share/cookbook/install-manifest"));
        assertEquals(
                pages(), tree.keySet().stream().filter(k -> k.endsWith(".1")).count());
        assertEquals(4 + pages() + 10, tree.size(), tree::toString); // files, the manifest, 10 directories

        assertEquals(Files.readString(launcher), Files.readString(prefix.resolve("bin/cookbook")));
        assertEquals(
                CompletionCommand.script(CompletionCommand.Shell.bash, ROOT),
                Files.readString(prefix.resolve("share/bash-completion/completions/cookbook")));
        assertEquals(
                CompletionCommand.script(CompletionCommand.Shell.zsh, ROOT),
                Files.readString(prefix.resolve("share/zsh/site-functions/_cookbook")));
        assertTrue(Files.readString(prefix.resolve("share/man/man1/cookbook-checksum.1"))
                .contains(".TH \"COOKBOOK\\-CHECKSUM\" \"1\""));

        List<String> manifest = Files.readAllLines(prefix.resolve(Manifest.PATH));
        assertEquals(
                List.of(
                        "# What 'cookbook install' put under this prefix; 'cookbook uninstall' removes it.",
                        "dir .",
                        "dir bin",
                        "dir share",
                        "dir share/bash-completion",
                        "dir share/bash-completion/completions",
                        "dir share/zsh",
                        "dir share/zsh/site-functions",
                        "dir share/man",
                        "dir share/man/man1",
                        "dir share/cookbook",
                        "file bin/cookbook " + Manifest.sha256(launcher)),
                manifest.subList(0, 12));
        assertEquals(1 + 10 + 3 + pages(), manifest.size());
    }

    @Test
    void uninstallLeavesThePrefixAsItWas() throws IOException {
        Path prefix = tmp.resolve("prefix");
        Files.createDirectories(prefix.resolve("share/man/man1"));
        Files.writeString(prefix.resolve("share/man/man1/other.1"), "someone else's\n");
        Files.createDirectories(prefix.resolve("bin"));
        TreeMap<String, String> before = InstallFixtures.of(prefix);

        new Installer(prefix, null).install(items(launcher("")), false, ROOT);
        List<String> kept = new ArrayList<>();
        Installer.Outcome done = new Installer(prefix, null).uninstall(kept::add);

        assertEquals(3 + pages(), done.removed());
        assertEquals(List.of(), kept);
        assertEquals(before, InstallFixtures.of(prefix));
    }

    @Test
    void uninstallOfAPrefixInstallCreatedRemovesThePrefixToo() throws IOException {
        Path prefix = tmp.resolve("new/prefix");
        new Installer(prefix, null).install(items(launcher("")), false, ROOT);
        new Installer(prefix, null).uninstall(kept -> {});
        assertFalse(Files.exists(prefix));
        assertTrue(Files.isDirectory(prefix.getParent()), "above the prefix: not recorded, not removed");
    }

    @Test
    void uninstallKeepsAFileChangedSinceInstall() throws IOException {
        Path prefix = tmp.resolve("prefix");
        new Installer(prefix, null).install(items(launcher("")), false, ROOT);
        Path page = prefix.resolve("share/man/man1/cookbook-run.1");
        Files.writeString(page, "my notes\n");

        List<String> kept = new ArrayList<>();
        Installer.Outcome done = new Installer(prefix, null).uninstall(kept::add);

        assertEquals(List.of(page.toString()), kept);
        assertEquals(1, done.kept());
        assertEquals(2 + pages(), done.removed());
        assertEquals("my notes\n", Files.readString(page));
        assertEquals(
                List.of("share/", "share/man/", "share/man/man1/", "share/man/man1/cookbook-run.1"),
                List.copyOf(InstallFixtures.of(prefix).keySet()).subList(1, 5));
    }

    @Test
    void reinstallingReplacesItsOwnFilesAndRemovesWhatTheNewVersionNoLongerHas() throws IOException {
        Path prefix = tmp.resolve("prefix");
        new Installer(prefix, null).install(items(launcher("echo old\n")), false, ROOT);
        // a page the old version had and the new one has not
        Path gone = prefix.resolve("share/man/man1/cookbook-gone.1");
        Files.writeString(gone, "old page\n");
        Files.writeString(
                prefix.resolve(Manifest.PATH),
                "file share/man/man1/cookbook-gone.1 " + Manifest.sha256(gone) + "\n",
                java.nio.file.StandardOpenOption.APPEND);

        Path launcher = launcher("echo new\n");
        Installer.Outcome done = new Installer(prefix, null).install(items(launcher), false, ROOT);

        assertEquals(1, done.removed());
        assertFalse(Files.exists(gone));
        assertEquals("#!/bin/sh\necho new\n", Files.readString(prefix.resolve("bin/cookbook")));
        assertTrue(Files.readString(prefix.resolve(Manifest.PATH))
                .contains("file bin/cookbook " + Manifest.sha256(launcher) + "\n"));
        assertFalse(Files.readString(prefix.resolve(Manifest.PATH)).contains("cookbook-gone"));
    }

    @Test
    void aForeignFileIsRefusedWithoutForceAndNothingIsWritten() throws IOException {
        Path prefix = tmp.resolve("prefix");
        Files.createDirectories(prefix.resolve("bin"));
        Files.writeString(prefix.resolve("bin/cookbook"), "another program\n");
        TreeMap<String, String> before = InstallFixtures.of(prefix);

        ParameterException e = assertThrows(
                ParameterException.class, () -> new Installer(prefix, null).install(items(launcher("")), false, ROOT));
        assertEquals(
                prefix.resolve("bin/cookbook") + " exists and was not installed by cookbook: add --force to replace it",
                e.getMessage());
        assertEquals(before, InstallFixtures.of(prefix));

        new Installer(prefix, null).install(items(launcher("")), true, ROOT);
        assertEquals("#!/bin/sh\n", Files.readString(prefix.resolve("bin/cookbook")));
    }

    @Test
    void aLauncherInASelfContainedDistributionIsLinkedNotCopied() throws IOException {
        Path dist = tmp.resolve("dist é");
        Path launcher = Files.createDirectories(dist.resolve("bin")).resolve("cookbook");
        Files.writeString(launcher, "#!/bin/sh\n");
        Files.createDirectories(dist.resolve("runtime/bin"));
        Files.createSymbolicLink(
                dist.resolve("runtime/bin/java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Path prefix = tmp.resolve("prefix");

        new Installer(prefix, null).install(items(launcher), false, ROOT);

        assertEquals("-> " + launcher, InstallFixtures.of(prefix).get("bin/cookbook"));
        assertTrue(Files.readString(prefix.resolve(Manifest.PATH)).contains("\nlink bin/cookbook " + launcher + "\n"));
        new Installer(prefix, null).install(items(launcher), false, ROOT); // again: an upgrade, not a conflict
        new Installer(prefix, null).uninstall(kept -> {});
        assertFalse(Files.exists(prefix.resolve("bin/cookbook"), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(launcher));
    }

    @Test
    void aDryRunPrintsThePlanAndWritesNothing() throws IOException {
        Path prefix = tmp.resolve("a b");
        List<String> plan = new ArrayList<>();
        Path launcher = launcher("");
        new Installer(prefix, plan::add).install(items(launcher), false, ROOT);
        assertFalse(Files.exists(prefix));
        assertEquals(
                List.of(
                        "mkdir '" + prefix + "'",
                        "mkdir '" + prefix + "/bin'",
                        "install '" + prefix + "/bin/cookbook' (a copy of " + launcher + ")",
                        "mkdir '" + prefix + "/share'",
                        "mkdir '" + prefix + "/share/bash-completion'",
                        "mkdir '" + prefix + "/share/bash-completion/completions'",
                        "install '" + prefix + "/share/bash-completion/completions/cookbook'"),
                plan.subList(0, 7));
        assertEquals("install '" + prefix + "/share/cookbook/install-manifest'", plan.get(plan.size() - 1));

        new Installer(prefix, null).install(items(launcher), false, ROOT);
        plan.clear();
        new Installer(prefix, plan::add).uninstall(kept -> {});
        assertTrue(Files.exists(prefix.resolve("bin/cookbook")));
        assertEquals("remove '" + prefix + "/bin/cookbook'", plan.get(0));
        assertEquals("rmdir '" + prefix + "'", plan.get(plan.size() - 1));
    }

    @Test
    void uninstallWithoutAManifestIsAnError() {
        Path prefix = tmp.resolve("empty");
        CommandFailure e = assertThrows(CommandFailure.class, () -> new Installer(prefix, null).uninstall(kept -> {}));
        assertEquals(4, e.exitCode());
        assertEquals(
                "nothing installed under " + prefix + ": no " + prefix + "/share/cookbook/install-manifest",
                e.getMessage());
    }

    @Test
    void aDamagedManifestIsBadData() throws IOException {
        Path prefix = tmp.resolve("prefix");
        Files.createDirectories(prefix.resolve("share/cookbook"));
        Files.writeString(
                prefix.resolve(Manifest.PATH), "# comment\nfile ../../etc/passwd 00\n", StandardCharsets.UTF_8);
        CommandFailure e = assertThrows(CommandFailure.class, () -> new Installer(prefix, null).uninstall(kept -> {}));
        assertEquals(3, e.exitCode());
        assertEquals(
                prefix.resolve(Manifest.PATH) + ": line 2: not a manifest line: 'file ../../etc/passwd 00'",
                e.getMessage());
    }
}
