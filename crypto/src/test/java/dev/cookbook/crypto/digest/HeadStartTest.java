package dev.cookbook.crypto.digest;

import static dev.cookbook.crypto.ExternalTools.requireTool;
import static dev.cookbook.crypto.digest.TestSupport.pseudoRandomBytes;
import static dev.cookbook.crypto.digest.TestSupport.referenceHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.crypto.digest.TestSupport.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeadStartTest {
    private static final int SIZE = (int) HeadStart.MIN_SIZE + 12345;

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    /** The digests a run over {@code jobs} hands back, with {@code offer} offered first. */
    private static List<String> run(int threads, HeadStart offer, List<Job> jobs) {
        List<String> hexes = new ArrayList<>();
        try (ParallelDigester digester = new ParallelDigester(threads)) {
            digester.offer(offer);
            digester.run(jobs.iterator(), (job, result) -> hexes.add(result.ok() ? result.hex() : "error"));
        }
        return hexes;
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2})
    void theFirstJobTakesTheHeadStartsResultInsteadOfReadingAgain(int threads) throws IOException {
        byte[] original = pseudoRandomBytes(SIZE);
        Path big = write("big file", original);
        Path other = write("other", new byte[] {1, 2, 3});
        HeadStart early = HeadStart.begin(big.toString(), DigestAlgorithm.SHA256);
        DigestResult done = early.await();
        assertNotNull(done);
        assertEquals(SIZE, done.size());
        assertEquals(SIZE, early.bytesRead());
        // Changed after the head start read it: only a run that reads again would see this.
        byte[] changed = original.clone();
        changed[0] ^= 1;
        Files.write(big, changed);

        List<String> hexes = run(
                threads,
                early,
                List.of(
                        new Job(Source.file(big.toString(), big), DigestAlgorithm.SHA256),
                        new Job(Source.file("other", other), DigestAlgorithm.SHA256)));

        assertEquals(
                List.of(
                        referenceHex(DigestAlgorithm.SHA256, original),
                        referenceHex(DigestAlgorithm.SHA256, new byte[] {1, 2, 3})),
                hexes);
    }

    @Test
    void aHeadStartForAnotherAlgorithmOrAnotherNameIsNotTaken() throws IOException {
        byte[] original = pseudoRandomBytes(SIZE);
        Path big = write("big", original);
        HeadStart md5 = HeadStart.begin(big.toString(), DigestAlgorithm.MD5);
        HeadStart otherName = HeadStart.begin(dir + "/./big", DigestAlgorithm.SHA256); // the same file
        assertNotNull(md5.await());
        assertNotNull(otherName.await());
        byte[] changed = original.clone();
        changed[SIZE - 1] ^= 1;
        Files.write(big, changed);
        Job job = new Job(Source.file(big.toString(), big), DigestAlgorithm.SHA256);

        assertFalse(md5.claim(job.source(), job.algorithm()));
        assertFalse(otherName.claim(job.source(), job.algorithm()));
        assertEquals(List.of(referenceHex(DigestAlgorithm.SHA256, changed)), run(1, md5, List.of(job)));
        assertEquals(List.of(referenceHex(DigestAlgorithm.SHA256, changed)), run(1, otherName, List.of(job)));
    }

    @Test
    void onlyTheFirstJobMayTakeIt() throws IOException {
        byte[] original = pseudoRandomBytes(SIZE);
        Path big = write("big", original);
        Path small = write("small", new byte[] {7});
        HeadStart early = HeadStart.begin(big.toString(), DigestAlgorithm.SHA256);
        assertNotNull(early.await());
        byte[] changed = original.clone();
        changed[1000] ^= 1;
        Files.write(big, changed);

        List<String> hexes = run(
                1,
                early,
                List.of(
                        new Job(Source.file("small", small), DigestAlgorithm.SHA256),
                        new Job(Source.file(big.toString(), big), DigestAlgorithm.SHA256)));

        assertEquals(referenceHex(DigestAlgorithm.SHA256, changed), hexes.get(1));
    }

    @Test
    void smallFilesDirectoriesAndMissingFilesAreLeftToTheRun() throws IOException {
        Path small = write("small", new byte[(int) HeadStart.MIN_SIZE - 1]);
        assertNull(HeadStart.begin(small.toString(), DigestAlgorithm.SHA256).await());
        assertNull(HeadStart.begin(dir.toString(), DigestAlgorithm.SHA256).await());
        assertNull(HeadStart.begin(dir.resolve("missing").toString(), DigestAlgorithm.SHA256)
                .await());
        assertNull(HeadStart.begin("nul\0in name", DigestAlgorithm.SHA256).await());

        List<String> hexes = run(
                1,
                HeadStart.begin(small.toString(), DigestAlgorithm.SHA256),
                List.of(new Job(Source.file(small.toString(), small), DigestAlgorithm.SHA256)));
        assertEquals(List.of(referenceHex(DigestAlgorithm.SHA256, new byte[(int) HeadStart.MIN_SIZE - 1])), hexes);
    }

    @Test
    void aPipeIsNeverOpenedSoNoWriterIsNeededAndNoDataIsTaken() throws Exception {
        requireTool("mkfifo");
        Path fifo = dir.resolve("fifo");
        Process mkfifo =
                new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        // Opening a FIFO for reading blocks until a writer comes: a head start that opened it would hang.
        assertTimeoutPreemptively(
                Duration.ofSeconds(10),
                () -> assertNull(
                        HeadStart.begin(fifo.toString(), DigestAlgorithm.SHA256).await()));
    }

    @Test
    void bytesReadCountsTheAdoptedHeadStart() throws IOException {
        Path big = write("big", pseudoRandomBytes(SIZE));
        HeadStart early = HeadStart.begin(big.toString(), DigestAlgorithm.SHA256);
        assertNotNull(early.await());
        try (ParallelDigester digester = new ParallelDigester(1)) {
            digester.offer(early);
            digester.run(
                    List.of(new Job(Source.file(big.toString(), big), DigestAlgorithm.SHA256))
                            .iterator(),
                    (job, result) -> assertTrue(result.ok()));
            assertEquals(SIZE, digester.bytesRead());
        }
    }
}
