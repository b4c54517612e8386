package dev.cookbook.cli.csv;

import dev.cookbook.cli.ErrorHints;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.PlainCommand;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.CountingInputStream;
import dev.cookbook.cli.common.InputOptions;
import dev.cookbook.cli.common.NamedChoice;
import dev.cookbook.cli.common.Output;
import dev.cookbook.cli.common.OutputOptions;
import dev.cookbook.cli.common.ProgressBar;
import dev.cookbook.cli.common.ProgressOptions;
import dev.cookbook.csv.CsvException;
import dev.cookbook.csv.CsvReader;
import dev.cookbook.csv.CsvTable;
import dev.cookbook.csv.CsvToJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook csv read}: CSV records as JSON, the way Python's csv.DictReader reads them. */
@Command(
        name = "read",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Read CSV and write its records as JSON Lines: one object per record, keys in header order, values "
                    + "strings, as Python's csv.DictReader gives them.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook csv read people.csv",
            "  cookbook csv read --to table people.csv",
            "  cookbook csv read -d ' ' --quotechar '|' --rows raw.csv",
            "  cookbook csv read --fieldnames id,name --strict < headerless.csv",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class CsvReadCommand implements Callable<Integer>, ErrorHints, PlainCommand {
    /** What --to writes. */
    enum To {
        JSONL,
        JSON,
        TABLE
    }

    static final class ToChoice extends NamedChoice<To> {
        ToChoice() {
            super(To.class, "format");
        }
    }

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Option(
            names = "--to",
            paramLabel = "FORMAT",
            converter = ToChoice.class,
            completionCandidates = ToChoice.class,
            description = "jsonl (default): one JSON value per line; json: one array; table: aligned columns to read.")
    To to = To.JSONL;

    @Option(names = "--rows", description = "Every row as a JSON array of strings, the header too, as csv.reader.")
    boolean rows;

    @Option(
            names = "--fieldnames",
            paramLabel = "A,B,C",
            description = "The keys, for a file with no header row (its first row is then data).")
    String fieldNames;

    @Option(
            names = "--restkey",
            paramLabel = "NAME",
            description = "The key of the list of fields beyond the header (default: null, the key Python's json "
                    + "gives DictReader's None).")
    String restKey;

    @Option(
            names = "--restval",
            paramLabel = "VALUE",
            description = "The value of keys a short record lacks (default: JSON null).")
    String restVal;

    @Option(
            names = "--strict",
            description = "A record with more or fewer fields than the header, or text after a "
                    + "closing quote, is an error.")
    boolean strict;

    @Option(names = "--dedupe-headers", description = "Rename a repeated header name a to a_2, a_3 instead of failing.")
    boolean dedupe;

    @Option(
            names = "--field-size-limit",
            paramLabel = "CHARS",
            description = "The longest field accepted (default: ${DEFAULT-VALUE}).")
    int fieldSizeLimit = CsvReader.DEFAULT_FIELD_SIZE_LIMIT;

    @Mixin
    ProgressOptions progress;

    @Mixin
    CsvDialectOptions dialect;

    @Mixin
    CsvReadingOptions reading;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, CsvException {
        return run(Stdio.of(spec), spec.commandLine().getErr());
    }

    /**
     * Whether {@code args} are {@code csv read FILE}, one operand that does not start with {@code -}:
     * picocli's parse of them sets the FILE and nothing else.
     */
    public static boolean isPlain(String[] args) {
        return args.length == 3
                && args[0].equals("csv")
                && args[1].equals("read")
                && PlainCommand.operandsOnly(args, 2);
    }

    /**
     * The command of {@code csv read FILE} ({@link #isPlain}), every option at the value picocli's
     * parse gives it, to run without a command line built; else null. A test holds the two paths to
     * the same output.
     */
    public static CsvReadCommand plain(String[] args) {
        if (!isPlain(args)) {
            return null;
        }
        CsvReadCommand command = new CsvReadCommand();
        command.input = InputOptions.operand(args[2]);
        command.output = new OutputOptions();
        command.progress = new ProgressOptions();
        command.dialect = new CsvDialectOptions();
        command.reading = new CsvReadingOptions();
        return command;
    }

    @Override
    public int runPlain(Stdio stdio, PrintWriter out, PrintWriter err) throws IOException, CsvException {
        return run(stdio, err);
    }

    private int run(Stdio stdio, PrintWriter err) throws IOException, CsvException {
        if (fieldSizeLimit < 1) {
            throw new ParameterException(spec.commandLine(), "--field-size-limit must be at least 1");
        }
        if (rows && (fieldNames != null || dedupe)) {
            throw new ParameterException(
                    spec.commandLine(), "--rows reads no header: --fieldnames and " + "--dedupe-headers do not apply");
        }
        if (rows && (restKey != null || restVal != null)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--rows reads no header: " + (restKey != null ? "--restkey" : "--restval") + " does not apply");
        }
        if (to == To.TABLE && restKey != null) {
            throw new ParameterException(
                    spec.commandLine(), "--to table shows extra fields as more columns: --restkey does not apply");
        }
        dialect.checkQuotingNone(true);
        java.util.List<String> names =
                fieldNames == null ? null : CsvDialectOptions.names(spec, fieldNames, "--fieldnames");
        if (names != null && !dedupe && new java.util.HashSet<>(names).size() < names.size()) {
            throw new ParameterException(
                    spec.commandLine(), "--fieldnames names a column twice: rename it, or add " + "--dedupe-headers");
        }
        CsvToJson.Options.Builder builder = CsvToJson.Options.builder()
                .dialect(dialect.build(reading.apply(dialect.builder()).strict(strict)))
                .fieldNames(names)
                .restVal(restVal)
                .raggedIsError(strict && !rows)
                .dedupeHeaders(dedupe)
                .rows(rows)
                .layout(to == To.JSON ? CsvToJson.Layout.JSON_ARRAY : CsvToJson.Layout.JSON_LINES)
                .fieldSizeLimit(fieldSizeLimit);
        if (restKey != null) {
            builder.restKey(restKey);
        }
        CsvToJson.Options options = builder.build();
        try (CountingInputStream in = new CountingInputStream(input.open(stdio));
                Output out = output.open(stdio, Output.Kind.TEXT, input.path());
                ProgressBar bar = progress.start(stdio, output.isStdout(), err, in::count, input::size)) {
            OutputStream sink = new BufferedOutputStream(out.stream(), 1 << 16);
            try {
                convert(in, input.name(), sink, options);
            } catch (CsvException e) {
                sink.flush(); // everything before the bad record, then the error (ErrorHandler's)
                throw e;
            }
            sink.flush();
            out.commit();
        }
        return ExitCodes.OK;
    }

    private void convert(InputStream in, String name, OutputStream sink, CsvToJson.Options options)
            throws IOException, CsvException {
        if (to == To.TABLE) {
            CsvTable.write(in, name, dialect.charset(), sink, options);
        } else {
            CsvToJson.convert(in, name, dialect.charset(), sink, options);
        }
    }

    @Override
    public String hint(Exception failure) {
        return failure instanceof CsvException e ? CsvHints.hint(e, false) : null;
    }
}
