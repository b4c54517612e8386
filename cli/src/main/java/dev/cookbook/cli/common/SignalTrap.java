package dev.cookbook.cli.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Signals (SIGINT, SIGTERM, SIGHUP, ...) handled by a command for as long as it runs, instead of
 * the JVM's own handling (shutdown hooks, then exit 130 or 143): a server that stops cleanly and
 * exits 0, a {@code run} that passes the signal on to its child. {@link #close()} puts the
 * previous handlers back.
 *
 * <p>{@code sun.misc.Signal} (module jdk.unsupported) is the JDK's only way to handle a signal;
 * where one cannot be handled (the JVM runs with {@code -Xrs}), it keeps its default.
 */
public final class SignalTrap implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private SignalTrap() {}

    /**
     * Handles each signal of {@code names} ({@code "INT"}, {@code "TERM"}, ...) by calling
     * {@code handler} with its name, on the JVM's signal thread.
     */
    public static SignalTrap install(List<String> names, Consumer<String> handler) {
        SignalTrap trap = new SignalTrap();
        for (String name : names) {
            try {
                Signal signal = new Signal(name);
                SignalHandler old = Signal.handle(signal, new Handler(name, handler));
                trap.signals.add(signal);
                trap.previous.add(old);
            } catch (IllegalArgumentException e) {
                // Not available here (-Xrs, another platform): the JVM's default stays.
            }
        }
        return trap;
    }

    /**
     * Calls the command's handler with the signal's name. A class rather than a lambda: the first
     * lambdas a process links cost milliseconds, and {@code run} installs this before its child starts.
     */
    private record Handler(String name, Consumer<String> handler) implements SignalHandler {
        @Override
        public void handle(Signal sig) {
            handler.accept(name);
        }
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
