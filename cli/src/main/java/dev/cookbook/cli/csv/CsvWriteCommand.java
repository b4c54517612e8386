package dev.cookbook.cli.csv;

import dev.cookbook.cli.ErrorHints;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.CountingInputStream;
import dev.cookbook.cli.common.InputOptions;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.cli.common.NamedChoice;
import dev.cookbook.cli.common.Output;
import dev.cookbook.cli.common.OutputOptions;
import dev.cookbook.cli.common.ProgressBar;
import dev.cookbook.cli.common.ProgressOptions;
import dev.cookbook.csv.CsvAppendTarget;
import dev.cookbook.csv.CsvException;
import dev.cookbook.csv.Dialect;
import dev.cookbook.csv.JsonToCsv;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook csv write}: JSON records as CSV, the way Python's csv.DictWriter writes them. */
@Command(
        name = "write",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Read JSON records (JSON Lines, or one array) and write them as CSV with a header, as Python's "
                    + "csv.DictWriter does. The columns are --fields, or the first record's keys.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook csv write -o people.csv people.jsonl",
            "  cookbook csv read people.csv | cookbook csv write --sort-fields --quoting all",
            "  cookbook csv write --append -o people.csv < more.jsonl      # keeps the file's columns",
            "  cookbook csv write --rows -d ' ' --quotechar '|' < rows.jsonl",
        })
@ExitCodes.Returns({ExitCodes.BAD_DATA, ExitCodes.IO_ERROR, ExitCodes.CLOSED_PIPE})
public final class CsvWriteCommand implements Callable<Integer>, ErrorHints {
    /** What --line-terminator writes. */
    enum Terminator {
        CRLF("\r\n"),
        LF("\n");

        final String text;

        Terminator(String text) {
            this.text = text;
        }
    }

    static final class TerminatorChoice extends NamedChoice<Terminator> {
        TerminatorChoice() {
            super(Terminator.class, "line terminator");
        }
    }

    static final class ExtrasChoice extends NamedChoice<JsonToCsv.Extras> {
        ExtrasChoice() {
            super(JsonToCsv.Extras.class, "extras action");
        }
    }

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Option(
            names = "--append",
            description = "Add the records to OUT, keeping its header and column order (a "
                    + "missing OUT is created with a header). On any error OUT is cut back to its original length.")
    boolean append;

    @Option(
            names = "--fields",
            paramLabel = "A,B,C",
            description = "The columns, in order (default: the first " + "record's keys).")
    String fields;

    @Option(
            names = "--sort-fields",
            description = "Sort the columns taken from the first record, so every file " + "gets the same order.")
    boolean sortFields;

    @Option(
            names = "--extras",
            paramLabel = "ACTION",
            converter = ExtrasChoice.class,
            completionCandidates = ExtrasChoice.class,
            description = "raise (default): a key that is not a column is an error; ignore: drop it.")
    JsonToCsv.Extras extras;

    @Option(
            names = "--restval",
            paramLabel = "VALUE",
            description = "Written for a missing key or a JSON null " + "(default: empty).")
    String restVal = "";

    @Option(
            names = "--json-cells",
            description = "Write an object or array value as its JSON text (default: an " + "error).")
    boolean jsonCells;

    @Option(names = "--rows", description = "Records are JSON arrays, written as plain rows with no header.")
    boolean rows;

    @Option(names = "--no-header", description = "Do not write the header row.")
    boolean noHeader;

    @Option(
            names = "--line-terminator",
            paramLabel = "EOL",
            converter = TerminatorChoice.class,
            completionCandidates = TerminatorChoice.class,
            description = "crlf (default, as Python and RFC 4180) or lf. Appending, the file's own is kept.")
    Terminator terminator;

    @Mixin
    ProgressOptions progress;

