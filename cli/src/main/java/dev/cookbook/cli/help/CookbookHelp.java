package dev.cookbook.cli.help;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Help.Ansi.IStyle;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.IParamLabelRenderer;
import picocli.CommandLine.IHelpFactory;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How every {@code --help} is rendered, so that what it shows can be copied into a shell:
 *
 * <ul>
 *   <li>options GNU-style, {@code -a ALGO} and {@code --log-file PATH}, in the synopsis and the
 *       option list (parsing still accepts {@code --algorithm=sha256}: only the label changes);
 *   <li>the synopsis wrapped only between elements, never inside {@code [--[no-]progress]} or
 *       between an option and its value;
 *   <li>footer lines (the examples) printed as written, never wrapped, whatever the width.
 * </ul>
 *
 * Installed once on the whole tree by {@code CookbookCli} with {@link #FACTORY}.
 */
public final class CookbookHelp extends Help {
    /** The factory that {@code CommandLine.setHelpFactory} takes. */
    public static final IHelpFactory FACTORY = CookbookHelp::new;

    private CookbookHelp(CommandSpec spec, ColorScheme colorScheme) {
        super(spec, colorScheme);
    }

    @Override
    public IParamLabelRenderer createDefaultParamLabelRenderer() {
        return new GnuLabels(super.createDefaultParamLabelRenderer());
    }

    @Override
    public IParamLabelRenderer parameterLabelRenderer() {
        IParamLabelRenderer r = super.parameterLabelRenderer();
        return r instanceof GnuLabels ? r : new GnuLabels(r);
    }

    /** The examples: one line each, as the command class wrote them. */
    @Override
    public String footer(Object... params) {
        StringBuilder sb = new StringBuilder();
        for (String line : commandSpec().usageMessage().footer()) {
            String text = params.length == 0 && !line.contains("%") ? line : String.format(line, params);
            sb.append(colorScheme().text(text).toString()).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /**
     * The synopsis after the command name, wrapped at the usage width but only at a space that
     * separates two elements: one next to a bracket ({@code ] [}, {@code ] FILE}, {@code ALGO] [}).
     * A space between an option and its label ({@code -a ALGO}, {@code -c CIPHER}) never breaks.
     */
    @Override
    protected String insertSynopsisCommandName(int synopsisHeadingLength, Text optionText) {
        String name = commandSpec().qualifiedName();
        int indent = synopsisHeadingLength + name.length();
        int width = Math.max(commandSpec().usageMessage().width(), indent + 20);
        if (indent > width / 2) {
            indent = synopsisHeadingLength + 2; // a long name: continue under it, slightly indented
        }
        String plain = optionText.plainString();
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder(colorScheme().commandText(name).toString());
        int column = synopsisHeadingLength + name.length();
        for (int[] token : tokens(plain)) {
            int start = token[0];
            int end = token[1];
            int length = end - start;
            if (column + 1 + length > width && column > indent) {
                sb.append(nl).append(" ".repeat(indent));
                column = indent;
                if (plain.charAt(start) == ' ') { // the separating space
                    start++;
                    length--;
                }
            }
            sb.append(optionText.substring(start, end).toString());
            column += length;
        }
        return sb.append(nl).toString();
    }

    /** [start, end) of each unbreakable piece of {@code s}, each but the first starting at its space. */
    static List<int[]> tokens(String s) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) == ' ' && i + 1 < s.length() && breakable(s.charAt(i - 1), s.charAt(i + 1))) {
                out.add(new int[] {start, i});
                start = i;
            }
        }
        if (start < s.length()) {
            out.add(new int[] {start, s.length()});
        }
        return out;
    }

    private static boolean breakable(char before, char after) {
        return before == ']' || before == ')' || after == '[' || after == '(';
    }

    /** picocli's labels with a space where it puts the parser's separator: {@code -o OUT}. */
    private static final class GnuLabels implements IParamLabelRenderer {
        private final IParamLabelRenderer delegate;

        GnuLabels(IParamLabelRenderer delegate) {
            this.delegate = delegate;
        }

        @Override
        public Text renderParameterLabel(ArgSpec arg, Ansi ansi, List<IStyle> styles) {
            Text label = delegate.renderParameterLabel(arg, ansi, styles);
            String separator = delegate.separator();
            if (arg.isOption() && !separator.isEmpty() && label.plainString().startsWith(separator)) {
                return ansi.new Text(" ").concat(label.substring(separator.length()));
            }
            return label;
        }

        @Override
        public String separator() {
            return " ";
        }
    }
}
