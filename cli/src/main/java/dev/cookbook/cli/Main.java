package dev.cookbook.cli;

import dev.cookbook.cli.launch.ClassDataArchive;
import dev.cookbook.cli.launch.Training;
import dev.cookbook.cli.proc.PlainRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The {@code cookbook} executable's entry point: the only place that ends the process ({@link #end}). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (System.getenv(ClassDataArchive.TRAINING) != null) {
            picocliSwitches(); // so that the archive the training makes holds what a call loads
            Training.run(System.getenv(ClassDataArchive.TRAINING));
            end(ExitCodes.OK);
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V")) && printVersion()) {
            end(ExitCodes.OK);
        }
        // 'run -- CMD': no command line to build. Only run's calls load the class: another family's
        // archive does not hold it, and a class from outside the archive opens the jar (~20 ms).
        Integer ran = args.length > 0 && args[0].equals("run") ? PlainRun.run(args) : null;
        if (ran != null) {
            end(ran);
        }
        picocliSwitches();
        Stdio stdio = Stdio.system();
        ran = PlainCalls.run(stdio, args);
        end(ran != null ? ran : CookbookCli.run(stdio, args));
    }

    /**
     * picocli's start-up switches: no looking for Groovy closures (cookbook has none), and no
     * converters for java.sql and java.time types, which it registers by reflection on every start
     * (cookbook's durations have their own converter). See the README's start-up section.
     */
    private static void picocliSwitches() {
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("picocli.converters.excludes", "java\\.(sql|time)\\..*");
    }

    /**
     * Ends the process once the command is done: its output is flushed, and the shutdown hooks a
     * command sets around work it may have to undo (if stopped by a signal) are removed by then. So
     * it halts rather than exits: since Java 21 {@code System.exit} first looks up a System.Logger
     * to log the exit, which initializes java.util.logging and scans the jar for logger services,
     * ~15-25 ms of every call on Java 25 (see the README's start-up section).
     *
     * <p>Unless a signal is stopping the JVM already: the command may have failed only because a
     * hook undid its work (a killed {@code csv write --append} finds its file rolled back). Then
     * the JVM ends as the signal says (143 for SIGTERM) once its hooks are done; halting here
     * would report the command's failure instead, and could cut a hook short.
     */
    static void end(int status) {
        ClassDataArchive.afterRun();
        System.out.flush();
        System.err.flush();
        if (shuttingDown()) { // checked last: a signal after this races nothing but the halt itself
            awaitShutdown();
        }
        Runtime.getRuntime().halt(status);
    }

    /** Whether the JVM is running its shutdown hooks: it then refuses any change to them. */
    static boolean shuttingDown() {
        try {
            Runtime.getRuntime().removeShutdownHook(new Thread());
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Waits for the shutdown under way to end the process. */
    private static void awaitShutdown() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // only the halt ends this thread
            }
        }
    }

    /**
     * A plain {@code cookbook --version} without building a command: it is what scripts and
     * version checks call most. False when stdout failed, for the full path to report that as
     * every command does.
     */
    private static boolean printVersion() {
        Stdio stdio = Stdio.system();
        try {
            stdio.out().write((String.join("\n", VersionProvider.lines()) + "\n").getBytes(StandardCharsets.UTF_8));
            stdio.out().flush();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
