package dev.cookbook.crypto.digest;

import static dev.cookbook.crypto.digest.TestSupport.digest;
import static dev.cookbook.crypto.digest.TestSupport.pseudoRandomBytes;
import static dev.cookbook.crypto.digest.TestSupport.referenceHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link FileHasher} and {@link MappedReader}, through their public entry {@link ParallelDigester}. */
class FileHasherTest {
    private static final int BUFFER = FileHasher.BUFFER_SIZE;
    private static final int WINDOW = MappedReader.WINDOW_MB << 20;

    @TempDir
    Path dir;

    /** Sizes around the read buffer, a file that is mostly mapped, and files crossing the mapping's steps and windows. */
    static Stream<Arguments> sizes() {
        List<Arguments> out = new ArrayList<>();
        int minMapped = BUFFER + (int) MappedReader.MIN_SIZE;
        int[] sizes = {
            0,
            1,
            BUFFER - 1,
            BUFFER,
            BUFFER + 1,
            (5 << 20) + 123,
            minMapped - 1,
            minMapped,
            (9 << 20) + 5,
            WINDOW + BUFFER + 7
        };
        for (DigestAlgorithm algorithm : List.of(DigestAlgorithm.SHA256, DigestAlgorithm.BLAKE3)) {
            for (int size : sizes) {
                out.add(Arguments.of(algorithm, size));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1} bytes")
    @MethodSource("sizes")
    @DisplayName("a file hashes as MessageDigest hashes its bytes, with its exact size")
    void fileOfSize(DigestAlgorithm algorithm, int size) throws IOException {
        byte[] content = pseudoRandomBytes(size);
        Path file = dir.resolve("f");
        Files.write(file, content);

        try (ParallelDigester digester = new ParallelDigester(1)) {
            DigestResult result = digest(digester, Source.file("f", file), algorithm);

            assertNull(result.error());
            assertEquals(referenceHex(algorithm, content), result.hex());
            assertEquals(size, result.size());
            assertEquals(size, digester.bytesRead());
        }
    }

    @Test
    void aStreamSourceIsReadToItsEndAndLeftOpen() {
        byte[] content = pseudoRandomBytes(BUFFER * 2 + 3);
        ByteArrayInputStream in = new ByteArrayInputStream(content);

        DigestResult result = digest(Source.stream("-", in), DigestAlgorithm.SHA256);

        assertTrue(result.ok());
        assertEquals(referenceHex(DigestAlgorithm.SHA256, content), result.hex());
        assertEquals(content.length, result.size());
        assertEquals(0, in.available());
    }

    @Test
    void aDirectoryFailsWithIsADirectory() {
        DigestResult result = digest(Source.file("d", dir), DigestAlgorithm.SHA256);

        assertFalse(result.ok());
        assertEquals(FileSystemException.class, result.error().getClass());
        FileSystemException e = (FileSystemException) result.error();
        assertEquals("Is a directory", e.getReason());
        assertEquals(dir.toString(), e.getFile());
        assertNull(result.digest());
        assertEquals(-1, result.size());
    }

    @Test
    void aMissingFileFailsWithNoSuchFileException() {
        Path missing = dir.resolve("missing");
        DigestResult result = digest(Source.file("missing", missing), DigestAlgorithm.BLAKE3);

        assertEquals(NoSuchFileException.class, result.error().getClass());
        assertEquals(missing.toString(), ((NoSuchFileException) result.error()).getFile());
    }

    @Test
    void aPathThroughARegularFileFailsWithNotADirectory() throws IOException {
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        Path through = file.resolve("child");

        DigestResult result = digest(Source.file("plain/child", through), DigestAlgorithm.SHA256);

        assertEquals(FileSystemException.class, result.error().getClass());
        assertEquals("Not a directory", ((FileSystemException) result.error()).getReason());
        assertEquals(through.toString(), ((FileSystemException) result.error()).getFile());
    }

    @Test
    void anUnreadableFileFailsWithAccessDeniedException() throws IOException {
        Path file = dir.resolve("secret");
        Files.writeString(file, "secret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(isReadable(file), "this user can read a file with mode 000 (root?)");

        DigestResult result = digest(Source.file("secret", file), DigestAlgorithm.SHA256);

        assertEquals(AccessDeniedException.class, result.error().getClass());
        assertEquals(file.toString(), ((AccessDeniedException) result.error()).getFile());
    }

    @Test
    void aFailedSourceYieldsItsFailure() {
        IOException failure = new NoSuchFileException("gone");
        DigestResult result = digest(Source.failed("gone", failure), DigestAlgorithm.MD5);
        assertSame(failure, result.error());
    }

    @Test
    @DisplayName("after a failure in the middle of a stream, the next input on the same thread starts clean")
    void aFailedReadDoesNotLeakIntoTheNextDigest() throws IOException {
        byte[] content = pseudoRandomBytes(1000);
        Path file = dir.resolve("f");
        Files.write(file, content);
        IOException failure = new IOException("cable pulled");
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(pseudoRandomBytes(10))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw failure;
                }
                return n;
            }
        };
        List<DigestResult> results = new ArrayList<>();
        try (ParallelDigester digester = new ParallelDigester(1)) {
            digester.run(
                    List.of(
                                    new TestSupport.Job(Source.stream("-", failing), DigestAlgorithm.BLAKE3),
                                    new TestSupport.Job(Source.file("f", file), DigestAlgorithm.BLAKE3))
                            .iterator(),
                    (job, result) -> results.add(result));
        }

        assertSame(failure, results.get(0).error());
        assertEquals(
                referenceHex(DigestAlgorithm.BLAKE3, content), results.get(1).hex());
    }

    private static boolean isReadable(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            in.read();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
