package dev.cookbook.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link RecordFormatter} against what CPython 3.11's {@code csv.writer} writes (the expected texts were taken from it). */
class RecordFormatterTest {
    private static final char BS = '\\';

    /** Writes records of strings ({@code null} is None) and, as {@link Num}, numbers. */
    static String write(Dialect d, List<?>... records) throws CsvException {
        TextBuffer sb = new TextBuffer();
        RecordFormatter w = new RecordFormatter(d);
        for (List<?> record : records) {
            w.beginRecord(sb);
            for (Object v : record) {
                if (v instanceof Num n) {
                    w.field(n.text, true);
                } else {
                    w.field((String) v, false);
                }
            }
            w.endRecord();
        }
        return sb.toString();
    }

    record Num(String text) {}

    private static CsvException refused(Dialect d, List<?> record) {
        return assertThrows(CsvException.class, () -> write(d, record));
    }

    private static Dialect.Builder dialect() {
        return Dialect.builder();
    }

    @Test
    void referenceArticle() throws Exception {
        assertEquals("1,2,3\r\n4,5,6\r\n", write(Dialect.EXCEL, List.of("1", "2", "3"), List.of("4", "5", "6")));
        assertEquals(
                "\"row 1, column 1\",\"row 1, column 2\",\"row 1, column 3\"\r\n",
                write(Dialect.EXCEL, List.of("row 1, column 1", "row 1, column 2", "row 1, column 3")));
        assertEquals(
                "|row 1 column 1| |row 1 column 2| |row 1 column 3|\r\n"
                        + "|row 2 column 1| |row 2 column 2| |row 2 column 3|\r\n",
                write(
                        dialect().delimiter(' ').quoteChar('|').build(),
                        List.of("row 1 column 1", "row 1 column 2", "row 1 column 3"),
                        List.of("row 2 column 1", "row 2 column 2", "row 2 column 3")));
        assertEquals(
                "name,last_name,age\r\nJohn,Doe,30\r\n",
                write(Dialect.EXCEL, List.of("name", "last_name", "age"), List.of("John", "Doe", "30")));
    }

    @Test
    void minimalQuotesDelimiterQuoteAndLineBreaks() throws Exception {
        assertEquals(
                "\"a\"\"b\",\"c\nd\",\"e\rf\",\"g,h\",,,plain\r\n",
                write(Dialect.EXCEL, Arrays.asList("a\"b", "c\nd", "e\rf", "g,h", "", null, "plain")));
        assertEquals("'a''b','c,d',e\"f\r\n", write(dialect().quoteChar('\'').build(), List.of("a'b", "c,d", "e\"f")));
        assertEquals("\"a;b\";c,d\r\n", write(dialect().delimiter(';').build(), List.of("a;b", "c,d")));
        assertEquals("\"a\tb\"\t c \r\n", write(dialect().delimiter('\t').build(), List.of("a\tb", " c ")));
        assertEquals("é,😀,a\0b\r\n", write(Dialect.EXCEL, List.of("é", "😀", "a\0b")));
        assertEquals(
                "a|b\n", write(dialect().delimiter('|').lineTerminator("\n").build(), List.of("a", "b")));
    }

    @Test
    void quoteAll() throws Exception {
        assertEquals(
                "\"a\",\"b\",\"1\",\"\"\r\n",
                write(dialect().quoting(Quoting.ALL).build(), Arrays.asList("a", "b", new Num("1"), null)));
    }

    @Test
    void nonNumericQuotesAllButNumbers() throws Exception {
        assertEquals(
                "\"a\",1,2.5,\"\",\"\",true,\"1\"\r\n",
                write(
                        dialect().quoting(Quoting.NONNUMERIC).build(),
                        Arrays.asList("a", new Num("1"), new Num("2.5"), null, "", new Num("true"), "1")));
        // a number holding the delimiter is still quoted
        assertEquals("\"1,5\"\r\n", write(dialect().quoting(Quoting.NONNUMERIC).build(), List.of(new Num("1,5"))));
    }

