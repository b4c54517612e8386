package dev.cookbook.crypto.digest;

import static dev.cookbook.crypto.ExternalTools.onPath;
import static dev.cookbook.crypto.digest.TestSupport.digest;
import static dev.cookbook.crypto.digest.TestSupport.drain;
import static dev.cookbook.crypto.digest.TestSupport.referenceHex;
import static dev.cookbook.crypto.digest.TestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.crypto.ExternalTools;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileTreeTest {
    /** More sources than any tree here yields: a walk that goes on past it is a loop. */
    private static final int MAX_SOURCES = 100;

    private static final InputStream STDIN = new ByteArrayInputStream(utf8("standard input"));

    @TempDir
    Path tmp;

    private static List<Source> sources(List<String> operands, boolean recursive, boolean followLinks) {
        // as the command line resolves them: "-" is standard input
        List<Source> resolved = operands.stream()
                .map(n -> n.equals("-") ? Source.stream(n, STDIN) : Source.named(n))
                .toList();
        return drain(FileTree.sources(resolved, recursive, followLinks), MAX_SOURCES);
    }

    private static List<String> walk(Path root, boolean followLinks) {
        return names(sources(List.of(root.toString()), true, followLinks));
    }

    private static List<String> names(List<Source> sources) {
        return sources.stream().map(Source::name).toList();
    }

    /** {@code root}'s name followed by each of {@code relative}, as the walk should report them. */
    private static List<String> under(Path root, String... relative) {
        return Arrays.stream(relative).map(r -> root + "/" + r).toList();
    }

    /** Creates each file (and its parent directories), with its own relative name as content. */
    private static Path tree(Path root, String... files) throws IOException {
        Files.createDirectories(root);
        for (String f : files) {
            Path file = root.resolve(f);
            Files.createDirectories(file.getParent());
            Files.writeString(file, f);
        }
        return root;
    }

    @Test
    @DisplayName("without recursion each operand is one source, a directory included, and '-' is standard input")
    void nonRecursive() throws IOException {
        Path root = tree(tmp.resolve("t"), "a.txt");
        String file = root.resolve("a.txt").toString();

        List<Source> sources = sources(List.of(file, root.toString(), "-", file), false, false);

        assertEquals(List.of(file, root.toString(), "-", file), names(sources));
        assertEquals(Path.of(file), sources.get(0).path());
        assertSame(STDIN, sources.get(2).stream());
        assertNull(sources.get(2).path());
        assertEquals(
                "Is a directory",
                hashingFails(sources.get(1), FileSystemException.class).getReason());
    }

    @Test
    void dashIsStandardInputWithRecursionToo() {
        List<Source> sources = sources(List.of("-"), true, false);
        assertEquals(List.of("-"), names(sources));
        assertSame(STDIN, sources.get(0).stream());
    }

    @Test
    void aMissingOperandIsASourceThatFailsWhenHashed() {
        String missing = tmp.resolve("missing").toString();
        List<Source> sources = sources(List.of(missing), true, false);
        assertEquals(List.of(missing), names(sources));
        hashingFails(sources.get(0), NoSuchFileException.class);
    }

    @Test
    @DisplayName("recursion is depth first, each directory in byte order, regular files only")
    void recursiveWalkOrder() throws IOException {
        Path root = tree(tmp.resolve("t"), "z", "B", "a b", "a/z", "a/Z", "a/sub/deep", "a/sub/Deeper", "_");
        Files.createDirectories(root.resolve("empty"));

        assertEquals(under(root, "B", "_", "a/Z", "a/sub/Deeper", "a/sub/deep", "a/z", "a b", "z"), walk(root, false));
    }

    @ParameterizedTest(name = "operand \"t{0}\"")
    @ValueSource(strings = {"", "/", "/./", "//"})
    @DisplayName("names are joined onto the operand exactly as typed, with one slash unless it ends with one")
    void namesKeepTheOperandAsTyped(String suffix) throws IOException {
        Path root = tree(tmp.resolve("t"), "x", "d/y");
        String operand = root + suffix;
        String prefix = suffix.endsWith("/") ? operand : operand + "/";

        List<Source> sources = sources(List.of(operand), true, false);

        assertEquals(List.of(prefix + "d/y", prefix + "x"), names(sources));
        assertEquals(root.resolve("d/y"), sources.get(0).path().normalize());
    }

    @Test
    @DisplayName("names beyond ASCII, including one above U+FFFF, are walked in UTF-8 byte order")
    void unicodeNamesInByteOrder() throws IOException {
        Assumptions.assumeTrue(
                "UTF-8".equals(System.getProperty("sun.jnu.encoding")),
                "file names are not UTF-8 in this JVM (sun.jnu.encoding); run with a UTF-8 locale");
        // U+FF5A sorts before U+1F600 in code point and UTF-8 order, after it in UTF-16 (String) order.
        String emoji = "\uD83D\uDE00";
        String fullwidthZ = "\uFF5A";
        Path root = tree(tmp.resolve("t"), emoji, "z", "é", "B", fullwidthZ, "a b", "a");

        assertEquals(under(root, "B", "a", "a b", "z", "é", fullwidthZ, emoji), walk(root, false));
    }

    @Test
    @DisplayName("BYTE_ORDER compares as UTF-8 bytes do, unlike String.compareTo beyond U+FFFF")
    void byteOrderComparator() {
        List<String> expected = List.of("", "B", "a", "a b", "z", "é", "\uFF5A", "\uD83D\uDE00", "\uD83D\uDE00!");
        List<String> names = new ArrayList<>(expected);
        Collections.reverse(names);

        names.sort(FileTree.BYTE_ORDER);

        assertEquals(expected, names);
        names.sort((x, y) -> Arrays.compareUnsigned(utf8(x), utf8(y)));
        assertEquals(expected, names);
        assertTrue("\uFF5A".compareTo("\uD83D\uDE00") > 0, "String order differs here");
        assertEquals(0, FileTree.BYTE_ORDER.compare("a\uD83D\uDE00", "a\uD83D\uDE00"));
    }

    @Test
    @DisplayName("symbolic links inside a tree are skipped unless links are followed")
    void linksInsideTheTree() throws IOException {
        Path root = tree(tmp.resolve("t"), "f", "d/g");
        Files.createSymbolicLink(root.resolve("lf"), Path.of("f"));
        Files.createSymbolicLink(root.resolve("ld"), Path.of("d"));

        assertEquals(under(root, "d/g", "f"), walk(root, false));
        assertEquals(under(root, "d/g", "f", "ld/g", "lf"), walk(root, true));
    }

    @Test
    void aFollowedDanglingLinkIsAFailedSource() throws IOException {
        Path root = tree(tmp.resolve("t"), "f");
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));

        List<Source> sources = sources(List.of(root.toString()), true, true);

        assertEquals(under(root, "dangling", "f"), names(sources));
        hashingFails(sources.get(0), NoSuchFileException.class);
    }

    @Test
    @DisplayName("a symbolic link given as an operand is followed, into a directory with recursion")
    void linkOperandsAreFollowed() throws IOException {
        Path root = tree(tmp.resolve("t"), "f", "d/g");
        Path dirLink = Files.createSymbolicLink(tmp.resolve("link-to-t"), root);
        Path fileLink = Files.createSymbolicLink(tmp.resolve("link-to-f"), root.resolve("f"));

        assertEquals(under(dirLink, "d/g", "f"), walk(dirLink, false));
        List<Source> file = sources(List.of(fileLink.toString()), true, false);
        assertEquals(List.of(fileLink.toString()), names(file));
        assertEquals(
                referenceHex(DigestAlgorithm.SHA256, utf8("f")),
                digest(file.get(0), DigestAlgorithm.SHA256).hex());
    }

    @Test
    @DisplayName("with links followed, a link back to an ancestor is reported as a loop and the walk ends")
    void linkLoops() throws IOException {
        Path root = tree(tmp.resolve("t"), "f", "sub/g");
        Files.createSymbolicLink(root.resolve("sub/up"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("sub/self"), Path.of("."));

        List<Source> sources = sources(List.of(root.toString()), true, true);

        assertEquals(under(root, "f", "sub/g", "sub/self", "sub/up"), names(sources));
        for (Source loop : sources.subList(2, 4)) {
            assertEquals(
                    loop.name(),
                    hashingFails(loop, FileSystemLoopException.class).getFile());
        }
    }

    @Test
    @DisplayName("a FIFO inside a tree is skipped rather than read")
    void fifosAreSkipped() throws IOException, InterruptedException {
        Path root = tree(tmp.resolve("t"), "f", "z");
        Path fifo = root.resolve("p");
        Assumptions.assumeTrue(onPath("mkfifo").isPresent(), "mkfifo is not on the PATH");
        ExternalTools.run(root, List.of("mkfifo", fifo.toString()));
        Assumptions.assumeTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "mkfifo made no FIFO");

        assertEquals(under(root, "f", "z"), walk(root, false));
        assertEquals(under(root, "f", "z"), walk(root, true));
    }

    /** Hashes {@code source}, which must fail with exactly {@code type}, and returns the failure. */
    private static <E extends IOException> E hashingFails(Source source, Class<E> type) {
        IOException error = digest(source, DigestAlgorithm.SHA256).error();
        assertEquals(type, error == null ? null : error.getClass(), () -> "hashing " + source);
        return type.cast(error);
    }
}
