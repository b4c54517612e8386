package dev.cookbook.cli.checksum;

import dev.cookbook.cli.ErrorHints;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.PlainCommand;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.cli.common.OperandConsumer;
import dev.cookbook.cli.common.ProgressBar;
import dev.cookbook.cli.common.ProgressOptions;
import dev.cookbook.crypto.digest.CheckSummary;
import dev.cookbook.crypto.digest.ChecksumVerifier;
import dev.cookbook.crypto.digest.DigestAlgorithm;
import dev.cookbook.crypto.digest.DigestJob;
import dev.cookbook.crypto.digest.DigestResult;
import dev.cookbook.crypto.digest.DigestUnavailableException;
import dev.cookbook.crypto.digest.FileTree;
import dev.cookbook.crypto.digest.ParallelDigester;
import dev.cookbook.crypto.digest.Source;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cookbook checksum}: a drop-in for coreutils' {@code *sum} tools, and more. */
@Command(
        name = "checksum",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Print or check file checksums: MD5, SHA-1, SHA-2, SHA-3, BLAKE2b, BLAKE3.",
            "Output is byte-identical to GNU coreutils (sha256sum, md5sum, b2sum, ...); --check also reads "
                    + "BSD and openssl lines and files saved on Windows. With no FILE, or when FILE is -, "
                    + "read standard input.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook checksum *.iso                      # SHA-256, like sha256sum",
            "  cookbook checksum -a md5 -r photos/ > MD5SUMS",
            "  cookbook checksum -c MD5SUMS --quiet          # print only failures",
            "  cookbook checksum --json big.tar | jq .digest",
        })
