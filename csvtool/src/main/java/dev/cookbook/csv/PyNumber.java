package dev.cookbook.csv;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * What Python's {@code float()} accepts, as JSON: how a {@link Quoting#NONNUMERIC} reader turns an
 * unquoted field into a number. Text that already is a JSON number is kept as written (no digits
 * lost to a double); other spellings Python accepts ({@code +1}, {@code 1.}, {@code .5},
 * {@code 1_000}, surrounding whitespace, digits of other scripts) are normalized; infinities and
 * NaN, which JSON cannot hold, are refused like text that is no number at all.
 */
final class PyNumber {
    private static final Pattern JSON = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
    private static final String DIGITS = "[0-9](?:_?[0-9])*";
    private static final Pattern PYTHON = Pattern.compile(
            "[+-]?(?:" + DIGITS + "(?:\\.(?:" + DIGITS + ")?)?|\\.(?:" + DIGITS + "))(?:[eE][+-]?" + DIGITS + ")?");

    private PyNumber() {}

    /**
     * @return the field as a JSON number, or null when Python's {@code float()} would fail on it or
     *         give an infinity or NaN
     */
    static String toJson(CharSequence field) {
        String s = ascii(field);
        if (s == null) {
            return null;
        }
        s = s.strip();
        if (JSON.matcher(s).matches()) {
            return finite(s) ? s : null;
        }
        if (!PYTHON.matcher(s).matches()) {
            return null;
        }
        String plain = s.replace("_", "");
        return finite(plain) ? new BigDecimal(plain).toString() : null;
    }

    /**
     * The field as Python's {@code float()} sees it: decimal digits of any script as ASCII digits,
     * whitespace of any kind as a space; null if another non-ASCII character makes it no number.
     */
    private static String ascii(CharSequence field) {
        int n = field.length();
        StringBuilder sb = null;
        for (int i = 0; i < n; i++) {
            char c = field.charAt(i);
            if (c < 0x80) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(n).append(field, 0, i);
            }
            int cp = Character.codePointAt(field, i);
            if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                sb.append((char) ('0' + Character.digit(cp, 10)));
            } else if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85) {
                sb.append(' ');
            } else {
                return null;
            }
            i += Character.charCount(cp) - 1;
        }
        return sb == null ? field.toString() : sb.toString();
    }

    private static boolean finite(String number) {
        return Double.isFinite(Double.parseDouble(number));
    }
}
