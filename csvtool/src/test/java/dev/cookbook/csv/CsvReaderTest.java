package dev.cookbook.csv;

import static dev.cookbook.csv.Reads.error;
import static dev.cookbook.csv.Reads.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvReader}: every path of the state machine against what CPython 3.11's {@code csv.reader}
 * gives for the same text (the expected values were taken from it), and the deliberate differences.
 */
class CsvReaderTest {
    private static final Dialect EXCEL = Dialect.EXCEL;
    private static final char BS = '\\';

    private static Dialect.Builder dialect() {
        return Dialect.builder();
    }

    private static Dialect escaped() {
        return dialect().escapeChar(BS).build();
    }

    private static List<String> r(String... fields) {
        return List.of(fields);
    }

    @Nested
    class ReferenceArticle {
        @Test
        void defaultDialect() {
            assertEquals(
                    List.of(
                            r("my first column", "my second column", "my third column"),
                            r("my first column 2", "my second column 2", "my third column 2")),
                    rows("my first column,my second column,my third column\n"
                            + "my first column 2,my second column 2,my third column 2\n"));
            assertEquals(List.of(r("1", "2", "3"), r("4", "5", "6")), rows("1,2,3\r\n4,5,6\r\n"));
        }

        @Test
        void quotedDelimiters() {
            assertEquals(
                    List.of(
                            r("row 1, column 1", "row 1, column 2", "row 1, column 3"),
                            r("row 2, column 1", "row 2, column 2", "row 3, column 3")),
                    rows("\"row 1, column 1\",\"row 1, column 2\",\"row 1, column 3\"\r\n"
                            + "\"row 2, column 1\",\"row 2, column 2\",\"row 3, column 3\"\r\n"));
        }

        @Test
        void spaceDelimiterPipeQuote() {
            Dialect d = dialect().delimiter(' ').quoteChar('|').build();
            assertEquals(
                    List.of(
                            r("row 1 column 1", "row 1 column 2", "row 1 column 3"),
                            r("row 2 column 1", "row 2 column 2", "row 2 column 3")),
                    rows(
                            "|row 1 column 1| |row 1 column 2| |row 1 column 3|\r\n"
                                    + "|row 2 column 1| |row 2 column 2| |row 2 column 3|\r\n",
                            d));
        }

        @Test
        void dictionaryFile() {
            assertEquals(
                    List.of(r("name", "last_name", "age"), r("John", "Doe", "30"), r("Jane", "Doe", "30")),
                    rows("name,last_name,age\r\nJohn,Doe,30\r\nJane,Doe,30\r\n"));
        }
    }

    @Nested
    class Quotes {
        @Test
        void quotedFieldsHoldDelimitersLineBreaksAndDoubledQuotes() {
            Reads.Outcome o = Reads.read("a,b\r\n\"c\"\"d\",e\n\"x\ny\",z", EXCEL);
            assertEquals(List.of(r("a", "b"), r("c\"d", "e"), r("x\ny", "z")), o.ok());
            assertEquals(List.of(1L, 2L, 3L), o.lines());
        }

        @Test
        void lineBreaksInsideQuotesAreKeptAsWritten() {
            assertEquals(List.of(r("a\r\nb")), rows("\"a\r\nb\"\r\n"));
            assertEquals(List.of(r("a\rb")), rows("\"a\rb\"\r"));
            assertEquals(List.of(r("a\nb")), rows("\"a\nb\"\n"));
        }

        @Test
        void emptyQuotedFields() {
            assertEquals(List.of(r("", "")), rows("\"\",\"\"\n"));
            assertEquals(List.of(r("")), rows("\"\"\n"));
        }

        @Test
        void textAfterTheClosingQuoteIsKeptWhenNotStrict() {
            assertEquals(List.of(r("ab", "c")), rows("\"a\"b,c"));
            assertEquals(List.of(r("a\tb")), rows("\"a\"\tb"));
            assertEquals(List.of(r("a\\b")), rows("\"a\"\\b\n", escaped()));
        }

        @Test
        void textAfterTheClosingQuoteIsAnErrorWhenStrict() {
            Dialect strict = dialect().strict(true).build();
            CsvException e = error("\"a\"b,c", strict);
            assertEquals("'b' after a closing quote: expected ',' or the end of the line", e.getMessage());
            assertEquals(1, e.line());
            assertEquals(
                    "' ' after a closing quote: expected ',' or the end of the line",
                    error("\"a\" ,b", strict).getMessage());
            assertEquals(
                    "'\\t' after a closing quote: expected ';' or the end of the line",
                    error("\"a\"\tb", dialect().delimiter(';').strict(true).build())
                            .getMessage());
        }

