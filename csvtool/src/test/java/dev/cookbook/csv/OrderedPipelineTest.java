package dev.cookbook.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class OrderedPipelineTest {
    /** One unit of work: its number, what the work made of it, and how it failed. */
    static final class Item implements OrderedPipeline.Item {
        int n;
        int result;
        CsvException failure;

        @Override
        public CsvException failure() {
            return failure;
        }
    }

    private static final int ITEMS = 300;

    /** Runs items 0..ITEMS-1; the work squares them, more slowly for some so they finish out of order. */
    private static List<Integer> run(int threads, int failAt, int readFailsAt, AtomicInteger made) throws Exception {
        List<Integer> written = new ArrayList<>();
        run(threads, failAt, readFailsAt, made, written);
        return written;
    }

    private static void run(int threads, int failAt, int readFailsAt, AtomicInteger made, List<Integer> written)
            throws Exception {
        int[] next = {0};
        new OrderedPipeline<Item>(threads)
                .run(
                        () -> {
                            made.incrementAndGet();
                            return new Item();
                        },
                        item -> {
                            if (next[0] == readFailsAt) {
                                throw new CsvException(next[0], "read failed");
                            }
                            if (next[0] == ITEMS) {
                                return false;
                            }
                            item.n = next[0]++;
                            item.failure = null;
                            return true;
                        },
                        item -> {
                            if (item.n % 7 == 0) {
                                LockSupport.parkNanos(200_000); // let later items overtake this one
                            }
                            item.result = item.n * item.n;
                            if (item.n == failAt) {
                                item.failure = new CsvException(item.n, "work failed");
                            }
                        },
                        item -> written.add(item.result));
    }

    private static List<Integer> squares(int count) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(i * i);
        }
        return out;
    }

    @Test
    void itemsAreWrittenInTheOrderTheyWereRead() throws Exception {
        for (int threads : new int[] {1, 2, 4}) {
            AtomicInteger made = new AtomicInteger();
            assertEquals(squares(ITEMS), run(threads, -1, -1, made), "threads " + threads);
            assertTrue(made.get() <= 3 * threads, "items made: " + made.get());
        }
    }

    /** One batch is converted on the caller's thread (no pool is started); two go to the pool. */
    @Test
    void oneBatchIsConvertedOnTheCallersThread() throws Exception {
        for (int count : new int[] {0, 1, 2, 3}) {
            List<Thread> workers = Collections.synchronizedList(new ArrayList<>());
            List<Integer> written = new ArrayList<>();
            int[] next = {0};
            new OrderedPipeline<Item>(4)
                    .run(
                            Item::new,
                            item -> {
                                item.n = next[0]++;
                                return item.n < count;
                            },
                            item -> {
                                workers.add(Thread.currentThread());
                                item.result = item.n * item.n;
                            },
                            item -> written.add(item.result));
            assertEquals(squares(count), written, "batches " + count);
            assertEquals(count, workers.size());
            assertEquals(count == 1, workers.contains(Thread.currentThread()), "batches " + count + ": " + workers);
        }
    }

    /** The failures of a lone batch, and a failed read after it, keep their place too. */
    @Test
    void aLoneBatchFailsInItsPlace() {
        for (int threads : new int[] {2, 4}) {
            List<Integer> written = new ArrayList<>();
            CsvException work =
                    assertThrows(CsvException.class, () -> run(threads, 0, 1, new AtomicInteger(), written));
            assertEquals("work failed", work.getMessage());
            assertEquals(List.of(0), written);
            written.clear();
            CsvException read =
                    assertThrows(CsvException.class, () -> run(threads, -1, 1, new AtomicInteger(), written));
            assertEquals("read failed", read.getMessage());
            assertEquals(squares(1), written);
        }
    }

    @Test
    void lessThanOneThreadIsOne() throws Exception {
        AtomicInteger made = new AtomicInteger();
        assertEquals(squares(ITEMS), run(0, -1, -1, made));
        assertEquals(1, made.get());
    }

    @Test
    void aFailedItemIsThrownOnceItAndTheItemsBeforeItAreWritten() {
        for (int threads : new int[] {1, 3}) {
            List<Integer> written = new ArrayList<>();
            int[] next = {0};
            CsvException e = assertThrows(
                    CsvException.class,
                    () -> new OrderedPipeline<Item>(threads)
                            .run(
                                    Item::new,
                                    item -> {
                                        item.n = next[0]++;
                                        item.failure = null;
                                        return item.n < ITEMS;
                                    },
                                    item -> {
                                        if (item.n == 100) {
                                            item.failure = new CsvException(item.n, "work failed");
                                        }
                                    },
                                    item -> written.add(item.n)));
            assertEquals("work failed", e.getMessage());
            assertEquals(100, e.line());
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i <= 100; i++) {
                expected.add(i);
            }
            assertEquals(expected, written, "threads " + threads);
        }
    }

    @Test
    void aFailedReadIsThrownAfterEveryItemReadBefore() {
        for (int threads : new int[] {1, 2, 4}) {
            AtomicInteger made = new AtomicInteger();
            List<Integer> written = new ArrayList<>();
            CsvException e = assertThrows(CsvException.class, () -> run(threads, -1, 150, made, written));
            assertEquals("read failed", e.getMessage());
            assertEquals(150, e.line());
            assertEquals(squares(150), written, "threads " + threads);
        }
    }

    @Test
    void theItemsBeforeAFailedReadAreWritten() throws Exception {
        for (int threads : new int[] {1, 2, 4}) {
            List<Integer> written = new ArrayList<>();
            int[] next = {0};
            IOException e = assertThrows(
                    IOException.class,
                    () -> new OrderedPipeline<Item>(threads)
                            .run(
                                    Item::new,
                                    item -> {
                                        if (next[0] == 77) {
                                            throw new IOException("disk");
                                        }
                                        item.n = next[0]++;
                                        return true;
                                    },
                                    item -> item.result = item.n,
                                    item -> written.add(item.result)));
            assertEquals("disk", e.getMessage());
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 77; i++) {
                expected.add(i);
            }
            assertEquals(expected, written, "threads " + threads);
        }
    }

    @Test
    void aRuntimeExceptionInTheWorkComesThroughAsItIs() {
        for (int threads : new int[] {1, 2}) {
            IllegalStateException boom = new IllegalStateException("boom");
            int[] next = {0};
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> new OrderedPipeline<Item>(threads)
                            .run(
                                    Item::new,
                                    item -> {
                                        item.n = next[0]++;
                                        return item.n < 50;
                                    },
                                    item -> {
                                        if (item.n == 20) {
                                            throw boom;
                                        }
                                    },
                                    item -> {}));
            assertSame(boom, e);
        }
    }
}
