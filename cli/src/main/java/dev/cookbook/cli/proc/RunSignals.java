package dev.cookbook.cli.proc;

import dev.cookbook.cli.common.SignalTrap;
import dev.cookbook.proc.run.Runner;
import dev.cookbook.proc.run.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * SIGINT, SIGTERM and SIGHUP sent to cookbook, passed on to the running child, as if it had been
 * sent to the child: the JVM's own handling (shutdown hooks, exit 130 or 143) would leave the child
 * running unaware. {@code run} then waits for the child and exits as it did. {@link #close()} puts
 * the previous handlers back. Where a signal cannot be handled ({@code -Xrs}) it keeps its default.
 *
 * <p>Ctrl-C at a terminal reaches the child by itself (it shares our process group) and once more
 * through us; most programs treat a second SIGINT as the first.
 */
final class RunSignals implements AutoCloseable, Consumer<String> {
    private final List<Signal> pending = new ArrayList<>();
    private Runner.Running child;
    private SignalTrap trap;

    private RunSignals() {}

    /**
     * Handles the signals from now on; one that comes before {@link #attach} reaches the child as
     * soon as it is started (installed first so that none falls between the start and the handlers).
     */
    static RunSignals install() {
        RunSignals s = new RunSignals();
        s.trap = SignalTrap.install(List.of("INT", "TERM", "HUP"), s);
        return s;
    }

    /** The started child: signals go to it from now on, and those that came before go now. */
    synchronized void attach(Runner.Running started) {
        this.child = started;
        for (Signal signal : pending) {
            started.signal(signal);
        }
        pending.clear();
    }

    /**
     * Passes the signal {@code name} on, on the JVM's signal thread. No lambdas here: the first ones
     * a process links cost milliseconds, before the child could start.
     */
    @Override
    public synchronized void accept(String name) {
        Signal signal = Signal.valueOf(name);
        if (child == null) {
            pending.add(signal);
        } else {
            child.signal(signal);
        }
    }

    @Override
    public void close() {
        trap.close();
    }
}