        @Test
        void strictErrorsNameTheLineTheyAreOn() {
            Dialect strict = dialect().strict(true).build();
            Reads.Outcome o = Reads.read("x\ny\n\"a\"b\n", strict);
            assertEquals(List.of(r("x"), r("y")), o.rows());
            assertEquals(3, o.failed().line());
            assertEquals(2, error("\"a\nb\"c", strict).line());
        }

        @Test
        void aQuoteInsideAnUnquotedFieldIsData() {
            assertEquals(List.of(r("a\"b", "c")), rows("a\"b,c\n"));
            assertEquals(
                    List.of(r("a\"b", "c")),
                    rows("a\"b,c\n", dialect().strict(true).build()));
        }

        @Test
        void withoutDoubleQuoteASecondQuoteEndsTheQuotedPart() {
            assertEquals(
                    List.of(r("a\"b\"", "c")),
                    rows("\"a\"\"b\",c\n", dialect().doubleQuote(false).build()));
            assertEquals(
                    List.of(r("a\"b\"", "c")),
                    rows(
                            "\"a\"\"b\",c\n",
                            dialect().doubleQuote(false).strict(true).build()));
        }

        @Test
        void anotherQuoteCharacter() {
            assertEquals(
                    List.of(r("a'b", "c")),
                    rows("'a''b',c\n", dialect().quoteChar('\'').build()));
            assertEquals(
                    List.of(r("\"a\"", "b")),
                    rows("\"a\",b\n", dialect().quoteChar('\'').build()));
        }

        @Test
        void quotingNoneTakesQuotesAsData() {
            Dialect none = dialect().quoting(Quoting.NONE).build();
            assertEquals(List.of(r("\"a", "b\"", "c")), rows("\"a,b\",c\n", none));
            assertEquals(List.of(r("\"a\"")), rows("\"a\"\n", none));
        }

        @Test
        void quotingAllReadsLikeMinimal() {
            assertEquals(
                    List.of(r("a", "b")),
                    rows("\"a\",b\n", dialect().quoting(Quoting.ALL).build()));
        }
    }

    @Nested
    class Escapes {
        @Test
        void escapeOutsideQuotes() {
            assertEquals(List.of(r("a,b", "c")), rows("a\\,b,c\n", escaped()));
            assertEquals(List.of(r("a\\b", "c")), rows("a\\\\b,c\n", escaped()));
            assertEquals(List.of(r("\"a", "b")), rows("\\\"a,b\n", escaped()));
        }

        @Test
        void escapeInsideQuotes() {
            assertEquals(List.of(r("a\"b", "c")), rows("\"a\\\"b\",c\n", escaped()));
            assertEquals(
                    List.of(r("a\"b", "c")),
                    rows(
                            "\"a\\\"b\",c\n",
                            dialect().escapeChar(BS).doubleQuote(false).build()));
            assertEquals(List.of(r("a\\b", "c")), rows("\"a\\\\b\",c\n", escaped()));
            assertEquals(List.of(r("a\nb")), rows("\"a\\\nb\"\n", escaped()));
        }

        @Test
        void escapedLineBreaksAreData() {
            assertEquals(List.of(r("a\r"), r("b")), rows("a\\\r\nb\n", escaped()));
            assertEquals(List.of(r("a\rb")), rows("a\\\rb\n", escaped()));
            assertEquals(List.of(r("a\nb")), rows("a\\\nb", escaped()));
            assertEquals(List.of(r("a", "\nb")), rows("a,\\\nb\n", escaped()));
            assertEquals(List.of(r("\r")), rows("\\\r\n", escaped()));
            assertEquals(
                    List.of(r("\r")),
                    rows("\\\r\n", dialect().escapeChar(BS).strict(true).build()));
        }

        @Test
        void quotingNoneWithAnEscape() {
            Dialect d = dialect().quoting(Quoting.NONE).escapeChar(BS).build();
            assertEquals(List.of(r("a,b\"c")), rows("a\\,b\\\"c\n", d));
        }

        @Test
        void anEscapedLineBreakThenTheEndIsAcceptedUnlessStrict() {
            assertEquals(List.of(r("a\n")), rows("a\\\n", escaped()));
            assertEquals(List.of(r("a\r")), rows("a\\\r", escaped()));
            assertEquals(List.of(r("\n")), rows("\\\n", escaped()));
            Dialect strict = dialect().escapeChar(BS).strict(true).build();
            for (String text : List.of("a\\\n", "a\\\r")) {
                CsvException e = error(text, strict);
                assertEquals("the input ends inside a record, after an escaped line break", e.getMessage());
                assertEquals(1, e.line());
            }
            Reads.Outcome o = Reads.read("x\r\ny\\\n", strict);
            assertEquals(List.of(r("x")), o.rows());
            assertEquals(2, o.failed().line());
        }

