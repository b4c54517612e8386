package dev.cookbook.cli;

import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.InputOptions;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.crypto.CryptoException;
import dev.cookbook.crypto.digest.DigestUnavailableException;
import dev.cookbook.csv.CsvException;
import dev.cookbook.mailer.MailException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on stderr, {@code cookbook <command>: <message>}, and an exit
 * code from {@link ExitCodes}; {@code -v} adds the stack trace. Installed once, by
 * {@link CookbookCli#create}.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String prefix = prefix(cl);
        err.println(prefix + ": " + UsageMessages.describe(ex));
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            err.println(prefix + ": hint: did you mean " + String.join(" or ", u.getSuggestions()) + "?");
        }
        String hint = hint(cl, ex);
        err.println(prefix + ": hint: "
                + (hint != null ? hint : "see '" + cl.getCommandSpec().qualifiedName() + " --help'"));
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        return report(ex, cl);
    }

    /**
     * {@link #report(Throwable, CommandLine)}, the command line made only if the report needs one (a
     * closed stdout ends quietly): for a call run without one ({@link PlainCalls}).
     */
    static int report(Throwable t, Supplier<CommandLine> where) {
        return t instanceof StdoutClosedException ? ExitCodes.CLOSED_PIPE : report(t, where.get());
    }

    /** Prints {@code t} as one line (plus a hint, plus the trace with -v) and returns its exit code. */
    static int report(Throwable t, CommandLine cl) {
        if (t instanceof StdoutClosedException) {
            return ExitCodes.CLOSED_PIPE;
        }
        if (t instanceof ParameterException pe) {
            return new ErrorHandler().handleParseException(pe, new String[0]);
        }
        int code;
        String message;
        String hint = null;
        if (t instanceof CommandFailure f) {
            code = f.exitCode();
            message = f.getMessage();
            hint = f.hint();
        } else if (t instanceof CryptoException e) {
            code = ExitCodes.BAD_DATA;
            // the library's own file (a --key, an --identity) before the command's input
            message = located(e.source() != null ? e.source() : inputName(cl), 0, e.getMessage());
            hint = hint(cl, e);
        } else if (t instanceof CsvException e) {
            code = ExitCodes.BAD_DATA;
            message = located(e.source() != null ? e.source() : inputName(cl), e.line(), e.getMessage());
            hint = hint(cl, e);
        } else if (t instanceof MailException e) {
            // the library never names options: the command's hint does
            code = e.kind() == MailException.Kind.INVALID ? ExitCodes.USAGE : ExitCodes.IO_ERROR;
            message = e.getMessage();
            hint = hint(cl, e);
        } else if (t instanceof DigestUnavailableException e) {
            code = ExitCodes.USAGE;
            message = e.getMessage();
            hint = hint(cl, e);
        } else if (t instanceof IOException || t instanceof UncheckedIOException) {
            code = ExitCodes.IO_ERROR;
            message = Messages.describe(t);
        } else if (t instanceof OutOfMemoryError) {
            code = ExitCodes.INTERNAL;
            message = "out of memory" + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")");
            hint = "give Java more, for example COOKBOOK_JAVA_OPTS=-Xmx2g";
        } else {
            code = ExitCodes.INTERNAL;
            message = "internal error: " + t;
            hint = "this is a bug in cookbook; run with -v for the stack trace and report it";
        }
        Diagnostics say = Diagnostics.of(cl.getCommandSpec());
        say.error(message);
        if (hint != null) {
            say.hint(hint);
        }
        if (LoggingMixin.isVerbose(cl.getCommandSpec())) {
            PrintWriter err = cl.getErr();
            t.printStackTrace(err);
            err.flush();
        }
        return code;
    }

    /** {@code 'FILE': line N: message}, each part only where known. */
    private static String located(String source, long line, String message) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(Messages.quote(source)).append(": ");
        }
        if (line > 0) {
            sb.append("line ").append(line).append(": ");
        }
        return sb.append(message).toString();
    }

    /**
     * The file the command was reading, for bad data whose library could not name it: the file of
     * the command's {@link InputOptions}, or null for standard input or a command without one.
     */
    private static String inputName(CommandLine cl) {
        for (CommandSpec mixin : cl.getCommandSpec().mixins().values()) {
            if (mixin.userObject() instanceof InputOptions input) {
                return input.name();
            }
        }
        return null;
    }

    private static String hint(CommandLine cl, Exception e) {
        return cl.getCommand() instanceof ErrorHints h ? h.hint(e) : null;
    }

    /** {@code cookbook checksum}, {@code cookbook key gen}: the command as the user typed it. */
    static String prefix(CommandLine cl) {
        return cl.getCommandSpec().qualifiedName();
    }
}
