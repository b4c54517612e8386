package dev.cookbook.csv;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;

/**
 * Jackson's parse errors in words, one line each: what is wrong with the JSON and on which line,
 * never the parser's own message (which names its features, classes and Java types). A message
 * this does not recognise is reported as plain invalid JSON; the tests pin every one it does.
 */
final class JsonErrors {
    private static final Pattern CHAR =
            Pattern.compile("^unexpected character \\('(.+?)' \\(code (\\d+)\\)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN =
            Pattern.compile("^(?:unrecognized|non-standard) token '(.*?)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern CTRL = Pattern.compile("\\(CTRL-CHAR, code (\\d+)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ESCAPE =
            Pattern.compile("^unrecognized character escape '(.+?)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLOSE =
            Pattern.compile("^unexpected close marker '(.)': expected '(.)'", Pattern.CASE_INSENSITIVE);
    private static final Pattern NO_OPEN =
            Pattern.compile("^unexpected close marker '(.)': no open", Pattern.CASE_INSENSITIVE);
    private static final Pattern UTF8 =
            Pattern.compile("^invalid UTF-8 (?:start|middle) byte (0x[0-9a-f]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIMIT = Pattern.compile(
            "^(number value|string value|name|document nesting)"
                    + " (?:length|depth) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)",
            Pattern.CASE_INSENSITIVE);

    private JsonErrors() {}

    /** {@code e}, thrown by {@code p}, as a {@link CsvException} at its line. */
    static CsvException of(JacksonException e, JsonParser p) {
        TokenStreamLocation at = e.getLocation();
        if ((at == null || at.getLineNr() <= 0) && p != null) {
            at = p.currentLocation(); // the limits are reported without a location
        }
        long line = at == null ? 0 : Math.max(0, at.getLineNr());
        return new CsvException(
                line, "not valid JSON" + words(e.getOriginalMessage() == null ? "" : e.getOriginalMessage()));
    }

    /** ": what is wrong", or "" when the message is not one this knows. */
    static String words(String message) {
        String m = message.toLowerCase(Locale.ROOT); // for the tests; the quoted parts come from message
        Matcher x;
        if (m.startsWith("unexpected end-of-input")) {
            return ": the input ends "
                    + (m.contains("value_string")
                            ? "inside a string"
                            : m.contains("escape")
                                    ? "inside an escape sequence"
                                    : m.contains("object")
                                            ? "inside an object"
                                            : m.contains("array") ? "inside an array" : "inside a value");
        }
        if ((x = LIMIT.matcher(message)).find()) {
            String max = x.group(3);
            return switch (x.group(1).toLowerCase(Locale.ROOT)) {
                case "number value" -> ": a number longer than " + max + " characters";
                case "string value" -> ": a string longer than " + max + " characters";
                case "name" -> ": a key longer than " + max + " characters";
                default -> ": values nested more than " + max + " deep";
            };
        }
        if ((x = UTF8.matcher(message)).find()) {
            return m.contains("middle byte")
                    ? ": not UTF-8 text (a character cut short by the byte " + x.group(1) + ")"
                    : ": the byte " + x.group(1) + " is not UTF-8 text";
        }
        if (m.contains("comment")) {
            return ": a comment ('/'): JSON has none";
        }
        if ((x = TOKEN.matcher(message)).find()) {
            String t = x.group(1);
            return t.equalsIgnoreCase("nan") || t.toLowerCase(Locale.ROOT).contains("infinity")
                    ? ": '" + t + "' is not a JSON number"
                    : ": unknown word '" + t + "' (text must be in double quotes)";
        }
        if ((x = CTRL.matcher(message)).find()) {
            return m.contains("string value")
                    ? ": a control character (code " + x.group(1) + ") inside a string: it must be escaped"
                    : ": a control character (code " + x.group(1) + ") between values";
        }
        if ((x = ESCAPE.matcher(message)).find()) {
            return ": '\\" + x.group(1) + "' is not an escape sequence";
        }
        if (m.contains("hex-digit")) {
            return ": a \\u escape needs four hexadecimal digits";
        }
        if (m.contains("leading zeroes")) {
            return ": a number with a leading zero";
        }
        if ((x = CLOSE.matcher(message)).find()) {
            return ": '" + x.group(1) + "' where '" + x.group(2) + "' was expected";
        }
        if ((x = NO_OPEN.matcher(message)).find()) {
            return ": '" + x.group(1) + "' closes nothing";
        }
        if ((x = CHAR.matcher(message)).find()) {
            String c = x.group(1);
            if (m.contains("numeric value") || m.contains("invalid numeric")) {
                return ": a malformed number (at '" + c + "')";
            }
            if (m.contains("double-quote to start")) {
                return ": '" + c + "' where a key in double quotes was expected";
            }
            if (m.contains("colon")) {
                return ": '" + c + "' where ':' was expected after a key";
            }
            if (m.contains("comma to separate object")) {
                return ": '" + c + "' where ',' or '}' was expected";
            }
            if (m.contains("comma to separate array")) {
                return ": '" + c + "' where ',' or ']' was expected";
            }
            return ": '" + c + "' where a value was expected";
        }
        if (m.startsWith("invalid numeric value")) {
            return ": a malformed number";
        }
        return "";
    }
}
