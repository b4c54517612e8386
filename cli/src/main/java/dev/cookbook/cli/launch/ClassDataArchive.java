package dev.cookbook.cli.launch;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

/**
 * The class-data archive the launcher maps at start-up: Java 17's AppCDS archive, or Java 25's AOT
 * cache (the launcher's {@code -XX:SharedArchiveFile} takes either). The launcher names the file, per
 * build, runtime and command family; when it is missing, the launcher passes {@value #CREATE} and
 * this class makes it after the command, in the background: one training run of that family's
 * calls ({@link Training}), archived the runtime's best way, written to a temporary file and renamed
 * into place, under a lock so that concurrent first calls start one training between them. Nothing
 * here may change a command's output or exit status: every failure only leaves the archive unmade.
 *
 * <p>The best way, measured (the README's start-up section): Java 25 writes an AOT cache of the run,
 * its classes linked ahead of time, and starts fastest with SerialGC. Java 17's dynamic archive
 * (made at the end of a run) cannot hold the Java heap, so the JVM would still build its module
 * graph and regenerate method-handle classes at every start; a static archive made from the run's
 * class list holds them, and is mapped with G1, the only collector Java 17 maps a heap with: ~15 ms
 * less a call. The collector goes in a file beside the archive, which the launcher reads.
 */
public final class ClassDataArchive {
    /** Set by the launcher: the archive it passed. */
    static final String USED = "cookbook.archive";
    /** Set by the launcher: the archive to make, since there is none yet. */
    static final String CREATE = "cookbook.archive.create";
    /** Set by the launcher: the folder of this build's archives, {@code $XDG_CACHE_HOME/cookbook/BUILD}. */
    static final String BUILD = "cookbook.archive.build";
    /** Set by the launcher: the command family the archive is for ({@link Training#ALL} for any). */
    static final String FAMILY = "cookbook.family";
    /** The environment variable that makes {@code Main} run {@link Training} instead of a command. */
    public static final String TRAINING = "COOKBOOK_TRAINING";
    /** The ending of the file beside an archive that says what it was made for ({@link #runtime}). */
    private static final String RUNTIME = ".runtime";
    /** A lock older than this belongs to a training run that died: it is taken over. */
    private static final long STALE_LOCK_MILLIS = 10 * 60 * 1000;

    private ClassDataArchive() {}

    /**
     * After a command: makes the archive in the background if the launcher asked for it, or if the
     * one it passed was made by another runtime (a {@code java} on PATH that now is another
     * version) or before the launcher's file was written again, which the runtime ignores.
     */
    public static void afterRun() {
        String create = System.getProperty(CREATE);
        String used = System.getProperty(USED);
        String family = System.getProperty(FAMILY, Training.ALL);
        try {
            if (create != null) {
                start(Paths.get(create), family);
            } else if (used != null && !madeFor(used)) {
                start(Paths.get(used), family);
            }
        } catch (IOException | RuntimeException e) {
            // A cache folder that cannot be written: the next call runs without the archive, as this one did.
        }
    }

    /**
     * What an archive is made for: the runtime (its home and exact build), and the launcher's file as
     * it is now, its size and time of last change. The archive's name carries the build, but a
     * reinstall or rebuild of the same build writes the file again, and Java 17 then ignores an
     * archive made before, silently: every call would run without it until the build changes.
     */
    static String runtime() {
        return System.getProperty("java.home") + " " + System.getProperty("java.vm.version") + launcherStamp();
    }

    /**
     * java.io rather than java.nio.file, here and in {@link #madeFor}: every call ends with this
     * check, and NIO's files, channels and attribute views would be initialized for it alone.
     */
    private static String launcherStamp() {
        File launcher = new File(String.valueOf(System.getProperty("java.class.path")));
        if (!launcher.isFile()) {
            return ""; // several jars (tests, an IDE): no launcher of its own
        }
        return " " + launcher.length() + " " + launcher.lastModified();
    }

