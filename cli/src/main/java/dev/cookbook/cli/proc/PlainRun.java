package dev.cookbook.cli.proc;

import dev.cookbook.proc.run.RunException;
import dev.cookbook.proc.run.RunResult;
import dev.cookbook.proc.run.RunSpec;
import dev.cookbook.proc.run.Runner;
import java.util.Arrays;

/**
 * A plain {@code cookbook run -- CMD [ARG...]}, run without building the command line: building
 * and parsing it is ~40 ms of interpreted picocli work on every call (the README's run section),
 * spent before the command could start and competing with it for the CPU while it runs, and for
 * this form it decides nothing. Everything after {@code --} is the command, so the parse could only
 * give run's defaults and those words; and with those, cookbook itself prints nothing and exits as
 * the command did.
 *
 * <p>It runs the command as {@link RunCommand} would, with its code: the spec from
 * {@link RunCommand#runSpec}, the same signal handling ({@link RunSignals}), {@link Runner}, and
 * {@link RunCommand}'s exit status. A command that cannot be started ({@code run -- nosuch}) is
 * left to the full path, which meets the failure again and reports it as every command reports
 * errors. Anything before {@code --} (an option of run's, a logging option before {@code run})
 * takes the full path.
 *
 * <p>Only {@link dev.cookbook.cli.Main} calls it, because the command inherits the process's own
 * descriptors; in-process runs (tests) take the full path.
 */
public final class PlainRun {
    private PlainRun() {}

    /**
     * Runs {@code args} if they are plainly {@code run -- CMD [ARG...]}, and returns the status
     * cookbook exits with; null when they are not, or when the command could not be started.
     */
    public static Integer run(String[] args) {
        RunCommand plain = plain(args);
        if (plain == null) {
            return null;
        }
        RunSignals signals = RunSignals.install(); // before the start, so that no signal falls between
        Runner.Running running;
        try {
            running = Runner.start(plain.runSpec(plain.command, System.getenv(RunCommand.CALLER_LC_ALL), null));
        } catch (RunException | RuntimeException e) {
            signals.close();
            return null;
        }
        try (signals) {
            signals.attach(running);
            return plain.exitCode(awaitUninterruptibly(running));
        }
    }

    /**
     * What {@code args} run, if they are plainly {@code run -- CMD [ARG...]}, with the launcher's
     * {@code callersLocale}; else null. For tests: the full path gives the same spec.
     */
    static RunSpec plainSpec(String[] args, String callersLocale) {
        RunCommand plain = plain(args);
        return plain == null ? null : plain.runSpec(plain.command, callersLocale, null);
    }

    /** Whether {@code args} are plainly {@code run -- CMD [ARG...]}, the form this class runs. */
    public static boolean isPlain(String[] args) {
        return args.length >= 3 && args[0].equals("run") && args[1].equals("--");
    }

    /** The run command the plain {@code args} make, with run's defaults; null when they are not plain. */
    private static RunCommand plain(String[] args) {
        if (!isPlain(args)) {
            return null;
        }
        RunCommand plain = new RunCommand();
        plain.command.addAll(Arrays.asList(args).subList(2, args.length));
        return plain;
    }

    /** Nothing interrupts the main thread; were it to be, the command would still be waited for. */
    private static RunResult awaitUninterruptibly(Runner.Running running) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return running.await();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
