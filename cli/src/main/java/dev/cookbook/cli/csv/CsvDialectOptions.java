package dev.cookbook.cli.csv;

import dev.cookbook.cli.common.NamedChoice;
import dev.cookbook.csv.CsvException;
import dev.cookbook.csv.CsvReader;
import dev.cookbook.csv.Dialect;
import dev.cookbook.csv.Quoting;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The parameters of Python's csv dialects that reading and writing share, as options of
 * {@code csv read} and {@code csv write}; {@link CsvReadingOptions} adds those only the reader uses.
 */
public final class CsvDialectOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = {"-d", "--delimiter"},
            paramLabel = "CHAR",
            description = "The field delimiter, one character; \\t for a tab (default: ,).")
    String delimiter = ",";

    @Option(names = "--quotechar", paramLabel = "CHAR", description = "The quote character (default: \").")
    String quoteChar = "\"";

    @Option(
            names = "--escapechar",
            paramLabel = "CHAR",
            description = "An escape character: it takes the next character literally (default: none).")
    String escapeChar;

    @Option(
            names = "--no-doublequote",
            description = "A quote inside a quoted field is escaped (--escapechar), not doubled.")
    boolean noDoubleQuote;

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
            converter = CharsetConverter.class,
            description = "The CSV's character encoding (default: UTF-8; a byte order mark is skipped).")
    Charset encoding = StandardCharsets.UTF_8;

    /** The dialect, with {@code strict}, {@code skipInitialSpace} and {@code lineTerminator} left to the command. */
    Dialect.Builder builder() {
        return Dialect.builder()
                .delimiter(oneChar(delimiter, "--delimiter"))
                .quoteChar(oneChar(quoteChar, "--quotechar"))
                .escapeChar(escapeChar == null ? Dialect.NONE : oneChar(escapeChar, "--escapechar"))
                .doubleQuote(!noDoubleQuote)
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
        return encoding;
    }

    /**
     * Refuses the options that {@code --quoting none} makes meaningless: with no quoting, a quote is
     * never doubled (both ways), and the reader takes the quote character as data.
     */
    void checkQuotingNone(boolean reading) {
        if (quoting != Quoting.NONE) {
            return;
        }
        if (reading && given(spec, "--quotechar")) {
            throw new ParameterException(
                    spec.commandLine(), "--quoting none reads quotes as data: --quotechar does not apply");
        }
        if (noDoubleQuote) {
            throw new ParameterException(
                    spec.commandLine(), "--quoting none doubles no quotes: --no-doublequote does not apply");
        }
    }

    /** Whether {@code option} was on the command line (rather than left at its default). */
    static boolean given(CommandSpec spec, String option) {
        return spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
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
    static final class QuotingChoice extends NamedChoice<Quoting> {
        QuotingChoice() {
            super(Quoting.class, "quoting");
        }
    }

    /** A charset by any of Java's names for it; an unknown name is one line naming it. */
    static final class CharsetConverter implements ITypeConverter<Charset> {
        @Override
        public Charset convert(String name) {
            try {
                return Charset.forName(name);
            } catch (UnsupportedCharsetException | IllegalCharsetNameException e) {
                throw new TypeConversionException(
                        "unknown encoding '" + name + "' (try UTF-8, ISO-8859-1, windows-1252, UTF-16)");
            }
        }
    }
}