    static Path runtimeFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + RUNTIME);
    }

    /** The file the launcher reads the archive's collector from. */
    static Path collectorFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".gc");
    }

    /** Whether this runtime makes an AOT cache (Java 25) rather than an AppCDS archive. */
    private static boolean aotCache() {
        return Runtime.version().feature() >= 25;
    }

    /**
     * Prints {@link #dumpOptions} for the archive {@code args[0]}, of every family: the
     * self-contained build (mvn -Pdist) asks its bundled runtime this way, so that it makes its one
     * archive, for every command, as the cache makes one.
     */
    public static void main(String[] args) {
        System.out.println(dumpOptions(Paths.get(args[0]), Training.ALL));
    }

    /**
     * Whether {@code archive} was made by this runtime, as the file beside it records on its first line
     * ({@link #runtime}; the second names the launcher it was made for, see {@link #prune}).
     */
    static boolean madeFor(String archive) {
        try (InputStream in = new FileInputStream(archive + RUNTIME)) {
            String made = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = made.indexOf('\n');
            return runtime().equals(end < 0 ? made : made.substring(0, end));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The JVM options, as JDK_JAVA_OPTIONS (the path quoted), for a training run of {@code family}
     * whose classes go into {@code file}: on Java 25 an AOT cache, its classes linked ahead of time
     * (quote 81 ms against 107 ms, checksum 120 against 159), but for the archive of every family and
     * that of {@code --version}: linking loads every class of the cache at start-up, and a plain
     * {@code --version} needs few of them (37 ms without, 48 ms with). On older runtimes a dynamic
     * AppCDS archive, which only the self-contained build makes (the cache makes a static one, see
     * {@link #start}).
     */
    public static String dumpOptions(Path file, String family) {
        if (aotCache()) {
            boolean linked = !family.equals(Training.ALL) && !family.equals(Training.VERSION);
            return "\"-XX:AOTCacheOutput=" + file + "\"" + (linked ? "" : " -XX:-AOTClassLinking");
        }
        return "\"-XX:ArchiveClassesAtExit=" + file + "\"";
    }

    private static void start(Path archive, String family) throws IOException {
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
        try {
            train(archive, family, launcher, temporary, lock);
        } catch (IOException | RuntimeException e) {
            for (Path made : List.of(runtimeFile(temporary), collectorFile(temporary), lock)) {
                Files.deleteIfExists(made);
            }
            throw e;
        }
        String build = System.getProperty(BUILD);
        if (build != null && archive.startsWith(build)) {
            prune(Paths.get(build), launcher);
        }
    }

    /**
     * Removes the archives no call can map again, which the cache would otherwise keep for good, each
     * 10-50 MB: those other builds made for {@code launcher}, the file this build runs from (it is this
     * build now: an upgrade in place left one per family used), and those of any build whose launcher
     * is gone (a self-contained build's folder deleted after an upgrade to the next one's), as the
     * file beside each archive names it; and what a training that died left (see
     * {@link Pruner#isLeftover}). Locks and a training's temporary files stay while it may be under
     * way (it removes its own), as do archives whose file names no launcher (made before it did).
     * Called once per archive made, while its training runs.
     */
    static void prune(Path build, String launcher) throws IOException {
        Path root = build.getParent();
        if (root == null || !Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> builds = Files.newDirectoryStream(root)) {
            for (Path folder : builds) {
                if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    Files.walkFileTree(folder, new Pruner(folder, folder.equals(build) ? null : launcher));
                }
            }
        }
    }

    /** Deletes, under one build's folder, the archives no call can map again, and another build's folders left empty. */
    private static final class Pruner extends SimpleFileVisitor<Path> {
        private static final List<String> ENDINGS = List.of(".jsa", ".jsa.gc", ".jsa.runtime");

        private final Path build;
        /** The launcher's path and a dot, when this folder is another build's; else null. */
        private final String launcher;

        Pruner(Path build, String launcher) {
            this.build = build;
            this.launcher = launcher == null ? null : launcher + ".";
        }

        /** One file that cannot be read or removed (another user's, say) leaves the others to be pruned. */
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            try {
                if (attrs.isRegularFile()) {
                    if (launcher != null && isArchive("/" + build.relativize(file))) {
                        Files.deleteIfExists(file);
                    } else if (isLeftover(file, attrs)) {
                        Files.deleteIfExists(file);
                    } else if (file.getFileName().toString().endsWith(".jsa" + RUNTIME) && launcherGone(file)) {
                        String archive =
                                file.toString().substring(0, file.toString().length() - RUNTIME.length());
                        Files.deleteIfExists(Paths.get(archive));
                        Files.deleteIfExists(collectorFile(Paths.get(archive)));
                        Files.deleteIfExists(file);
                    }
                }
            } catch (IOException e) {
                // left as it is
            }
            return FileVisitResult.CONTINUE;
        }

        /** A file gone meanwhile (removed here with its archive, or by a training) or unreadable: skipped. */
        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
        }

        /**
         * Whether {@code file} is what a training that died left: its stale lock, or a temporary file
         * of its archive's ({@code ARCHIVE.tmpPID}, and its {@code .classlist}, {@code .config},
         * {@code .gc} and {@code .runtime}; Java 25's configuration file alone is ~16 MB) older than a
         * stale lock, while the archive has no lock younger than that. A training under way holds its
         * lock from before it writes its first temporary file until after it removes its last.
         */
        private static boolean isLeftover(Path file, BasicFileAttributes attrs) throws IOException {
            String name = file.getFileName().toString();
            long stale = System.currentTimeMillis() - STALE_LOCK_MILLIS;
            if (attrs.lastModifiedTime().toMillis() > stale) {
                return false;
            }
            if (name.endsWith(".jsa.lock")) {
                return true; // a stale lock, which the next training would take over
            }
            int tmp = name.lastIndexOf(".jsa.tmp");
            if (tmp < 0 || !isPidAndEnding(name.substring(tmp + ".jsa.tmp".length()))) {
                return false;
            }
            Path lock = file.resolveSibling(name.substring(0, tmp) + ".jsa.lock");
            try {
                return Files.getLastModifiedTime(lock, LinkOption.NOFOLLOW_LINKS)
                                .toMillis()
                        <= stale;
            } catch (NoSuchFileException e) {
                return true;
            }
        }

        /** Whether {@code rest} is a process id, alone or followed by one of a training's endings. */
        private static boolean isPidAndEnding(String rest) {
            int digits = 0;
            while (digits < rest.length() && rest.charAt(digits) >= '0' && rest.charAt(digits) <= '9') {
                digits++;
            }
            String ending = rest.substring(digits);
            return digits > 0
                    && List.of("", ".classlist", ".config", ".gc", RUNTIME).contains(ending);
        }

        /** Whether the runtime file {@code file} names, on its second line, a launcher that is gone. */
        private static boolean launcherGone(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.size() > 1 && lines.get(1).startsWith("/") && !Files.exists(Paths.get(lines.get(1)));
        }

        /**
         * Whether {@code path} (under the build's folder) is the launcher's: the runtime's part, then
         * the launcher's path, a family and an ending. The runtime's part is {@code /PATH/java} or a
         * java's path, which ends in {@code /bin/java}: a launcher whose path merely ends as this
         * one's does not match.
         */
        private boolean isArchive(String path) {
            int at = path.lastIndexOf(launcher);
            if (at < 0) {
                return false;
            }
            String runtime = path.substring(0, at);
            if (!runtime.equals("/PATH/java") && !runtime.endsWith("/bin/java")) {
                return false;
            }
            String rest = path.substring(at + launcher.length());
            for (String ending : ENDINGS) {
                if (rest.endsWith(ending) && isFamily(rest.substring(0, rest.length() - ending.length()))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Removes a folder of another build's left empty. Not in this build's: another call may have
         * just made one for the archive it is about to make.
         */
        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (launcher != null) {
                try {
                    Files.delete(dir);
                } catch (IOException notEmpty) {
                    // still holds what is not ours to remove
                }
            }
            return FileVisitResult.CONTINUE;
        }

        private static boolean isFamily(String name) {
            if (name.isEmpty()) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c == '-')) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Starts the training run that makes {@code archive} (see {@link #start}), holding {@code lock}. */
    private static void train(Path archive, String family, String launcher, Path temporary, Path lock)
            throws IOException {
        // What the archive is for, and its collector, go beside it only with it: a training that
        // dies must leave an old archive marked as old, or no later call would make it again.
        Files.writeString(runtimeFile(temporary), runtime() + "\n" + launcher + "\n", StandardCharsets.UTF_8);
        Files.writeString(
                collectorFile(temporary),
                (aotCache() ? "-XX:+UseSerialGC" : "-XX:+UseG1GC") + "\n",
                StandardCharsets.UTF_8);
        // The training run goes through the launcher, given the family's command as its first
        // argument, so it has the very options later calls of the family have (an archive needs
        // the same ones), but no archive of its own (COOKBOOK_ARCHIVE=off); the archiving option
        // goes in JDK_JAVA_OPTIONS, where a path may hold spaces. Before Java 25 the run writes its
        // class list, from which the JVM then dumps a static archive ($5: its java; without the
        // training's JDK_JAVA_OPTIONS, or it would write its own class list over that one). The shell
        // renames the result into place once the JVM has written it, its collector and runtime files
        // first (so that a call never finds the archive without them), and removes the lock, the
        // class list (Java 25: the AOT configuration, $1.config, which a killed training leaves) and
        // whatever is left whatever happened. command -p: mv and rm from the system's own PATH.
        String classList = temporary + ".classlist";
        String train = aotCache()
                ? "\"$0\" \"$4\" >/dev/null 2>&1 </dev/null; "
                : "\"$0\" \"$4\" >/dev/null 2>&1 </dev/null && JDK_JAVA_OPTIONS= \"$5\" -Xshare:dump -XX:+UseG1GC"
                        + " \"-XX:SharedClassListFile=$1.classlist\" \"-XX:SharedArchiveFile=$1\" -cp \"$0\""
                        + " >/dev/null 2>&1 </dev/null; ";
        String script = train
                + "if [ -s \"$1\" ]; then command -p mv -f -- \"$1.gc\" \"$2.gc\""
                + " && command -p mv -f -- \"$1.runtime\" \"$2.runtime\""
                + " && command -p mv -f -- \"$1\" \"$2\"; fi; "
                + "command -p rm -f -- \"$1\" \"$1.classlist\" \"$1.config\" \"$1.gc\" \"$1.runtime\" \"$3\"";
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        "/bin/sh",
                        "-c",
                        script,
                        launcher,
                        temporary.toString(),
                        archive.toString(),
                        lock.toString(),
                        Training.firstArgument(family),
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.put(
                "JDK_JAVA_OPTIONS",
                aotCache() ? dumpOptions(temporary, family) : "\"-XX:DumpLoadedClassList=" + classList + "\"");
        env.put("COOKBOOK_ARCHIVE", "off");
        env.put(TRAINING, family);
        builder.start();
    }

    /** Creates {@code lock}, or takes over one left by a run that died; false when another run holds it. */
    private static boolean takeLock(Path lock) throws IOException {
        try {
            Files.createFile(lock);
            return true;
        } catch (FileAlreadyExistsException e) {
            FileTime made = Files.getLastModifiedTime(lock);
            if (made.toMillis() > System.currentTimeMillis() - STALE_LOCK_MILLIS) {
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
