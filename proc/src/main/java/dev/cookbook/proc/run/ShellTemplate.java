package dev.cookbook.proc.run;

import dev.cookbook.proc.shell.ShellQuote;
import java.util.List;

/**
 * A shell command template with placeholders filled by quoted arguments, the safe form of
 * {@code "du -sh {}".format(directory)}: {@code {N}} (N from 1) becomes argument N quoted with
 * {@link ShellQuote#quote}, and {@code {}} becomes every argument, each quoted, joined by spaces
 * ({@link ShellQuote#join}; nothing when there are none). Every other character, including a
 * {@code {} that does not form {@code {}} or {@code {N}}}, stays as it is; to hand the shell a
 * literal {@code {}}, write {@code {''}}, which the shell reads as {@code {}}.
 *
 * <pre>{@code
 * ShellTemplate.expand("du -sh {}", List.of("/dev/null; ls -l /tmp"))  // du -sh '/dev/null; ls -l /tmp'
 * }</pre>
 */
public final class ShellTemplate {
    private ShellTemplate() {}

    /**
     * The template with its placeholders replaced.
     *
     * @throws RunException ({@link RunException.Kind#INVALID}) when {@code {N}} names an argument
     *     that is not there, or arguments are given to a template that has no placeholder
     */
    public static String expand(String template, List<String> args) throws RunException {
        StringBuilder sb = new StringBuilder(template.length() + 16);
        boolean placeholders = false;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            int close = c == '{' ? template.indexOf('}', i + 1) : -1;
            String inside = close < 0 ? null : template.substring(i + 1, close);
            if (inside != null && inside.isEmpty()) {
                sb.append(ShellQuote.join(args));
                placeholders = true;
                i = close + 1;
            } else if (inside != null && inside.matches("[1-9][0-9]{0,8}")) {
                int n = Integer.parseInt(inside);
                if (n > args.size()) {
                    throw new RunException(
                            RunException.Kind.INVALID,
                            "{" + n + "} needs " + n + " arguments after the template, but " + count(args.size())
                                    + " given");
                }
                sb.append(ShellQuote.quote(args.get(n - 1)));
                placeholders = true;
                i = close + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
        if (!placeholders && !args.isEmpty()) {
            throw new RunException(
                    RunException.Kind.INVALID,
                    "the template has no {} or {N} to put the " + count(args.size()) + " in");
        }
        return sb.toString();
    }

    private static String count(int n) {
        return n == 0 ? "no arguments" : n == 1 ? "1 argument" : n + " arguments";
    }
}
