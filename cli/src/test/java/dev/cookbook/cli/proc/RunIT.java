package dev.cookbook.cli.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Binary;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cookbook run} as the packaged binary: pass-through at size, the tree on timeout, signals passed on. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunIT {
    private static final long SIZE = 100_000_000L;

    @TempDir
    Path tmp;

    /** The child reads 100 MB and writes 100 MB to each of stdout and stderr, at once; both go to files. */
    @Test
    void passThroughHundredMegabytesEachWay() throws Exception {
        Path in = zeros("in");
        Process p = start(in, "run", "--", "sh", "-c", "head -c " + SIZE + " /dev/zero >&2 & cat; wait");
        assertTrue(p.waitFor(100, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals(SIZE, Files.size(tmp.resolve("out")));
        assertEquals(SIZE, Files.size(tmp.resolve("err")));
    }

    @Test
    void captureHundredMegabytesEachWayKeepsWhatItMay() throws Exception {
        Path in = zeros("in");
        Process p = start(
                in,
                "run",
                "--capture",
                "--max-capture",
                "1M",
                "--",
                "sh",
                "-c",
                "head -c " + SIZE + " /dev/zero | tr '\\0' e >&2 & tr '\\0' o; wait");
        assertTrue(p.waitFor(100, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("err")));
        Map<String, Object> j = RunCommandTest.json(Files.readString(tmp.resolve("out")));
        assertEquals("o".repeat(1 << 20), j.get("stdout"));
        assertEquals("e".repeat(1 << 20), j.get("stderr"));
        assertEquals(Long.toString(SIZE), j.get("stdout_bytes"));
        assertEquals(Long.toString(SIZE - (1 << 20)), j.get("stdout_dropped"));
        assertEquals(Long.toString(SIZE), j.get("stderr_bytes"));
        assertEquals(Long.toString(SIZE - (1 << 20)), j.get("stderr_dropped"));
        assertEquals("", Files.readString(tmp.resolve("err")));
    }

    /** sh -c 'sleep 100 & sleep 100', and a shell with its own two sleeps below it: all gone, by pid. */
    @Test
    void timeoutEndsTheWholeTree() throws Exception {
        Path pids = tmp.resolve("pids");
        String script = "echo $$ >> " + pids + "; sleep 100 & echo $! >> " + pids + "; sh -c 'sleep 100 & echo $! >> "
                + pids + "; sleep 100' & echo $! >> " + pids + "; sleep 100";
        Process p = start(null, "run", "--timeout", "1s", "--", "sh", "-c", script);
        Set<Long> tree = new TreeSet<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tree.size() < 6 && System.nanoTime() < until) { // sh, sleep, sh, sleep, sleep, sleep
            Thread.sleep(20);
            p.descendants().forEach(d -> tree.add(d.pid()));
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(124, p.exitValue());
        for (String line : Files.readAllLines(pids)) {
            tree.add(Long.parseLong(line.strip()));
        }
        assertTrue(tree.size() >= 6, "pids: " + tree);
        for (long pid : tree) {
            assertGone(pid);
        }
    }

    @Test
    void killAfterWhenTheChildTrapsTerm() throws Exception {
        long t0 = System.nanoTime();
        Process p = start(
                null, "run", "--timeout", "500ms", "--kill-after", "1s", "--", "sh", "-c", "trap '' TERM; sleep 100");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(124, p.exitValue());
        assertTrue(ms >= 1500, ms + " ms");
    }

    @Test
    void signalIntOnTimeout() throws Exception {
        Process p = start(
                null,
                "run",
                "--timeout",
                "500ms",
                "--signal",
                "INT",
                "--",
                "sh",
                "-c",
                "trap 'echo got INT; exit 5' INT; sleep 100 & wait");
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(124, p.exitValue());
        assertEquals("got INT\n", Files.readString(tmp.resolve("out")));
    }

    @Test
    void exitCodes() throws Exception {
        Path script = Files.writeString(tmp.resolve("script.sh"), "#!/bin/sh\necho hi\n");
        assertEquals(126, Binary.run(tmp, "run", "--", script.toString()).exit());
        assertEquals(127, Binary.run(tmp, "run", "--", "no-such-command-xyz").exit());
        assertEquals(
                137, Binary.run(tmp, "run", "--", "sh", "-c", "kill -KILL $$").exit());
        Binary.Result empty = Binary.run(tmp, "run", "--", "");
        assertEquals(127, empty.exit());
        assertEquals("cookbook run: '': command not found\n", empty.err());
        assertEquals(
                127,
                Binary.run(tmp, "run", "--cwd", ".", "--", "no-such-command-xyz")
                        .exit());
        Binary.Result check = Binary.run(tmp, "run", "--check", "--", "sh", "-c", "exit 9");
        assertEquals(1, check.exit());
        assertEquals("cookbook run: 'sh' exited with status 9\n", check.err());
    }

    /**
     * SIGTERM to cookbook reaches the child, which traps it; cookbook exits as the child did. Both
     * for a plain {@code run --} (run without building the command line, see {@link PlainRun}) and
     * with an option.
     */
    @Test
    void termSentToCookbookIsPassedOn() throws Exception {
        termIsPassedOn("run", "--");
        termIsPassedOn("run", "--cwd", ".", "--");
    }

    private void termIsPassedOn(String... run) throws Exception {
        List<String> args = new ArrayList<>(List.of(run));
        args.addAll(List.of("sh", "-c", "trap 'echo got TERM; exit 3' TERM; echo ready; sleep 30 & wait"));
        Process p = start(null, args.toArray(String[]::new));
        Path out = tmp.resolve("out");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(out).equals("ready\n") && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        p.destroy(); // SIGTERM to cookbook only
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), Files.readString(tmp.resolve("err")));
        assertEquals("ready\ngot TERM\n", Files.readString(out));
    }

    /** A plain run's command runs once, with every word after {@code --} its own. */
    @Test
    void theCommandRunsOnce() throws Exception {
        Binary.Result r =
                Binary.run(tmp, "run", "--", "sh", "-c", "echo run >> count; echo -- \"$@\"", "sh", "-x", "--");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("-- -x --\n", r.out());
        assertEquals("run\n", Files.readString(tmp.resolve("count")));
    }

    @Test
    void captureReturnsWhileAGrandchildHoldsThePipes() throws Exception {
        long t0 = System.nanoTime();
        Binary.Result r = Binary.run(tmp, "run", "--capture", "--", "sh", "-c", "echo started; sleep 30 &");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.exit(), r::toString);
        assertTrue(ms < 15_000, ms + " ms");
        assertEquals("started\n", RunCommandTest.json(r.out()).get("stdout"));
    }

    @Test
    void shellTemplateRunsNoInjectedCommand() throws IOException {
        Binary.Result r = Binary.run(tmp, "run", "--shell", "du -sh {}", "--", "/dev/null; touch MARKER");
        assertEquals(1, r.exit(), r::toString);
        assertFalse(Files.exists(tmp.resolve("MARKER")));
        Binary.Result dry = Binary.run(tmp, "run", "--dry-run", "--", "ls", "-l", "a b");
        assertEquals("ls -l 'a b'\n", dry.out());
    }

    /** Dead: no /proc entry, or a zombie (this container's pid 1 reaps no orphans). */
    static void assertGone(long pid) throws InterruptedException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        for (int i = 0; i < 100; i++) {
            try {
                String s = Files.readString(stat);
                if (s.charAt(s.lastIndexOf(')') + 2) == 'Z') {
                    return;
                }
            } catch (IOException e) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("process " + pid + " is still running");
    }

    /**
     * The launcher runs Java in C.UTF-8 when the caller's locale is not UTF-8; the command gets the
     * caller's environment back: its LC_ALL or none, and no variable of cookbook's.
     */
    @Test
    void theCommandGetsTheCallersLocale() throws Exception {
        assertEquals(List.of("LANG=C", "LC_ALL=C"), locale(Map.of("LANG", "C", "LC_ALL", "C")));
        assertEquals(List.of("LANG=C"), locale(Map.of("LANG", "C")));
        assertEquals(List.of("LANG=C", "LC_ALL="), locale(Map.of("LANG", "C", "LC_ALL", "")));
        assertEquals(List.of("LC_ALL=C.UTF-8"), locale(Map.of("LC_ALL", "C.UTF-8")));
        assertEquals(List.of("LANG=C", "LC_ALL=POSIX"), locale(Map.of("LANG", "C"), "--env", "LC_ALL=POSIX"));
        assertEquals(List.of(), locale(Map.of("LANG", "C", "LC_ALL", "C"), "--clear-env"));
        // a variable of cookbook's that the caller passed on (an older cookbook's child) is not used
        assertEquals(List.of("LC_ALL=C.UTF-8"), locale(Map.of("LC_ALL", "C.UTF-8", "COOKBOOK_CALLER_LC_ALL", "=C")));
    }

    /** The locale variables {@code env} sees under {@code cookbook run [options] -- env}, from {@code caller}'s. */
    private List<String> locale(Map<String, String> caller, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(Binary.PATH.toString(), "run"));
        command.addAll(List.of(options));
        command.addAll(List.of("--", "/usr/bin/env"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        pb.environment()
                .keySet()
                .removeIf(name -> name.startsWith("LC_") || name.equals("LANG") || name.startsWith("COOKBOOK_"));
        pb.environment().putAll(caller);
        pb.redirectInput(Path.of("/dev/null").toFile())
                .redirectError(tmp.resolve("err").toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("err")));
        List<String> found = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("LC_") || line.startsWith("LANG=") || line.startsWith("COOKBOOK_")) {
                found.add(line);
            }
        }
        found.sort(null);
        return found;
    }

    /** The binary with stdin from {@code in} (or nothing), stdout and stderr to the files out and err. */
    private Process start(Path in, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Binary.PATH.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(tmp.toFile())
                .redirectOutput(tmp.resolve("out").toFile())
                .redirectError(tmp.resolve("err").toFile());
        pb.redirectInput(in == null ? Path.of("/dev/null").toFile() : in.toFile());
        return pb.start();
    }

    private Path zeros(String name) throws IOException {
        Path f = tmp.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(SIZE);
        }
        return f;
    }
}
