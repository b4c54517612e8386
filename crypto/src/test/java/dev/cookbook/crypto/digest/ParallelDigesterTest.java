package dev.cookbook.crypto.digest;

import static dev.cookbook.crypto.digest.TestSupport.referenceHex;
import static dev.cookbook.crypto.digest.TestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.crypto.digest.TestSupport.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelDigesterTest {
    private static final DigestAlgorithm ALGORITHM = DigestAlgorithm.SHA256;

    @TempDir
    Path dir;

    /** {@code count} small files of different sizes and contents. */
    private List<Job> fileJobs(int count) throws IOException {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = dir.resolve("f" + i);
            Files.write(file, content(i));
            jobs.add(new Job(Source.file("f" + i, file), ALGORITHM));
        }
        return jobs;
    }

    private static byte[] content(int i) {
        return utf8(("file " + i + "\n").repeat(i % 17));
    }

    /** An iterator over {@code jobs} that counts how many were taken. */
    private static final class Counting implements Iterator<Job> {
        private final Iterator<Job> jobs;
        int taken;

        Counting(List<Job> jobs) {
            this.jobs = jobs.iterator();
        }

        @Override
        public boolean hasNext() {
            return jobs.hasNext();
        }

        @Override
        public Job next() {
            taken++;
            return jobs.next();
        }
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 4})
    void resultsComeBackInJobOrderAndBytesReadIsTheTotal(int threads) throws IOException {
        List<Job> jobs = fileJobs(500);
        List<Job> seen = new ArrayList<>();
        List<String> hexes = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < jobs.size(); i++) {
            total += content(i).length;
        }

        try (ParallelDigester digester = new ParallelDigester(threads)) {
            digester.run(jobs.iterator(), (job, result) -> {
                seen.add(job);
                hexes.add(result.hex());
            });
            assertEquals(total, digester.bytesRead());
        }

        assertEquals(jobs, seen);
        for (int i = 0; i < jobs.size(); i++) {
            assertEquals(referenceHex(ALGORITHM, content(i)), hexes.get(i), "job " + i);
        }
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 4})
    void jobsWithoutASourcePassThroughInOrderWithANullResult(int threads) throws IOException {
        List<Job> files = fileJobs(40);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            jobs.add(files.get(i));
            if (i % 3 == 0) {
                jobs.add(new Job(null, ALGORITHM));
            }
        }
        List<Job> seen = new ArrayList<>();
        List<DigestResult> results = new ArrayList<>();

        try (ParallelDigester digester = new ParallelDigester(threads)) {
            digester.run(jobs.iterator(), (job, result) -> {
                seen.add(job);
                results.add(result);
            });
        }

        assertEquals(jobs, seen);
        for (int i = 0; i < jobs.size(); i++) {
            if (jobs.get(i).source() == null) {
                assertNull(results.get(i), "job " + i);
            } else {
                assertTrue(results.get(i).ok(), "job " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 4})
    void anExceptionFromTheHandlerStopsTheRunAndPropagates(int threads) throws IOException {
        List<Job> jobs = fileJobs(500);
        Counting work = new Counting(jobs);
        IllegalStateException stop = new IllegalStateException("stdout closed");
        List<Job> handled = new ArrayList<>();

        try (ParallelDigester digester = new ParallelDigester(threads)) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> digester.run(work, (job, result) -> {
                        handled.add(job);
                        if (handled.size() == 10) {
                            throw stop;
                        }
                    }));
            assertSame(stop, thrown);
        }

        assertEquals(jobs.subList(0, 10), handled);
        assertTrue(work.taken < jobs.size(), () -> "took all " + work.taken + " jobs after the handler failed");
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 4})
    void anExceptionFromTheJobIteratorPropagates(int threads) throws IOException {
        Iterator<Job> jobs = fileJobs(5).iterator();
        IllegalStateException broken = new IllegalStateException("listing failed");
        Iterator<Job> failing = new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (!jobs.hasNext()) {
                    throw broken;
                }
                return true;
            }

            @Override
            public Job next() {
                return jobs.next();
            }
        };

        try (ParallelDigester digester = new ParallelDigester(threads)) {
            assertSame(broken, assertThrows(IllegalStateException.class,
                    () -> digester.run(failing, (job, result) -> { })));
        }
    }

    @Test
    void noMoreThanSixteenJobsPerThreadAreTakenAheadOfTheHandler() throws IOException {
        List<Job> jobs = fileJobs(400);
        Counting work = new Counting(jobs);
        int[] handled = {0};
        int[] mostAhead = {0};

        try (ParallelDigester digester = new ParallelDigester(4)) {
            digester.run(work, (job, result) -> {
                if (handled[0] == 0) {
                    sleep(200); // the other threads run ahead meanwhile, until the window is full
                }
                handled[0]++;
                mostAhead[0] = Math.max(mostAhead[0], work.taken - handled[0]);
            });
        }

        assertEquals(400, handled[0]);
        assertTrue(mostAhead[0] <= 16 * 4, () -> mostAhead[0] + " jobs were taken ahead of the handler");
        assertTrue(mostAhead[0] >= 16 * 4 - 4, () -> "only " + mostAhead[0] + " ahead: the window never filled");
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 4})
    void anUncheckedFailureWhileReadingStopsTheRunAndPropagates(int threads) throws IOException {
        List<Job> jobs = new ArrayList<>(fileJobs(100));
        IllegalStateException broken = new IllegalStateException("reader broke");
        jobs.add(50, new Job(Source.stream("broken", new java.io.InputStream() {
            private boolean started;

            @Override
            public int read() {
                throw broken;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (started) {
                    throw broken;
                }
                started = true;
                return Math.min(len, 100); // some bytes first, so the digest holds a partial state
            }
        }), ALGORITHM));
        List<Job> handled = new ArrayList<>();

        List<String> after = new ArrayList<>();
        try (ParallelDigester digester = new ParallelDigester(threads)) {
            assertSame(broken, assertThrows(IllegalStateException.class,
                    () -> digester.run(jobs.iterator(), (job, result) -> handled.add(job))));
            // The thread that met the failure starts its next input clean.
            digester.run(jobs.subList(0, 8).iterator(), (job, result) -> after.add(result.hex()));
        }

        for (int i = 0; i < 8; i++) {
            assertEquals(referenceHex(ALGORITHM, content(i)), after.get(i), "job " + i + " after the failure");
        }
        assertTrue(handled.size() <= 50, () -> handled.size() + " handled");
        assertEquals(jobs.subList(0, handled.size()), handled);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aDigesterCanRunAgainAfterARun() throws IOException {
        List<Job> jobs = fileJobs(3);
        List<String> hexes = new ArrayList<>();
        try (ParallelDigester digester = new ParallelDigester(2)) {
            digester.run(jobs.iterator(), (job, result) -> hexes.add(result.hex()));
            digester.run(jobs.iterator(), (job, result) -> hexes.add(result.hex()));
        }
        assertEquals(hexes.subList(0, 3), hexes.subList(3, 6));
        assertEquals(referenceHex(ALGORITHM, content(2)), hexes.get(2));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void fewerThanOneJobIsRejected(int jobs) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ParallelDigester(jobs));
        assertEquals("jobs must be at least 1, not " + jobs, e.getMessage());
    }
}
