package dev.cookbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executable file itself: where it can run, what it needs, how it ends. */
public class LauncherIT {
    /** SHA-256 of 4 GiB and of 1 GiB of zero bytes. */
    public static final String ZEROS_4G = "8479e43911dc45e89f934fe48d01297e16f51d17aa561d4d1c216b1ae0fcddca";

    static final String ZEROS_1G = "49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14";

    @TempDir
    Path dir;

    @Test
    void runsWhenCopiedAnywhereAndThroughASymlink() throws IOException {
        Path copy = dir.resolve("some where/cookbook");
        Files.createDirectories(copy.getParent());
        Files.copy(Binary.PATH, copy);
        Path link = Files.createSymbolicLink(dir.resolve("cb"), copy);
        for (Path exe : List.of(copy, link)) {
            Binary.Result r = Binary.exec(dir, Map.of(), null, List.of(exe.toString(), "--version"));
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().startsWith("cookbook "), r::toString);
        }
    }

    @Test
    void usesJavaHomeAndExplainsAMissingJava() {
        String javaHome = System.getProperty("java.home");
        Binary.Result viaHome = Binary.exec(
                dir,
                Map.of("JAVA_HOME", javaHome, "PATH", "/usr/bin:/bin"),
                null,
                List.of(Binary.PATH.toString(), "--version"));
        assertEquals(0, viaHome.exit(), viaHome::toString);
        assertTrue(viaHome.out().contains("Java " + System.getProperty("java.version")), viaHome::toString);

        Binary.Result none = Binary.exec(
                dir,
                Map.of("JAVA_HOME", "", "PATH", dir.toString()),
                null,
                List.of("/bin/sh", Binary.PATH.toString(), "--version"));
        assertEquals(127, none.exit(), none::toString);
        assertEquals("cookbook: no Java runtime found: install Java 17 or later, or set JAVA_HOME\n", none.err());
    }

    @Test
    void aClosedPipeEndsQuietly() throws IOException {
        Path tree = Files.createDirectory(dir.resolve("tree"));
        for (int i = 0; i < 3000; i++) {
            Files.writeString(tree.resolve("f" + i), "x");
        }
        Tools.require("bash");
        Binary.Result r = Binary.exec(
                dir,
                Map.of(),
                null,
                List.of(
                        "bash",
                        "-c",
                        "'" + Binary.PATH + "' checksum -r tree | head -1 >/dev/null; echo \"${PIPESTATUS[0]}\""));
        assertEquals("141\n", r.out(), r::toString);
        assertEquals("", r.err());
    }

    /** Memory does not grow with the input: 4 GiB through a 64 MiB heap, mapped, and 1 GiB through a pipe. */
    @Test
    void hashesFourGibibytesInA64MiBHeap() throws IOException {
        Path sparse = dir.resolve("zeros-4g");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(4L << 30); // sparse: no disk space, still 4 GiB to read
        }
        Map<String, String> small = Map.of("COOKBOOK_JAVA_OPTS", "-Xmx64m");
        Binary.Result mapped = Binary.exec(dir, small, null, List.of(Binary.PATH.toString(), "checksum", "zeros-4g"));
        assertEquals(ZEROS_4G + "  zeros-4g\n", mapped.out(), mapped::toString);
        assertEquals(0, mapped.exit());

        Binary.Result piped = Binary.exec(
                dir,
                small,
                null,
                List.of("/bin/sh", "-c", "head -c 1073741824 zeros-4g | '" + Binary.PATH + "' checksum --json"));
        assertEquals(
                "{\"path\":\"-\",\"algorithm\":\"sha256\",\"digest\":\"" + ZEROS_1G + "\",\"size\":1073741824}\n",
                piped.out(),
                piped::toString);
        assertEquals(0, piped.exit());
    }
}
