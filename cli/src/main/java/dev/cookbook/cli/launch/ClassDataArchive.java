package dev.cookbook.cli.launch;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The class-data archive the launcher maps at start-up: Java 17's AppCDS archive, or Java 25's AOT
 * cache (the launcher's {@code -XX:SharedArchiveFile} takes either). The launcher names the file, per
 * build and per runtime; when it is missing, the launcher passes {@value #CREATE} and this class makes
 * it after the command, in the background: one training run of cookbook ({@link Training}) with the
 * runtime's archiving option, written to a temporary file and renamed into place, under a lock so
 * that concurrent first calls start one training between them. Nothing here may change a command's
 * output or exit status: every failure only leaves the archive unmade.
 */
public final class ClassDataArchive {
    /** Set by the launcher: the archive it passed. */
    static final String USED = "cookbook.archive";
    /** Set by the launcher: the archive to make, since there is none yet. */
    static final String CREATE = "cookbook.archive.create";
    /** The environment variable that makes {@code Main} run {@link Training} instead of a command. */
    public static final String TRAINING = "COOKBOOK_TRAINING";
    /** A lock older than this belongs to a training run that died: it is taken over. */
    private static final Duration STALE_LOCK = Duration.ofMinutes(10);

    private ClassDataArchive() {}

    /**
     * After a command: makes the archive in the background if the launcher asked for it, or if the
     * one it passed was made by another runtime (a {@code java} on PATH that now is another
     * version), which that runtime ignores.
     */
    public static void afterRun() {
        String create = System.getProperty(CREATE);
        String used = System.getProperty(USED);
        try {
            if (create != null) {
                start(Paths.get(create));
            } else if (used != null && !madeFor(Paths.get(used))) {
                start(Paths.get(used));
            }
        } catch (IOException | RuntimeException e) {
            // A cache folder that cannot be written: the next call runs without the archive, as this one did.
        }
    }

    /** The runtime an archive is for: its home and exact build. */
    static String runtime() {
        return System.getProperty("java.home") + " " + System.getProperty("java.vm.version");
    }

    static Path runtimeFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".runtime");
    }

    /**
     * Prints {@link #dumpOptions} for the archive {@code args[0]}: the self-contained build (mvn
     * -Pdist) asks its bundled runtime this way, so that it makes its archive as the cache does.
     */
    public static void main(String[] args) {
        System.out.println(dumpOptions(Paths.get(args[0])));
    }

    /** Whether {@code archive} was made by this runtime, as the file beside it records. */
    static boolean madeFor(Path archive) {
        try {
            return runtime()
                    .equals(Files.readString(runtimeFile(archive), StandardCharsets.UTF_8)
                            .strip());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The JVM options that write an archive of the classes a run loads, for this runtime, as
     * JDK_JAVA_OPTIONS (the path quoted). Java 25 writes an AOT cache, without AOT class linking:
     * linking makes the JVM load every class of the cache at start-up, and the cache holds every
     * command's classes, which made {@code --version} 57 ms against 30 ms without it (the README's
     * start-up section). Older runtimes write a dynamic AppCDS archive.
     */
    public static String dumpOptions(Path file) {
        return Runtime.version().feature() >= 25
                ? "\"-XX:AOTCacheOutput=" + file + "\" -XX:-AOTClassLinking"
                : "\"-XX:ArchiveClassesAtExit=" + file + "\"";
    }

    private static void start(Path archive) throws IOException {
        String launcher = System.getProperty("java.class.path");
        if (launcher == null || launcher.contains(File.pathSeparator) || !Files.isRegularFile(Paths.get(launcher))) {
            return;
        }
        Files.createDirectories(archive.getParent());
        Path lock = archive.resolveSibling(archive.getFileName() + ".lock");
        if (!takeLock(lock)) {
            return;
        }
        Path temporary = archive.resolveSibling(
                archive.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.writeString(runtimeFile(archive), runtime() + "\n", StandardCharsets.UTF_8);
        // The training run goes through the launcher, so it has the very options later calls have
        // (an archive needs the same ones), but no archive of its own (COOKBOOK_ARCHIVE=off); the
        // archiving option goes in JDK_JAVA_OPTIONS, where a path may hold spaces. The shell renames
        // the result into place once the JVM has written it, and removes the lock whatever happened.
        // command -p: mv and rm from the system's own PATH, whatever the caller's is.
        String script = "\"$0\" >/dev/null 2>&1 </dev/null; "
                + "if [ -s \"$1\" ]; then command -p mv -f -- \"$1\" \"$2\"; fi; command -p rm -f -- \"$1\" \"$3\"";
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        "/bin/sh", "-c", script, launcher, temporary.toString(), archive.toString(), lock.toString()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put("JDK_JAVA_OPTIONS", dumpOptions(temporary));
        env.put("COOKBOOK_ARCHIVE", "off");
        env.put(TRAINING, "1");
        try {
            builder.start();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(lock);
            throw e;
        }
    }

    /** Creates {@code lock}, or takes over one left by a run that died; false when another run holds it. */
    private static boolean takeLock(Path lock) throws IOException {
        try {
            Files.createFile(lock);
            return true;
        } catch (FileAlreadyExistsException e) {
            FileTime made = Files.getLastModifiedTime(lock);
            if (made.toInstant().isAfter(Instant.now().minus(STALE_LOCK))) {
                return false;
            }
            Files.deleteIfExists(lock);
            try {
                Files.createFile(lock);
                return true;
            } catch (FileAlreadyExistsException another) {
                return false;
            }
        }
    }
}
