package dev.cookbook.crypto.digest;

import static dev.cookbook.crypto.digest.TestSupport.referenceHex;
import static dev.cookbook.crypto.digest.TestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.crypto.digest.TestSupport.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        volatile int taken; // read by the handler while other threads take jobs

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
            IllegalStateException thrown = assertThrows(
                    IllegalStateException.class,
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

        List<String> handled = new ArrayList<>();
        try (ParallelDigester digester = new ParallelDigester(threads)) {
            assertSame(
                    broken,
                    assertThrows(
                            IllegalStateException.class,
                            () -> digester.run(
                                    failing,
                                    (job, result) -> handled.add(job.source().name()))));
        }
        assertEquals(List.of("f0", "f1", "f2", "f3", "f4"), handled, "the jobs before the failure are handled");
    }

    /** A stream that never ends, counting its reads; it ignores interrupts, as a file read does. */
    private static final class Endless extends java.io.InputStream {
        final java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.CountDownLatch started;

        Endless(java.util.concurrent.CountDownLatch started) {
            this.started = started;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (reads.getAndIncrement() == 0) {
                started.countDown();
            }
            return Math.min(len, 1024);
        }
    }

    @Test
    void aHandlerFailureEndsTheRunAndStopsTheReadsInProgress() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(2);
        Endless one = new Endless(started);
        Endless two = new Endless(started);
        List<Job> jobs = new ArrayList<>(fileJobs(1));
        jobs.add(new Job(Source.stream("endless 1", one), ALGORITHM));
        jobs.add(new Job(Source.stream("endless 2", two), ALGORITHM));
        jobs.addAll(fileJobs(5));
        IllegalStateException closed = new IllegalStateException("stdout closed");

        try (ParallelDigester digester = new ParallelDigester(3)) {
            assertTimeoutPreemptively(
                    Duration.ofSeconds(20),
                    () -> assertSame(
                            closed,
                            assertThrows(
                                    IllegalStateException.class,
                                    () -> digester.run(jobs.iterator(), (job, result) -> {
                                        try {
                                            // the other two threads are now each inside an endless read
                                            assertTrue(started.await(10, java.util.concurrent.TimeUnit.SECONDS));
                                        } catch (InterruptedException e) {
                                            throw new AssertionError(e);
                                        }
                                        throw closed;
                                    }))));
            // Whichever threads read them, both reads end: the run asks them to stop between buffers.
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                long before;
                do {
                    before = one.reads.get() + two.reads.get();
                    Thread.sleep(200);
                } while (one.reads.get() + two.reads.get() != before);
            });
        }
    }

    @Test
    void aCheckedExceptionSmuggledOutOfTheHandlerEndsTheRunUnchanged() throws IOException {
        List<Job> jobs = fileJobs(200);
        IOException smuggled = new IOException("stdout failed");
        int[] calls = {0};

        try (ParallelDigester digester = new ParallelDigester(4)) {
            IOException thrown = assertTimeoutPreemptively(
                    Duration.ofSeconds(20),
                    () -> assertThrows(
                            IOException.class,
                            () -> digester.run(jobs.iterator(), (job, result) -> {
                                if (++calls[0] == 5) {
                                    ParallelDigesterTest.<RuntimeException>smuggle(smuggled);
                                }
                            })));
            assertSame(smuggled, thrown);
        }
        assertEquals(5, calls[0]);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void smuggle(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void jobsFinishingOutOfOrderComeOutInOrderWithOneCallAtATime() throws Exception {
        java.util.Random random = new java.util.Random(1);
        for (int round = 0; round < 5; round++) {
            List<byte[]> contents = new ArrayList<>();
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                byte[] content = new byte[random.nextInt(3000)];
                random.nextBytes(content);
                contents.add(content);
                long spinNanos = random.nextInt(300_000);
                jobs.add(new Job(
                        Source.stream("s" + i, new java.io.ByteArrayInputStream(content) {
                            @Override
                            public synchronized int read(byte[] b, int off, int len) {
                                long until = System.nanoTime() + spinNanos;
                                while (System.nanoTime() < until) {
                                    Thread.onSpinWait();
                                }
                                return super.read(b, off, len);
                            }
                        }),
                        ALGORITHM));
            }
            // The iterator and the handler may run at the same time, but neither beside itself.
            java.util.concurrent.atomic.AtomicBoolean inside = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicBoolean handling = new java.util.concurrent.atomic.AtomicBoolean();
            Iterator<Job> source = jobs.iterator();
            int[] taken = {0};
            Iterator<Job> exclusive = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    assertTrue(inside.compareAndSet(false, true), "two threads in the iterator");
                    try {
                        return source.hasNext();
                    } finally {
                        inside.set(false);
                    }
                }

                @Override
                public Job next() {
                    assertTrue(inside.compareAndSet(false, true), "two threads in the iterator");
                    try {
                        taken[0]++;
                        return source.next();
                    } finally {
                        inside.set(false);
                    }
                }
            };
            List<Job> seen = new ArrayList<>();
            List<String> hexes = new ArrayList<>();
            int[] mostAhead = {0};

            try (ParallelDigester digester = new ParallelDigester(3)) {
                digester.run(exclusive, (job, result) -> {
                    assertTrue(handling.compareAndSet(false, true), "two threads in the handler");
                    try {
                        seen.add(job);
                        hexes.add(result.hex());
                        mostAhead[0] = Math.max(mostAhead[0], taken[0] - seen.size());
                    } finally {
                        handling.set(false);
                    }
                });
            }

            assertEquals(jobs, seen, "round " + round);
            for (int i = 0; i < jobs.size(); i++) {
                assertEquals(referenceHex(ALGORITHM, contents.get(i)), hexes.get(i), "round " + round + ", job " + i);
            }
            assertTrue(mostAhead[0] <= 16 * 3, "round " + round + ": " + mostAhead[0] + " taken ahead");
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
                    // The other threads run ahead meanwhile: wait until the window is full, then a
                    // little longer, so that taking more than the window would show.
                    for (int i = 0; i < 1000 && work.taken < 16 * 4; i++) {
                        sleep(10);
                    }
                    sleep(100);
                }
                handled[0]++;
                mostAhead[0] = Math.max(mostAhead[0], work.taken - handled[0]);
            });
        }

        assertEquals(400, handled[0]);
        assertTrue(mostAhead[0] <= 16 * 4, () -> mostAhead[0] + " jobs were taken ahead of the handler");
        assertTrue(mostAhead[0] >= 16 * 4 - 1, () -> "only " + mostAhead[0] + " ahead: the window never filled");
    }

    @ParameterizedTest(name = "{0} thread(s)")
    @ValueSource(ints = {1, 4})
    void anUncheckedFailureWhileReadingStopsTheRunAndPropagates(int threads) throws IOException {
        List<Job> jobs = new ArrayList<>(fileJobs(100));
        IllegalStateException broken = new IllegalStateException("reader broke");
        jobs.add(
                50,
                new Job(
                        Source.stream("broken", new java.io.InputStream() {
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
                        }),
                        ALGORITHM));
        List<Job> handled = new ArrayList<>();

        List<String> after = new ArrayList<>();
        try (ParallelDigester digester = new ParallelDigester(threads)) {
            assertSame(
                    broken,
                    assertThrows(
                            IllegalStateException.class,
                            () -> digester.run(jobs.iterator(), (job, result) -> handled.add(job))));
            // The thread that met the failure starts its next input clean.
            digester.run(jobs.subList(0, 8).iterator(), (job, result) -> after.add(result.hex()));
        }

        for (int i = 0; i < 8; i++) {
            assertEquals(referenceHex(ALGORITHM, content(i)), after.get(i), "job " + i + " after the failure");
        }
        assertEquals(jobs.subList(0, 50), handled, "every job before the failing one, and none after");
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
