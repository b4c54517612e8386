package dev.cookbook.cli.proc;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ErrorHints;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.PlainCommand;
import dev.cookbook.cli.Stdio;
import dev.cookbook.proc.shell.ShellQuote;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code cookbook quote [ARG...]}: the arguments quoted for a POSIX shell and joined by spaces, as
 * Python's {@code shlex.join}. Words that look like options are options until {@code --}: an
 * unknown one ({@code quote -rf}) is a usage error, never quoted silently; {@code quote -- -rf}
 * quotes it. An argument that is not valid UTF-8 is quoted from its bytes on Linux (see
 * {@link RawArgv}) and refused elsewhere; {@code -0} reads bytes and is exact everywhere.
 */
@Command(
        name = "quote",
        mixinStandardHelpOptions = true,
        description = "Quote arguments for a POSIX shell (sh, bash, ssh), exactly as Python's shlex.join.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook quote -- du -sh '/dev/null; ls -l /tmp'  # du -sh '/dev/null; ls -l /tmp'",
            "  cookbook quote 'my file' '$(date)'                # 'my file' '$(date)'",
            "  find . -name '*.txt' -print0 | cookbook quote -0 --each",
            "  sh -c \"printf '<%%s>\\n' $(cookbook quote 'a  b' '*')\"  # <a  b> and <*>: nothing split or expanded",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class QuoteCommand implements Callable<Integer>, ErrorHints, PlainCommand {
    /** The command's name, before its operands in {@code main}'s arguments. */
    static final String NAME = "quote";

    @Option(names = "--each", description = "Print each quoted argument on its own line.")
    boolean each;

    @Option(
            names = {"-0", "--null"},
            description = "Read the arguments from standard input, each ended by a NUL byte (find -print0), "
                    + "byte for byte: names that are not UTF-8 come out exact.")
    boolean nul;

    @Parameters(
            paramLabel = "ARG",
            arity = "0..*",
            description = "The arguments to quote; put -- before any that starts with -.")
    List<String> args = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final String[] argv;

    public QuoteCommand() {
        this(null);
    }

    /** With {@code main}'s arguments, to find the bytes of an argument that is not UTF-8. */
    public QuoteCommand(String[] argv) {
        this.argv = argv;
    }

    @Override
    public Integer call() throws IOException {
        if (nul && !args.isEmpty()) {
            throw new ParameterException(
                    spec.commandLine(), "-0/--null reads the arguments from standard input: give no ARG as well");
        }
        spec.commandLine().getOut().flush();
        return run(Stdio.of(spec), spec.name());
    }

    /**
     * Whether {@code args} are {@code quote ARG...} with no ARG that starts with {@code -}: picocli's
     * parse of them sets the ARGs and nothing else.
     */
    public static boolean isPlain(String[] args) {
        return args.length > 0 && args[0].equals("quote") && PlainCommand.operandsOnly(args, 1);
    }

    /**
     * The command of {@code quote ARG...} ({@link #isPlain}), its options at the values picocli's
     * parse gives them, to run without a command line built; else null.
     */
    public static QuoteCommand plain(String[] args) {
        if (!isPlain(args)) {
            return null;
        }
        QuoteCommand command = new QuoteCommand(args);
        command.args.addAll(Arrays.asList(args).subList(1, args.length));
        return command;
    }

    @Override
    public int runPlain(Stdio stdio, PrintWriter out, PrintWriter err) throws IOException {
        return run(stdio, NAME);
    }

    /** Quotes the ARGs, or with -0 what stdin holds; {@code name} is the command's, to find its ARGs in argv. */
    private int run(Stdio stdio, String name) throws IOException {
        OutputStream out = new BufferedOutputStream(stdio.out(), 1 << 16);
        Words words = new Words(out, each);
        if (nul) {
            readNulSeparated(new BufferedInputStream(stdio.in(), 1 << 16), words);
        } else {
            for (byte[] word : bytes(name)) {
                words.add(word);
            }
        }
        words.end();
        out.flush();
        return ExitCodes.OK;
    }

    /** {@code quote -x}: the word was meant to be quoted, most likely. */
    @Override
    public String hint(Exception failure) {
        if (failure instanceof UnmatchedArgumentException u
                && !u.getUnmatched().isEmpty()
                && u.getUnmatched().get(0).startsWith("-")) {
            return "to quote words that start with '-', put -- before them: cookbook quote -- "
                    + ShellQuote.quote(u.getUnmatched().get(0));
        }
        return null;
    }

    /** The arguments' bytes: their UTF-8, or for one Java decoded with a U+FFFD, the bytes given. */
    private List<byte[]> bytes(String name) {
        List<byte[]> result = new ArrayList<>();
        List<byte[]> raw = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.indexOf('\uFFFD') >= 0) {
                if (raw == null) {
                    raw = RawArgv.operands(argv, name, args);
                }
                if (raw == null) {
                    throw new CommandFailure(
                            ExitCodes.BAD_DATA,
                            "argument " + (i + 1) + " is not valid UTF-8 (or holds U+FFFD) and its bytes cannot be "
                                    + "read back here, so it cannot be quoted exactly",
                            "pass such names on standard input with -0 (find ... -print0 | cookbook quote -0)",
                            null);
                }
                result.add(raw.get(i));
            } else {
                result.add(arg.getBytes(StandardCharsets.UTF_8));
            }
        }
        return result;
    }

    /** Each item ended by NUL, and a last one without; nothing at all is no argument. */
    private static void readNulSeparated(InputStream in, Words words) throws IOException {
        ByteArrayOutputStream item = new ByteArrayOutputStream();
        boolean pending = false;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (b == 0) {
                words.add(item.toByteArray());
                item.reset();
                pending = false;
            } else {
                item.write(b);
                pending = true;
            }
        }
        if (pending) {
            words.add(item.toByteArray());
        }
    }

    /** Writes quoted words: joined by spaces and ended by a newline, or one per line. */
    private static final class Words {
        private final OutputStream out;
        private final boolean each;
        private boolean first = true;

        Words(OutputStream out, boolean each) {
            this.out = out;
            this.each = each;
        }

        void add(byte[] word) throws IOException {
            if (!first && !each) {
                out.write(' ');
            }
            out.write(ShellQuote.quote(word));
            if (each) {
                out.write('\n');
            }
            first = false;
        }

        /** The newline of the joined form, printed for no word too, as {@code print(shlex.join([]))}. */
        void end() throws IOException {
            if (!each) {
                out.write('\n');
            }
        }
    }
}
