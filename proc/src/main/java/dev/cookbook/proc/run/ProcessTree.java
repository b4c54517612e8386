package dev.cookbook.proc.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Ends a process and every descendant: a polite signal to all, SIGKILL after a grace to whatever is
 * left. Java cannot make a process group, and the child shares ours (so that an interactive child
 * keeps its terminal: a child in a group of its own would be stopped by SIGTTIN when it reads it),
 * so the tree is found by parent links ({@link ProcessHandle#descendants()}). Every process seen is
 * remembered, so that one whose parent died (and which init adopted) is still signalled; the tree
 * is looked at again until nothing of it is alive, because a process can fork while we work.
 * Before SIGKILL the tree is stopped with SIGSTOP, looked at until no new process appears, so that
 * no process can fork a child that escapes between the last look and the kill.
 *
 * <p>What escapes: a process that left the tree (double fork) between two looks during the grace.
 * {@link ProcessHandle} remembers each process's start time, so a reused pid is never signalled
 * through it; {@code kill(1)}, used for the signals Java cannot send (INT, HUP, STOP), is called
 * only for processes seen alive a moment before.
 */
final class ProcessTree {
    private static final long POLL_MILLIS = 20;
    private static final String KILL = Files.isExecutable(Path.of("/bin/kill")) ? "/bin/kill" : "kill";

    private final Set<ProcessHandle> known = new LinkedHashSet<>();

    private ProcessTree(ProcessHandle root) {
        known.add(root);
    }

    /** Ends {@code root} and its descendants: {@code signal}, then SIGKILL after {@code grace}. */
    static void kill(ProcessHandle root, Signal signal, Duration grace) throws InterruptedException {
        ProcessTree tree = new ProcessTree(root);
        if (signal != Signal.KILL) {
            tree.polite(signal, grace);
        }
        tree.forceful();
    }

    /** Sends {@code signal} to one process (not its descendants). */
    static void signal(ProcessHandle p, Signal signal) {
        switch (signal) {
            case TERM -> p.destroy();
            case KILL -> p.destroyForcibly();
            default -> send(signal.name(), List.of(p));
        }
    }

    private void polite(Signal signal, Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        Set<ProcessHandle> signalled = new LinkedHashSet<>();
        while (true) {
            List<ProcessHandle> fresh = new ArrayList<>();
            for (ProcessHandle p : look()) {
                if (signalled.add(p)) {
                    fresh.add(p);
                }
            }
            if (signal == Signal.TERM) {
                fresh.forEach(ProcessHandle::destroy);
            } else {
                send(signal.name(), fresh);
            }
            if (alive().isEmpty() || System.nanoTime() - deadline >= 0) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(Math.min(POLL_MILLIS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    private void forceful() throws InterruptedException {
        // Stop everything first, until a look finds no process it had not stopped: a stopped
        // process cannot fork, so the SIGKILL that follows reaches the whole tree.
        Set<ProcessHandle> stopped = new LinkedHashSet<>();
        for (int round = 0; round < 50; round++) {
            List<ProcessHandle> fresh = new ArrayList<>();
            for (ProcessHandle p : look()) {
                if (stopped.add(p)) {
                    fresh.add(p);
                }
            }
            if (fresh.isEmpty()) {
                break;
            }
            send("STOP", fresh);
        }
        for (int round = 0; round < 500; round++) {
            List<ProcessHandle> alive = look();
            if (alive.isEmpty()) {
                return;
            }
            alive.forEach(ProcessHandle::destroyForcibly);
            TimeUnit.MILLISECONDS.sleep(round < 10 ? 1 : POLL_MILLIS);
        }
    }

    /** Every known process still alive, after adding the current descendants of each. */
    private List<ProcessHandle> look() {
        for (ProcessHandle p : List.copyOf(known)) {
            if (running(p)) {
                p.descendants().forEach(known::add);
            }
        }
        return alive();
    }

    private List<ProcessHandle> alive() {
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle p : known) {
            if (running(p)) {
                alive.add(p);
            }
        }
        return alive;
    }

    /**
     * Alive and not a zombie. Java counts a zombie as alive, and a zombie stays until its parent
     * reaps it: an orphan's new parent may never do so (a container's pid 1 that is no init).
     */
    static boolean running(ProcessHandle p) {
        if (!p.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException | RuntimeException e) {
            return p.isAlive(); // no /proc (not Linux) or the process just went
        }
    }

    /** {@code kill -s NAME PID...}: for the signals {@link ProcessHandle} cannot send. */
    private static void send(String name, List<ProcessHandle> processes) {
        if (processes.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(KILL, "-s", name));
        for (ProcessHandle p : processes) {
            command.add(Long.toString(p.pid()));
        }
        try {
            Process kill = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            // some pids may be gone by now: kill then exits 1, which is fine
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            // no kill(1): the SIGKILL that follows the grace still ends the tree
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
