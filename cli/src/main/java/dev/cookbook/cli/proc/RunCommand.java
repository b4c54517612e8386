package dev.cookbook.cli.proc;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ErrorHints;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.DurationConverter;
import dev.cookbook.cli.common.NamedChoice;
import dev.cookbook.proc.run.RunException;
import dev.cookbook.proc.run.RunResult;
import dev.cookbook.proc.run.RunSpec;
import dev.cookbook.proc.run.Runner;
import dev.cookbook.proc.run.ShellTemplate;
import dev.cookbook.proc.run.Signal;
import dev.cookbook.proc.shell.ShellQuote;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/** {@code cookbook run [OPTIONS] -- CMD [ARG...]}: run a command directly, with a time limit that ends its whole tree. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        customSynopsis = "cookbook run [OPTIONS] [--] CMD [ARG...]",
        description = {
            "Run a command without a shell, with a time limit that ends its whole process tree.",
            "CMD runs with its arguments directly, and cookbook exits as it did: its status, "
                    + "128+N when signal N killed it, 124 when --timeout ended it, 126 when it cannot be "
                    + "executed, 127 when it is not found. Its output passes straight through; SIGINT, SIGTERM "
                    + "and SIGHUP sent to cookbook are passed on to it.",
            "On --timeout the whole process tree ends: every descendant gets the --signal, and SIGKILL "
                    + "--kill-after later.",
            "--shell TEMPLATE runs the template with 'sh -c', each {N} replaced by argument N after --, "
                    + "and {} by all of them, each quoted as 'cookbook quote' does, so no argument can run "
                    + "anything; another '{' is kept as it is (write {''} for a literal {}).",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook run --timeout 1s -- sleep 10; test $? = 124      # the time limit, as GNU timeout",
            "  cookbook run --capture -- ls -l / | jq -r .stdout        # one JSON record with the output",
            "  cookbook run --shell 'du -sh {}' -- '/dev/null; touch x'; test ! -e x   # runs no injected command",
            "  cookbook run --dry-run --env LANG=C -- grep -r 'a b' .      # prints what would run",
        })
@ExitCodes.Returns({
    ExitCodes.CHECK_FAILED,
    ExitCodes.IO_ERROR,
    ExitCodes.TIMEOUT,
    ExitCodes.NOT_EXECUTABLE,
    ExitCodes.NOT_FOUND
})
public final class RunCommand implements Callable<Integer>, ErrorHints {
    /** Set by the launcher: the caller's LC_ALL, when it ran Java in another locale ({@link #callersLocale}). */
    static final String CALLER_LC_ALL = "COOKBOOK_CALLER_LC_ALL";

    @Option(
            names = "--timeout",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "End the command and all its descendants after DUR (1.5s, 2m) and exit 124.")
    Duration timeout;

    @Option(
            names = "--signal",
            paramLabel = "SIG",
            converter = SignalChoice.class,
            completionCandidates = SignalChoice.class,
            description = "The signal --timeout sends first: ${COMPLETION-CANDIDATES} (default: TERM).")
    Signal signal;

    @Option(
            names = "--kill-after",
            paramLabel = "DUR",
            converter = DurationConverter.class,
            description = "Send SIGKILL to what is left DUR after the --signal (default: 5s).")
    Duration killAfter;

    @Option(names = "--check", description = "Report a non-zero exit as an error line and exit 1.")
    boolean check;

    @Option(names = "--input", paramLabel = "FILE", description = "Standard input from FILE (- for ours, the default).")
    String input;

    @Option(names = "--cwd", paramLabel = "DIR", description = "Run in DIR.")
    Path cwd;

    @Option(
            names = "--env",
            paramLabel = "NAME=VALUE",
            description = "Set NAME to VALUE in the command's environment (repeatable).")
    List<String> env = new ArrayList<>();

    @Option(names = "--clear-env", description = "Start from an empty environment: only the --env variables.")
    boolean clearEnv;

    @Option(names = "--merge-stderr", description = "Send the command's standard error to its standard output.")
    boolean mergeStderr;

    @Option(
            names = "--shell",
            paramLabel = "TEMPLATE",
            description = "Run TEMPLATE with sh -c, {N} and {} replaced by the quoted arguments after --.")
    String shell;

    @Option(
            names = "--capture",
            description = "Wait, then print one JSON record: argv, exit_code, signal, timed_out, duration_ms, "
                    + "stdout and stderr (text, or base64 when not UTF-8).")
    boolean capture;

    @Option(
            names = "--max-capture",
            paramLabel = "SIZE",
            converter = SizeConverter.class,
            description = "Keep at most SIZE bytes of each captured stream (64K, 16M, 1G; default: 16M); the "
                    + "record says how many were dropped.")
    Long maxCapture;

    @Option(
            names = "--dry-run",
            description = "Print the command line that would run, quoted for a shell, and run nothing.")
    boolean dryRun;

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "The command and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<String> argv = argv();
        for (String e : env) {
            if (e.indexOf('=') <= 0) {
                throw usage("--env '" + e + "': give NAME=VALUE");
            }
        }
        if (maxCapture != null && !capture) {
            throw usage("--max-capture needs --capture");
        }
        if (timeout == null && (signal != null || killAfter != null)) {
            throw usage((signal != null ? "--signal" : "--kill-after") + " needs --timeout");
        }
        if (dryRun) {
            spec.commandLine().getOut().println(dryRunLine(argv));
            return ExitCodes.OK;
        }
        Stdio stdio = Stdio.of(spec);
        boolean own = isProcessStdio(stdio);
        if (!capture && !own) {
            spec.commandLine().getOut().flush();
        }
        RunResult r;
        try {
            RunSpec runSpec = runSpec(argv, System.getenv(CALLER_LC_ALL), own ? null : stdio);
            try (RunSignals signals = RunSignals.install()) {
                Runner.Running running = Runner.start(runSpec);
                signals.attach(running);
                r = running.await();
            }
        } catch (RunException e) {
            throw failure(e);
        }
        if (capture) {
            RunJson.write(spec.commandLine().getOut(), r);
        }
        return exitCode(r);
    }

    /**
     * What the options say to run, once they are checked: {@code callersLocale} is the launcher's
     * {@value #CALLER_LC_ALL}; {@code stdio} null means the process's own descriptors, which the
     * child inherits. {@link PlainRun} runs what it builds too, so both run alike.
     */
    RunSpec runSpec(List<String> argv, String callersLocale, Stdio stdio) {
        RunSpec.Builder b = RunSpec.builder(argv);
        if (!clearEnv) {
            callersLocale(b, callersLocale);
        }
        for (String e : env) {
            int eq = e.indexOf('=');
            b.env(e.substring(0, eq), e.substring(eq + 1));
        }
        b.cwd(cwd).clearEnv(clearEnv).mergeStderr(mergeStderr).timeout(timeout);
        b.signal(signal == null ? Signal.TERM : signal);
        b.killAfter(killAfter == null ? RunSpec.DEFAULT_KILL_AFTER : killAfter);
        if (input != null && !input.equals("-")) {
            b.input(Path.of(input));
        } else if (stdio != null) {
            b.input(stdio.in());
        }
        if (capture) {
            b.capture(maxCapture == null ? RunSpec.DEFAULT_MAX_CAPTURE : maxCapture);
        } else if (stdio != null) {
            b.forward(stdio.out(), stdio.err());
        }
        return b.build();
    }

    /**
     * The caller's {@code LC_ALL} back in the command's environment: the launcher runs Java in
     * C.UTF-8 when the caller's locale is not UTF-8 (Java could not open non-ASCII file names
     * otherwise), keeping the caller's setting in {@value #CALLER_LC_ALL}, "=" and its value, or
     * empty when it had none. Null (not set): the launcher changed nothing.
     */
    static void callersLocale(RunSpec.Builder b, String saved) {
        if (saved == null) {
            return;
        }
        b.unsetEnv(CALLER_LC_ALL);
        if (saved.startsWith("=")) {
            b.env("LC_ALL", saved.substring(1));
        } else {
            b.unsetEnv("LC_ALL");
        }
    }

    /**
     * {@code run --bogus ls}: not a misspelt option of run (picocli suggests those), so most likely
     * one meant for the command, which goes after it. Not {@code run -- --bogus ls}: that runs a
     * program named --bogus.
     */
    @Override
    public String hint(Exception failure) {
        if (failure instanceof UnmatchedArgumentException u
                && u.getSuggestions().isEmpty()
                && !u.getUnmatched().isEmpty()
                && u.getUnmatched().get(0).startsWith("-")) {
            List<String> fixed = new ArrayList<>(List.of("cookbook", "run", "--"));
            fixed.add(command.isEmpty() ? "CMD" : command.get(0));
            fixed.add(u.getUnmatched().get(0));
            String line = ShellQuote.join(fixed);
            if (command.size() > 1) {
                line += " " + ShellQuote.join(command.subList(1, command.size()));
            }
            return "run's own options come before the command; one for the command goes after its name: " + line;
        }
        return null;
    }

    private List<String> argv() {
        if (shell == null) {
            if (command.isEmpty()) {
                throw usage("give the command to run after --, as in: cookbook run -- ls -l");
            }
            return command;
        }
        try {
            return List.of("sh", "-c", ShellTemplate.expand(shell, command));
        } catch (RunException e) {
            throw usage("--shell: " + e.getMessage());
        }
    }

    /** The argv quoted for a shell, after {@code env} and {@code cd} when those options change them. */
    private String dryRunLine(List<String> argv) {
        List<String> words = new ArrayList<>();
        if (clearEnv || !env.isEmpty()) {
            words.add("env");
            if (clearEnv) {
                words.add("-i");
            }
            words.addAll(env);
        }
        words.addAll(argv);
        String line = ShellQuote.join(words);
        return cwd == null ? line : "cd " + ShellQuote.quote(cwd.toString()) + " && " + line;
    }

    /** The status cookbook exits with for {@code r} (also {@link PlainRun}'s). */
    int exitCode(RunResult r) {
        String program = "'" + r.argv().get(0) + "'";
        if (r.timedOut()) {
            if (check) {
                throw new CommandFailure(ExitCodes.TIMEOUT, program + " timed out after " + format(timeout));
            }
            return ExitCodes.TIMEOUT;
        }
        if (check && r.exitCode() != 0) {
            Signal s = r.signal() == null ? null : Signal.of(r.signal());
            String how = r.signal() == null
                    ? "exited with status " + r.exitCode()
                    : "was killed by signal " + r.signal() + (s == null ? "" : " (" + s + ")");
            throw new CommandFailure(ExitCodes.CHECK_FAILED, program + " " + how);
        }
        return r.exitCode();
    }

    private static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static CommandFailure failure(RunException e) {
        int code = switch (e.kind()) {
            case NOT_FOUND -> ExitCodes.NOT_FOUND;
            case NOT_EXECUTABLE -> ExitCodes.NOT_EXECUTABLE;
            case INVALID -> ExitCodes.USAGE;
            case IO -> ExitCodes.IO_ERROR;
        };
        return new CommandFailure(code, e.getMessage(), null, e);
    }

    /**
     * Whether these are the process's own descriptors (as {@code Main} makes them), which the child
     * then inherits: unbuffered, and at no cost. Streams of an in-process run (tests) are copied instead.
     */
    private static boolean isProcessStdio(Stdio stdio) {
        try {
            return stdio.in() instanceof FileInputStream in
                    && in.getFD() == FileDescriptor.in
                    && stdio.err() instanceof FileOutputStream err
                    && err.getFD() == FileDescriptor.err;
        } catch (IOException e) {
            return false;
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** {@code --signal TERM|INT|HUP|KILL}, with or without {@code SIG}, in any case. */
    static final class SignalChoice extends NamedChoice<Signal> {
        SignalChoice() {
            super(Signal.class, "signal");
        }

        @Override
        protected List<String> names(Signal s) {
            return List.of(s.name(), "SIG" + s.name(), Integer.toString(s.number()));
        }
    }

    /** {@code --max-capture SIZE}: bytes, or with K, M or G (powers of 1024). */
    static final class SizeConverter implements ITypeConverter<Long> {
        private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([KMG]i?B?|B)?", Pattern.CASE_INSENSITIVE);

        @Override
        public Long convert(String value) {
            Matcher m = SIZE.matcher(value);
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a size: give bytes, or 64K, 16M, 1G");
            }
            String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
            int shift = unit.startsWith("K") ? 10 : unit.startsWith("M") ? 20 : unit.startsWith("G") ? 30 : 0;
            long bytes = Long.parseLong(m.group(1)) << shift;
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new TypeConversionException("'" + value + "' is more than 2G");
            }
            return bytes;
        }
    }
}
