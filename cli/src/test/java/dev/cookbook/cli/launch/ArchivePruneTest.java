package dev.cookbook.cli.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Making an archive removes the archives other builds made for the same launcher file, which no call
 * can map again, and nothing else (the launcher names them {@code BUILD/RUNTIME/LAUNCHER.FAMILY.jsa}).
 */
class ArchivePruneTest {
    private static final String LAUNCHER = "/home/me/.local/bin/cookbook";

    @TempDir
    Path dir;

    private Path cache;

    @BeforeEach
    void cache() {
        cache = dir.resolve("cache");
    }

    @Test
    void otherBuildsArchivesOfTheLauncherGoAndNothingElse() throws IOException {
        Path build = cache.resolve("0.2.0-bbbbbbbbbbbb");
        Path old = cache.resolve("0.1.0-aaaaaaaaaaaa");
        List<Path> gone = List.of(
                file(old, "/PATH/java" + LAUNCHER + ".checksum-plain.jsa"),
                file(old, "/PATH/java" + LAUNCHER + ".checksum-plain.jsa.gc"),
                file(old, "/PATH/java" + LAUNCHER + ".checksum-plain.jsa.runtime"),
                file(old, "/usr/lib/jvm/temurin-25/bin/java" + LAUNCHER + ".quote.jsa"),
                file(cache.resolve("0.0.9-cccccccccccc"), "/PATH/java" + LAUNCHER + ".run-plain.jsa"));
        List<Path> kept = List.of(
                // this build's own
                file(build, "/PATH/java" + LAUNCHER + ".checksum-plain.jsa"),
                // another launcher's, also one whose path ends as this one's does
                file(old, "/PATH/java/opt/cookbook/bin/cookbook.checksum-plain.jsa"),
                file(old, "/PATH/java/srv/java" + LAUNCHER + ".checksum-plain.jsa"),
                file(old, "/PATH/java" + LAUNCHER + "2.checksum-plain.jsa"),
                // a training under way removes its own lock and temporary files
                file(old, "/PATH/java" + LAUNCHER + ".csv.jsa.lock"),
                file(old, "/PATH/java" + LAUNCHER + ".csv.jsa.tmp123"),
                // not an archive's name
                file(old, "/PATH/java" + LAUNCHER + ".Notes.jsa"),
                file(old, "/PATH/java" + LAUNCHER + ".jsa"),
                file(cache, "/notes.txt"));

        ClassDataArchive.prune(build, LAUNCHER);

        for (Path p : gone) {
            assertFalse(Files.exists(p), p::toString);
        }
        for (Path p : kept) {
            assertTrue(Files.isRegularFile(p), p::toString);
        }
        assertFalse(
                Files.exists(cache.resolve("0.0.9-cccccccccccc")),
                "a build's folder left empty goes with its archives");
        assertFalse(Files.exists(old.resolve("usr")), "so do the folders left empty in a build's");
    }

    @Test
    void aCacheWithoutOtherBuildsIsLeftAsItIs() throws IOException {
        Path build = cache.resolve("0.2.0-bbbbbbbbbbbb");
        Path own = file(build, "/PATH/java" + LAUNCHER + ".checksum.jsa");
        ClassDataArchive.prune(build, LAUNCHER);
        assertEquals(List.of(own), files(cache));

        ClassDataArchive.prune(cache.resolve("missing/0.2.0-bbbbbbbbbbbb"), LAUNCHER);
    }

    /**
     * An archive whose launcher is gone (a self-contained build's folder deleted after an upgrade to the next
     * one's, in a folder of its own), as the file beside it names it, goes too, in any build's folder.
     */
    @Test
    void archivesOfALauncherThatIsGoneGo() throws IOException {
        Path build = cache.resolve("0.2.0-bbbbbbbbbbbb");
        Path old = cache.resolve("0.1.0-aaaaaaaaaaaa");
        String gone = dir.resolve("opt/cookbook-0.1.0/bin/cookbook").toString();
        Path here =
                Files.createDirectories(dir.resolve("opt/cookbook-0.2.0/bin")).resolve("cookbook");
        Files.writeString(here, "a launcher");
        List<Path> goneFiles = archive(old, "/PATH/java" + gone + ".checksum.jsa", gone);
        List<Path> goneToo = archive(build, "/PATH/java" + gone + ".csv.jsa", gone);
        Path another = Files.createDirectories(dir.resolve("home/me/bin")).resolve("cookbook");
        Files.writeString(another, "another launcher, still there");
        List<Path> kept = archive(old, "/PATH/java" + another + ".quote.jsa", another.toString());
        Path before = file(old, "/PATH/java" + gone + ".run.jsa");
        Files.writeString(Path.of(before + ".runtime"), "/usr/lib/jvm/java-17 17.0.15+6 123 456\n");

        ClassDataArchive.prune(build, here.toString());

        for (Path p : goneFiles) {
            assertFalse(Files.exists(p), p::toString);
        }
        for (Path p : goneToo) {
            assertFalse(Files.exists(p), p::toString);
        }
        for (Path p : kept) {
            assertTrue(Files.isRegularFile(p), p::toString);
        }
        assertTrue(Files.isRegularFile(before), "a runtime file that names no launcher: kept");
        assertTrue(Files.isDirectory(build.resolve("PATH")), "this build's folders stay, empty or not");
    }

