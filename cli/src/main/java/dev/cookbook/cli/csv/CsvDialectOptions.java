package dev.cookbook.cli.csv;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.common.EnumChoice;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.csv.CsvException;
import dev.cookbook.csv.CsvReader;
import dev.cookbook.csv.Dialect;
import dev.cookbook.csv.Quoting;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The parameters of Python's csv dialects, as options shared by {@code csv read} and {@code csv write}. */
public final class CsvDialectOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(
            names = {"-d", "--delimiter"},
            paramLabel = "CHAR",
            description = "The field delimiter, one character; \\t for a tab (default: ,).")
    private String delimiter = ",";

    @Option(names = "--quotechar", paramLabel = "CHAR", description = "The quote character (default: \").")
    private String quoteChar = "\"";

    @Option(
            names = "--escapechar",
            paramLabel = "CHAR",
            description = "An escape character: it takes the next character literally (default: none).")
    private String escapeChar;

    @Option(
            names = "--no-doublequote",
            description = "A quote inside a quoted field is escaped (--escapechar), not doubled.")
    private boolean noDoubleQuote;

    @Option(names = "--skipinitialspace", description = "Ignore spaces right after a delimiter.")
    private boolean skipInitialSpace;

    @Option(
            names = "--quoting",
            paramLabel = "MODE",
            converter = QuotingChoice.class,
            completionCandidates = QuotingChoice.class,
            description = "minimal (default), all, nonnumeric or none, as Python's csv.QUOTE_*. Reading, "
                    + "nonnumeric makes unquoted fields numbers and none takes quotes as data.")
    Quoting quoting = Quoting.MINIMAL;

    @Option(
            names = "--encoding",
            paramLabel = "NAME",
            description = "The CSV's character encoding (default: UTF-8; a byte order mark is skipped).")
    private String encoding = "UTF-8";

    /** The dialect, with {@code strict} and {@code lineTerminator} left to the command. */
    Dialect.Builder builder() {
        return Dialect.builder()
                .delimiter(oneChar(delimiter, "--delimiter"))
                .quoteChar(oneChar(quoteChar, "--quotechar"))
                .escapeChar(escapeChar == null ? Dialect.NONE : oneChar(escapeChar, "--escapechar"))
                .doubleQuote(!noDoubleQuote)
                .skipInitialSpace(skipInitialSpace)
                .quoting(quoting);
    }

    /** Builds the dialect, a bad combination being a usage error. */
    Dialect build(Dialect.Builder b) {
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    Charset charset() {
        try {
            return Charset.forName(encoding);
        } catch (UnsupportedCharsetException | IllegalCharsetNameException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "unknown --encoding '" + encoding + "' (try UTF-8, ISO-8859-1, windows-1252, UTF-16)");
        }
    }

    private char oneChar(String value, String option) {
        String v = switch (value) {
            case "\\t" -> "\t";
            case "\\\\" -> "\\";
            default -> value;
        };
        if (v.length() != 1) {
            throw new ParameterException(
                    spec.commandLine(), option + " takes one character (\\t for a tab), not '" + value + "'");
        }
        return v.charAt(0);
    }

    /**
     * A list of names given on the command line, read as one CSV row (so a name with a comma can be
     * quoted: {@code 'id,"last, first"'}).
     */
    static List<String> names(CommandSpec spec, String value, String option) {
        try {
            List<String> names = new CsvReader(new StringReader(value), Dialect.EXCEL, Integer.MAX_VALUE).next();
            if (names == null || names.isEmpty()) {
                throw new ParameterException(spec.commandLine(), option + " needs at least one name");
            }
            return names;
        } catch (CsvException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code minimal}, {@code all}, {@code nonnumeric}, {@code none}. */
    static final class QuotingChoice extends EnumChoice<Quoting> {
        QuotingChoice() {
            super(Quoting.class);
        }
    }

    /**
     * A {@link CsvException} as the command's failure: {@code FILE: line N: what} (exit 3), and a
     * hint naming the option that changes the outcome, where there is one.
     *
     * @param file    the file the line number refers to, or null for standard input
     * @param writing whether the command writes CSV (an encoding error is then about the output)
     */
    static CommandFailure failure(String file, CsvException e, boolean writing) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(Messages.quote(file)).append(": ");
        }
        if (e.line() > 0) {
            sb.append("line ").append(e.line()).append(": ");
        }
        String hint = switch (e.kind()) {
            case ENCODING ->
                writing
                        ? "choose an --encoding that can hold it, such as UTF-8"
                        : "give the file's encoding with --encoding";
            case DUPLICATE_NAME -> "--dedupe-headers renames a repeated name a to a_2, a_3, ...";
            case UNKNOWN_KEY -> "--extras ignore drops keys that are not columns; --fields sets the columns";
            case NESTED_VALUE -> "--json-cells writes objects and arrays as their JSON text";
            case ARRAY_RECORD -> "--rows writes JSON arrays as rows";
            case OBJECT_ROW -> "without --rows, JSON objects are written as records";
            case NOT_A_NUMBER -> "with --quoting nonnumeric, text must be quoted";
            default -> null;
        };
        return new CommandFailure(ExitCodes.BAD_DATA, sb.append(e.getMessage()).toString(), hint, e);
    }
}
