package dev.cookbook.cli;

import dev.cookbook.cli.common.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Usage errors in a person's words: picocli's messages name argument indexes and Java types
 * ({@code unmatched argument at index 3}, {@code 'x' is not an int}); these name the argument as
 * help shows it ({@code SHELL}, {@code option '--jobs'}) and what would have been right.
 */
final class UsageMessages {
    private static final Pattern INVALID_VALUE = Pattern.compile(
            "Invalid value for (?:option '[^']*'|positional parameter at index \\S+ \\([^)]*\\)): (.*)",
            Pattern.DOTALL);
    private static final Pattern ENUM_MISMATCH = Pattern.compile("expected one of .* but was '(.*)'", Pattern.DOTALL);
    private static final Pattern EQUALS_LABEL = Pattern.compile("(-[\\w-]+)=([A-Z][A-Z0-9_,.]*)");

    private UsageMessages() {}

    /**
     * Fails on arguments that matched nothing, at any level. picocli does not when {@code --help}
     * also came, so {@code cookbook nosuchcommand --help} would print the root's help and exit 0.
     */
    static void rejectUnmatched(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.hasSubcommand() ? pr.subcommand() : null) {
            if (!pr.unmatched().isEmpty()) {
                throw new UnmatchedArgumentException(pr.commandSpec().commandLine(), pr.unmatched());
            }
        }
    }

    /** The message for {@code ex}, lowercase, without a trailing period. */
    static String describe(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            return unmatched(u.getCommandLine(), u.getUnmatched());
        }
        String message = String.valueOf(ex.getMessage());
        ArgSpec arg = ex.getArgSpec();
        Matcher invalid = INVALID_VALUE.matcher(message);
        if (arg != null && invalid.matches()) {
            // picocli's "option '--jobs'" reads well; "positional parameter at index 0 (SHELL)" does not
            String what = arg.isOption() ? "option '" + ((OptionSpec) arg).longestName() + "'" : arg.paramLabel();
            return "invalid value for " + what + ": " + detail(arg, invalid.group(1));
        }
        if (ex.getClass() == ParameterException.class) {
            return Messages.lowerFirst(message); // ours, already in words
        }
        if (ex instanceof MissingParameterException m && m.getMissing().size() == 1) {
            ArgSpec missing = m.getMissing().get(0);
            if (missing.isOption() && message.startsWith("Missing required parameter for option")) {
                return name(missing) + " needs a value: " + missing.paramLabel();
            }
            if (missing.isOption()) {
                return "missing required option " + synopsis(missing);
            }
            return "missing " + missing.paramLabel() + candidates(missing);
        }
        return Messages.lowerFirst(EQUALS_LABEL.matcher(message).replaceAll("$1 $2"));
    }

    private static String unmatched(CommandLine cl, List<String> args) {
        String first = args.get(0);
        if (first.startsWith("-") && first.length() > 1) {
            return "unknown option: '" + first + "'";
        }
        if (!cl.getSubcommands().isEmpty()) {
            return "unknown command '" + first + "'";
        }
        List<String> quoted = new ArrayList<>();
        for (String arg : args) {
            quoted.add("'" + arg + "'");
        }
        return (args.size() == 1 ? "unexpected argument " : "unexpected arguments ") + String.join(", ", quoted);
    }

    /** {@code -j/--jobs} for an option, {@code SHELL} for an operand. */
    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec o ? String.join("/", o.names()) : arg.paramLabel();
    }

    private static String synopsis(ArgSpec arg) {
        OptionSpec o = (OptionSpec) arg;
        return o.arity().max() > 0 ? o.longestName() + " " + o.paramLabel() : o.longestName();
    }

    private static String detail(ArgSpec arg, String picocli) {
        Matcher e = ENUM_MISMATCH.matcher(picocli);
        if (e.matches()) {
            return "'" + e.group(1) + "'" + candidates(arg);
        }
        return picocli.replaceFirst(" is not an? (int|long|short|byte)$", " is not a whole number")
                .replaceFirst(" is not an? (double|float)$", " is not a number");
    }

    /** {@code " (use bash or zsh)"}, or nothing when the argument takes any value. */
    private static String candidates(ArgSpec arg) {
        if (arg.completionCandidates() == null) {
            return "";
        }
        List<String> values = new ArrayList<>();
        arg.completionCandidates().forEach(values::add);
        if (values.isEmpty()) {
            return "";
        }
        String last = values.remove(values.size() - 1);
        return " (use " + (values.isEmpty() ? last : String.join(", ", values) + " or " + last) + ")";
    }
}