    /**
     * A runtime file that cannot be read (not UTF-8) leaves the rest to be pruned. Twenty archives to remove in
     * folders of their own, so that without that the walk would meet the bad file before one of them, whatever
     * order the file system lists them in, but 1 time in 21.
     */
    @Test
    void aFileThatCannotBeReadLeavesTheRestPruned() throws IOException {
        Path build = cache.resolve("0.2.0-bbbbbbbbbbbb");
        String gone = dir.resolve("gone/bin/cookbook").toString();
        List<Path> goneFiles = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            goneFiles.addAll(
                    archive(cache.resolve("0.1." + i + "-aaaaaaaaaaaa"), "/PATH/java" + gone + ".csv.jsa", gone));
        }
        Path bad = file(cache.resolve("0.1.9-cccccccccccc"), "/PATH/java" + gone + ".quote.jsa");
        Files.write(Path.of(bad + ".runtime"), new byte[] {'x', '\n', (byte) 0xff, (byte) 0xfe, '\n'});

        ClassDataArchive.prune(build, LAUNCHER);

        for (Path p : goneFiles) {
            assertFalse(Files.exists(p), p::toString);
        }
        assertTrue(Files.isRegularFile(bad), "an archive whose runtime file cannot be read is left as it is");
    }

    /**
     * What a training that died left (killed with its shell, so nothing removed its temporary files; Java 25's
     * configuration file alone is ~16 MB) goes once it is older than a stale lock, unless its archive has a lock
     * younger than that: a training under way may still be writing it.
     */
    @Test
    void whatATrainingThatDiedLeftGoes() throws IOException {
        Path build = cache.resolve("0.2.0-bbbbbbbbbbbb");
        String archive = "/PATH/java" + LAUNCHER + ".run.jsa";
        FileTime hourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        List<Path> gone = new ArrayList<>();
        for (String ending : List.of("", ".config", ".classlist", ".gc", ".runtime")) {
            gone.add(old(file(build, archive + ".tmp4242" + ending), hourAgo));
        }
        // another build's, whose lock is as old (a lock is taken over once stale): the lock goes too
        gone.add(old(file(cache.resolve("0.1.0-aaaaaaaaaaaa"), archive + ".tmp77.config"), hourAgo));
        gone.add(old(file(cache.resolve("0.1.0-aaaaaaaaaaaa"), archive + ".lock"), hourAgo));
        List<Path> kept = List.of(
                // young: its training may be under way
                file(build, archive + ".tmp4343.config"),
                // old, but its archive has a young lock
                old(file(build, "/PATH/java" + LAUNCHER + ".csv.jsa.tmp11.config"), hourAgo),
                file(build, "/PATH/java" + LAUNCHER + ".csv.jsa.lock"),
                // not a training's name
                old(file(build, archive + ".tmp.config"), hourAgo),
                old(file(build, archive + ".tmp12.txt"), hourAgo),
                old(file(build, "/PATH/java" + LAUNCHER + ".notes.tmp12"), hourAgo));

        ClassDataArchive.prune(build, LAUNCHER);

        for (Path p : gone) {
            assertFalse(Files.exists(p), p::toString);
        }
        for (Path p : kept) {
            assertTrue(Files.isRegularFile(p), p::toString);
        }
    }

    private static Path old(Path file, FileTime time) throws IOException {
        Files.setLastModifiedTime(file, time);
        return file;
    }

    /** The archive {@code folder + path}, with its collector and runtime files, the latter naming {@code launcher}. */
    private static List<Path> archive(Path folder, String path, String launcher) throws IOException {
        Path archive = file(folder, path);
        Path gc = Path.of(archive + ".gc");
        Path runtime = Path.of(archive + ".runtime");
        Files.writeString(gc, "-XX:+UseSerialGC\n");
        Files.writeString(runtime, "/usr/lib/jvm/java-17 17.0.15+6 123 456\n" + launcher + "\n");
        return List.of(archive, gc, runtime);
    }

    /** A folder's symbolic link is not followed: what it points to is not the cache's. */
    @Test
    void aLinkIsNotFollowed() throws IOException {
        Path elsewhere = dir.resolve("elsewhere");
        Path target = file(elsewhere, "/PATH/java" + LAUNCHER + ".checksum.jsa");
        Files.createSymbolicLink(Files.createDirectories(cache).resolve("0.1.0-aaaaaaaaaaaa"), elsewhere);
        ClassDataArchive.prune(cache.resolve("0.2.0-bbbbbbbbbbbb"), LAUNCHER);
        assertTrue(Files.isRegularFile(target), target::toString);
    }

    /** Creates the file {@code folder + path} ({@code path} starts with a slash), as the launcher names them. */
    private static Path file(Path folder, String path) throws IOException {
        Path p = Path.of(folder + path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "x");
        return p;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
