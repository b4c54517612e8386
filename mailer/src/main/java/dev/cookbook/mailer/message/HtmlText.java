package dev.cookbook.mailer.message;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small HTML-to-text converter for the plain-text alternative of an HTML-only
 * mail; the JDK has none. It is not an HTML parser: it drops tags, comments, {@code <script>},
 * {@code <style>} and {@code <head>}, decodes character references (numeric ones and the common
 * named ones), collapses white space as a browser does (except inside {@code <pre>}), breaks lines
 * at {@code <br>} and block elements, writes list items as {@code "* item"}, images as their
 * {@code alt} text and links as {@code "text (url)"}. Good enough for a readable alternative,
 * not a rendering.
 */
final class HtmlText {
    private static final Pattern TAG_NAME = Pattern.compile("^</?\\s*([a-zA-Z][a-zA-Z0-9]*)");
    private static final Pattern ATTRIBUTE =
            Pattern.compile("([a-zA-Z_:][-a-zA-Z0-9_:.]*)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
    private static final Pattern ENTITY =
            Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});");
    private static final java.util.Set<String> BLOCKS = java.util.Set.of(
            "p",
            "div",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "table",
            "tr",
            "blockquote",
            "pre",
            "hr",
            "section",
            "article",
            "header",
            "footer",
            "nav",
            "aside",
            "main",
            "form",
            "dl",
            "dt",
            "dd",
            "figure",
            "address",
            "center",
            "body",
            "html");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"),
            Map.entry("lt", "<"),
            Map.entry("gt", ">"),
            Map.entry("quot", "\""),
            Map.entry("apos", "'"),
            Map.entry("nbsp", "\u00a0"),
            Map.entry("copy", "\u00a9"),
            Map.entry("reg", "\u00ae"),
            Map.entry("trade", "\u2122"),
            Map.entry("hellip", "\u2026"),
            Map.entry("mdash", "\u2014"),
            Map.entry("ndash", "\u2013"),
            Map.entry("lsquo", "\u2018"),
            Map.entry("rsquo", "\u2019"),
            Map.entry("ldquo", "\u201c"),
            Map.entry("rdquo", "\u201d"),
            Map.entry("laquo", "\u00ab"),
            Map.entry("raquo", "\u00bb"),
            Map.entry("euro", "\u20ac"),
            Map.entry("pound", "\u00a3"),
            Map.entry("middot", "\u00b7"),
            Map.entry("bull", "\u2022"),
            Map.entry("deg", "\u00b0"),
            Map.entry("times", "\u00d7"));

    private final StringBuilder out = new StringBuilder();
    private boolean pendingSpace;
    private int pre;
    private String href;
    private int linkStart;

    private HtmlText() {}

    /** The text of {@code html}, lines separated by {@code \n}, with no trailing line break. */
    static String toText(String html) {
        HtmlText t = new HtmlText();
        t.run(html);
        return t.finish();
    }

    private void run(String html) {
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c != '<') {
                int next = html.indexOf('<', i);
                int end = next < 0 ? n : next;
                text(decode(html.substring(i, end)));
                i = end;
            } else if (html.startsWith("<!--", i)) {
                int end = html.indexOf("-->", i + 4);
                i = end < 0 ? n : end + 3;
            } else {
                int end = tagEnd(html, i);
                if (end < 0) {
                    text(html.substring(i));
                    break;
                }
                String tag = html.substring(i, end + 1);
                i = end + 1;
                Matcher m = TAG_NAME.matcher(tag);
                if (!m.find()) {
                    if (!tag.startsWith("<!") && !tag.startsWith("<?")) {
                        text(decode(tag));
                    }
                    continue;
                }
                String name = m.group(1).toLowerCase(Locale.ROOT);
                boolean closing = tag.startsWith("</");
                if (!closing && (name.equals("script") || name.equals("style") || name.equals("head"))) {
                    int close = indexOfIgnoreCase(html, "</" + name, i);
                    i = close < 0 ? n : Math.max(i, tagEnd(html, close) + 1);
                    continue;
                }
                tag(name, closing, tag);
            }
        }
    }

    private void tag(String name, boolean closing, String tag) {
        switch (name) {
            case "br" -> newline();
            case "li" -> {
                if (!atLineStart()) {
                    newline();
                }
                if (!closing) {
                    out.append("* ");
                    pendingSpace = false;
                }
            }
            case "td", "th" -> {
                if (closing) {
                    pendingSpace = true;
                }
            }
            case "img" -> {
                String alt = attribute(tag, "alt");
                if (alt != null && !alt.isBlank()) {
                    text(decode(alt));
                }
            }
            case "a" -> {
                if (!closing) {
                    href = attribute(tag, "href");
                    linkStart = out.length();
                } else if (href != null) {
                    String url = decode(href).strip();
                    String label =
                            out.substring(Math.min(linkStart, out.length())).strip();
                    if (!url.isEmpty()
                            && !url.startsWith("#")
                            && !url.startsWith("cid:")
                            && !label.equals(url)
                            && !label.equals(url.replaceFirst("^mailto:", ""))) {
                        pendingSpace = true;
                        text(label.isEmpty() ? url : "(" + url + ")");
                    }
                    href = null;
                }
            }
            default -> {
                if (name.equals("pre")) {
                    pre = Math.max(0, pre + (closing ? -1 : 1));
                }
                if (BLOCKS.contains(name)) {
                    paragraph();
                }
            }
        }
    }

    private void text(String s) {
        if (pre > 0) {
            out.append(s);
            pendingSpace = false;
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                pendingSpace = true;
            } else {
                if (pendingSpace && out.length() > 0 && !atLineStart()) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(c == '\u00a0' ? ' ' : c);
            }
        }
    }

    private boolean atLineStart() {
        return out.length() == 0 || out.charAt(out.length() - 1) == '\n';
    }

    private void newline() {
        out.append('\n');
        pendingSpace = false;
    }

    private void paragraph() {
        if (out.length() == 0) {
            return;
        }
        trimTrailingSpaces();
        int breaks = 0;
        for (int i = out.length() - 1; i >= 0 && out.charAt(i) == '\n'; i--) {
            breaks++;
        }
        for (; breaks < 2; breaks++) {
            out.append('\n');
        }
        pendingSpace = false;
    }

    private void trimTrailingSpaces() {
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
    }

    private String finish() {
        String[] lines = out.toString().split("\n", -1);
        StringBuilder b = new StringBuilder();
        int blank = 0;
        for (String line : lines) {
            String l = line.stripTrailing();
            if (l.isEmpty()) {
                blank++;
                continue;
            }
            if (b.length() > 0) {
                b.append(blank > 0 ? "\n\n" : "\n");
            }
            blank = 0;
            b.append(l);
        }
        return b.toString();
    }

    private static int tagEnd(String html, int start) {
        char quote = 0;
        for (int i = start + 1; i < html.length(); i++) {
            char c = html.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfIgnoreCase(String s, String what, int from) {
        for (int i = from; i + what.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return -1;
    }

    private static String attribute(String tag, String name) {
        Matcher m = ATTRIBUTE.matcher(tag);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(name)) {
                return m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
            }
        }
        return null;
    }

    /** Decodes character references; an unknown or invalid one is left as written. */
    static String decode(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String replacement = null;
            if (ref.charAt(0) == '#') {
                boolean hex = ref.length() > 1 && (ref.charAt(1) == 'x' || ref.charAt(1) == 'X');
                int cp = Integer.parseInt(ref.substring(hex ? 2 : 1), hex ? 16 : 10);
                if (Character.isValidCodePoint(cp) && cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
                    replacement = new String(Character.toChars(cp));
                }
            } else {
                replacement = NAMED.get(ref);
            }
            m.appendReplacement(b, Matcher.quoteReplacement(replacement == null ? m.group() : replacement));
        }
        m.appendTail(b);
        return b.toString();
    }
}
