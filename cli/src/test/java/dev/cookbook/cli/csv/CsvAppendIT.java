package dev.cookbook.cli.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Binary;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code csv write --append} with real processes: two at once, and one killed half-way. */
public class CsvAppendIT {
    static final String HEADER = "id,who\r\n";

    @TempDir
    Path dir;

    private static String records(String who, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append("{\"who\":\"").append(who).append("\",\"id\":").append(i).append("}\n");
        }
        return sb.toString();
    }

    private static String csv(String who, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(i).append(',').append(who).append("\r\n");
        }
        return sb.toString();
    }

    /** The exclusive lock: each appender's records end up in one piece, one after the other. */
    @Test
    void twoAppendersAtOnceDoNotInterleave() throws Exception {
        twoAppenders(true);
    }

    /** Two appenders to a file that does not exist yet: one creates it with the header, the other appends. */
    @Test
    void twoAppendersToAMissingFileWriteOneHeader() throws Exception {
        twoAppenders(false);
    }

    private void twoAppenders(boolean exists) throws Exception {
        Path csv = dir.resolve("log.csv");
        if (exists) {
            Files.writeString(csv, HEADER);
        }
        int count = 300_000;
        Files.writeString(dir.resolve("a.jsonl"), records("A", count));
        Files.writeString(dir.resolve("b.jsonl"), records("B", count));
        List<Process> ps = new ArrayList<>();
        for (String who : List.of("a", "b")) {
            ps.add(new ProcessBuilder(Binary.PATH.toString(), "csv", "write", "--append", "-o", "log.csv")
                    .directory(dir.toFile())
                    .redirectInput(dir.resolve(who + ".jsonl").toFile())
                    .redirectOutput(dir.resolve(who + ".out").toFile())
                    .redirectError(dir.resolve(who + ".err").toFile())
                    .start());
        }
        for (Process p : ps) {
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "an appender did not finish");
        }
        for (String who : List.of("a", "b")) {
            assertEquals("", Files.readString(dir.resolve(who + ".out")) + Files.readString(dir.resolve(who + ".err")));
        }
        assertEquals(List.of(0, 0), ps.stream().map(Process::exitValue).toList());
        String a = csv("A", count);
        String b = csv("B", count);
        String content = Files.readString(csv);
        // The records' keys are who, id: a new file gets that header from the first record.
        String header = exists ? HEADER : "who,id\r\n";
        if (!exists) {
            a = swapColumns(a);
            b = swapColumns(b);
        }
        assertEquals(header.length() + a.length() + b.length(), content.length());
        assertTrue(
                content.equals(header + a + b) || content.equals(header + b + a),
                "the two appenders' records are interleaved");
    }

    /**
     * Killed (SIGTERM) while it is still reading records, an appender must leave the file as it was: stdin is
     * kept open, so the process can never finish, and it is killed once it has written to the file.
     */
    @Test
    void killedWhileAppendingLeavesTheFileAsItWas() throws Exception {
        Path csv = Files.writeString(dir.resolve("log.csv"), HEADER + "0,first\r\n");
        byte[] before = Files.readAllBytes(csv);
        Process p = new ProcessBuilder(Binary.PATH.toString(), "csv", "write", "--append", "-o", "log.csv")
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile())
                .start();
        CompletableFuture<Void> feeder =
                CompletableFuture.runAsync(() -> feed(p.getOutputStream()), Binary.THREAD_PER_TASK);
        try {
            // Bounded: 3000 polls 20 ms apart, about a minute; the process writes its first MiB long before.
            for (int i = 0; i < 3000 && p.isAlive() && Files.size(csv) < before.length + (1 << 20); i++) {
                Thread.sleep(20);
            }
            assertTrue(Files.size(csv) >= before.length + (1 << 20), "the appender wrote nothing");
            // SIGTERM only: Process.destroy() would also close the appender's stdin, and an input that ends
            // with a whole record at the same moment may rightly be committed before the signal lands.
            p.toHandle().destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "SIGTERM did not end the appender");
        } finally {
            p.destroyForcibly();
        }
        feeder.exceptionally(e -> null).get(60, TimeUnit.SECONDS);
        assertEquals(143, p.exitValue());
        byte[] after = Files.readAllBytes(csv);
        assertArrayEquals(before, after, () -> "log.csv is " + after.length + " bytes, was " + before.length);
    }

    /** "id,who" lines as "who,id" lines. */
    private static String swapColumns(String csv) {
        return csv.lines()
                .map(l -> l.substring(l.indexOf(',') + 1) + "," + l.substring(0, l.indexOf(',')) + "\r\n")
                .collect(java.util.stream.Collectors.joining());
    }

    /** Records until the appender stops reading: at most 4 GiB, never closed while it reads. */
    private static void feed(OutputStream stdin) {
        try (OutputStream out = new BufferedOutputStream(stdin, 1 << 16)) {
            for (long i = 0; i < 100_000_000L; i++) {
                out.write(("{\"who\":\"record " + i + "\",\"id\":" + i + "}\n").getBytes(UTF_8));
            }
        } catch (IOException e) {
            // the appender was killed: its stdin is closed
        }
    }
}
