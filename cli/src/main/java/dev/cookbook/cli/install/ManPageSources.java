package dev.cookbook.cli.install;

import dev.cookbook.cli.CookbookCli;
import dev.cookbook.cli.Stdio;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.Messages;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build time only (run by the cli pom in {@code generate-test-sources}, left out of the shaded jar): writes
 * one AsciiDoc man page per command and subcommand with picocli's {@link ManPageGenerator}, from
 * the same command tree {@code --help} shows, exit-status table included. Asciidoctor's manpage
 * backend then turns them into the troff pages {@link InstallCommand} installs.
 *
 * <p>picocli's generator copies the help texts into AsciiDoc as they are, and some of ours are
 * AsciiDoc markup by accident: {@code 0.0.0.0 or :: for every interface} makes a definition list,
 * {@code *.iso} bold text, {@code FILE...} an ellipsis, an indented example line in a description a
 * literal block glued to the sentence before. So the texts are escaped in the model first, and each
 * description line becomes its own paragraph, as {@code --help} prints it on its own line.
 */
public final class ManPageSources {
    private ManPageSources() {}

    /** {@code ManPageSources OUTDIR}. */
    public static void main(String[] args) throws IOException {
        Stdio quiet = new Stdio(
                InputStream.nullInputStream(), OutputStream.nullOutputStream(), System.err, false, false, false);
        CommandLine root = CookbookCli.create(quiet);
        escape(root);
        int status =
                ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true, root.getCommandSpec());
        if (status != 0) {
            throw new IOException("picocli's man page generator failed with status " + status);
        }
    }

    /** Escapes every text of {@code cl} and its subcommands that the generator copies as it is. */
    private static void escape(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        UsageMessageSpec usage = spec.usageMessage();
        if (usage.header().length == 0 && usage.description().length > 0) {
            // the NAME line, which AsciiDoc reads with attribute references only
            usage.header(usage.description()[0].replaceAll("\\{(?=\\w[\\w-]*})", "\\\\{"));
        }
        usage.description(paragraphs(usage.description()));
        usage.footer(footer(usage.footer()));
        Map<String, String> codes = new LinkedHashMap<>();
        usage.exitCodeList().forEach((code, meaning) -> codes.put(code, text(meaning)));
        usage.exitCodeList(codes);
        for (OptionSpec option : spec.options()) {
            // Options are not replaced, as operands are below: an option of a group is listed through
            // the group, and an inherited one (-v) would be copied into the subcommands again. Each
            // gets its escaped text as a resource bundle, which picocli reads before the annotation.
            option.messages(new Messages(spec, bundle(option.names(), lines(option.description()))));
        }
        for (PositionalParamSpec operand : new ArrayList<>(spec.positionalParameters())) {
            if (operand.group() == null) {
                spec.remove(operand);
                spec.addPositional(operand.toBuilder()
                        .description(lines(operand.description()))
                        .build());
            }
        }
        cl.getSubcommands().values().forEach(ManPageSources::escape);
    }

    /** A bundle that gives {@code description} as the description of an option called {@code names}. */
    private static ResourceBundle bundle(String[] names, String[] description) {
        List<Object[]> contents = new ArrayList<>();
        for (String name : names) {
            // picocli's key for an option without a descriptionKey: each name without its dashes,
            // a line of the description at a time
            for (int i = 0; i < description.length; i++) {
                contents.add(new Object[] {
                    name.replaceFirst("^[^\\p{javaJavaIdentifierPart}]+", "") + "." + i, description[i]
                });
            }
        }
        return new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return contents.toArray(new Object[0][]);
            }
        };
    }

    /**
     * Description lines as paragraphs: a blank line between two, except between indented lines
     * (examples), which stay together in one literal block.
     */
    private static String[] paragraphs(String[] description) {
        List<String> out = new ArrayList<>();
        for (String line : description) {
            if (!out.isEmpty() && !(isLiteral(line) && isLiteral(out.get(out.size() - 1)))) {
                out.add("");
            }
            out.add(text(line));
        }
        return out.toArray(new String[0]);
    }

    /**
     * Footer lines, which picocli's generator keeps apart with hard breaks: an indented line after
     * text gets a blank line before it, or AsciiDoc would read it as more of that text (an address
     * in it a mail link), not as a literal line.
     */
    private static String[] footer(String[] footer) {
        List<String> out = new ArrayList<>();
        for (String line : footer) {
            if (!out.isEmpty()
                    && isLiteral(line)
                    && !isLiteral(out.get(out.size() - 1))
                    && !out.get(out.size() - 1).isEmpty()) {
                out.add("");
            }
            out.add(text(line));
        }
        return out.toArray(new String[0]);
    }

    private static String[] lines(String[] lines) {
        String[] out = new String[lines.length];
        for (int i = 0; i < lines.length; i++) {
            out[i] = text(lines[i]);
        }
        return out;
    }

    /** An indented line: AsciiDoc shows it verbatim, as --help does. */
    private static boolean isLiteral(String line) {
        return line.startsWith(" ");
    }

    /** What in plain text AsciiDoc would read as markup, and what shows it as the text it is. */
    private static final Pattern MARKUP = Pattern.compile(
            "\\{(?=\\w[\\w-]*})|[*`^~+#_@]|::|://|(?<=\\w)'(?=\\w)|\\.\\.\\.|(?<=\\w|^|\\s)--(?=\\w|$|\\s)|->|=>|<-|<=|\\((?:C|R|TM)\\)");

    /** {@code line} as AsciiDoc text that shows it as written. An indented line is literal already. */
    static String text(String line) {
        if (isLiteral(line)) {
            return line;
        }
        Matcher m = MARKUP.matcher(line);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String markup = m.group();
            // \{ keeps an attribute reference ({N}) as text; pass:[...] anything else, whole
            m.appendReplacement(sb, Matcher.quoteReplacement(markup.equals("{") ? "\\{" : "pass:[" + markup + "]"));
        }
        m.appendTail(sb);
        String escaped = sb.toString();
        // a line that starts like a list item, block title or attribute line
        return escaped.matches("^(?:[.*\\-=\\[/|<]|\\d+\\.).*") ? "{empty}" + escaped : escaped;
    }
}
