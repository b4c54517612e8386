package dev.cookbook.proc.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunnerTest {
    @TempDir
    Path tmp;

    private static RunSpec.Builder sh(String script) {
        return RunSpec.builder(List.of("/bin/sh", "-c", script));
    }

    private static String out(RunResult r) {
        return new String(r.stdout().bytes(), StandardCharsets.UTF_8);
    }

    /** The JDK words a failed start differently in Java 17 and Java 25; both mean the same. */
    @Test
    void startFailuresReadInEveryJdksWording() {
        String[][] cases = {
            {"Cannot run program \"nope\": error=2, No such file or directory", "NOT_FOUND", "'nope': command not found"
            },
            {
                "Cannot run program \"nope\": error: 2 (no such file or directory)",
                "NOT_FOUND",
                "'nope': command not found"
            },
            {"Cannot run program \"d\": error=20, Not a directory", "NOT_FOUND", "'nope': command not found"},
            {
                "Cannot run program \"x\": error=13, Permission denied",
                "NOT_EXECUTABLE",
                "'nope': cannot execute: permission denied"
            },
            {
                "Cannot run program \"x\": error: 13 (permission denied)",
                "NOT_EXECUTABLE",
                "'nope': cannot execute: permission denied"
            },
            {
                "Cannot run program \"x\": error: 8 (exec format error)",
                "NOT_EXECUTABLE",
                "'nope': cannot execute: not an executable format"
            },
            {
                "Cannot run program \"x\": error=7, Argument list too long",
                "NOT_EXECUTABLE",
                "'nope': cannot execute: argument list too long"
            },
            {
                "Cannot run program \"x\": error: 7 (argument list too long)",
                "NOT_EXECUTABLE",
                "'nope': cannot execute: argument list too long"
            },
        };
        for (String[] c : cases) {
            RunException e = Runner.notStarted("'nope'", c[0], new IOException(c[0]));
            assertEquals(c[1], e.kind().name(), c[0]);
            assertEquals(c[2], e.getMessage(), c[0]);
        }
    }

    @Test
    void exitStatusIsTheChilds() throws Exception {
        RunResult r =
                Runner.run(sh("echo hi; echo oops >&2; exit 3").capture(1024).build());
        assertEquals(3, r.exitCode());
        assertNull(r.signal());
        assertFalse(r.timedOut());
        assertEquals("hi\n", out(r));
        assertEquals("oops\n", new String(r.stderr().bytes(), StandardCharsets.UTF_8));
        assertEquals(List.of("/bin/sh", "-c", "echo hi; echo oops >&2; exit 3"), r.argv());
    }

    @Test
    void aChildKilledBySignalNReports128PlusN() throws Exception {
        RunResult r = Runner.run(sh("kill -KILL $$").capture(1024).build());
        assertEquals(137, r.exitCode());
        assertEquals(9, r.signal());
    }

    @Test
    void notFoundAndNotExecutable() throws IOException {
        RunException nf = assertThrows(
                RunException.class,
                () -> Runner.start(
                        RunSpec.builder(List.of("no-such-command-xyz")).build()));
        assertEquals(RunException.Kind.NOT_FOUND, nf.kind());
        assertEquals("'no-such-command-xyz': command not found", nf.getMessage());
        Path script = Files.writeString(tmp.resolve("script"), "#!/bin/sh\necho hi\n");
        RunException ne = assertThrows(
                RunException.class,
                () -> Runner.start(RunSpec.builder(List.of(script.toString())).build()));
        assertEquals(RunException.Kind.NOT_EXECUTABLE, ne.kind());
        assertEquals("'" + script + "': cannot execute: permission denied", ne.getMessage());
        RunException empty = assertThrows(
                RunException.class,
                () -> Runner.start(RunSpec.builder(List.of("")).build()));
        assertEquals(RunException.Kind.NOT_FOUND, empty.kind());
        assertEquals("'': command not found", empty.getMessage());
        RunException dir = assertThrows(
                RunException.class,
                () -> Runner.start(sh("true").cwd(tmp.resolve("missing")).build()));
        assertEquals(RunException.Kind.IO, dir.kind());
    }

    @Test
    void cwdEnvClearEnvInputAndMerge() throws Exception {
        Files.writeString(tmp.resolve("in.txt"), "from a file\n");
        RunResult r = Runner.run(sh("pwd; echo \"$FOO/${HOME:-nohome}\"; cat; echo err >&2")
                .cwd(tmp)
                .env("FOO", "bar")
                .clearEnv(true)
                .input(tmp.resolve("in.txt"))
                .mergeStderr(true)
                .capture(1024)
                .build());
        assertEquals(tmp.toRealPath() + "\nbar/nohome\nfrom a file\nerr\n", out(r));
        assertEquals(0, r.stderr().total());
        RunResult fed = Runner.run(RunSpec.builder(List.of("cat"))
                .input(new ByteArrayInputStream("fed\n".getBytes(StandardCharsets.UTF_8)))
                .capture(1024)
                .build());
        assertEquals("fed\n", out(fed));
    }

    /** An inherited variable removed; the later of unsetEnv and env wins. */
    @Test
    void unsetEnvRemovesAnInheritedVariable() throws Exception {
        assertTrue(System.getenv().containsKey("PATH"));
        RunResult r = Runner.run(RunSpec.builder(List.of("/usr/bin/env"))
                .unsetEnv("PATH")
                .env("B", "b")
                .unsetEnv("B")
                .capture(1 << 20)
                .build());
        assertFalse(("\n" + out(r)).contains("\nPATH="), out(r));
        assertFalse(("\n" + out(r)).contains("\nB="), out(r));
        RunResult again = Runner.run(RunSpec.builder(List.of("/usr/bin/env"))
                .unsetEnv("B")
                .env("B", "b")
                .capture(1 << 20)
                .build());
        assertTrue(("\n" + out(again)).contains("\nB=b\n"), out(again));
        assertTrue(("\n" + out(again)).contains("\nPATH="), out(again));
    }

    @Test
    void forwardCopiesAsItComes() throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        RunResult r =
                Runner.run(sh("echo out; echo err >&2; exit 4").forward(o, e).build());
        assertEquals(4, r.exitCode());
        assertNull(r.stdout());
        assertEquals("out\n", o.toString(StandardCharsets.UTF_8));
        assertEquals("err\n", e.toString(StandardCharsets.UTF_8));
    }

    /** 100 MB in, 100 MB out and 100 MB err at once: nothing waits on a full pipe. */
    @Test
    void hundredMegabytesEachWayDoNotDeadlock() throws Exception {
        long size = 100_000_000L;
        RunResult r = Runner.run(sh("head -c " + size + " /dev/zero >&2 & cat; wait")
                .input(zeros(size))
                .capture(1 << 20)
                .build());
        assertEquals(0, r.exitCode());
        assertEquals(1 << 20, r.stdout().bytes().length);
        assertEquals(size - (1 << 20), r.stdout().dropped());
        assertEquals(1 << 20, r.stderr().bytes().length);
        assertEquals(size - (1 << 20), r.stderr().dropped());
        assertTrue(r.stdout().complete() && r.stderr().complete());
    }

    @Test
    void timeoutKillsTheWholeTree() throws Exception {
        Path pids = tmp.resolve("pids");
        // the shell, a background sleep, and a deeper shell with two sleeps of its own
        String script = "echo $$ >> " + pids + "; sleep 100 & echo $! >> " + pids
                + "; sh -c 'echo $$ >> " + pids + "; sleep 100 & echo $! >> " + pids + "; sleep 100' & "
                + "sleep 100";
        Runner.Running running = Runner.start(
                sh(script).timeout(Duration.ofSeconds(1)).capture(1024).build());
        List<Long> tree = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (tree.size() < 6 && System.nanoTime() < until) { // the two foreground sleeps are not in the file
            Thread.sleep(50);
            tree.clear();
            ProcessHandle.of(running.pid()).ifPresent(p -> p.descendants().forEach(d -> tree.add(d.pid())));
        }
        RunResult r = running.await();
        assertTrue(r.timedOut());
        assertEquals(143, r.exitCode());
        for (String line : Files.readAllLines(pids)) {
            tree.add(Long.parseLong(line.strip()));
        }
        assertTrue(tree.size() >= 6, "pids: " + tree);
        for (long pid : tree) {
            assertGone(pid);
        }
    }

    /** Specs are equal when they would run alike; streams count by identity. */
    @Test
    void specsCompareByWhatTheyRun() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RunSpec a = sh("x").env("A", "1").unsetEnv("B").forward(out, err).build();
        RunSpec b = sh("x").env("A", "1").unsetEnv("B").forward(out, err).build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.toString(), b.toString());
        assertFalse(a.equals(sh("x").env("A", "1")
                .unsetEnv("B")
                .forward(new ByteArrayOutputStream(), err)
                .build()));
        assertFalse(
                a.equals(sh("x").env("A", "2").unsetEnv("B").forward(out, err).build()));
        assertFalse(a.equals(sh("x").env("A", "1").forward(out, err).build()));
        assertFalse(a.equals(sh("x").env("A", "1")
                .unsetEnv("B")
                .forward(out, err)
                .killAfter(Duration.ZERO)
                .build()));
        assertFalse(sh("x").build().equals(sh("y").build()));
        assertFalse(
                sh("x").build().equals(sh("x").timeout(Duration.ofSeconds(1)).build()));
        assertFalse(sh("x").build().equals(sh("x").capture(10).build()));
    }

    @Test
    void killAfterWhenTheChildIgnoresTheSignal() throws Exception {
        Path pids = tmp.resolve("pids");
        long t0 = System.nanoTime();
        RunResult r = Runner.run(sh("trap '' TERM; sleep 100 & echo $! > " + pids + "; wait")
                .timeout(Duration.ofMillis(300))
                .killAfter(Duration.ofSeconds(1))
                .capture(1024)
                .build());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(r.timedOut());
        assertEquals(137, r.exitCode());
        assertTrue(ms >= 1300 && ms < 20_000, ms + " ms");
        assertGone(Long.parseLong(Files.readString(pids).strip()));
    }

    @Test
    void signalIntOnTimeout() throws Exception {
        RunResult r = Runner.run(sh("trap 'echo got INT; exit 5' INT; sleep 100 & wait")
                .timeout(Duration.ofMillis(500))
                .signal(Signal.INT)
                .killAfter(Duration.ofSeconds(2))
                .capture(1024)
                .build());
        assertTrue(r.timedOut());
        assertEquals(5, r.exitCode());
        assertEquals("got INT\n", out(r));
    }

    /** Python's trap: a grandchild holds the pipe after the child exits; the run does not wait for it. */
    @Test
    void aGrandchildHoldingThePipeDoesNotHoldTheRun() throws Exception {
        long t0 = System.nanoTime();
        RunResult r = Runner.run(sh("echo before; sleep 30 &").capture(1024).build());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 10_000, ms + " ms");
        assertEquals(0, r.exitCode());
        assertEquals("before\n", out(r));
        // complete() may be either: when the child exits, the JDK itself drains what is buffered
        // and closes its end of the pipe (ProcessPipeInputStream.processExited), which the reader
        // sees as the end unless it was already blocked in read() and waits out the grace.
    }

    @Test
    void forwardedSignalReachesTheChild() throws Exception {
        Runner.Running running = Runner.start(sh("trap 'echo got TERM; exit 3' TERM; echo ready; sleep 30 & wait")
                .capture(1024)
                .build());
        Thread.sleep(500);
        running.signal(Signal.TERM);
        RunResult r = running.await();
        assertEquals(3, r.exitCode());
        assertEquals("ready\ngot TERM\n", out(r));
    }

    @Test
    void invalidUtf8StaysBytes() throws Exception {
        RunResult r = Runner.run(sh("printf '\\377\\376ok'").capture(1024).build());
        assertArrayEquals(
                new byte[] {(byte) 0xff, (byte) 0xfe, 'o', 'k'}, r.stdout().bytes());
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

    private static InputStream zeros(long size) {
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }
}