    @Test
    void quotingNoneEscapes() throws Exception {
        Dialect d = dialect().quoting(Quoting.NONE).escapeChar(BS).build();
        assertEquals("a\\,b,c\\\"d,e\\\\f,g\\\nh,i\\\rj\r\n", write(d, List.of("a,b", "c\"d", "e\\f", "g\nh", "i\rj")));
    }

    @Test
    void quotingNoneWithoutEscapeRefusesWhatNeedsQuoting() {
        Dialect d = dialect().quoting(Quoting.NONE).build();
        CsvException e = refused(d, List.of("a,b"));
        assertEquals(
                "it holds ',', which needs quoting (the quoting is none) and no escape character is set",
                e.getMessage());
        assertEquals(0, e.line());
        assertEquals(
                "it holds '\"', which needs quoting (the quoting is none) and no escape character is set",
                refused(d, List.of("a\"b")).getMessage());
        assertEquals(
                "it holds '\\n', which needs quoting (the quoting is none) and no escape character is set",
                refused(d, List.of("a\nb")).getMessage());
    }

    @Test
    void withoutDoubleQuoteAQuoteIsEscaped() throws Exception {
        assertEquals(
                "a\\\"b,c\\\\d\r\n",
                write(dialect().doubleQuote(false).escapeChar(BS).build(), List.of("a\"b", "c\\d")));
        assertEquals(
                "it holds '\"', which needs escaping and no escape character is set",
                refused(dialect().doubleQuote(false).build(), List.of("a\"b")).getMessage());
    }

    @Test
    void theEscapeCharacterIsEscaped() throws Exception {
        assertEquals("\"a,b\\\\c\"\r\n", write(dialect().escapeChar(BS).build(), List.of("a,b\\c")));
        assertEquals("c\\\\d,x\r\n", write(dialect().escapeChar(BS).build(), List.of("c\\d", "x")));
        assertEquals(
                "\"a\\\\b\"\r\n",
                write(dialect().escapeChar(BS).quoting(Quoting.ALL).build(), List.of("a\\b")));
        // with doublequote on, a quote is still doubled, not escaped
        assertEquals("\"a\"\"b\"\r\n", write(dialect().escapeChar(BS).build(), List.of("a\"b")));
    }

    @Test
    void aRecordOfOneEmptyFieldIsWrittenQuoted() throws Exception {
        assertEquals(
                "\"\"\r\n\"\"\r\n\r\n,\r\n",
                write(Dialect.EXCEL, List.of(""), Arrays.asList((String) null), List.of(), List.of("", "")));
    }

    @Test
    void aRecordOfOneEmptyFieldCannotBeWrittenUnquoted() {
        for (Dialect d : List.of(
                dialect().quoting(Quoting.NONE).build(),
                dialect().quoting(Quoting.NONE).escapeChar(BS).build())) {
            CsvException e = refused(d, List.of(""));
            assertEquals(
                    "a record of one empty field cannot be written unquoted (the quoting is none):"
                            + " it would read back as a blank line",
                    e.getMessage());
            assertEquals(0, e.line());
        }
    }

    @Test
    void aFailedRecordLeavesTheRecordsBeforeIt() throws Exception {
        RecordFormatter w = new RecordFormatter(dialect().quoting(Quoting.NONE).build());
        TextBuffer sb = new TextBuffer();
        w.beginRecord(sb);
        w.field("x", false);
        w.endRecord();
        w.beginRecord(sb);
        w.field("ok", false);
        assertThrows(CsvException.class, () -> w.field("a,b", false));
        assertEquals("x\r\n", sb.toString().substring(0, 3));
    }

