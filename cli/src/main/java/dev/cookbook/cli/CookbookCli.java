package dev.cookbook.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds the configured {@link CommandLine}: the one place where output streams, error handling,
 * exit codes and logging are wired. {@link Main} and every test go through {@link #create}.
 */
public final class CookbookCli {
    private CookbookCli() {}

    /** The command tree on {@code stdio}, ready to {@link CommandLine#execute}. */
    public static CommandLine create(Stdio stdio) {
        CommandLine cl = new CommandLine(new CookbookCommand(stdio));
        cl.setOut(new PrintWriter(new OutputStreamWriter(stdio.out(), StandardCharsets.UTF_8), false));
        cl.setErr(new PrintWriter(new OutputStreamWriter(stdio.err(), StandardCharsets.UTF_8), true));
        ErrorHandler errors = new ErrorHandler();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionStrategy(LoggingMixin::executionStrategy);
        cl.setUsageHelpAutoWidth(true);
        configureTree(cl, true);
        return cl;
    }

    /** What every command shares: the exit-code table in its help, and {@code --version}. */
    private static void configureTree(CommandLine cl, boolean root) {
        CommandSpec spec = cl.getCommandSpec();
        boolean run = root || spec.name().equals("run");
        spec.usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(ExitCodes.helpTable(run));
        if (spec.versionProvider() == null) {
            spec.versionProvider(new VersionProvider());
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            configureTree(sub, false);
        }
    }

    /**
     * Runs {@code args} and flushes stdout; returns the exit status. A closed stdout found while
     * flushing is reported as {@link ExitCodes#CLOSED_PIPE}, like one found while running.
     */
    public static int run(Stdio stdio, String... args) {
        CommandLine cl = create(stdio);
        int status = cl.execute(args);
        try {
            cl.getOut().flush();
        } catch (RuntimeException e) {
            // A command that failed has reported already; stdout failing again is the same failure.
            return status == ExitCodes.OK ? ErrorHandler.report(e, cl) : status;
        }
        return status;
    }
}
