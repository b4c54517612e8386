package dev.cookbook.cli;

import dev.cookbook.cli.launch.ClassDataArchive;
import dev.cookbook.cli.launch.Training;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The {@code cookbook} executable's entry point: the only place that calls {@link System#exit}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (System.getenv(ClassDataArchive.TRAINING) != null) {
            Training.run();
            System.exit(ExitCodes.OK);
        }
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V")) && printVersion()) {
            ClassDataArchive.afterRun();
            System.exit(ExitCodes.OK);
        }
        // picocli's start-up switches: no looking for Groovy closures (cookbook has none), and no
        // converters for java.sql and java.time types, which it registers by reflection on every
        // start (cookbook's durations have their own converter). See the README's start-up section.
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("picocli.converters.excludes", "java\\.(sql|time)\\..*");
        int status = CookbookCli.run(Stdio.system(), args);
        ClassDataArchive.afterRun();
        System.exit(status);
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