@ExitCodes.Returns({ExitCodes.CHECK_FAILED, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class ChecksumCommand implements Callable<Integer>, PlainCommand, ErrorHints {
    /** The command's qualified name, the prefix of its diagnostics. */
    static final String NAME = "cookbook checksum";

    @Option(
            names = {"-a", "--algorithm"},
            paramLabel = "ALGO",
            converter = DigestAlgorithmChoice.class,
            completionCandidates = DigestAlgorithmChoice.class,
            description = "Digest algorithm (default sha256; --check defaults to the tag of each line): "
                    + "${COMPLETION-CANDIDATES}.")
    DigestAlgorithm algorithm;

    @Option(names = "--list", description = "List the algorithms, marking the insecure ones, and exit.")
    boolean list;

    @Option(
            names = {"-c", "--check"},
            description = "Read checksums from the FILEs and check them.")
    boolean check;

    @Option(names = "--tag", description = "Print BSD-style lines: ALGO (FILE) = HASH.")
    boolean tag;

    @Option(
            names = {"-b", "--binary"},
            description = "Mark files as binary (*) in the output, as coreutils -b.")
    boolean binary;

    @Option(
            names = {"-t", "--text"},
            description = "Mark files as text (the default; accepted for coreutils).")
    boolean text;

    @Option(
            names = {"-z", "--zero"},
            description = "End each output line with NUL, not newline, and escape no names.")
    boolean zero;

    @Option(names = "--json", description = "Print one JSON object per file: path, algorithm, digest, size.")
    boolean json;

    @Option(
            names = {"-r", "--recursive"},
            description = "Hash the files under directories, in sorted order.")
    boolean recursive;

    @Option(
            names = {"-L", "--dereference"},
            description = "With -r, follow symbolic links (skipped by default).")
    boolean dereference;

    @Option(
            names = {"-j", "--jobs"},
            paramLabel = "N",
            description = "Hash N files at a time (default: the number of cores). Output stays in input order.")
    Integer jobs;

    @Mixin
    ProgressOptions progress;

    @ArgGroup(validate = false, heading = "%nWith --check:%n")
    CheckOptions checkOptions = new CheckOptions();

    /** Operands as typed: reports must show {@code ./a//b} exactly, which {@link Path} would normalise. */
    @Parameters(
            paramLabel = "FILE",
            arity = "0..*",
            parameterConsumer = OperandConsumer.class,
            description = "Files to hash (or, with -c, checksum files).")
    List<String> files = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** Hashing begun from the raw arguments before they were parsed, or null. */
    private final ChecksumHeadStart headStart;

    public ChecksumCommand() {
        this.headStart = null;
    }

    /** Made from the raw arguments, before they are parsed: the first large FILE gets a head start. */
    public ChecksumCommand(String[] args) {
        this.headStart = ChecksumHeadStart.begin(args);
    }

    ChecksumHeadStart headStart() {
        return headStart;
    }

    static final class CheckOptions {
        @Option(names = "--ignore-missing", description = "Don't fail or report status for missing files.")
        boolean ignoreMissing;

        @Option(names = "--status", description = "Don't output anything; the exit status shows success.")
        boolean status;

        @Option(
                names = {"-w", "--warn"},
                description = "Warn about improperly formatted checksum lines.")
        boolean warn;

        @Option(names = "--strict", description = "Exit non-zero for improperly formatted checksum lines.")
        boolean strict;
    }

    /** A digest the Java runtime leaves out: another algorithm, or another runtime for a checksum file's. */
    @Override
    public String hint(Exception failure) {
        if (!(failure instanceof DigestUnavailableException)) {
            return null;
        }
        return check
                ? "check these lines with a Java runtime that provides it (see its java.security:"
                        + " jdk.crypto.disabledAlgorithms, security.provider.N)"
                : "choose another algorithm with -a, or use a Java runtime that provides it (see its"
                        + " java.security: jdk.crypto.disabledAlgorithms, security.provider.N)";
    }

    @Override
    public Integer call() throws IOException {
        return run(Stdio.of(spec), spec.commandLine().getOut(), Diagnostics.of(spec));
    }

    /**
     * The command of {@code cookbook checksum [-a ALGO] FILE...} ({@link #isPlain}), or null: picocli's
     * parse of such arguments sets the FILEs and the algorithm and nothing else (no other option, no
     * {@code --}, no standard input), so the command can run without a command line being built,
     * which is most of a small file's run (the README's start-up section). Null too when ALGO names
     * no algorithm: the full path reports it. Every option keeps the value picocli would give it; a
     * test holds the two paths to the same output.
     */
    public static ChecksumCommand plain(String[] args) {
        if (!isPlain(args)) {
            return null;
        }
        int from = firstOperand(args);
        DigestAlgorithm algorithm = null;
        if (from == 3) {
            algorithm = DigestAlgorithmChoice.named(args[2]);
            if (algorithm == null) {
                return null;
            }
        }
        ChecksumCommand command = new ChecksumCommand(args);
        command.progress = new ProgressOptions();
        command.algorithm = algorithm;
        command.files.addAll(Arrays.asList(args).subList(from, args.length));
        return command;
    }

    /**
     * Whether {@code args} are {@code checksum FILE...} or {@code checksum -a ALGO FILE...} (or
     * {@code --algorithm ALGO}), no FILE starting with {@code -}: the launcher picks the same calls
     * by their words alone, so any ALGO.
     */
    public static boolean isPlain(String[] args) {
        return args.length > 0 && args[0].equals("checksum") && PlainCommand.operandsOnly(args, firstOperand(args));
    }

    /** Where the FILEs of a plain call would begin: after {@code -a ALGO}, else after the command's name. */
    private static int firstOperand(String[] args) {
        return args.length > 2 && (args[1].equals("-a") || args[1].equals("--algorithm")) ? 3 : 1;
    }

    /** Runs a {@link #plain} command: its diagnostics as {@code cookbook checksum}'s. */
    @Override
    public int runPlain(Stdio stdio, PrintWriter out, PrintWriter err) throws IOException {
        return run(stdio, out, Diagnostics.of(err, NAME, false));
    }

    private int run(Stdio stdio, PrintWriter out, Diagnostics say) throws IOException {
        try {
            return work(stdio, out, say);
        } finally {
            if (headStart != null) {
                headStart.cancel(); // unused if the arguments turned out not to want it
            }
        }
    }

    private int work(Stdio stdio, PrintWriter out, Diagnostics say) throws IOException {
        validate();
        if (list) {
            printList();
            return ExitCodes.OK;
        }
        if (files.isEmpty()) {
            if (stdio.stdinIsTerminal()) {
                throw usage("no FILE given and standard input is a terminal; name a FILE, or - to read the terminal");
            }
            files.add("-");
        }
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (!check && !recursive) {
            threads = Math.min(threads, files.size()); // one file hashes on this thread, no pool
        }
        try (ParallelDigester digester = new ParallelDigester(threads);
                ProgressBar bar = checkOptions.status
                        ? ProgressBar.start(false, spec.commandLine().getErr(), () -> 0, () -> -1)
                        : progress.start(
                                stdio,
                                true,
                                say.err(),
                                () -> digester.bytesRead() + (headStart == null ? 0 : headStart.bytesRead()),
                                this::totalSize)) {
            return check ? check(stdio, digester, bar) : generate(stdio, out, say, digester, bar);
        }
    }

    private int generate(Stdio stdio, PrintWriter out, Diagnostics say, ParallelDigester digester, ProgressBar bar) {
        DigestAlgorithm algo = algorithm != null ? algorithm : DigestAlgorithm.SHA256;
        ChecksumOutput output = new ChecksumOutput(
                out,
                say,
                stdio,
                bar,
                algo,
                json ? ChecksumOutput.Mode.JSON : tag ? ChecksumOutput.Mode.BSD : ChecksumOutput.Mode.GNU,
                binary,
                zero);
        if (!algo.isSecure()) {
            output.warnInsecure(algo);
        }
        // "-" is standard input here, in the CLI: to the library every other name is a file
        List<Source> operands = files.stream()
                .map(f -> f.equals("-") ? Source.stream(f, stdio.in()) : Source.named(f))
                .toList();
        Iterator<Source> sources = FileTree.sources(operands, recursive, dereference);
        Iterator<Job> work = new Iterator<>() {
            private boolean first = true;

            @Override
            public boolean hasNext() {
                return sources.hasNext();
            }

            @Override
            public Job next() {
                Source source = sources.next();
                if (first) {
                    first = false; // only the first job may take the head start
                    if (headStart != null) {
                        return new Job(source, algo, headStart.claim(source, algo));
                    }
                }
                return new Job(source, algo, null);
            }
        };
        digester.run(work, (job, result) -> output.print(job.source().name(), result));
        output.finish();
        return output.failures() > 0 ? ExitCodes.IO_ERROR : ExitCodes.OK;
    }

    private int check(Stdio stdio, ParallelDigester digester, ProgressBar bar) {
        DigestAlgorithm algo = algorithm != null ? algorithm : DigestAlgorithm.SHA256;
        CheckReporter reporter = new CheckReporter(
                spec, stdio, bar, algo, Diagnostics.of(spec).quiet(), checkOptions.status, checkOptions.warn);
        ChecksumVerifier verifier = new ChecksumVerifier(digester, algo, algorithm != null, checkOptions.ignoreMissing);
        boolean failed = false;
        boolean unreadable = false;
        for (String file : files) {
            boolean stdin = file.equals("-");
            String display = stdin ? "standard input" : file;
            reporter.startFile(display);
            CheckSummary summary;
            try {
                // a listed "-" hashes standard input, unless it is the list itself: then the line is malformed
                Function<String, Source> names =
                        n -> !n.equals("-") ? Source.named(n) : stdin ? null : Source.stream(n, stdio.in());
                summary = stdin
                        ? verifier.verify(stdio.in(), names, reporter)
                        : verifier.verify(Path.of(file), names, reporter);
            } catch (IOException e) {
                reporter.error(Messages.fileError(display, e));
                unreadable = true;
                continue;
            }
            reporter.summarize(display, summary, checkOptions.ignoreMissing);
            failed |= !summary.passed(checkOptions.strict);
        }
        reporter.finish();
        return unreadable ? ExitCodes.IO_ERROR : failed ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }

    private void validate() {
        if (check) {
            if (tag) {
                throw usage("the --tag option is meaningless when verifying checksums");
            }
            if (zero) {
                throw usage("the --zero option is not supported when verifying checksums");
            }
            if (binary || text) {
                throw usage("the --binary and --text options are meaningless when verifying checksums");
            }
            if (json) {
                throw usage("--json is not supported when verifying checksums");
            }
            if (recursive || dereference) {
                throw usage(
                        "-r/--recursive is meaningless when verifying checksums: the checksum file names the files");
            }
        } else {
            String checkOnly = checkOptions.ignoreMissing
                    ? "--ignore-missing"
                    : checkOptions.status
                            ? "--status"
                            : checkOptions.warn ? "--warn" : checkOptions.strict ? "--strict" : null;
            if (checkOnly != null) {
                throw usage("the " + checkOnly + " option is meaningful only when verifying checksums");
            }
        }
        if (binary && text) {
            throw usage("-b/--binary and -t/--text cannot be used together");
        }
        if (tag && text) {
            throw usage("--tag does not support --text mode");
        }
        if (json && (tag || zero)) {
            throw usage("--json cannot be combined with " + (tag ? "--tag" : "-z/--zero"));
        }
        if (dereference && !recursive) {
            throw usage("-L/--dereference only applies with -r/--recursive (FILE operands are always followed)");
        }
        if (jobs != null && (jobs < 1 || jobs > 1024)) {
            throw usage("-j/--jobs must be between 1 and 1024, not " + jobs);
        }
        if (list && !files.isEmpty()) {
            throw usage("--list takes no FILE");
        }
    }

    private void printList() {
        var out = spec.commandLine().getOut();
        for (DigestAlgorithm a : DigestAlgorithm.values()) {
            String note = !a.isSecure()
                    ? "insecure: collisions are practical; only for old data"
                    : a == DigestAlgorithm.SHA256 ? "default" : "";
            out.println(String.format("%-12s %4d  %s", DigestAlgorithmChoice.name(a), a.bits(), note)
                    .stripTrailing());
        }
    }

    /** The bytes to hash, for the progress bar: the sizes of the FILE operands, if all are plain files. */
    private long totalSize() {
        if (check || recursive) {
            return -1;
        }
        long total = 0;
        for (String f : files) {
            try {
                Path p = Path.of(f);
                if (f.equals("-") || !Files.isRegularFile(p)) {
                    return -1;
                }
                total += Files.size(p);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return total;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private record Job(Source source, DigestAlgorithm algorithm, Future<DigestResult> started) implements DigestJob {}
}
