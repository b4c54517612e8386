package dev.cookbook.cli.proc;

import dev.cookbook.proc.run.RunException;
import dev.cookbook.proc.run.RunResult;
import dev.cookbook.proc.run.RunSpec;
import dev.cookbook.proc.run.Runner;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The child of a plain {@code cookbook run -- CMD [ARG...]}, started from the raw arguments on a
 * thread of its own as the process begins, while picocli builds and parses the command line on the
 * other core: that is ~40 ms of interpreted work on every call (the README's run section), which the
 * child would otherwise wait for, and which made a 1 GiB pass-through miss 0.9x {@code cat}.
 *
 * <p>Only that exact form gets one: {@code run}, {@code --}, then the command. Everything after
 * {@code --} is the command, so the parse can only give run's defaults and those words, and the
 * child starts as {@link RunCommand} would start it: the head start builds its {@link RunSpec} with
 * {@link RunCommand#runSpec}, installs the same signal handling, and starts it with {@link Runner}.
 * {@link RunCommand} then {@link #claim}s it, only if the spec its parsed options give is equal.
 *
 * <p>Failures are left for the run to meet again: a head start that could not start its child
 * ({@code run -- nosuch}) is dropped, and the run tries once more and reports it exactly as
 * without one. A started child is never run twice: one whose spec the run does not match (a bug) is
 * killed before the run starts its own, and one nobody claimed (the command line failed before
 * run's code ran) is killed as the process ends ({@link #discard}), so that nothing runs behind an
 * error.
 *
 * <p>Only {@link dev.cookbook.cli.Main} begins one, because the child inherits the process's own
 * descriptors; in-process runs (tests) never have one. Thread-safe: begun on one thread, it works on
 * its own and is claimed on another, after {@link Thread#join}.
 */
public final class RunHeadStart {
    private static final AtomicReference<RunHeadStart> PENDING = new AtomicReference<>();

    private final RunSpec spec;
    private final Thread thread;
    private RunSignals signals;
    private Runner.Running running;

    private RunHeadStart(RunSpec spec) {
        this.spec = spec;
        // Not a lambda: the first one a process makes costs ~7 ms (the JDK bootstraps its method
        // handles), on the main thread, before the child could start.
        Work work = new Work();
        this.thread = new Thread(work, "run-head-start");
        this.thread.setDaemon(true);
        this.thread.setUncaughtExceptionHandler(work);
    }

    private final class Work implements Runnable, Thread.UncaughtExceptionHandler {
        @Override
        public void run() {
            work();
        }

        /** What goes wrong here the run meets again and reports; stderr stays the run's. */
        @Override
        public void uncaughtException(Thread t, Throwable e) {}
    }

    /**
     * Starts the child of {@code args} if they are plainly {@code run -- CMD [ARG...]}, for a
     * {@code run} on the process's own descriptors; anything else gets no head start.
     */
    public static void begin(String[] args) {
        RunSpec spec = plainSpec(args, System.getenv(RunCommand.CALLER_LC_ALL));
        if (spec == null) {
            return;
        }
        RunHeadStart h = new RunHeadStart(spec);
        if (PENDING.compareAndSet(null, h)) {
            h.thread.start();
        }
    }

    /**
     * What {@code args} run on the process's descriptors if they are plainly {@code run -- CMD
     * [ARG...]}, with the launcher's {@code callersLocale}; else null.
     */
    static RunSpec plainSpec(String[] args, String callersLocale) {
        if (args.length < 3 || !args[0].equals("run") || !args[1].equals("--")) {
            return null;
        }
        RunCommand plain = new RunCommand();
        plain.command.addAll(Arrays.asList(args).subList(2, args.length));
        try {
            return plain.runSpec(plain.command, callersLocale, null);
        } catch (RuntimeException e) {
            return null; // the run meets it again and reports it
        }
    }

    private void work() {
        RunSignals s = RunSignals.install();
        try {
            Runner.Running r = Runner.start(spec);
            s.attach(r);
            running = r;
            signals = s;
        } catch (RunException | RuntimeException e) {
            s.close();
        }
    }

    /**
     * The head start whose child runs {@code wanted}, taken over by the caller, or null: there was
     * none, it started no child, or it started another (killed here: the caller runs its own).
     */
    static RunHeadStart claim(RunSpec wanted) throws InterruptedException {
        RunHeadStart h = PENDING.getAndSet(null);
        if (h == null) {
            return null;
        }
        h.thread.join();
        if (h.running == null) {
            return null;
        }
        if (!h.spec.equals(wanted)) {
            h.end();
            return null;
        }
        return h;
    }

    /** Waits for the claimed child as {@link Runner.Running#await} does, passing signals on until it ends. */
    RunResult await() throws InterruptedException {
        try (RunSignals s = signals) {
            return running.await();
        }
    }

    /** Kills the child of a head start nobody claimed, if there is one; for the process's end. */
    public static void discard() {
        RunHeadStart h = PENDING.getAndSet(null);
        if (h == null) {
            return;
        }
        try {
            h.thread.join();
            if (h.running != null) {
                h.end();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void end() throws InterruptedException {
        try (RunSignals s = signals) {
            running.kill();
        }
    }
}