        /** Deliberate difference: Python (not strict) gives {@code ['a\n']}. */
        @Test
        void anEscapeCharacterAsTheLastCharacterIsAnError() {
            for (Dialect d : List.of(
                    escaped(),
                    dialect().escapeChar(BS).strict(true).build(),
                    dialect().escapeChar(BS).quoting(Quoting.NONE).build())) {
                CsvException e = error("a\\", d);
                assertEquals("the input ends with an escape character: nothing left for it to escape", e.getMessage());
                assertEquals(1, e.line());
            }
            Reads.Outcome o = Reads.read("x\r\ny,a\\", escaped());
            assertEquals(List.of(r("x")), o.rows());
            assertEquals(2, o.failed().line());
            assertEquals(
                    "the input ends with an escape character: nothing left for it to escape",
                    o.failed().getMessage());
        }
    }

    @Nested
    class UnterminatedQuotes {
        private static final String MESSAGE = "unterminated quoted field: the quote opened here is never closed";

        /** Deliberate difference: Python (not strict) returns the open field as it is, {@code ['abc']}. */
        @Test
        void aQuoteOpenAtTheEndIsAnErrorNamingItsLine() {
            CsvException e = error("\"abc", EXCEL);
            assertEquals(MESSAGE, e.getMessage());
            assertEquals(1, e.line());
            assertEquals(1, error("\"", EXCEL).line());
            assertEquals(1, error("\"\n", EXCEL).line());
            assertEquals(MESSAGE, error("\"abc", dialect().strict(true).build()).getMessage());
        }

        @Test
        void theLineIsWhereTheQuoteOpenedAndTheRecordsBeforeAreDelivered() {
            Reads.Outcome o = Reads.read("x\n\"abc\ndef", EXCEL);
            assertEquals(List.of(r("x")), o.rows());
            assertEquals(2, o.failed().line());
            Reads.Outcome p = Reads.read("a,b\r\n1,\"2\r\n3\r\n4", EXCEL);
            assertEquals(List.of(r("a", "b")), p.rows());
            assertEquals(2, p.failed().line());
            assertEquals(MESSAGE, p.failed().getMessage());
        }

        @Test
        void anEscapeInsideAnOpenQuoteAtTheEnd() {
            CsvException e = error("\"a\\", escaped());
            assertEquals(MESSAGE, e.getMessage());
            assertEquals(1, e.line());
        }
    }

    @Nested
    class InitialSpace {
        private final Dialect skip = dialect().skipInitialSpace(true).build();

        @Test
        void spacesAfterADelimiterAreDropped() {
            assertEquals(List.of(r("a", "b")), rows("  a,  b\n", skip));
            assertEquals(List.of(r("a", "")), rows("a,  \n", skip));
            assertEquals(List.of(r("", "a")), rows(" ,a\n", skip));
            assertEquals(List.of(r("a", "b,c")), rows("a, \"b,c\"\n", skip));
        }

        @Test
        void withoutItSpacesAndTheQuoteAfterThemAreData() {
            assertEquals(List.of(r("a", " \"b\"")), rows("a, \"b\"\n"));
        }
    }

    @Nested
    class NonNumeric {
        private final Dialect nonNumeric = dialect().quoting(Quoting.NONNUMERIC).build();

        @Test
        void unquotedFieldsAreMarkedNumeric() {
            Reads.Outcome o = Reads.read("1, 2 ,\"3\",4e2,-5.5\n", nonNumeric);
            assertEquals(List.of(r("1", " 2 ", "3", "4e2", "-5.5")), o.ok());
            assertEquals(List.of(List.of(true, true, false, true, true)), o.numeric());
        }

        @Test
        void emptyUnquotedFieldsAreNotNumeric() {
            Reads.Outcome o = Reads.read("1,,3\n", nonNumeric);
            assertEquals(List.of(r("1", "", "3")), o.ok());
            assertEquals(List.of(List.of(true, false, true)), o.numeric());
        }

        @Test
        void theReaderMarksTextToo_theConverterRefusesIt() {
            Reads.Outcome o = Reads.read("\"a\",b\n", nonNumeric);
            assertEquals(List.of(List.of(false, true)), o.numeric());
        }

