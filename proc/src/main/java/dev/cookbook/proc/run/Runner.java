package dev.cookbook.proc.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a {@link RunSpec}: the program directly (no shell), with a time limit that ends the whole
 * process tree, and, when output is captured or forwarded, every pipe drained on its own thread
 * while standard input is fed on another, so that no size of input or output can deadlock.
 *
 * <p>A descendant that keeps a pipe open after the child is gone (Python's known trap:
 * {@code sh -c 'sleep 30 &'}) does not hold the run: once the child has ended, output is read for
 * {@link RunSpec#pipeGrace()} more, then the result is returned with what was read, marked
 * incomplete. The reading thread is a daemon left to finish when the pipe closes.
 *
 * <pre>{@code
 * RunResult r = Runner.run(RunSpec.builder(List.of("ls", "-l")).capture(1 << 20).build());
 * }</pre>
 *
 * <p>Thread-safe: each run is independent.
 */
public final class Runner {
    private static final int ENOENT = 2;
    private static final int ENOTDIR = 20;

    private Runner() {}

    /** Runs {@code spec} and waits for the child to end. */
    public static RunResult run(RunSpec spec) throws RunException, InterruptedException {
        return start(spec).await();
    }

    /**
     * Starts {@code spec}'s child and returns at once.
     *
     * @throws RunException when the program is not found or not executable, or the working folder
     *     or the input file cannot be used
     */
    public static Running start(RunSpec spec) throws RunException {
        if (spec.cwd() != null && !Files.isDirectory(spec.cwd())) {
            throw new RunException(RunException.Kind.IO, "'" + spec.cwd() + "': no such folder");
        }
        if (spec.inputFile() != null && (!Files.isReadable(spec.inputFile()) || Files.isDirectory(spec.inputFile()))) {
            throw new RunException(
                    RunException.Kind.IO,
                    "'" + spec.inputFile() + "': "
                            + (Files.exists(spec.inputFile()) ? "cannot read it" : "no such file"));
        }
        ProcessBuilder pb = new ProcessBuilder(spec.argv());
        if (spec.cwd() != null) {
            pb.directory(spec.cwd().toFile());
        }
        // Only a changed environment is copied (environment() copies it): an unchanged one the child
        // inherits as it is.
        if (spec.clearEnv()) {
            pb.environment().clear();
        }
        if (!spec.unsetEnv().isEmpty()) {
            pb.environment().keySet().removeAll(spec.unsetEnv());
        }
        if (!spec.env().isEmpty()) {
            pb.environment().putAll(spec.env());
        }
        if (spec.inputFile() != null) {
            pb.redirectInput(spec.inputFile().toFile());
        } else if (spec.inputStream() == null) {
            pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        }
        boolean piped = spec.captures() || spec.forwardOut() != null;
        if (!piped) {
            pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        pb.redirectErrorStream(spec.mergeStderr());
        long started = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw notStarted(spec, e);
        }
        return new Running(spec, p, started);
    }

    private static RunException notStarted(RunSpec spec, IOException e) {
        String program = "'" + spec.argv().get(0) + "'";
        return notStarted(program, String.valueOf(e.getMessage()), e);
    }

    /** What a failed start means, from the JDK's message: not found (127) or not executable (126). */
    static RunException notStarted(String program, String message, IOException cause) {
        // The errno in the JDK's message: "error=2, No such file or directory" up to Java 21,
        // "error: 2 (no such file or directory)" in Java 25. Compiled here, on the failure's path: as
        // a static field it cost every run before its child could start (the regex engine's first
        // use spins method handles): `run -- true` 1-5 ms slower in three interleaved runs of 31-41.
        Matcher m =
                Pattern.compile("error(?:=|: )(\\d+)(?:, (.*)| \\((.*)\\))?").matcher(message);
        boolean known = m.find();
        int errno = known ? Integer.parseInt(m.group(1)) : 0;
        if (errno == ENOENT || errno == ENOTDIR) {
            return new RunException(RunException.Kind.NOT_FOUND, program + ": command not found", cause);
        }
        String why = errno == 13
                ? "permission denied"
                : errno == 8
                        ? "not an executable format"
                        : known && (m.group(2) != null || m.group(3) != null)
                                ? (m.group(2) != null ? m.group(2) : m.group(3)).toLowerCase(java.util.Locale.ROOT)
                                : message;
        return new RunException(RunException.Kind.NOT_EXECUTABLE, program + ": cannot execute: " + why, cause);
    }

    /** A started child: forward signals to it, then {@link #await()} its end. */
    public static final class Running {
        private final RunSpec spec;
        private final Process process;
        private final long started;
        private final Pump out;
        private final Pump err;

        private Running(RunSpec spec, Process p, long started) {
            this.spec = spec;
            this.process = p;
            this.started = started;
            if (spec.inputStream() != null) {
                daemon("run-stdin", () -> feed(spec.inputStream(), p.getOutputStream()));
            }
            if (spec.captures() || spec.forwardOut() != null) {
                out = new Pump(p.getInputStream(), spec.maxCapture(), spec.forwardOut());
                daemon("run-stdout", out);
                if (spec.mergeStderr()) {
                    err = null;
                } else {
                    err = new Pump(p.getErrorStream(), spec.maxCapture(), spec.forwardErr());
                    daemon("run-stderr", err);
                }
            } else {
                out = null;
                err = null;
            }
        }

        /** The child's process id. */
        public long pid() {
            return process.pid();
        }

        /** Sends {@code signal} to the child only, as {@code kill} would: to pass one on. */
        public void signal(Signal signal) {
            if (process.isAlive()) {
                ProcessTree.signal(process.toHandle(), signal);
            }
        }

        /**
         * Waits for the child to end, ending its whole tree when the time limit passes; then
         * collects its output (for at most the pipe grace after the child is gone).
         */
        public RunResult await() throws InterruptedException {
            boolean timedOut = false;
            if (spec.timeout() != null) {
                long limit = spec.timeout().toNanos() - (System.nanoTime() - started);
                if (!process.waitFor(Math.max(0, limit), TimeUnit.NANOSECONDS)) {
                    timedOut = true;
                    ProcessTree.kill(process.toHandle(), spec.signal(), spec.killAfter());
                }
            }
            int exit = process.waitFor();
            Duration duration = Duration.ofNanos(System.nanoTime() - started);
            long deadline = System.nanoTime() + spec.pipeGrace().toNanos();
            RunResult.Captured stdout = out == null ? null : out.finish(deadline);
            RunResult.Captured stderr = err == null ? null : err.finish(deadline);
            if (spec.captures() && stderr == null) {
                stderr = new RunResult.Captured(new byte[0], 0, true);
            }
            Integer signal = exit > 128 && exit <= 128 + 64 ? exit - 128 : null;
            return new RunResult(
                    spec.argv(),
                    exit,
                    signal,
                    timedOut,
                    duration,
                    spec.captures() ? stdout : null,
                    spec.captures() ? stderr : null);
        }
    }

    private static void feed(InputStream in, OutputStream stdin) {
        try (stdin) {
            in.transferTo(stdin);
        } catch (IOException e) {
            // The child closed its standard input (or died): what it did not read is not wanted.
        }
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    /** Reads one output pipe to its end: keeps the first bytes or copies them on, counts the rest. */
    private static final class Pump implements Runnable {
        private final InputStream in;
        private final long max;
        private final OutputStream forward;
        private final Object lock = new Object();
        private byte[] kept = new byte[0];
        private int size;
        private long dropped;
        private boolean done;

        Pump(InputStream in, long max, OutputStream forward) {
            this.in = in;
            this.max = max;
            this.forward = forward;
        }

        @Override
        public void run() {
            byte[] buf = new byte[64 * 1024];
            OutputStream to = forward;
            try (in) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (to != null) {
                        try {
                            to.write(buf, 0, n);
                            to.flush();
                        } catch (IOException e) {
                            // Where the output went is closed: close the pipe too, so the child
                            // sees a closed pipe as it would writing there directly.
                            return;
                        }
                    } else {
                        keep(buf, n);
                    }
                }
            } catch (IOException e) {
                // the pipe was closed under us: what was read is what there is
            } finally {
                synchronized (lock) {
                    done = true;
                    lock.notifyAll();
                }
            }
        }

        private void keep(byte[] buf, int n) {
            synchronized (lock) {
                int room = (int) Math.max(0, Math.min(n, max - size));
                if (room > 0) {
                    if (size + room > kept.length) {
                        long grown = Math.max((long) size + room, Math.min(max, Math.max(8192L, kept.length * 2L)));
                        kept = java.util.Arrays.copyOf(kept, (int) Math.min(grown, Integer.MAX_VALUE - 8));
                    }
                    System.arraycopy(buf, 0, kept, size, room);
                    size += room;
                }
                dropped += n - room;
            }
        }

        /** What was read by {@code deadline} (a {@link System#nanoTime()}), and whether that was all. */
        RunResult.Captured finish(long deadline) throws InterruptedException {
            synchronized (lock) {
                while (!done) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
                return new RunResult.Captured(java.util.Arrays.copyOf(kept, size), dropped, done);
            }
        }
    }
}
