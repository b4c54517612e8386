package dev.cookbook.cli;

import dev.cookbook.cli.checksum.ChecksumCommand;
import dev.cookbook.cli.cipher.DecryptCommand;
import dev.cookbook.cli.cipher.EncryptCommand;
import dev.cookbook.cli.completion.CompletionCommand;
import dev.cookbook.cli.csv.CsvCommand;
import dev.cookbook.cli.echo.EchoCommand;
import dev.cookbook.cli.help.CookbookHelp;
import dev.cookbook.cli.help.HelpCommand;
import dev.cookbook.cli.install.InstallCommand;
import dev.cookbook.cli.install.UninstallCommand;
import dev.cookbook.cli.mail.MailCommand;
import dev.cookbook.cli.model.CommandModel;
import dev.cookbook.cli.proc.QuoteCommand;
import dev.cookbook.cli.proc.RunCommand;
import dev.cookbook.cli.proc.SplitCommand;
import dev.cookbook.cli.rsa.KeyCommand;
import dev.cookbook.cli.rsa.SignCommand;
import dev.cookbook.cli.rsa.VerifyCommand;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Builds the configured {@link CommandLine}: the one place where output streams, error handling,
 * exit codes and logging are wired. {@link Main} and every test go through {@link #create}.
 */
public final class CookbookCli {
    /** The subcommands, in the order help lists them; completion generation reads them too. */
    public static final List<Class<?>> COMMANDS = List.of(
            ChecksumCommand.class,
            EncryptCommand.class,
            DecryptCommand.class,
            KeyCommand.class,
            SignCommand.class,
            VerifyCommand.class,
            CsvCommand.class,
            MailCommand.class,
            EchoCommand.class,
            QuoteCommand.class,
            SplitCommand.class,
            RunCommand.class,
            InstallCommand.class,
            UninstallCommand.class,
            CompletionCommand.class,
            HelpCommand.class);

    private CookbookCli() {}

    /** The whole command tree on {@code stdio}, ready to {@link CommandLine#execute}. */
    public static CommandLine create(Stdio stdio) {
        return create(stdio, null);
    }

    /**
     * The command tree for running {@code args}: when they plainly name a subcommand, the root
     * holds only that one, and when the next word names one of its own ({@code csv read}), it
     * holds only that one too. Building a command's model costs start-up time, even from the
     * build-time data {@link CommandModel} uses (see the README); the others cannot be reached
     * anyway. Help, completion, a name that is no command (for picocli's suggestions) and anything
     * unclear get the whole tree.
     */
    public static CommandLine create(Stdio stdio, String[] args) {
        return create(stdio, args, true);
    }

    /**
     * {@link #create(Stdio, String[])}, the commands given the raw arguments only if {@code early}:
     * a command line built after a command ran, to report its failure, has no work to begin.
     */
    static CommandLine create(Stdio stdio, String[] args, boolean early) {
        int at = args == null ? -1 : commandIndex(args);
        String name = at < 0 ? null : args[at];
        String next = at < 0 || at + 1 == args.length ? null : args[at + 1];
        List<Object> commands = List.copyOf(COMMANDS);
        for (Class<?> command : COMMANDS) {
            if (nameOf(command).equals(name)) {
                commands = List.of(early ? withArguments(command, args) : command);
            }
        }
        IFactory factory = CommandModel.factory(CommandLine.defaultFactory());
        CommandLine cl = new CommandLine(CommandModel.spec(new CookbookCommand(stdio), factory), factory);
        for (Object command : commands) {
            CommandSpec spec = CommandModel.spec(command, factory, commands.size() == 1 ? next : null);
            cl.addSubcommand(new CommandLine(spec, factory));
        }
        // run's options end at the command it runs: 'cookbook run ls -l' gives -l to ls. Set after
        // addSubcommand, which copies the root's parser settings into each subcommand.
        CommandLine run = cl.getSubcommands().get("run");
        if (run != null) {
            run.setStopAtPositional(true);
        }
        cl.setOut(stdio.outWriter());
        cl.setErr(stdio.errWriter());
        ErrorHandler errors = new ErrorHandler();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionStrategy(parseResult -> {
            UsageMessages.rejectUnmatched(parseResult);
            try {
                return LoggingMixin.executionStrategy(parseResult);
            } catch (UncheckedIOException | StdoutClosedException e) {
                // picocli printing help or the version itself to a stdout that failed (a full disk,
                // | head): what a command throws reaches the ErrorHandler as an ExecutionException.
                return ErrorHandler.report(e, selected(parseResult.commandSpec().commandLine()));
            }
        });
        cl.setUsageHelpAutoWidth(true);
        // An operand is always a name: '@notes.txt' is that file, never a file of arguments.
        cl.setExpandAtFiles(false);
        cl.setHelpFactory(CookbookHelp.FACTORY);
        configureTree(cl);
        return cl;
    }

    /**
     * Where in {@code args} the subcommand they run is named, or -1 when that is not plain: the first
     * argument after the logging options ({@code -v}, {@code --verbose}, {@code --log-file PATH}),
     * unless it is {@code help} or {@code completion}, which need every command. Anything else
     * before it (such as {@code --help}, whose text lists every command) makes it not plain.
     */
    static int commandIndex(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--log-file")) {
                i++;
            } else if (arg.startsWith("--log-file=") || arg.equals("--verbose") || arg.matches("-v+")) {
                continue;
            } else if (arg.startsWith("-") || arg.startsWith("@")) {
                return -1;
            } else {
                return arg.equals("help") || arg.equals("completion") ? -1 : i;
            }
        }
        return -1;
    }

    /**
     * The name a command class in {@link #COMMANDS} is called by: its simple name, lower case, without
     * "Command" ({@code ChecksumCommand} is {@code checksum}). By name, not from its {@code @Command}
     * annotation: reading the annotations of every command costs a call ~10 ms it has no use for. A
     * test holds every command to this.
     */
    static String nameOf(Class<?> command) {
        String simple = command.getSimpleName();
        return simple.substring(0, simple.length() - "Command".length()).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The command, made before picocli is loaded and given the raw arguments, if its class has a
     * constructor that takes them (to begin work early); else the class, for picocli to make. The
     * generated command model makes it without reflection; without one, reflection finds the constructor.
     */
    private static Object withArguments(Class<?> command, String[] args) {
        if (CommandModel.generated()) {
            Object made = CommandModel.create(command, args.clone());
            return made != null ? made : command;
        }
        try {
            return command.getConstructor(String[].class).newInstance((Object) args.clone());
        } catch (NoSuchMethodException e) {
            return command;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What every command shares: {@code --version}, and the exit-code table in its help, listing the
     * codes it declares with {@link ExitCodes.Returns}, or for a command with subcommands, the codes
     * they return. Returns those codes.
     */
    private static TreeSet<Integer> configureTree(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.versionProvider() == null) {
            spec.versionProvider(new VersionProvider());
        }
        TreeSet<Integer> codes = ExitCodes.declared(spec.userObject().getClass());
        if (codes == null) {
            codes = new TreeSet<>();
            for (int code : ExitCodes.ALWAYS) {
                codes.add(code);
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            codes.addAll(configureTree(sub));
        }
        spec.usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(ExitCodes.helpTable(codes));
        return codes;
    }

    /** The command that ran: the last one on the command line, as parsed. */
    static CommandLine selected(CommandLine cl) {
        ParseResult last = cl.getParseResult();
        if (last == null) {
            return cl;
        }
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last.commandSpec().commandLine();
    }

    /**
     * Runs {@code args} and flushes stdout; returns the exit status. A closed stdout found while
     * flushing is reported as {@link ExitCodes#CLOSED_PIPE}, like one found while running.
     */
    public static int run(Stdio stdio, String... args) {
        CommandLine cl = create(stdio, args);
        int status;
        try {
            status = cl.execute(args);
        } catch (RuntimeException | OutOfMemoryError e) {
            // picocli reports what a command throws, but not a failure while it prints help or the
            // version itself (stdout on a full disk), nor an Error: uncaught, either would end the
            // JVM with a stack trace and exit 1. After an OutOfMemoryError what the command held is
            // unreachable, so there is room to say so in one line.
            status = ErrorHandler.report(e, selected(cl));
        }
        try {
            cl.getOut().flush();
        } catch (RuntimeException e) {
            // A command that failed has reported already; stdout failing again is the same failure.
            return status == ExitCodes.OK ? ErrorHandler.report(e, cl) : status;
        }
        return status;
    }
}
