package dev.cookbook.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import dev.cookbook.cli.common.Messages;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * {@code -v}/{@code -vv} and {@code --log-file}, accepted before or after the subcommand name. The
 * options live on the root command and are inherited by every subcommand; they write to this one
 * instance, so there is no global state. Logging is configured once, just before the
 * command runs ({@link #executionStrategy}).
 */
public final class LoggingMixin {
    // Fields, not setter methods: picocli lists annotated fields in declaration order, while the
    // order of reflected methods changes from one JVM to the next, and the generated completion
    // scripts follow it. An inherited option still writes to this one instance.
    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Log more on stderr: -v info, -vv debug; errors get a stack trace.")
    boolean[] verbosity = new boolean[0];

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "Print no warnings or notices on stderr (errors still); with checksum -c, no OK lines.")
    boolean quiet;

    @Option(
            names = "--log-file",
            paramLabel = "PATH",
            scope = ScopeType.INHERIT,
            description = "Also append the log to PATH.")
    Path logFile;

    /** True if {@code -q} was given anywhere on the command line. */
    boolean quiet() {
        return quiet;
    }

    /** True if {@code -v} was given anywhere on the command line. */
    public static boolean isVerbose(CommandSpec spec) {
        Object root = spec.root().userObject();
        return root instanceof CookbookCommand c && c.logging().verbosity.length > 0;
    }

    /** Configures logging from the parsed options, then runs the selected command. */
    static int executionStrategy(ParseResult parseResult) {
        CookbookCommand root =
                (CookbookCommand) parseResult.commandSpec().root().userObject();
        try {
            root.logging().configure();
        } catch (CommandFailure e) {
            return ErrorHandler.report(e, selected(parseResult));
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    /** The command that would run: the last one on the command line. */
    private static CommandLine selected(ParseResult parseResult) {
        ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last.commandSpec().commandLine();
    }

    private void configure() {
        if (verbosity.length == 0 && logFile == null) {
            return; // the defaults from LogbackConfigurator: WARN, stderr
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(
                switch (verbosity.length) {
                    case 0 -> Level.WARN;
                    case 1 -> Level.INFO;
                    case 2 -> Level.DEBUG;
                    default -> Level.TRACE;
                });
        if (logFile != null) {
            // Logback reports a file it cannot open on stdout, our data channel; find out first.
            try (OutputStream probe =
                    Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                probe.flush();
            } catch (IOException e) {
                throw new CommandFailure(
                        ExitCodes.IO_ERROR, "--log-file: " + Messages.fileError(logFile.toString(), e));
            }
            Appender<ILoggingEvent> previous = root.getAppender("file");
            if (previous != null) { // a second run in the same JVM (tests) starts a new file
                root.detachAppender(previous);
                previous.stop();
            }
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setContext(context);
            file.setName("file");
            file.setFile(logFile.toString());
            file.setAppend(true);
            file.setEncoder(LogbackConfigurator.encoder(context, true));
            file.start();
            root.addAppender(file);
        }
    }
}
