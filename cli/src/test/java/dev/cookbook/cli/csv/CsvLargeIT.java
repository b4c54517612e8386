package dev.cookbook.cli.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cookbook.cli.Binary;
import dev.cookbook.cli.Tools;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Constant memory and closed pipes, with the packaged binary: 4 GiB of CSV, generated on the fly, through
 * {@code csv read | csv write} with a 64 MiB heap on each side, and {@code | head -1}.
 */
public class CsvLargeIT {
    /** About 4 GiB; -Dcsv.large.bytes=N for a quick run. */
    static final long SIZE = Long.getLong("csv.large.bytes", 4L << 30);

    static final Map<String, String> SMALL_HEAP = Map.of("COOKBOOK_JAVA_OPTS", "-Xmx64m");

    @TempDir
    Path dir;

    /**
     * CSV as {@code csv write} writes it (minimal quoting, CRLF), so that {@code read | write} must give
     * back every byte: a running number, then fields from small pools with quotes, delimiters, line
     * breaks inside quotes, empty fields, non-ASCII and longer text.
     */
    static final class Generator {
        static final byte[] HEADER = "id,name,quoted,multi,uni,num,empty,tail\r\n".getBytes(UTF_8);
        private static final byte[][][] POOLS = pools(
                new String[] {"alpha", "bravo charlie", "delta-echo", "x"},
                new String[] {"\"say \"\"hi\"\"\"", "\"a,b\"", "plain", "\"comma, and \"\"quote\"\"\"", "\"\"\"\""},
                new String[] {"\"line1\nline2\"", "\"crlf\r\ninside\"", "single", "\"lone\rcr\""},
                new String[] {"Zürich", "名前", "😀👍🏽", "\"é,ü\"", "e\u0301"},
                new String[] {"-12.5", "0", "123456789", "1e5"},
                new String[] {"", ""},
                new String[] {
                    "a longer plain text field to make the records a realistic size",
                    "\"and a longer one, with a comma and \"\"quotes\"\" in it\"",
                    "short"
                });

        private final byte[] number = new byte[20];

        private static byte[][][] pools(String[]... pools) {
            byte[][][] out = new byte[pools.length][][];
            for (int i = 0; i < pools.length; i++) {
                out[i] = new byte[pools[i].length][];
                for (int j = 0; j < pools[i].length; j++) {
                    out[i][j] = pools[i][j].getBytes(UTF_8);
                }
            }
            return out;
        }

        /** Writes record {@code i} (0-based) and returns its length. */
        int record(long i, byte[] into, int at) {
            int p = at;
            int digits = 0;
            long v = i;
            do {
                number[digits++] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v > 0);
            while (digits > 0) {
                into[p++] = number[--digits];
            }
            long mix = i * 0x9E3779B97F4A7C15L;
            for (byte[][] pool : POOLS) {
                mix = Long.rotateLeft(mix, 7) ^ i;
                byte[] field = pool[(int) Long.remainderUnsigned(mix, pool.length)];
                into[p++] = ',';
                System.arraycopy(field, 0, into, p, field.length);
                p += field.length;
            }
            into[p++] = '\r';
            into[p++] = '\n';
            return p - at;
        }
    }

    /** What a stream carried: its length and SHA-256. */
    record Digest(long bytes, String sha256) {}

