package dev.cookbook.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV as an aligned table for people to read, in the Markdown layout {@code csvlook} uses:
 * {@code | a | b |}, a rule under the header, numbers right-aligned. Column widths come from the
 * first {@value #SAMPLE} records, so the table streams; a wider cell further down widens only its
 * own row. Line breaks and tabs in a cell are shown as {@code \n}, {@code \r}, {@code \t}.
 */
public final class CsvTable {
    /** How many records decide the column widths. */
    public static final int SAMPLE = 1000;

    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:[0-9][0-9_,]*)?(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?");

    private CsvTable() {}

    /**
     * Reads all of {@code in} with the options' dialect and header rules ({@link CsvToJson.Options}:
     * field names, rest value, ragged rows, duplicate names, rows) and writes the table to {@code out}
     * as UTF-8.
     *
     * @return the number of records shown
     */
    public static long write(InputStream in, Charset charset, OutputStream out, CsvToJson.Options o)
            throws IOException, CsvException {
        return write(in, null, charset, out, o);
    }

    /**
     * {@link #write(InputStream, Charset, OutputStream, CsvToJson.Options)}, naming the input in its
     * errors: {@code source} (a file name as the user gave it, or null) becomes
     * {@link CsvException#source()}.
     */
    public static long write(InputStream in, String source, Charset charset, OutputStream out, CsvToJson.Options o)
            throws IOException, CsvException {
        try {
            return run(in, charset, out, o);
        } catch (CsvException e) {
            throw e.in(source);
        }
    }

    private static long run(InputStream in, Charset charset, OutputStream out, CsvToJson.Options o)
            throws IOException, CsvException {
        CsvReader reader = CsvReader.open(in, charset, o.dialect, o.fieldSizeLimit);
        List<String> header = null;
        if (!o.rows) {
            header = o.fieldNames;
            if (header == null) {
                do {
                    header = reader.next();
                } while (header != null && header.isEmpty());
                if (header == null) {
                    return 0;
                }
            }
            header = CsvToJson.unique(header, o.dedupeHeaders, reader.line());
        }
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        List<String[]> sample = new ArrayList<>();
        RecordBatch batch = new RecordBatch();
        long count = 0;
        int[] widths = null;
        boolean[] right = null;
        CsvException failure = null;
        while (true) {
            batch.clear();
            boolean more;
            try {
                more = reader.read(batch, 1024, 1 << 20);
            } catch (CsvException e) {
                failure = e;
                more = false;
            }
            if (!more) {
                break;
            }
            for (int r = 0; r < batch.size(); r++) {
                String[] cells;
                try {
                    cells = cells(batch, r, header, o);
                } catch (CsvException e) {
                    failure = e;
                    break;
                }
                if (cells == null) {
                    continue;
                }
                count++;
                if (widths == null) {
                    sample.add(cells);
                    if (sample.size() == SAMPLE) {
                        widths = widths(header, sample);
                        right = numeric(header, sample);
                        flushSample(w, header, sample, widths, right);
                    }
                } else {
                    line(w, cells, widths, right);
                }
            }
            if (failure != null) {
                break;
            }
        }
        if (widths == null) {
            widths = widths(header, sample);
            right = numeric(header, sample);
            flushSample(w, header, sample, widths, right);
        }
        w.flush();
        if (failure != null) {
            throw failure;
        }
        return count;
    }

    /** Record {@code r} as the cells of its table row, or null for a blank line a header skips. */
    private static String[] cells(RecordBatch b, int r, List<String> header, CsvToJson.Options o) throws CsvException {
        int n = b.fieldCount(r);
        if (header == null) {
            return b.record(r).toArray(String[]::new);
        }
        if (n == 0) {
            return null;
        }
        int h = header.size();
        if (n != h && o.raggedIsError) {
            throw CsvToJson.ragged(b.line(r), n, h);
        }
        String[] cells = new String[Math.max(n, h)];
        int first = b.firstField(r);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = i < n ? b.field(first + i) : o.restVal == null ? "" : o.restVal;
        }
        return cells;
    }

    private static void flushSample(Writer w, List<String> header, List<String[]> sample, int[] widths, boolean[] right)
            throws IOException {
        if (header != null) {
            line(w, header.toArray(String[]::new), widths, new boolean[widths.length]);
            StringBuilder rule = new StringBuilder("|");
            for (int width : widths) {
                rule.append(' ').append("-".repeat(Math.max(3, width))).append(" |");
            }
            w.write(rule.append('\n').toString());
        }
        for (String[] cells : sample) {
            line(w, cells, widths, right);
        }
        sample.clear();
    }

    private static void line(Writer w, String[] cells, int[] widths, boolean[] right) throws IOException {
        StringBuilder sb = new StringBuilder("|");
        int n = Math.max(cells.length, widths.length);
        for (int i = 0; i < n; i++) {
            String cell = i < cells.length ? visible(cells[i]) : "";
            int width = i < widths.length ? Math.max(3, widths[i]) : 0;
            int pad = Math.max(0, width - width(cell));
            sb.append(' ');
            if (i < right.length && right[i]) {
                sb.append(" ".repeat(pad)).append(cell);
            } else {
                sb.append(cell).append(" ".repeat(pad));
            }
            sb.append(" |");
        }
        w.write(sb.append('\n').toString());
    }

    private static int[] widths(List<String> header, List<String[]> sample) {
        int n = header == null ? 0 : header.size();
        for (String[] cells : sample) {
            n = Math.max(n, cells.length);
        }
        int[] widths = new int[n];
        if (header != null) {
            for (int i = 0; i < header.size(); i++) {
                widths[i] = width(visible(header.get(i)));
            }
        }
        for (String[] cells : sample) {
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], width(visible(cells[i])));
            }
        }
        return widths;
    }

    /** Columns whose sampled cells are all numbers (or empty), at least one of them not empty. */
    private static boolean[] numeric(List<String> header, List<String[]> sample) {
        int n = header == null ? 0 : header.size();
        for (String[] cells : sample) {
            n = Math.max(n, cells.length);
        }
        boolean[] numeric = new boolean[n];
        boolean[] seen = new boolean[n];
        java.util.Arrays.fill(numeric, true);
        for (String[] cells : sample) {
            for (int i = 0; i < n; i++) {
                String c = i < cells.length ? cells[i] : "";
                if (!c.isEmpty()) {
                    seen[i] = true;
                    numeric[i] &= NUMBER.matcher(c).matches() && c.chars().anyMatch(Character::isDigit);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            numeric[i] &= seen[i];
        }
        return numeric;
    }

    /** The cell with line breaks and tabs spelled out, so each record stays on one line. */
    static String visible(String cell) {
        if (cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0 && cell.indexOf('\t') < 0) {
            return cell;
        }
        return cell.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** Terminal columns: East Asian wide characters take two, combining marks none. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || cp == 0x200B) {
                continue;
            }
            w += wide(cp) ? 2 : 1;
        }
        return w;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)
                || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
                || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x1F300 && cp <= 0x1F64F)
                || (cp >= 0x1F900 && cp <= 0x1F9FF)
                || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