    @Test
    void aSliceOfAnArray() throws Exception {
        RecordFormatter w = new RecordFormatter(Dialect.EXCEL);
        TextBuffer sb = new TextBuffer().append("before|");
        w.beginRecord(sb);
        char[] a = "xxa,byy".toCharArray();
        w.field(a, 2, 3, false);
        w.field(a, 0, 0, false);
        w.endRecord();
        assertEquals("before|\"a,b\",\r\n", sb.toString());
    }

    @Test
    void anEmptyFirstRecordOfALaterRecordIsMeasuredFromItsOwnStart() throws Exception {
        // the record of one empty field is recognized even when the builder already holds text
        TextBuffer sb = new TextBuffer().append("abc");
        RecordFormatter w = new RecordFormatter(Dialect.EXCEL);
        w.beginRecord(sb);
        w.field("", false);
        w.endRecord();
        assertEquals("abc\"\"\r\n", sb.toString());
    }

    /**
     * Deliberate difference: Python 3.11 quotes only the characters of its lineterminator, so with
     * {@code '\n'} it writes {@code a\rb,c\n} and with {@code '\r'} it writes {@code a\nb,c\r}.
     */
    @Test
    void aLineBreakInAFieldIsAlwaysQuoted() throws Exception {
        assertEquals("\"a\rb\",c\n", write(dialect().lineTerminator("\n").build(), List.of("a\rb", "c")));
        assertEquals("\"a\nb\",c\r", write(dialect().lineTerminator("\r").build(), List.of("a\nb", "c")));
        assertEquals(List.of(List.of("a\rb", "c")), Reads.rows("\"a\rb\",c\n"));
    }

    @Test
    void otherLineTerminatorCharactersAreQuotedAsPythonDoes() throws Exception {
        // python3.11: csv.writer(buf, lineterminator='!\n').writerow(['a!b', 'c']) -> '"a!b",c!\n'
        assertEquals("\"a!b\",c!\n", write(dialect().lineTerminator("!\n").build(), List.of("a!b", "c")));
    }

    /** Whatever a dialect writes, its reader reads back as written. */
    @Test
    void writtenRecordsReadBack() throws Exception {
        Random random = new Random(11);
        String alphabet = "ab ,;\"'\\\r\n|\té😀1";
        List<Dialect> dialects = List.of(
                Dialect.EXCEL,
                dialect().delimiter(';').quoteChar('\'').build(),
                dialect().escapeChar(BS).doubleQuote(false).lineTerminator("\n").build(),
                dialect().quoting(Quoting.ALL).delimiter('\t').build(),
                dialect().quoting(Quoting.NONE).escapeChar(BS).delimiter('|').build(),
                dialect().quoting(Quoting.NONNUMERIC).lineTerminator("\r").build());
        for (int i = 0; i < 2000; i++) {
            Dialect d = dialects.get(i % dialects.size());
            List<List<String>> records = new ArrayList<>();
            for (int r = random.nextInt(4); r >= 0; r--) {
                List<String> record = new ArrayList<>();
                for (int f = random.nextInt(4); f >= 0; f--) {
                    StringBuilder field = new StringBuilder();
                    for (int k = random.nextInt(6); k > 0; k--) {
                        int at = random.nextInt(alphabet.length());
                        field.append(alphabet.charAt(at));
                        if (Character.isHighSurrogate(alphabet.charAt(at))) {
                            field.append(alphabet.charAt(at + 1));
                        } else if (Character.isLowSurrogate(alphabet.charAt(at))) {
                            field.setLength(field.length() - 1);
                        }
                    }
                    record.add(field.toString());
                }
                if (d.quoting() == Quoting.NONE
                        && record.size() == 1
                        && record.get(0).isEmpty()) {
                    record.add("x");
                }
                records.add(record);
            }
            String text = write(d, records.toArray(List[]::new));
            assertEquals(records, Reads.rows(text, d), () -> "written " + CsvReaderTest.show(text) + " with " + d);
        }
    }
}