        @Test
        void aFieldStartingWithAnEscapeOrAfterAQuotedPartIsText() {
            Reads.Outcome o = Reads.read(
                    "\\1,2\n",
                    dialect().quoting(Quoting.NONNUMERIC).escapeChar(BS).build());
            assertEquals(List.of(r("1", "2")), o.ok());
            assertEquals(List.of(List.of(false, true)), o.numeric());
            Reads.Outcome q = Reads.read("\"1\"2,3\n", nonNumeric);
            assertEquals(List.of(r("12", "3")), q.ok());
            assertEquals(List.of(List.of(false, true)), q.numeric());
            Reads.Outcome s = Reads.read(
                    " 1, 2\n",
                    dialect().quoting(Quoting.NONNUMERIC).skipInitialSpace(true).build());
            assertEquals(List.of(r("1", "2")), s.ok());
            assertEquals(List.of(List.of(true, true)), s.numeric());
        }

        @Test
        void otherQuotingModesMarkNothing() {
            assertEquals(
                    List.of(List.of(false, false)), Reads.read("1,2\n", EXCEL).numeric());
        }
    }

    @Nested
    class LinesAndRecords {
        @Test
        void blankLinesAreRecordsWithoutFields() {
            assertEquals(List.of(r(), r(), r("a"), r(), r(), r("b")), rows("\n\na\n\r\n\rb"));
            assertEquals(List.of(r("a", "b"), r(), r("c")), rows("a,b\r\n\r\nc"));
            assertEquals(List.of(r()), rows("\r\n"));
            assertEquals(List.of(r()), rows("\n"));
            assertEquals(List.of(r()), rows("\r"));
            assertEquals(List.of(r(), r(), r()), rows("\r\r\n\n"));
            assertEquals(List.of(), rows(""));
        }

        @Test
        void emptyFields() {
            assertEquals(List.of(r("a", "")), rows("a,\n"));
            assertEquals(List.of(r("", "")), rows(",\n"));
            assertEquals(List.of(r("", "", "")), rows(",,"));
        }

        @Test
        void everyLineEnding() {
            List<List<String>> expected = List.of(r("a", "b"), r("c", "d"), r("e", "f"));
            for (String eol : List.of("\r\n", "\n", "\r")) {
                assertEquals(expected, rows("a,b" + eol + "c,d" + eol + "e,f" + eol), eol);
                assertEquals(expected, rows("a,b" + eol + "c,d" + eol + "e,f"), eol + ", no final line break");
            }
            Reads.Outcome mixed = Reads.read("a\rb\r\nc\nd", EXCEL);
            assertEquals(List.of(r("a"), r("b"), r("c"), r("d")), mixed.ok());
            assertEquals(List.of(1L, 2L, 3L, 4L), mixed.lines());
            assertEquals(List.of(r("a"), r("b")), rows("\"a\"\r\"b\"\n"));
            assertEquals(List.of(r("a")), rows("a\r"));
        }

        @Test
        void recordsKnowTheLineTheyStartOn() throws Exception {
            CsvReader reader = new CsvReader(new StringReader("\n\na\n\"b\nc\"\nd"), EXCEL, 100);
            Reads.Outcome o = Reads.drain(reader, 1, Integer.MAX_VALUE);
            assertEquals(List.of(r(), r(), r("a"), r("b\nc"), r("d")), o.ok());
            assertEquals(List.of(1L, 2L, 3L, 4L, 6L), o.lines());
            assertEquals(6, reader.line());
        }

        @Test
        void nulCharactersAreData() {
            assertEquals(List.of(r("a\0b", "c")), rows("a\0b,c"));
            assertEquals(List.of(r("\0", "\0")), rows("\"\0\",\0\n"));
        }

        @Test
        void unicode() {
            assertEquals(List.of(r("é", "😀")), rows("é,😀\n"));
            assertEquals(List.of(r("😀,😀", "x😀y")), rows("\"😀,😀\",x😀y\r\n"));
            assertEquals(
                    List.of(r("a", "b")), rows("a§b\n", dialect().delimiter('§').build()));
            assertEquals(
                    List.of(r("a§b", "c")),
                    rows("«a§b«§c\n", dialect().delimiter('§').quoteChar('«').build()));
            // a lone surrogate is passed on as it is: the reader does not judge characters
            assertEquals(List.of(r("\ud800", "\udc00")), rows("\ud800,\udc00\n"));
        }