    @Mixin
    CsvDialectOptions dialect;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, CsvException {
        if (append && output.isStdout()) {
            throw new ParameterException(spec.commandLine(), "--append needs -o FILE: the file to add to");
        }
        if (append && output.force()) {
            throw new ParameterException(
                    spec.commandLine(), "--append adds to OUT and --force replaces it: choose one");
        }
        if (rows && (fields != null || sortFields)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--rows writes arrays as they are: --fields and " + "--sort-fields do not apply");
        }
        if (rows && extras != null) {
            throw new ParameterException(
                    spec.commandLine(), "--rows writes arrays as they are: --extras does not apply");
        }
        dialect.checkQuotingNone(false);
        Charset charset = dialect.charset();
        Dialect.Builder builder = dialect.builder();
        List<String> given = fields == null ? null : CsvDialectOptions.names(spec, fields, "--fields");
        if (given != null) {
            for (int i = 0; i < given.size(); i++) {
                if (given.indexOf(given.get(i)) < i) {
                    throw new ParameterException(
                            spec.commandLine(), "--fields names the column '" + given.get(i) + "' twice");
                }
            }
        }
        JsonToCsv.Options.Builder options = JsonToCsv.Options.builder()
                .fields(given)
                .sortFields(sortFields)
                .extras(extras == null ? JsonToCsv.Extras.RAISE : extras)
                .restVal(restVal)
                .jsonCells(jsonCells)
                .rows(rows)
                .header(!noHeader)
                .charset(charset);
        Stdio stdio = Stdio.of(spec);
        Path source = input.path();
        Path target = output.isStdout() ? null : Path.of(output.name());
        if (append
                && source != null
                && Files.exists(source)
                && Files.exists(target)
                && Files.isSameFile(source, target)) {
            throw new ParameterException(
                    spec.commandLine(), Messages.quote(output.name()) + " is both the input and the output");
        }
        try (CountingInputStream json = new CountingInputStream(input.open(stdio));
                ProgressBar bar = progress.start(stdio, output.isStdout(), json::count, input::size)) {
            if (append) {
                appendTo(target, json, options, given, builder, charset);
            } else {
                options.dialect(dialect.build(builder.lineTerminator(terminator(Terminator.CRLF).text)));
                try (Output out = output.open(stdio, Output.Kind.TEXT, source)) {
                    OutputStream sink = new BufferedOutputStream(out.stream(), 1 << 16);
                    convert(json, sink, options.build());
                    sink.flush();
                    out.commit();
                }
            }
        }
        return ExitCodes.OK;
    }

    private void appendTo(
            Path target,
            InputStream json,
            JsonToCsv.Options.Builder options,
            List<String> given,
            Dialect.Builder builder,
            Charset charset)
            throws IOException, CsvException {
        // The hook is armed as soon as the file is open and removed only after it is closed (resources
        // close in reverse order): a JVM stopped (Ctrl-C, kill) in between still undoes the append.
        try (RollbackOnExit onExit = new RollbackOnExit();
                CsvAppendTarget file = CsvAppendTarget.open(target, dialect.build(builder), charset)) {
            onExit.arm(file::rollback);
            List<String> header = rows ? null : file.header();
            if (header != null) {
                if (given != null && !given.equals(header)) {
                    throw new ParameterException(
                            spec.commandLine(),
                            "--fields " + String.join(",", given) + " differ from the columns of "
                                    + Messages.quote(output.name()) + ": " + String.join(",", header));
                }
                options.fields(header).sortFields(false).header(false);
            }
            String eol = terminator != null
                    ? terminator.text
                    : file.lineTerminator() != null ? file.lineTerminator() : Terminator.CRLF.text;
            options.dialect(dialect.build(builder.lineTerminator(eol))).charset(file.charset());
            OutputStream sink = new BufferedOutputStream(file.stream(), 1 << 16);
            convert(json, sink, options.build());
            sink.flush();
            file.commit();
        }
    }

    private void convert(InputStream json, OutputStream sink, JsonToCsv.Options options)
            throws IOException, CsvException {
        try {
            JsonToCsv.convert(json, input.name(), sink, options);
        } catch (CsvException e) {
            sink.flush(); // the records before the bad one (a file output is then discarded or cut back)
            throw e;
        }
    }

    @Override
    public String hint(Exception failure) {
        if (!(failure instanceof CsvException e)) {
            return null;
        }
        // The header of the file appended to is read, not written.
        boolean appendedFile = append
                && e.source() != null
                && !output.isStdout()
                && Path.of(e.source()).equals(Path.of(output.name()));
        return CsvHints.hint(e, !appendedFile);
    }

    private Terminator terminator(Terminator fallback) {
        return terminator != null ? terminator : fallback;
    }
}
