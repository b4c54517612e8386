package dev.cookbook.cli;

import dev.cookbook.cli.checksum.ChecksumCommand;
import dev.cookbook.cli.csv.CsvReadCommand;
import dev.cookbook.cli.proc.QuoteCommand;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The calls that run without their command line built ({@link PlainCommand}): the forms scripts make
 * in loops, {@code checksum [-a ALGO] FILE...} ({@link ChecksumCommand#plain}), {@code csv read FILE}
 * ({@link CsvReadCommand#plain}) and {@code quote ARG...} ({@link QuoteCommand#plain}). For a small
 * input, building picocli's model and parsing is most of their run (the README's start-up
 * section). Apart from {@link CookbookCli}, whose list of every command a plain call has no use
 * for, and which it meets only to report a failure.
 */
public final class PlainCalls {
    private PlainCalls() {}

    /**
     * Runs {@code args} if they are a plain call, and returns its exit status; else null, and nothing
     * has happened. The command's own code runs, and the call ends as {@link CookbookCli#run} ends
     * one; a failure is reported through the command line built and parsed then, exactly as the full
     * path reports it.
     */
    public static Integer run(Stdio stdio, String[] args) {
        PlainCommand command = args.length == 0
                ? null
                : switch (args[0]) {
                    case "checksum" -> ChecksumCommand.plain(args);
                    case "csv" -> CsvReadCommand.plain(args);
                    case "quote" -> QuoteCommand.plain(args);
                    default -> null;
                };
        if (command == null) {
            return null;
        }
        PrintWriter out = stdio.outWriter();
        int status;
        try {
            status = command.runPlain(stdio, out, stdio.errWriter());
        } catch (Exception | OutOfMemoryError e) {
            status = report(e, stdio, args, true);
        }
        try {
            out.flush();
        } catch (RuntimeException e) {
            // as CookbookCli.run: a command that failed has reported already
            return status == ExitCodes.OK ? report(e, stdio, args, false) : status;
        }
        return status;
    }

    /**
     * Reports {@code failure} as the full path does, through the command line built and parsed now:
     * its command's if {@code ofCommand}, else the root's. A closed stdout needs none. Should there
     * be no memory left to build one, one line says so.
     */
    private static int report(Throwable failure, Stdio stdio, String[] args, boolean ofCommand) {
        try {
            return ErrorHandler.report(failure, () -> {
                CommandLine cl = CookbookCli.create(stdio, args, false);
                cl.parseArgs(args);
                return ofCommand ? CookbookCli.selected(cl) : cl;
            });
        } catch (OutOfMemoryError e) {
            stdio.errWriter().println("cookbook: out of memory");
            return ExitCodes.INTERNAL;
        }
    }

    /**
     * Whether {@code args} have the form of a plain call, by their words alone as the launcher picks
     * the call's archive: {@link #run} runs it, but for a {@code checksum -a ALGO} whose ALGO names no
     * algorithm, which the full path reports.
     */
    public static boolean isPlain(String[] args) {
        return args.length > 0
                && switch (args[0]) {
                    case "checksum" -> ChecksumCommand.isPlain(args);
                    case "csv" -> CsvReadCommand.isPlain(args);
                    case "quote" -> QuoteCommand.isPlain(args);
                    default -> false;
                };
    }
}