        @Test
        void nextGivesOneRecordAtATime() throws Exception {
            try (CsvReader reader = new CsvReader(new StringReader("a,b\n\nc"), EXCEL, 100)) {
                assertEquals(r("a", "b"), reader.next());
                assertEquals(r(), reader.next());
                assertEquals(r("c"), reader.next());
                assertNull(reader.next());
                assertNull(reader.next());
            }
        }

        @Test
        void closeClosesTheInput() throws Exception {
            boolean[] closed = {false};
            CsvReader reader = new CsvReader(
                    new StringReader("a") {
                        @Override
                        public void close() {
                            closed[0] = true;
                        }
                    },
                    EXCEL,
                    10);
            reader.close();
            assertTrue(closed[0]);
        }
    }

    @Nested
    class ByteOrderMark {
        @Test
        void aLeadingBomIsSkipped() {
            // deliberate: Python keeps it ('\ufeffa') unless the file is opened as utf-8-sig
            assertEquals(List.of(r("a", "b")), rows("\ufeffa,b\n"));
            assertEquals(List.of(), rows("\ufeff"));
            assertEquals(List.of(r()), rows("\ufeff\n"));
            assertEquals(List.of(r("a")), rows("\ufeff\"a\""));
        }

        @Test
        void onlyTheFirstCharacterIsABom() {
            assertEquals(List.of(r("\ufeffa")), rows("\ufeff\ufeffa"));
            assertEquals(List.of(r("a"), r("\ufeffb")), rows("a\n\ufeffb"));
        }

        @Test
        void aBomDeliveredAloneIsSkippedToo() {
            Reads.Outcome o = Reads.read(Reads.trickle("\ufeffa,b\n", 1, 1), EXCEL, 100, 10, 1000);
            assertEquals(List.of(r("a", "b")), o.ok());
        }
    }

    @Nested
    class Charsets {
        private Reads.Outcome open(byte[] bytes, Charset cs) {
            return Reads.drain(CsvReader.open(new ByteArrayInputStream(bytes), cs, EXCEL, 1000), 1, Integer.MAX_VALUE);
        }

