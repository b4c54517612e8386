package dev.cookbook.cli.echo;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM as a request to stop, for a command that runs until it is told to end. The
 * JVM's own handling of them runs the shutdown hooks and exits with 130 or 143; a server that
 * stops cleanly on Ctrl-C or {@code kill} should exit 0 after its summary, so these handlers only
 * call {@code stop} (on the JVM's signal thread) and let the command return. {@link #close()}
 * puts the previous handlers back.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the JDK's only way to handle a signal;
 * where a signal cannot be handled (the JVM runs with {@code -Xrs}), it keeps its default.
 */
final class StopSignals implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals() {}

    /** Handles SIGINT and SIGTERM by running {@code stop} on another thread than the caller's. */
    static StopSignals install(Runnable stop) {
        StopSignals s = new StopSignals();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                SignalHandler old = Signal.handle(signal, sig -> stop.run());
                s.signals.add(signal);
                s.previous.add(old);
            } catch (IllegalArgumentException e) {
                // Not available here (-Xrs, another platform): the JVM's default stays.
            }
        }
        return s;
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException e) {
                // Leave it as it is.
            }
        }
    }
}
