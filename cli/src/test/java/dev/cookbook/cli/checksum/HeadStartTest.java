package dev.cookbook.cli.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.crypto.digest.DigestAlgorithm;
import dev.cookbook.crypto.digest.DigestJob;
import dev.cookbook.crypto.digest.DigestResult;
import dev.cookbook.crypto.digest.ParallelDigester;
import dev.cookbook.crypto.digest.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ChecksumHeadStart}: the work it does, and how a run takes it (through {@link DigestJob#started}). */
class HeadStartTest {
    private static final int SIZE = (int) ChecksumHeadStart.MIN_SIZE + 12345;

    private record Job(Source source, DigestAlgorithm algorithm, Future<DigestResult> started) implements DigestJob {
        Job(Source source, DigestAlgorithm algorithm) {
            this(source, algorithm, null);
        }
    }

    private static byte[] pseudoRandomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static String referenceHex(DigestAlgorithm a, byte[] data) {
        try {
            String jca = a == DigestAlgorithm.SHA256 ? "SHA-256" : a == DigestAlgorithm.MD5 ? "MD5" : null;
            return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void requireTool(String tool) {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.util.stream.Stream.of(System.getenv("PATH").split(":"))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, tool))),
                tool + " is not installed");
    }

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    /**
     * The digests a run over {@code jobs} hands back, the first job carrying what {@code offer}
     * gives it, as {@link ChecksumCommand} does.
     */
    private static List<String> run(int threads, ChecksumHeadStart offer, List<Job> jobs) {
        List<Job> offered = new ArrayList<>(jobs);
        Job first = jobs.get(0);
        offered.set(0, new Job(first.source(), first.algorithm(), offer.claim(first.source(), first.algorithm())));
        List<String> hexes = new ArrayList<>();
        try (ParallelDigester digester = new ParallelDigester(threads)) {
            digester.run(offered.iterator(), (job, result) -> hexes.add(result.ok() ? result.hex() : "error"));
        }
        return hexes;
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 2})
    void theFirstJobTakesTheHeadStartsResultInsteadOfReadingAgain(int threads) throws IOException {
        byte[] original = pseudoRandomBytes(SIZE);
        Path big = write("big file", original);
        Path other = write("other", new byte[] {1, 2, 3});
        ChecksumHeadStart early = ChecksumHeadStart.begin(big.toString(), DigestAlgorithm.SHA256);
        DigestResult done = early.await();
        assertNotNull(done);
        assertEquals(SIZE, done.size());
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
        ChecksumHeadStart md5 = ChecksumHeadStart.begin(big.toString(), DigestAlgorithm.MD5);
        ChecksumHeadStart otherName = ChecksumHeadStart.begin(dir + "/./big", DigestAlgorithm.SHA256); // the same file
        assertNotNull(md5.await());
        assertNotNull(otherName.await());
        byte[] changed = original.clone();
        changed[SIZE - 1] ^= 1;
        Files.write(big, changed);
        Job job = new Job(Source.file(big.toString(), big), DigestAlgorithm.SHA256);

        assertNull(md5.claim(job.source(), job.algorithm()));
        assertNull(otherName.claim(job.source(), job.algorithm()));
        assertEquals(List.of(referenceHex(DigestAlgorithm.SHA256, changed)), run(1, md5, List.of(job)));
        assertEquals(List.of(referenceHex(DigestAlgorithm.SHA256, changed)), run(1, otherName, List.of(job)));
    }

    @Test
    void onlyTheFirstJobMayTakeIt() throws IOException {
        byte[] original = pseudoRandomBytes(SIZE);
        Path big = write("big", original);
        Path small = write("small", new byte[] {7});
        ChecksumHeadStart early = ChecksumHeadStart.begin(big.toString(), DigestAlgorithm.SHA256);
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

    /** What a job's {@code started()} gives: a Future that is done once the head start's thread has ended. */
    @Test
    void theClaimedResultIsAFutureOfTheHeadStartsThread() throws Exception {
        byte[] original = pseudoRandomBytes(SIZE);
        Path big = write("big", original);
        ChecksumHeadStart early = ChecksumHeadStart.begin(big.toString(), DigestAlgorithm.SHA256);
        Future<DigestResult> claimed = early.claim(Source.file(big.toString(), big), DigestAlgorithm.SHA256);
        DigestResult done = claimed.get(30, TimeUnit.SECONDS);
        assertEquals(referenceHex(DigestAlgorithm.SHA256, original), done.hex());
        assertTrue(claimed.isDone());
        assertEquals(done, claimed.get());
        assertEquals(done, claimed.get(0, TimeUnit.SECONDS));
        assertFalse(claimed.cancel(true));
        assertFalse(claimed.isCancelled());
    }

    @Test
    void smallFilesDirectoriesAndMissingFilesAreLeftToTheRun() throws IOException {
        Path small = write("small", new byte[(int) ChecksumHeadStart.MIN_SIZE - 1]);
        assertNull(ChecksumHeadStart.begin(small.toString(), DigestAlgorithm.SHA256)
                .await());
        assertNull(
                ChecksumHeadStart.begin(dir.toString(), DigestAlgorithm.SHA256).await());
        assertNull(ChecksumHeadStart.begin(dir.resolve("missing").toString(), DigestAlgorithm.SHA256)
                .await());
        assertNull(
                ChecksumHeadStart.begin("nul\0in name", DigestAlgorithm.SHA256).await());

        List<String> hexes = run(
                1,
                ChecksumHeadStart.begin(small.toString(), DigestAlgorithm.SHA256),
                List.of(new Job(Source.file(small.toString(), small), DigestAlgorithm.SHA256)));
        assertEquals(
                List.of(referenceHex(DigestAlgorithm.SHA256, new byte[(int) ChecksumHeadStart.MIN_SIZE - 1])), hexes);
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
                () -> assertNull(ChecksumHeadStart.begin(fifo.toString(), DigestAlgorithm.SHA256)
                        .await()));
    }

    @Test
    void bytesReadCountsTheTakenHeadStart() throws IOException {
        Path big = write("big", pseudoRandomBytes(SIZE));
        ChecksumHeadStart early = ChecksumHeadStart.begin(big.toString(), DigestAlgorithm.SHA256);
        assertNotNull(early.await());
        assertEquals(0, early.bytesRead(), "not taken yet");
        Job job = new Job(Source.file(big.toString(), big), DigestAlgorithm.SHA256);
        try (ParallelDigester digester = new ParallelDigester(1)) {
            digester.run(
                    List.of(new Job(job.source(), job.algorithm(), early.claim(job.source(), job.algorithm())))
                            .iterator(),
                    (j, result) -> assertTrue(result.ok()));
            assertEquals(0, digester.bytesRead(), "the run did not read the file again");
        }
        assertEquals(SIZE, early.bytesRead());
    }
}