        @Test
        void utf8WithAndWithoutBom() {
            List<List<String>> expected = List.of(r("é", "😀"), r("ü"));
            assertEquals(
                    expected,
                    open("é,😀\r\nü\r\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                            .ok());
            assertEquals(
                    expected,
                    open("\ufeffé,😀\r\nü\r\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                            .ok());
        }

        @Test
        void utf16() {
            String text = "a,é\r\n\"😀\n\",x\r\n";
            List<List<String>> expected = List.of(r("a", "é"), r("😀\n", "x"));
            // Java's UTF-16 encoder writes a big-endian BOM, which its decoder consumes
            assertEquals(
                    expected,
                    open(text.getBytes(StandardCharsets.UTF_16), StandardCharsets.UTF_16)
                            .ok());
            // UTF-16LE leaves the BOM in the text; the reader skips it
            assertEquals(
                    expected,
                    open(("\ufeff" + text).getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE)
                            .ok());
            assertEquals(
                    expected,
                    open(text.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE)
                            .ok());
        }

        @Test
        void iso88591() {
            byte[] bytes = {'a', ',', (byte) 0xE9, '\r', '\n', (byte) 0xFF, (byte) 0x80};
            assertEquals(
                    List.of(r("a", "é"), r("ÿ\u0080")),
                    open(bytes, StandardCharsets.ISO_8859_1).ok());
        }

        @Test
        void recordsBeforeUndecodableBytesAreDeliveredThenTheErrorNamesTheirLine() {
            byte[] bytes = {'a', ',', 'b', '\n', 'c', ',', (byte) 0xFF, '\n', 'd', '\n'};
            Reads.Outcome o = open(bytes, StandardCharsets.UTF_8);
            assertEquals(List.of(r("a", "b")), o.rows());
            assertEquals("not valid UTF-8 text", o.failed().getMessage());
            assertEquals(2, o.failed().line());
        }

        @Test
        void undecodableBytesOnTheFirstLine() {
            CsvException e = open(new byte[] {'a', 'b', (byte) 0xFF}, StandardCharsets.UTF_8)
                    .failed();
            assertEquals("not valid UTF-8 text", e.getMessage());
            assertEquals(1, e.line());
        }

        @Test
        void aSequenceCutShortByTheEnd() {
            Reads.Outcome o = open(new byte[] {'a', '\r', '\n', (byte) 0xC3}, StandardCharsets.UTF_8);
            assertEquals(List.of(r("a")), o.rows());
            assertEquals(2, o.failed().line());
        }

        @Test
        void asciiRefusesHighBytes() {
            Reads.Outcome o = open(new byte[] {'a', '\n', 'b', '\n', (byte) 0x80}, StandardCharsets.US_ASCII);
            assertEquals(List.of(r("a"), r("b")), o.rows());
            assertEquals("not valid US-ASCII text", o.failed().getMessage());
            assertEquals(3, o.failed().line());
        }

        @Test
        void anErrorInsideAQuotedFieldNamesTheLineOfTheBadBytes() {
            byte[] bytes = {'x', '\n', '"', 'a', '\n', 'b', (byte) 0xFF, '"', '\n'};
            Reads.Outcome o = open(bytes, StandardCharsets.UTF_8);
            assertEquals(List.of(r("x")), o.rows());
            assertEquals(3, o.failed().line());
        }

        @Test
        void undecodableBytesFarIntoTheInput() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int lines = 30_000; // several decoder and reader buffers
            for (int i = 0; i < lines; i++) {
                out.writeBytes(("r" + i + ",é\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write(0xFF);
            Reads.Outcome o = open(out.toByteArray(), StandardCharsets.UTF_8);
            assertEquals(lines, o.rows().size());
            assertEquals(r("r29999", "é"), o.rows().get(lines - 1));
            assertEquals(lines + 1, o.failed().line());
        }

        @Test
        void undecodableBytesAfterACarriageReturn() {
            Reads.Outcome o = open(new byte[] {'a', '\r', (byte) 0xFF}, StandardCharsets.UTF_8);
            assertEquals(List.of(r("a")), o.rows()); // actual: []
            assertEquals(2, o.failed().line()); // actual: 1
            Reads.Outcome p = open(new byte[] {'a', '\r', 'b', '\r', (byte) 0xFF}, StandardCharsets.UTF_8);
            assertEquals(List.of(r("a"), r("b")), p.rows()); // actual: [[a]]
            assertEquals(3, p.failed().line()); // actual: 2
        }
    }

    @Nested
    class FieldSizeLimit {
        private static final String MESSAGE = "field larger than the field size limit (5 characters)";

        private Reads.Outcome read(String text, Dialect d) {
            return Reads.read(new StringReader(text), d, 5, 10, Integer.MAX_VALUE);
        }

        @Test
        void fieldsUpToTheLimitAreRead() {
            assertEquals(
                    List.of(r("abcde", "vwxyz", "ab\"cd")),
                    read("abcde,\"vwxyz\",\"ab\"\"cd\"\n", EXCEL).ok());
            assertEquals(List.of(r("a,bcd")), read("a\\,bcd\n", escaped()).ok());
        }

        @Test
        void aLongerFieldIsAnErrorAfterTheRecordsBeforeIt() {
            Reads.Outcome o = read("ab\nabcdef\nx\n", EXCEL);
            assertEquals(List.of(r("ab")), o.rows());
            assertEquals(MESSAGE, o.failed().getMessage());
            assertEquals(2, o.failed().line());
        }

        @Test
        void everyWayOfGrowingAFieldIsChecked() {
            for (String text : List.of("\"abcdef\"", "\"ab\"\"cde\"", "abcde\\f", "\"abcde\\f\"", "abc\"\"\"d")) {
                CsvException e = read(text, escaped()).failed();
                assertEquals(MESSAGE, e.getMessage(), text);
                assertEquals(1, e.line(), text);
            }
        }

        @Test
        void theLimitHoldsAcrossBufferRefills() {
            int limit = 70_000;
            String field = "x".repeat(limit);
            assertEquals(
                    List.of(r(field)),
                    Reads.read(new StringReader(field + "\n"), EXCEL, limit, 1, Integer.MAX_VALUE)
                            .ok());
            CsvException e = Reads.read(new StringReader(field + "\n"), EXCEL, limit - 1, 1, Integer.MAX_VALUE)
                    .failed();
            assertEquals("field larger than the field size limit (69999 characters)", e.getMessage());
        }
    }

    @Nested
    class Batches {
        @Test
        void maxRecordsPerCall() throws Exception {
            CsvReader reader = new CsvReader(new StringReader("aaaa\nbbbb\ncccc\n"), EXCEL, 100);
            RecordBatch batch = new RecordBatch();
            assertTrue(reader.read(batch, 2, Integer.MAX_VALUE));
            assertEquals(2, batch.size());
            batch.clear();
            assertTrue(reader.read(batch, 2, Integer.MAX_VALUE));
            assertEquals(List.of("cccc"), batch.record(0));
            assertEquals(1, batch.size());
            batch.clear();
            assertFalse(reader.read(batch, 2, Integer.MAX_VALUE));
            assertEquals(0, batch.size());
        }

        @Test
        void maxCharsStopsOnceTheBatchHoldsThatMany() throws Exception {
            CsvReader reader = new CsvReader(new StringReader("aaaa\nbbbb\ncccc\n"), EXCEL, 100);
            RecordBatch batch = new RecordBatch();
            assertTrue(reader.read(batch, 100, 5)); // 4 < 5: one more record
            assertEquals(2, batch.size());
            assertEquals(8, batch.charCount());
            batch.clear();
            CsvReader exact = new CsvReader(new StringReader("aaaa\nbbbb\ncccc\n"), EXCEL, 100);
            assertTrue(exact.read(batch, 100, 4));
            assertEquals(1, batch.size());
        }

        @Test
        void recordsAccumulateInABatchThatIsNotCleared() throws Exception {
            CsvReader reader = new CsvReader(new StringReader("a,b\n\nccc,d\n"), EXCEL, 100);
            RecordBatch batch = new RecordBatch();
            assertTrue(reader.read(batch, 1, Integer.MAX_VALUE));
            assertTrue(reader.read(batch, 1, Integer.MAX_VALUE));
            assertTrue(reader.read(batch, 1, Integer.MAX_VALUE));
            assertEquals(3, batch.size());
            assertEquals(
                    List.of(r("a", "b"), r(), r("ccc", "d")),
                    List.of(batch.record(0), batch.record(1), batch.record(2)));
            assertEquals(0, batch.fieldCount(1));
            assertEquals(2, batch.firstField(2));
            assertEquals(4, batch.firstField(3));
            assertEquals("ccc", batch.field(2));
            assertEquals(3, batch.length(2));
            assertEquals(2, batch.start(2));
            assertEquals(5, batch.end(2));
            assertEquals("abcccd", new String(batch.chars(), 0, batch.charCount()));
            assertEquals(List.of(1L, 2L, 3L), List.of(batch.line(0), batch.line(1), batch.line(2)));
        }

        @Test
        void anErrorComesAfterTheWholeRecordsBeforeIt() throws Exception {
            CsvReader reader = new CsvReader(new StringReader("a\nb\n\"c,d"), EXCEL, 100);
            RecordBatch batch = new RecordBatch();
            assertTrue(reader.read(batch, 100, Integer.MAX_VALUE));
            assertEquals(2, batch.size());
            assertEquals(2, batch.charCount()); // nothing of the broken record
            assertEquals(2, batch.firstField(2));
            CsvException e = assertThrows(CsvException.class, () -> reader.read(batch, 100, Integer.MAX_VALUE));
            assertEquals(3, e.line());
            assertEquals(2, batch.size());
            assertFalse(reader.read(batch, 100, Integer.MAX_VALUE));
        }

        @Test
        void anErrorInTheFirstRecordOfACallIsThrownAtOnce() {
            CsvReader reader = new CsvReader(new StringReader("\"open"), EXCEL, 100);
            RecordBatch batch = new RecordBatch();
            CsvException e = assertThrows(CsvException.class, () -> reader.read(batch, 100, Integer.MAX_VALUE));
            assertEquals(1, e.line());
            assertEquals(0, batch.size());
            assertEquals(0, batch.charCount());
        }

        @Test
        void recordsLargerThanTheBuffer() {
            Random random = new Random(7);
            StringBuilder text = new StringBuilder();
            List<List<String>> expected = new ArrayList<>();
            for (int rec = 0; rec < 6; rec++) {
                List<String> record = new ArrayList<>();
                for (int f = 0; f < 3; f++) {
                    String field = randomField(random, 1 + random.nextInt(150_000));
                    record.add(field);
                    text.append(f > 0 ? "," : "")
                            .append('"')
                            .append(field.replace("\"", "\"\""))
                            .append('"');
                }
                text.append("\r\n");
                expected.add(record);
            }
            String csv = text.toString();
            assertEquals(expected, Reads.read(csv, EXCEL).ok());
            assertEquals(
                    expected,
                    Reads.read(new StringReader(csv), EXCEL, 1 << 20, 2, 1000).ok());
            assertEquals(
                    expected,
                    Reads.read(Reads.trickle(csv, 3, 50_000), EXCEL, 1 << 20, 100, 1 << 30)
                            .ok());
        }

        private String randomField(Random random, int length) {
            String alphabet = "abc,\"\r\n é😀";
            StringBuilder sb = new StringBuilder(length);
            while (sb.length() < length) {
                int i = random.nextInt(alphabet.length());
                char c = alphabet.charAt(i);
                sb.append(c);
                if (Character.isHighSurrogate(c)) {
                    sb.append(alphabet.charAt(i + 1));
                }
            }
            return sb.toString();
        }

        /** StringReader fills the whole 64 KiB buffer, so the CR is the last character of one fill and the LF the first of the next. */
        @Test
        void aCrlfSplitAcrossBufferRefills() {
            int buffer = 1 << 16;
            String first = "x".repeat(buffer - 1);
            Reads.Outcome o = Reads.read(first + "\r\nb\r\n", EXCEL);
            assertEquals(List.of(r(first), r("b")), o.ok());
            assertEquals(List.of(1L, 2L), o.lines());
            String quoted = "\"" + "y".repeat(buffer - 2) + "\r\nz\"\r\n";
            assertEquals(List.of(r("y".repeat(buffer - 2) + "\r\nz")), rows(quoted));
            // a BOM shifts everything by one: the CR is now the first character of the second fill
            assertEquals(List.of(r(first.substring(1)), r("b")), rows("\ufeff" + first.substring(1) + "\r\nb\r\n"));
            // and a lone CR at the very end of a fill, followed by text
            assertEquals(List.of(r(first), r("b")), rows(first + "\rb"));
            assertEquals(List.of(r(first), r(), r("b")), rows(first + "\r\rb"));
        }

        @Test
        void manyRecordsAndFieldsGrowTheBatch() throws Exception {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 5000; i++) {
                text.append(i).append(",x,").append(i % 7 == 0 ? "" : "\"q\"").append('\n');
            }
            CsvReader reader = new CsvReader(new StringReader(text.toString()), EXCEL, 100);
            RecordBatch batch = new RecordBatch();
            assertTrue(reader.read(batch, Integer.MAX_VALUE, Integer.MAX_VALUE));
            assertEquals(5000, batch.size());
            assertEquals(List.of("4999", "x", "q"), batch.record(4999));
            assertEquals(List.of("0", "x", ""), batch.record(0));
            assertEquals(5000, batch.line(4999));
            assertFalse(reader.read(batch, Integer.MAX_VALUE, Integer.MAX_VALUE));
        }
    }

    /** Reading a text whole or a few characters at a time gives the same records, flags, lines and errors. */
    @Test
    void everyChunkingReadsTheSame() throws IOException {
        Random random = new Random(2024);
        String[] alphabet = {"a", "b", " ", ",", "\"", "\\", "'", "\r", "\n", "\r\n", "é", "😀", "1", "\ufeff", "\0"};
        List<Dialect> dialects = List.of(
                EXCEL,
                escaped(),
                dialect().strict(true).escapeChar(BS).build(),
                dialect().quoting(Quoting.NONE).escapeChar(BS).build(),
                dialect().quoting(Quoting.NONNUMERIC).build(),
                dialect().doubleQuote(false).skipInitialSpace(true).build(),
                dialect().quoteChar('\'').build());
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(40);
            for (int k = 0; k < n; k++) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = sb.toString();
            Dialect d = dialects.get(i % dialects.size());
            Reads.Outcome whole = Reads.read(new StringReader(text), d, 1000, 1, Integer.MAX_VALUE);
            Reads.Outcome trickled = Reads.read(Reads.trickle(text, i, 3), d, 1000, 1 + random.nextInt(3), 8);
            String where = "text " + show(text) + " with " + d;
            assertEquals(whole.rows(), trickled.rows(), where);
            assertEquals(whole.numeric(), trickled.numeric(), where);
            assertEquals(whole.lines(), trickled.lines(), where);
            assertEquals(
                    whole.error() == null
                            ? null
                            : whole.error().getMessage() + " @" + whole.error().line(),
                    trickled.error() == null
                            ? null
                            : trickled.error().getMessage() + " @"
                                    + trickled.error().line(),
                    where);
        }
    }

    static String show(String s) {
        return "'"
                + s.replace("\\", "\\\\")
                        .replace("\r", "\\r")
                        .replace("\n", "\\n")
                        .replace("\0", "\\0") + "'";
    }

    @Test
    void openReadsAnInputStream() throws Exception {
        InputStream in = new ByteArrayInputStream("a,b\r\n".getBytes(StandardCharsets.UTF_8));
        try (CsvReader reader = CsvReader.open(in, StandardCharsets.UTF_8, EXCEL, 10)) {
            assertEquals(r("a", "b"), reader.next());
            assertNull(reader.next());
            assertEquals(1, reader.line());
        }
    }
}
