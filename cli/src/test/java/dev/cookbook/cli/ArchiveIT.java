package dev.cookbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The class-data archive the launcher makes and maps (see the README's start-up section), and the
 * ways it could go wrong, each of which must leave a call's output and exit status as they are.
 */
public class ArchiveIT {
    private static final String SMALL_SHA256 = "283de18a92b91eca91b96146822214f63c5a6a08238ab8acf97896a6036b5ab5";

    @TempDir
    Path dir;

    private Path cache;

    @BeforeEach
    void smallFile() throws IOException {
        Files.writeString(dir.resolve("small.txt"), "a small file\n");
        cache = dir.resolve("cache");
    }

    @Test
    void theFirstCallMakesTheArchiveInTheBackgroundAndLaterCallsMapIt() throws IOException {
        assertChecksumPrints(Map.of());
        Path archive = awaitArchive(cache);
        assertTrue(archive.startsWith(cache.resolve("cookbook")), archive::toString);
        assertEquals(
                archiveFiles("checksum-plain"),
                names(archive.getParent()),
                "no temporary file, class list or lock is left");
        // Java 17's static archive holds G1's heap, which only G1 maps
        assertEquals("-XX:+UseG1GC\n", Files.readString(archive.resolveSibling("cookbook.checksum-plain.jsa.gc")));

        Path log = dir.resolve("classes.log");
        assertChecksumPrints(Map.of("COOKBOOK_JAVA_OPTS", "-Xlog:class+load:file=" + log));
        String classes = Files.readString(log);
        assertTrue(classes.contains("dev.cookbook.cli.Main source: shared objects file"), "Main came from the archive");
        assertTrue(
                classes.contains("dev.cookbook.cli.checksum.ChecksumCommand source: shared objects file"),
                "the command came from the archive");
        // the command model is built from build-time data: no annotation read, so no proxy class made
        assertFalse(classes.contains("__dynamic_proxy__"), "a proxy class was made at run time");
        // and every class of cookbook's comes from the archive: one from the jar opens and indexes it
        assertFalse(classes.contains("source: file:"), "a class came from the jar:\n" + classes);

        // checksum with an option builds its command line, and has the archive of that path
        String tagged = "SHA256 (small.txt) = " + SMALL_SHA256 + "\n";
        String classesWithOption = assertMapped("checksum", tagged, "checksum", "--tag", "small.txt");
        assertTrue(classesWithOption.contains("picocli.CommandLine source: shared objects file"), "picocli");
        assertFalse(classes.contains("picocli.CommandLine source"), "the plain call builds no command line");

        // csv read of a FILE runs without a command line too; with an option it builds one
        Files.writeString(dir.resolve("people.csv"), "name,qty\nada,1\n");
        String json = "{\"name\":\"ada\",\"qty\":\"1\"}\n";
        assertMapped("csv-plain", json, "csv", "read", "people.csv");
        assertMapped(
                "csv",
                "| name | qty |\n| ---- | --- |\n| ada  |   1 |\n",
                "csv",
                "read",
                "--to",
                "table",
                "people.csv");

        // another command family gets an archive of its own, and quote too has a plain form
        assertMapped("quote-plain", "'a b'\n", "quote", "a b");
        assertMapped("quote", "-rf\n", "quote", "--", "-rf");

        // run's plain form, which Main runs without building a command line, has an archive of its own
        assertMapped("run-plain", "", "run", "--", "true");
        assertTrue(Files.isRegularFile(archive), archive::toString);
    }

    /**
     * Calls {@code args} (which print {@code out}), waits for the archive of {@code family} they make, and calls them
     * again: every class comes from that archive, none from the jar (which would open and index it). Returns the
     * class-loading log of the second call.
     */
    private String assertMapped(String family, String out, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Binary.PATH.toString()));
        command.addAll(List.of(args));
        Binary.Result r = Binary.exec(dir, env(Map.of()), null, command);
        assertEquals(out, r.out(), r::toString);
        assertEquals(0, r.exit(), r::toString);
        Path archive = awaitArchive(cache, "cookbook." + family + ".jsa");
        Path log = dir.resolve(family + ".log");
        r = Binary.exec(dir, env(Map.of("COOKBOOK_JAVA_OPTS", "-Xlog:class+load:file=" + log)), null, command);
        assertEquals(out, r.out(), r::toString);
        String classes = Files.readString(log);
        assertTrue(
                classes.contains("dev.cookbook.cli.Main source: shared objects file"),
                family + ": Main came from " + archive);
        assertFalse(classes.contains("source: file:"), family + ": a class came from the jar:\n" + classes);
        return classes;
    }

    @Test
    void aDamagedArchiveChangesNothing() throws IOException {
        assertChecksumPrints(Map.of());
        Path archive = awaitArchive(cache);
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        Files.write(archive, junk);
        assertChecksumPrints(Map.of());
        Files.write(archive, new byte[0]);
        assertChecksumPrints(Map.of());
    }

    /** The caller's collector replaces the one the archive was made for, rather than clash with it. */
    @Test
    void theCallersCollectorWins() throws IOException {
        assertChecksumPrints(Map.of());
        awaitArchive(cache);
        for (String gc : List.of("-XX:+UseSerialGC", "-XX:+UseParallelGC", "-XX:+UseG1GC")) {
            assertChecksumPrints(Map.of("COOKBOOK_JAVA_OPTS", gc));
        }
    }

    /** An archive holds the path of its jar: a copy of the same build elsewhere makes its own. */
    @Test
    void aCopyElsewhereMakesItsOwnArchive() throws IOException {
        assertChecksumPrints(Map.of());
        Path first = awaitArchive(cache);
        Path copy = Files.createDirectories(dir.resolve("other place")).resolve("cookbook");
        Files.copy(Binary.PATH, copy);
        Binary.Result r = Binary.exec(dir, env(Map.of()), null, List.of(copy.toString(), "checksum", "small.txt"));
        assertEquals(SMALL_SHA256 + "  small.txt\n", r.out(), r::toString);
        assertEquals("", r.err());
        assertEquals(0, r.exit());
        Path second = awaitArchive(cache, copy + ".checksum-plain.jsa");
        assertTrue(Files.isRegularFile(first), first::toString);
        assertFalse(first.equals(second), second::toString);
    }

    /**
     * An upgrade in place leaves the archives the old build made for the launcher's file, which no call can map
     * again: making the new one removes them, and leaves those of another launcher; so does one whose launcher is
     * gone (moved here).
     */
    @Test
    void makingAnArchiveRemovesThoseOtherBuildsMadeForTheSameLauncher() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("bin")).resolve("cookbook");
        Files.copy(Binary.PATH, copy);
        String oldBuild = cache.resolve("cookbook/0.0.1-000000000000") + "/PATH/java";
        Path old = Path.of(oldBuild + copy + ".checksum-plain.jsa");
        Path another = Path.of(oldBuild + dir.resolve("elsewhere/cookbook") + ".checksum-plain.jsa");
        for (Path p : List.of(old, another)) {
            Files.createDirectories(p.getParent());
            Files.writeString(p, "an archive of an old build");
        }
        Binary.Result r = Binary.exec(dir, env(Map.of()), null, List.of(copy.toString(), "checksum", "small.txt"));
        assertEquals(SMALL_SHA256 + "  small.txt\n", r.out(), r::toString);
        assertEquals("", r.err(), r::toString);
        assertEquals(0, r.exit(), r::toString);
        assertFalse(Files.exists(old), old::toString);
        assertTrue(Files.isRegularFile(another), another::toString);
        Path made = awaitArchive(cache, copy + ".checksum-plain.jsa");
        assertFalse(made.startsWith(cache.resolve("cookbook/0.0.1-000000000000")), made::toString);
        // the launcher it was made for, so that it goes once that is gone (ArchivePruneTest)
        List<String> runtime = Files.readAllLines(Path.of(made + ".runtime"));
        assertEquals(2, runtime.size(), runtime::toString);
        assertEquals(copy.toString(), runtime.get(1));

        Path moved = Files.createDirectories(dir.resolve("moved")).resolve("cookbook");
        Files.move(copy, moved);
        r = Binary.exec(dir, env(Map.of()), null, List.of(moved.toString(), "checksum", "small.txt"));
        assertEquals(SMALL_SHA256 + "  small.txt\n", r.out(), r::toString);
        assertFalse(Files.exists(made), "the archive of a launcher that is gone goes when another is made");
        awaitArchive(cache, moved + ".checksum-plain.jsa");
    }

    /**
     * The same build written again in the same place (a reinstall, a rebuild): Java 17 ignores an archive made
     * before, so it is made again, and later calls map it.
     */
    @Test
    void aLauncherWrittenAgainGetsItsArchiveMadeAgain() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("bin")).resolve("cookbook");
        Files.copy(Binary.PATH, copy);
        List<String> checksum = List.of(copy.toString(), "checksum", "small.txt");
        Binary.Result r = Binary.exec(dir, env(Map.of()), null, checksum);
        assertEquals(SMALL_SHA256 + "  small.txt\n", r.out(), r::toString);
        Path archive = awaitArchive(cache);
        String madeFor = Files.readString(archive.resolveSibling("cookbook.checksum-plain.jsa.runtime"));

        Files.copy(Binary.PATH, copy, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis() + 3_600_000));
        r = Binary.exec(dir, env(Map.of()), null, checksum);
        assertEquals(SMALL_SHA256 + "  small.txt\n", r.out(), r::toString);
        assertEquals("", r.err(), r::toString);
        assertEquals(archive, awaitArchive(cache));
        assertFalse(
                madeFor.equals(Files.readString(archive.resolveSibling("cookbook.checksum-plain.jsa.runtime"))),
                "made again for the file as it is now");

        Path log = dir.resolve("classes.log");
        r = Binary.exec(dir, env(Map.of("COOKBOOK_JAVA_OPTS", "-Xlog:class+load:file=" + log)), null, checksum);
        assertEquals(SMALL_SHA256 + "  small.txt\n", r.out(), r::toString);
        assertFalse(Files.readString(log).contains("source: file:"), "a class came from the jar");
    }

    /**
     * A remake that dies (its training killed) leaves the old archive marked as made for the launcher before, so
     * that a later call starts it again; marked as current, Java 17 would ignore it on every call for good. Nothing
     * of the remake is left, on Java 17 and on Java 25, whose training also writes an AOT configuration file.
     */
    @ParameterizedTest(name = "Java {0}")
    @ValueSource(ints = {17, 25})
    void aRemakeThatDiesIsStartedAgain(int feature) throws IOException {
        Map<String, String> java =
                Map.of("JAVA_HOME", feature >= 25 ? Tools.java25().toString() : System.getProperty("java.home"));
        Path copy = Files.createDirectories(dir.resolve("bin")).resolve("cookbook");
        Files.copy(Binary.PATH, copy);
        List<String> checksum = List.of(copy.toString(), "checksum", "small.txt");
        assertEquals(
                SMALL_SHA256 + "  small.txt\n",
                Binary.exec(dir, env(java), null, checksum).out());
        Path archive = awaitArchive(cache);
        Path runtime = archive.resolveSibling("cookbook.checksum-plain.jsa.runtime");
        String madeFor = Files.readString(runtime);

        boolean killed = false;
        for (int attempt = 1; attempt <= 3 && !killed; attempt++) { // the training may end before it is found
            Files.setLastModifiedTime(copy, FileTime.fromMillis(System.currentTimeMillis() + attempt * 3_600_000L));
            Binary.Result r = Binary.exec(dir, env(java), null, checksum);
            assertEquals(SMALL_SHA256 + "  small.txt\n", r.out(), r::toString);
            killed = killTraining(copy);
            awaitArchive(cache);
            if (killed) {
                assertEquals(
                        madeFor, Files.readString(runtime), "a remake that died marked the old archive as current");
                assertEquals(
                        archiveFiles("checksum-plain"), names(archive.getParent()), "nothing of the remake is left");
            }
        }
        assertTrue(killed, "no training run was found to kill");

        Binary.Result r = Binary.exec(dir, env(java), null, checksum);
        assertEquals(SMALL_SHA256 + "  small.txt\n", r.out(), r::toString);
        awaitArchive(cache);
        assertFalse(madeFor.equals(Files.readString(runtime)), "made again");
        Path log = dir.resolve("classes.log");
        r = Binary.exec(dir, env(with(java, "COOKBOOK_JAVA_OPTS", "-Xlog:class+load:file=" + log)), null, checksum);
        assertEquals(SMALL_SHA256 + "  small.txt\n", r.out(), r::toString);
        assertFalse(Files.readString(log).contains("source: file:"), "a class came from the jar");
    }

    /**
     * Kills the JVMs of the training run of {@code launcher} (not the shell that waits for them, which then tidies up),
     * looking for them for at most 10 s; whether it found one.
     */
    private static boolean killTraining(Path launcher) {
        for (int i = 0; i < 2000; i++) {
            List<ProcessHandle> jvms = ProcessHandle.allProcesses()
                    .filter(p -> p.info().command().orElse("").endsWith("/java"))
                    .filter(p -> p.info().commandLine().orElse("").contains(launcher.toString()))
                    .toList();
            if (!jvms.isEmpty()) {
                jvms.forEach(ProcessHandle::destroyForcibly);
                return true;
            }
            sleep(5);
        }
        return false;
    }

    @Test
    void aCacheFolderThatCannotBeWrittenChangesNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        cache = file;
        assertChecksumPrints(Map.of());
        assertEquals("x", Files.readString(file));

        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        cache = readOnly;
        try {
            assertChecksumPrints(Map.of());
            if (!"root".equals(System.getProperty("user.name"))) {
                assertEquals(List.of(), names(readOnly), "nothing was made in a read-only folder");
            }
        } finally {
            // Let JUnit delete whatever root made in it in the background (root ignores the mode).
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
            if (Files.isDirectory(readOnly.resolve("cookbook"))) {
                cache = readOnly;
                awaitArchive(readOnly);
            }
        }
    }

    @Test
    void concurrentFirstCallsAllSucceedAndMakeOneArchive() throws IOException {
        List<CompletableFuture<Binary.Result>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(CompletableFuture.supplyAsync(
                    () -> Binary.exec(dir, env(Map.of()), null, List.of(Binary.PATH.toString(), "quote", "a b", "c")),
                    Binary.THREAD_PER_TASK)); // all six at once, whatever the pool's size
        }
        for (CompletableFuture<Binary.Result> call : calls) {
            Binary.Result r = call.join();
            assertEquals("'a b' c\n", r.out(), r::toString);
            assertEquals("", r.err(), r::toString);
            assertEquals(0, r.exit(), r::toString);
        }
        Path archive = awaitArchive(cache);
        assertEquals(archiveFiles("quote-plain"), names(archive.getParent()));
    }

    @Test
    void theCallersOwnSharingOptionsWinAndOffMeansOff() throws IOException {
        for (Map<String, String> settings : List.of(
                Map.of("COOKBOOK_JAVA_OPTS", "-Xshare:off"),
                Map.of("COOKBOOK_JAVA_OPTS", "-Xshare:auto"),
                Map.of("COOKBOOK_JAVA_OPTS", "-Xmx64m -Xshare:auto"),
                Map.of("COOKBOOK_ARCHIVE", "off"))) {
            assertChecksumPrints(settings);
            assertFalse(Files.exists(cache), settings + " made no archive");
        }
    }

    /**
     * Java 25 takes its AOT cache; an explicit -XX:AOTCache of the caller's works, which it would not
     * if the launcher still passed -Xshare:auto (the JVM refuses the two together).
     */
    @Test
    void java25MakesAndMapsAnAotCacheAndTakesTheCallersOwn() throws IOException {
        Path home = Tools.java25();
        assertChecksumPrints(Map.of("JAVA_HOME", home.toString()));
        Path archive = awaitArchive(cache);
        assertTrue(archive.toString().contains(home.toString()), "kept per runtime: " + archive);
        assertTrue(Files.readString(archive.resolveSibling("cookbook.checksum-plain.jsa.runtime"))
                .startsWith(home + " 25"));
        // Java 25 maps its heap with any collector, and starts fastest with SerialGC
        assertEquals("-XX:+UseSerialGC\n", Files.readString(archive.resolveSibling("cookbook.checksum-plain.jsa.gc")));

        Path log = dir.resolve("classes.log");
        assertChecksumPrints(
                Map.of("JAVA_HOME", home.toString(), "COOKBOOK_JAVA_OPTS", "-Xlog:class+load:file=" + log));
        assertTrue(
                Files.readString(log).contains("dev.cookbook.cli.Main source: shared objects file"),
                "Main came from the cache");
        assertFalse(Files.readString(log).contains("source: file:"), "a class came from the jar");

        assertChecksumPrints(Map.of("JAVA_HOME", home.toString(), "COOKBOOK_JAVA_OPTS", "-XX:AOTCache=" + archive));

        // Java 17 and Java 25 each keep their own; neither is disturbed by the other.
        assertChecksumPrints(Map.of());
        Path java17 = awaitArchive(cache, System.getProperty("java.home") + "/bin/java/");
        assertFalse(java17.equals(archive), java17::toString);
        assertChecksumPrints(Map.of("JAVA_HOME", home.toString()));
        assertChecksumPrints(Map.of());
    }

    private void assertChecksumPrints(Map<String, String> extra) {
        Binary.Result r = Binary.exec(dir, env(extra), null, List.of(Binary.PATH.toString(), "checksum", "small.txt"));
        assertEquals(SMALL_SHA256 + "  small.txt\n", r.out(), extra + "\n" + r);
        assertEquals("", r.err(), extra + "\n" + r);
        assertEquals(0, r.exit(), extra + "\n" + r);
    }

    /** The files of {@code family}'s archive, and nothing else (no temporary file, class list or lock). */
    private static List<String> archiveFiles(String family) {
        String archive = "cookbook." + family + ".jsa";
        return List.of(archive, archive + ".gc", archive + ".runtime");
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(name, value);
        return more;
    }

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("XDG_CACHE_HOME", cache.toString());
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    private static Path awaitArchive(Path cache) {
        return awaitArchive(cache, null);
    }

    /**
     * The archive under {@code cache} once its training runs have finished (no lock left), waiting at
     * most two minutes; with {@code part} non-null, the one whose path has it (else the only one).
     */
    private static Path awaitArchive(Path cache, String part) {
        for (int i = 0; i < 1200; i++) {
            List<Path> files = files(cache);
            boolean locked = files.stream().anyMatch(p -> p.toString().endsWith(".lock"));
            List<Path> archives = files.stream()
                    .filter(p -> p.getFileName().toString().endsWith(".jsa"))
                    .filter(p -> part == null || p.toString().contains(part))
                    .toList();
            if (!locked && archives.size() == 1) {
                return archives.get(0);
            }
            sleep(100);
        }
        fail("no archive was made under " + cache + " within 120 s: " + files(cache));
        return null;
    }

    /**
     * The regular files under {@code root}. A training run renames and removes files while this walks (its
     * temporary collector and runtime files, its lock): one gone between listing and reading is skipped.
     */
    private static List<Path> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