    @Test
    void fourGibibytesThroughReadAndWriteWithA64MiBHeapEach() throws Exception {
        List<String> cookbook = List.of(Binary.PATH.toString(), "csv");
        ProcessBuilder read = new ProcessBuilder(concat(cookbook, "read"))
                .directory(dir.toFile())
                .redirectError(dir.resolve("read.err").toFile());
        ProcessBuilder write = new ProcessBuilder(concat(cookbook, "write"))
                .directory(dir.toFile())
                .redirectError(dir.resolve("write.err").toFile());
        read.environment().putAll(SMALL_HEAP);
        write.environment().putAll(SMALL_HEAP);
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(read, write));
        try {
            CompletableFuture<Digest> in = CompletableFuture.supplyAsync(
                    () -> generate(pipeline.get(0).getOutputStream()), Binary.THREAD_PER_TASK);
            CompletableFuture<Digest> out = CompletableFuture.supplyAsync(
                    () -> digest(pipeline.get(1).getInputStream()), Binary.THREAD_PER_TASK);
            for (Process p : pipeline) {
                if (!p.waitFor(600, TimeUnit.SECONDS)) {
                    throw new AssertionError("csv read | csv write did not finish in 10 minutes");
                }
            }
            String stderr = Files.readString(dir.resolve("read.err")) + Files.readString(dir.resolve("write.err"));
            assertEquals("", stderr);
            assertEquals(
                    List.of(0, 0), pipeline.stream().map(Process::exitValue).toList());
            Digest sent = get(in);
            Digest received = get(out);
            assertEquals(sent, received);
            assertEquals(true, sent.bytes() >= SIZE, sent::toString);
        } finally {
            pipeline.forEach(Process::destroyForcibly);
        }
    }

    /** Writes {@link #SIZE} bytes of CSV (whole records, so a little more) to {@code to} and closes it. */
    static Digest generate(OutputStream to) {
        MessageDigest sha = sha256();
        Generator g = new Generator();
        byte[] buf = new byte[1 << 20];
        long total = 0;
        long record = 0;
        try (OutputStream out = to) {
            System.arraycopy(Generator.HEADER, 0, buf, 0, Generator.HEADER.length);
            int n = Generator.HEADER.length;
            while (total + n < SIZE) {
                while (n < buf.length - 4096) {
                    n += g.record(record++, buf, n);
                }
                sha.update(buf, 0, n);
                out.write(buf, 0, n);
                total += n;
                n = 0;
            }
            sha.update(buf, 0, n);
            out.write(buf, 0, n);
            total += n;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("writing to csv read after " + total + " bytes", e);
        }
        return new Digest(total, HexFormat.of().formatHex(sha.digest()));
    }

    static Digest digest(InputStream from) {
        MessageDigest sha = sha256();
        byte[] buf = new byte[1 << 20];
        long total = 0;
        try (InputStream in = from) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                sha.update(buf, 0, n);
                total += n;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Digest(total, HexFormat.of().formatHex(sha.digest()));
    }

    @Test
    void readIntoHeadEndsWith141AndNothingOnStderr() throws IOException {
        Tools.require("bash");
        Tools.require("head");
        Path big = dir.resolve("big.csv");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(big))) {
            byte[] buf = new byte[4096];
            Generator g = new Generator();
            out.write(Generator.HEADER);
            for (long i = 0; i < 100_000; i++) {
                out.write(buf, 0, g.record(i, buf, 0));
            }
        }
        for (String to : List.of("jsonl", "json", "table")) {
            assertClosedPipe("'" + Binary.PATH + "' csv read --to " + to + " big.csv");
        }
    }

    @Test
    void writeIntoHeadEndsWith141AndNothingOnStderr() throws IOException {
        Tools.require("bash");
        Tools.require("head");
        Path big = dir.resolve("big.jsonl");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(big))) {
            for (int i = 0; i < 100_000; i++) {
                out.write(("{\"id\":" + i + ",\"text\":\"record number " + i + ", with a comma\"}\n").getBytes(UTF_8));
            }
        }
        assertClosedPipe("'" + Binary.PATH + "' csv write -i big.jsonl");
        assertClosedPipe("'" + Binary.PATH + "' csv write < big.jsonl");
    }

    private void assertClosedPipe(String command) {
        Binary.Result r = Binary.exec(
                dir,
                Map.of(),
                null,
                List.of("bash", "-c", command + " | head -1 >/dev/null; echo \"${PIPESTATUS[0]}\""));
        assertEquals("141\n", r.out(), () -> command + "\n" + r);
        assertEquals("", r.err(), () -> command + "\n" + r);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T get(CompletableFuture<T> f)
            throws InterruptedException, java.util.concurrent.TimeoutException {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    private static List<String> concat(List<String> a, String b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.stream.Stream.of(b))
                .toList();
    }
}
