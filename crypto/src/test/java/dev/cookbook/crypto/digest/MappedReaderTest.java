package dev.cookbook.crypto.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MappedReader} on its own: windows mapped and unmapped one at a time (through an Arena on
 * Java 22 and later, Unsafe before: run the suite on both), and a file that shrinks under a mapping.
 */
class MappedReaderTest {
    private static final int WINDOW = MappedReader.WINDOW_MB << 20;

    @TempDir
    Path dir;

    @Test
    void hashesEveryWindowAndLeavesThePositionAtTheEnd() throws Exception {
        byte[] data = new byte[2 * WINDOW + 12345];
        new Random(7).nextBytes(data);
        Path file = Files.write(dir.resolve("three windows"), data);
        Hasher hasher = DigestAlgorithm.SHA256.newHasher();
        LongAdder progress = new LongAdder();
        try (FileChannel channel = FileChannel.open(file)) {
            channel.position(100);
            hasher.update(data, 0, 100);
            assertEquals(data.length - 100, MappedReader.drain(channel, hasher, progress, () -> false));
            assertEquals(data.length, channel.position());
            // every window was unmapped once hashed, not left for the garbage collector
            assertEquals(List.of(), mappingsOf(file));
        }
        assertEquals(data.length - 100, progress.sum());
        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)),
                HexFormat.of().formatHex(hasher.digest()));
    }

    /** The lines of /proc/self/maps that map {@code file} (Linux). */
    private static List<String> mappingsOf(Path file) throws IOException {
        String path = file.toRealPath().toString();
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(line -> line.endsWith(" " + path))
                .toList();
    }

    /**
     * The fault comes at once from interpreted code, and late from compiled code, at the thread's next
     * call into the JVM, which may be the unmapping. The cut comes after the first 8 MiB step, by
     * which the copy into the digest has been compiled, and is made several times.
     */
    @Test
    void aFileThatShrinksUnderItsMappingFailsWithOneClearReason() throws IOException {
        for (int round = 0; round < 8; round++) {
            Path file = Files.write(dir.resolve("shrinks"), new byte[24 << 20]);
            try (FileChannel channel = FileChannel.open(file);
                    FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE)) {
                int[] steps = {0};
                // asked before each 8 MiB step: after the first, the file is cut to 1 MiB, so the
                // next step reads pages of the mapping that no longer have a file behind them
                BooleanSupplier stop = () -> {
                    if (++steps[0] == 2) {
                        try {
                            writer.truncate(1 << 20);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    return false;
                };
                IOException e = assertThrows(
                        IOException.class,
                        () -> MappedReader.drain(channel, DigestAlgorithm.SHA256.newHasher(), new LongAdder(), stop),
                        "round " + round);
                assertEquals("file shrank while it was being read", e.getMessage());
            }
        }
    }
}
