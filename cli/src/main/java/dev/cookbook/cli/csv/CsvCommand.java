package dev.cookbook.cli.csv;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cookbook csv}: CSV records to JSON and back, with Python's csv dialects. */
@Command(
        name = "csv",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Read CSV as JSON records and write JSON records as CSV, with the dialect options of Python's csv module.",
        },
        subcommands = {CsvReadCommand.class, CsvWriteCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  cookbook csv read people.csv                         # one JSON object per record",
            "  cookbook csv read --to table people.csv",
            "  cookbook csv read people.csv | cookbook csv write -o copy.csv",
            "  cookbook csv write --append -o people.csv < new.jsonl",
        })
public final class CsvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: read or write");
    }
}
