package dev.cookbook.cli.csv;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code cookbook csv read} and {@code csv write}, in-process: exact stdout (bytes, CRLF kept), stderr and
 * exit status for every option, the errors, and the files left behind.
 */
public class CsvCommandTest {
    static final String READ = "cookbook csv read: ";
    static final String WRITE = "cookbook csv write: ";
    static final String READ_HINT = "cookbook csv read: hint: see 'cookbook csv read --help'\n";
    static final String WRITE_HINT = "cookbook csv write: hint: see 'cookbook csv write --help'\n";
    static final String UNKNOWN_KEY_HINT =
            WRITE + "hint: --extras ignore drops keys that are not columns; --fields " + "sets the columns\n";
    static final String JSON_CELLS_HINT = WRITE + "hint: --json-cells writes objects and arrays as their JSON text\n";
    static final String ROWS_HINT = WRITE + "hint: --rows writes JSON arrays as rows\n";
    static final String NO_ROWS_HINT = WRITE + "hint: without --rows, JSON objects are written as records\n";
    static final String ENCODE_HINT = WRITE + "hint: choose an --encoding that can hold it, such as UTF-8\n";
    static final String DECODE_HINT = READ + "hint: give the file's encoding with --encoding\n";
    static final String DEDUPE_HINT = READ + "hint: --dedupe-headers renames a repeated name a to a_2, a_3, ...\n";
    static final String NUMBER_HINT = READ + "hint: with --quoting nonnumeric, text must be quoted\n";

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, UTF_8);
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(UTF_8);
    }

    private static Cli.Result run(String stdin, String... args) {
        return Cli.run(utf8(stdin), args);
    }

    private static String[] args(Object... parts) {
        return Stream.of(parts).map(String::valueOf).toArray(String[]::new);
    }

    private static void assertRun(Cli.Result r, int exit, String out, String err) {
        assertEquals(out, r.out(), r::toString);
        assertEquals(err, r.err(), r::toString);
        assertEquals(exit, r.exit(), r::toString);
    }

    private static void assertOk(Cli.Result r, String out) {
        assertRun(r, 0, out, "");
    }

    /** The examples of the reference article, /work/shared/reference/csv.txt, as cookbook commands. */
    @Nested
    class Reference {
        static final String MY_CSV = "my first column,my second column,my third column\n"
                + "my first column 2,my second column 2,my third column 2\n";

        @Test
        void myCsvAsRowsPrintsWhatCsvReaderPrints() throws IOException {
            Path my = file("my.csv", MY_CSV);
            assertOk(
                    Cli.run("csv", "read", "--rows", my.toString()),
                    "[\"my first column\",\"my second column\",\"my third column\"]\n"
                            + "[\"my first column 2\",\"my second column 2\",\"my third column 2\"]\n");
        }

        @Test
        void myCsvAsRecordsTakesTheFirstRowAsTheHeader() throws IOException {
            Path my = file("my.csv", MY_CSV);
            assertOk(
                    Cli.run("csv", "read", my.toString()),
                    "{\"my first column\":\"my first column 2\","
                            + "\"my second column\":\"my second column 2\",\"my third column\":\"my third column 2\"}\n");
        }

        @Test
        void writingRowsGivesTheArticlesFileWithCsvWritersCrlf() {
            assertOk(run("[\"1\",\"2\",\"3\"]\n[\"4\",\"5\",\"6\"]\n", "csv", "write", "--rows"), "1,2,3\r\n4,5,6\r\n");
        }

        @Test
        void rowsWithCommasAreQuotedAndReadBack() throws IOException {
            String rows = "[\"row 1, column 1\",\"row 1, column 2\",\"row 1, column 3\"]\n"
                    + "[\"row 2, column 1\",\"row 2, column 2\",\"row 3, column 3\"]\n";
            Cli.Result w = run(rows, "csv", "write", "--rows");
            String raw = "\"row 1, column 1\",\"row 1, column 2\",\"row 1, column 3\"\r\n"
                    + "\"row 2, column 1\",\"row 2, column 2\",\"row 3, column 3\"\r\n";
            assertOk(w, raw);
            assertOk(Cli.run(w.stdout(), "csv", "read", "--rows"), rows);
        }

        @Test
        void theSpaceAndPipeDialectQuotesEveryFieldWithASpace() throws IOException {
            String rows = "[\"row 1 column 1\",\"row 1 column 2\",\"row 1 column 3\"]\n"
                    + "[\"row 2 column 1\",\"row 2 column 2\",\"row 2 column 3\"]\n";
            Cli.Result w = run(rows, "csv", "write", "--rows", "-d", " ", "--quotechar", "|");
            assertOk(
                    w,
                    "|row 1 column 1| |row 1 column 2| |row 1 column 3|\r\n"
                            + "|row 2 column 1| |row 2 column 2| |row 2 column 3|\r\n");
            // the article's raw.csv, as printed (LF line ends)
            Path raw = file(
                    "raw.csv",
                    "|row 1 column 1| |row 1 column 2| |row 1 column 3|\n"
                            + "|row 2 column 1| |row 2 column 2| |row 2 column 3|\n");
            assertOk(Cli.run("csv", "read", "-d", " ", "--quotechar", "|", "--rows", raw.toString()), rows);
            assertOk(
                    Cli.run("csv", "read", "-d", " ", "--quotechar", "|", "--fieldnames", "a,b,c", raw.toString()),
                    "{\"a\":\"row 1 column 1\",\"b\":\"row 1 column 2\",\"c\":\"row 1 column 3\"}\n"
                            + "{\"a\":\"row 2 column 1\",\"b\":\"row 2 column 2\",\"c\":\"row 2 column 3\"}\n");
        }

        @Test
        void dictionariesAreWrittenInTheirKeyOrderAndReadBack() {
            String dictionaries = "[{\"name\": \"John\", \"last_name\": \"Doe\", \"age\": \"30\"},"
                    + " {\"name\": \"Jane\", \"last_name\": \"Doe\", \"age\": \"30\"}]";
            Cli.Result w = run(dictionaries, "csv", "write");
            assertOk(w, "name,last_name,age\r\nJohn,Doe,30\r\nJane,Doe,30\r\n");
            assertOk(
                    Cli.run(w.stdout(), "csv", "read", "--to", "json"),
                    "[\n{\"name\":\"John\",\"last_name\":\"Doe\",\"age\":\"30\"},\n"
                            + "{\"name\":\"Jane\",\"last_name\":\"Doe\",\"age\":\"30\"}\n]\n");
        }

        @Test
        void sortedFieldsGiveTheArticlesDictCsvWhateverTheKeyOrder() {
            String input = "{\"name\":\"John\",\"last_name\":\"Doe\",\"age\":\"30\"}\n"
                    + "{\"age\":\"40\",\"name\":\"Jane\",\"last_name\":\"Doe\"}\n";
            assertOk(
                    run(input, "csv", "write", "--sort-fields"),
                    "age,last_name,name\r\n30,Doe,John\r\n40,Doe,Jane\r\n");
        }

        @Test
        void dictCsvAsATable() throws IOException {
            Path dict = file("dict.csv", "age,last_name,name\n30,Doe,John\n40,Doe,Jane\n");
            assertOk(
                    Cli.run("csv", "read", "--to", "table", dict.toString()),
                    "| age | last_name | name |\n"
                            + "| --- | --------- | ---- |\n"
                            + "|  30 | Doe       | John |\n"
                            + "|  40 | Doe       | Jane |\n");
        }
    }

    @Nested
    class Reading {
        @Test
        void recordsAreObjectsInHeaderOrderFromStdinOrDash() {
            String csv = "b,a\r\n1,2\r\n3,4\r\n";
            String json = "{\"b\":\"1\",\"a\":\"2\"}\n{\"b\":\"3\",\"a\":\"4\"}\n";
            assertOk(run(csv, "csv", "read"), json);
            assertOk(run(csv, "csv", "read", "-"), json);
        }

        @Test
        void toJsonIsOneArrayOneRecordPerLine() {
            assertOk(
                    run("a,b\n1,2\n3,4\n", "csv", "read", "--to", "json"),
                    "[\n{\"a\":\"1\",\"b\":\"2\"},\n{\"a\":\"3\",\"b\":\"4\"}\n]\n");
            assertOk(run("a,b\n", "csv", "read", "--to", "json"), "[]\n");
            assertOk(
                    run("a,b\n1,2\n", "csv", "read", "--to", "json", "--rows"),
                    "[\n[\"a\",\"b\"],\n[\"1\",\"2\"]\n]\n");
        }

        @Test
        void toTableAlignsColumnsRightAlignsNumbersAndSpellsOutLineBreaks() {
            String csv = "n,text,wide\n1,\"a\nb\",中文\n22,\t,x\n-3.5,,\n";
            assertOk(
                    run(csv, "csv", "read", "--to", "table"),
                    "| n    | text | wide |\n"
                            + "| ---- | ---- | ---- |\n"
                            + "|    1 | a\\nb | 中文 |\n"
                            + "|   22 | \\t   | x    |\n"
                            + "| -3.5 |      |      |\n");
        }

        @Test
        void tableOfRaggedRowsAndOfRowsWithoutHeader() {
            assertOk(
                    run("a,b\n1,2,3\n4\n", "csv", "read", "--to", "table"),
                    "| a   | b   |     |\n| --- | --- | --- |\n|   1 |   2 |   3 |\n|   4 |     |     |\n");
            assertOk(run("a,b\n1,2\n", "csv", "read", "--to", "table", "--rows"), "| a   | b   |\n| 1   | 2   |\n");
            assertOk(run("a,b\n", "csv", "read", "--to", "table"), "| a   | b   |\n| --- | --- |\n");
            assertOk(run("", "csv", "read", "--to", "table"), "");
        }

        @Test
        void rowsAreCsvReaderListsWithBlankLinesAsEmptyLists() {
            assertOk(
                    run("a,b\n\n1,2\n\n\n3\n", "csv", "read", "--rows"),
                    "[\"a\",\"b\"]\n[]\n[\"1\",\"2\"]\n[]\n[]\n[\"3\"]\n");
        }

        @Test
        void blankLinesBetweenRecordsAreSkipped() {
            assertOk(
                    run("a,b\n\n1,2\r\n\r\n3,4\n\n", "csv", "read"),
                    "{\"a\":\"1\",\"b\":\"2\"}\n{\"a\":\"3\",\"b\":\"4\"}\n");
        }

        @Test
        void fieldnamesMakeTheFirstRowDataAndAcceptAQuotedNameWithAComma() {
            assertOk(
                    run("1,Doe\n2,Roe\n", "csv", "read", "--fieldnames", "id,\"last, first\""),
                    "{\"id\":\"1\",\"last, first\":\"Doe\"}\n{\"id\":\"2\",\"last, first\":\"Roe\"}\n");
        }

        @Test
        void aLongRowGoesUnderTheRestkeyNullByDefaultAndAShortOneGetsNull() {
            String csv = "a,b\n1,2,3,4\n5\n";
            assertOk(
                    run(csv, "csv", "read"),
                    "{\"a\":\"1\",\"b\":\"2\",\"null\":[\"3\",\"4\"]}\n{\"a\":\"5\",\"b\":null}\n");
            assertOk(
                    run(csv, "csv", "read", "--restkey", "more", "--restval", "N/A"),
                    "{\"a\":\"1\",\"b\":\"2\",\"more\":[\"3\",\"4\"]}\n{\"a\":\"5\",\"b\":\"N/A\"}\n");
        }

        @Test
        void aRestkeyThatIsAColumnReplacesItsValueInPlaceAsPythonDoes() {
            assertOk(run("a,b\n1,2,3\n", "csv", "read", "--restkey", "a"), "{\"a\":[\"3\"],\"b\":\"2\"}\n");
        }

        @Test
        void dedupeHeadersNumbersRepeatsAroundNamesAlreadyTaken() {
            assertOk(
                    run("a,a,b,a\n1,2,3,4\n", "csv", "read", "--dedupe-headers"),
                    "{\"a\":\"1\",\"a_2\":\"2\",\"b\":\"3\",\"a_3\":\"4\"}\n");
            assertOk(
                    run("a,a_2,a\n1,2,3\n", "csv", "read", "--dedupe-headers"),
                    "{\"a\":\"1\",\"a_2\":\"2\",\"a_3\":\"3\"}\n");
            assertOk(
                    run("1,2\n", "csv", "read", "--dedupe-headers", "--fieldnames", "x,x"),
                    "{\"x\":\"1\",\"x_2\":\"2\"}\n");
        }

        @Test
        void strictAcceptsAWellFormedFile() {
            assertOk(
                    run("a,b\n\"1\",2\n\n3,\"4\"\n", "csv", "read", "--strict"),
                    "{\"a\":\"1\",\"b\":\"2\"}\n{\"a\":\"3\",\"b\":\"4\"}\n");
        }

        @Test
        void withoutStrictTextAfterAClosingQuoteIsKept() {
            assertOk(run("a,b\n1,\"2\"x\n", "csv", "read"), "{\"a\":\"1\",\"b\":\"2x\"}\n");
        }

        @Test
        void tabDelimiterAndOtherDialectOptions() {
            assertOk(run("a\tb\n1\t\"x\ty\"\n", "csv", "read", "-d", "\\t"), "{\"a\":\"1\",\"b\":\"x\\ty\"}\n");
            assertOk(run("a;b\n1;2\n", "csv", "read", "--delimiter", ";"), "{\"a\":\"1\",\"b\":\"2\"}\n");
            assertOk(
                    run("a,b\n'x,y','it''s'\n", "csv", "read", "--quotechar", "'"), "{\"a\":\"x,y\",\"b\":\"it's\"}\n");
            assertOk(run("a,b\nx\\,y,z\n", "csv", "read", "--escapechar", "\\"), "{\"a\":\"x,y\",\"b\":\"z\"}\n");
            assertOk(
                    run("a,b\n\"x\\\"y\",z\n", "csv", "read", "--escapechar", "\\", "--no-doublequote"),
                    "{\"a\":\"x\\\"y\",\"b\":\"z\"}\n");
            assertOk(run("a, b\n1,  \"2\"\n", "csv", "read", "--skipinitialspace"), "{\"a\":\"1\",\"b\":\"2\"}\n");
            assertOk(run("a, b\n1,  2\n", "csv", "read"), "{\"a\":\"1\",\" b\":\"  2\"}\n");
        }

        @Test
        void quotingNoneTakesQuotesAsData() {
            assertOk(
                    run("a,b\n\"x\",y\"z\n", "csv", "read", "--quoting", "none"),
                    "{\"a\":\"\\\"x\\\"\",\"b\":\"y\\\"z\"}\n");
        }

        @Test
        void quotingNonnumericMakesUnquotedFieldsNumbersAsPythonsFloat() {
            assertOk(
                    run(
                            "\"a\",\"b\",\"c\",\"d\",\"e\"\n1_000, 2 ,\"3\",,-1.50\n",
                            "csv",
                            "read",
                            "--quoting",
                            "nonnumeric"),
                    "{\"a\":1000,\"b\":2,\"c\":\"3\",\"d\":\"\",\"e\":-1.50}\n");
            assertOk(run("\"x\"\n.5\n", "csv", "read", "--quoting", "nonnumeric", "--rows"), "[\"x\"]\n[0.5]\n");
            assertOk(run("\"x\"\n1.\n", "csv", "read", "--quoting", "nonnumeric", "--rows"), "[\"x\"]\n[1]\n");
        }

        @Test
        void everyLineEndIsALineEndCrOnlyToo() {
            assertOk(
                    run("a,b\r1,2\r\n3,\"x\ry\"\n4,5", "csv", "read"),
                    "{\"a\":\"1\",\"b\":\"2\"}\n{\"a\":\"3\",\"b\":\"x\\ry\"}\n{\"a\":\"4\",\"b\":\"5\"}\n");
        }

        @Test
        void emptyInputAndAHeaderAloneGiveNoRecords() {
            assertOk(run("", "csv", "read"), "");
            assertOk(run("", "csv", "read", "--rows"), "");
            assertOk(run("", "csv", "read", "--to", "json"), "[]\n");
            assertOk(run("a,b\r\n", "csv", "read"), "");
            assertOk(run("\n\n", "csv", "read"), "");
        }

        @Test
        void blankLinesBeforeTheHeaderAreSkipped() {
            // Python's DictReader takes a first blank line as an empty header (every record then goes under
            // None); cookbook skips blank lines before the header, as CsvToJson documents.
            assertOk(run("\n\na,b\n1,2\n", "csv", "read"), "{\"a\":\"1\",\"b\":\"2\"}\n");
        }

        @Test
        void aByteOrderMarkIsNotPartOfTheFirstName() throws IOException {
            Path bom = file(
                    "bom.csv", concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, utf8("name,age\nJo,3\n")));
            assertOk(Cli.run("csv", "read", bom.toString()), "{\"name\":\"Jo\",\"age\":\"3\"}\n");
            Path bom16 = file("bom16.csv", "\uFEFFname\nJo\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
            assertOk(Cli.run("csv", "read", "--encoding", "UTF-16LE", bom16.toString()), "{\"name\":\"Jo\"}\n");
        }

        @Test
        void latin1InputWithItsEncodingIsUtf8Json() throws IOException {
            Path latin = file("latin.csv", "name,city\nJosé,München\n".getBytes(ISO_8859_1));
            assertOk(
                    Cli.run("csv", "read", "--encoding", "ISO-8859-1", latin.toString()),
                    "{\"name\":\"José\",\"city\":\"München\"}\n");
            assertOk(
                    Cli.run("csv", "read", "--encoding", "latin1", "--to", "table", latin.toString()),
                    "| name | city    |\n| ---- | ------- |\n| José | München |\n");
        }

        @Test
        void unicodeNamesAndValuesAreKeptAsTheyAre() {
            assertOk(
                    run("名前,émoji 😀,\"say \"\"hi\"\"\"\nアリス,✓,\"\"\n", "csv", "read"),
                    "{\"名前\":\"アリス\",\"émoji 😀\":\"✓\",\"say \\\"hi\\\"\":\"\"}\n");
        }

        @Test
        void fieldSizeLimitAcceptsAFieldOfExactlyTheLimit() {
            assertOk(
                    run("a\n12345\n\"12345\"\n", "csv", "read", "--field-size-limit", "5"),
                    "{\"a\":\"12345\"}\n{\"a\":\"12345\"}\n");
        }

        @Test
        void progressOptionsChangeNothingButStderr() throws IOException {
            Path f = file("p.csv", "a\n1\n");
            assertOk(Cli.run("csv", "read", "--no-progress", f.toString()), "{\"a\":\"1\"}\n");
            Cli.Result r = Cli.run("csv", "read", "--progress", f.toString());
            assertEquals(0, r.exit(), r::toString);
            assertEquals("{\"a\":\"1\"}\n", r.out());
            // a bar may be drawn and erased on a slow machine, never anything else
            assertEquals("", r.err().replaceAll("\r[^\r]*\u001b\\[K", ""), r::toString);
        }
    }

    @Nested
    class ReadErrors {
        @Test
        void anUnterminatedQuoteComesAfterTheRecordsBeforeIt() throws IOException {
            Path f = file("unterminated.csv", "a,b\n1,2\n3,\"x\n4,5\n");
            assertRun(
                    Cli.run("csv", "read", f.toString()),
                    3,
                    "{\"a\":\"1\",\"b\":\"2\"}\n",
                    READ + f + ": line 3: unterminated quoted field: the quote opened here is never closed\n");
            assertRun(
                    Cli.run(Files.readAllBytes(f), "csv", "read"),
                    3,
                    "{\"a\":\"1\",\"b\":\"2\"}\n",
                    READ + "line 3: unterminated quoted field: the quote opened here is never closed\n");
            assertRun(
                    Cli.run(Files.readAllBytes(f), "csv", "read", "--to", "json"),
                    3,
                    "[\n{\"a\":\"1\",\"b\":\"2\"}\n]\n",
                    READ + "line 3: unterminated quoted field: the quote opened here is never closed\n");
            assertRun(
                    Cli.run(Files.readAllBytes(f), "csv", "read", "--to", "table"),
                    3,
                    "| a   | b   |\n| --- | --- |\n|   1 |   2 |\n",
                    READ + "line 3: unterminated quoted field: the quote opened here is never closed\n");
        }

        @Test
        void aFailureManyBatchesInKeepsEveryRecordBeforeItInOrder() {
            StringBuilder csv = new StringBuilder("id\n");
            StringBuilder json = new StringBuilder();
            for (int i = 0; i < 20_000; i++) {
                csv.append(i).append('\n');
                json.append("{\"id\":\"").append(i).append("\"}\n");
            }
            csv.append("\"open\n");
            assertRun(
                    run(csv.toString(), "csv", "read"),
                    3,
                    json.toString(),
                    READ + "line 20002: unterminated quoted field: the quote opened here is never closed\n");
        }

        @Test
        void aDanglingEscapeCharacter() {
            assertRun(
                    run("a,b\n1,2\n3\\", "csv", "read", "--escapechar", "\\"),
                    3,
                    "{\"a\":\"1\",\"b\":\"2\"}\n",
                    READ + "line 3: the input ends with an escape character: nothing left for it to escape\n");
        }

        @Test
        void undecodableBytesNameTheirLineAndHintAtEncoding() throws IOException {
            Path f = file("latin.csv", concat(utf8("name,city\nJo,Paris\n"), "José,München\n".getBytes(ISO_8859_1)));
            assertRun(
                    Cli.run("csv", "read", f.toString()),
                    3,
                    "{\"name\":\"Jo\",\"city\":\"Paris\"}\n",
                    READ + f + ": line 3: not valid UTF-8 text\n" + DECODE_HINT);
        }

        @Test
        void strictRefusesRaggedRowsNamingTheLine() {
            assertRun(
                    run("a,b\n1,2\n3,4,5\n", "csv", "read", "--strict"),
                    3,
                    "{\"a\":\"1\",\"b\":\"2\"}\n",
                    READ + "line 3: 3 fields where the header has 2\n");
            assertRun(
                    run("a,b\n1,2\n\n\"x\ny\"\n", "csv", "read", "--strict"),
                    3,
                    "{\"a\":\"1\",\"b\":\"2\"}\n",
                    READ + "line 4: 1 field where the header has 2\n");
            assertRun(
                    run("1,2\n3\n", "csv", "read", "--strict", "--fieldnames", "a,b"),
                    3,
                    "{\"a\":\"1\",\"b\":\"2\"}\n",
                    READ + "line 2: 1 field where the header has 2\n");
            assertRun(
                    run("a,b\n1,2\n3\n", "csv", "read", "--strict", "--to", "table"),
                    3,
                    "| a   | b   |\n| --- | --- |\n|   1 |   2 |\n",
                    READ + "line 3: 1 field where the header has 2\n");
        }

        @Test
        void strictRefusesTextAfterAClosingQuote() {
            assertRun(
                    run("a,b\n1,2\n3,\"4\"x\n", "csv", "read", "--strict"),
                    3,
                    "{\"a\":\"1\",\"b\":\"2\"}\n",
                    READ + "line 3: 'x' after a closing quote: expected ',' or the end of the line\n");
            assertRun(
                    run("a\tb\n\"1\" \t2\n", "csv", "read", "--strict", "-d", "\\t"),
                    3,
                    "",
                    READ + "line 2: ' ' after a closing quote: expected '\\t' or the end of the line\n");
        }

        @Test
        void aRepeatedHeaderNameIsAnErrorUnlessDeduped() throws IOException {
            Path f = file("dup.csv", "a,b,a\n1,2,3\n");
            assertRun(
                    Cli.run("csv", "read", f.toString()),
                    3,
                    "",
                    READ + f + ": line 1: the header repeats the name " + "'a' (columns 1 and 3)\n" + DEDUPE_HINT);
        }

        @Test
        void nonnumericRefusesAnUnquotedWordOrAnInfinity() {
            assertRun(
                    run("\"a\",\"b\"\n1,2\n3,x\n", "csv", "read", "--quoting", "nonnumeric"),
                    3,
                    "{\"a\":1,\"b\":2}\n",
                    READ + "line 3: field 'b' is not a number: 'x' (with quoting nonnumeric an "
                            + "unquoted field is a number)\n" + NUMBER_HINT);
            assertRun(
                    run("\"a\"\n1e400\n", "csv", "read", "--quoting", "nonnumeric"),
                    3,
                    "",
                    READ + "line 2: field 'a' is not a number: '1e400' (with quoting nonnumeric an unquoted field is a "
                            + "number)\n" + NUMBER_HINT);
            assertRun(
                    run("a\n", "csv", "read", "--quoting", "nonnumeric", "--rows"),
                    3,
                    "",
                    READ
                            + "line 1: field 1 is not a number: 'a' (with quoting nonnumeric an unquoted field is a number)\n"
                            + NUMBER_HINT);
        }

        @Test
        void aFieldOverTheSizeLimit() {
            assertRun(
                    run("a\n1\n\"123456\"\n", "csv", "read", "--field-size-limit", "5"),
                    3,
                    "{\"a\":\"1\"}\n",
                    READ + "line 3: field larger than the field size limit (5 characters)\n");
        }

        @Test
        void aMissingFileOrADirectoryIsAnIoError() throws IOException {
            assertRun(
                    Cli.run("csv", "read", dir + "/missing.csv"),
                    4,
                    "",
                    READ + dir + "/missing.csv: No such file or directory\n");
            assertRun(Cli.run("csv", "read", dir.toString()), 4, "", READ + dir + ": Is a directory\n");
        }
    }

    /** -o: atomic, never over an existing file without --force, never over the input. */
    @Nested
    class Output {
        @Test
        void outWritesTheFileAndNothingToStdout() throws IOException {
            Path in = file("in.csv", "a\n1\n");
            Path out = dir.resolve("out.jsonl");
            assertOk(Cli.run("csv", "read", in.toString(), "-o", out.toString()), "");
            assertEquals("{\"a\":\"1\"}\n", Files.readString(out));
            assertOk(run("{\"a\":1}\n", "csv", "write", "-o", dir + "/out.csv"), "");
            assertEquals("a\r\n1\r\n", Files.readString(dir.resolve("out.csv")));
            assertOk(run("a\n2\n", "csv", "read", "-o", "-"), "{\"a\":\"2\"}\n");
        }

        @Test
        void badDataLeavesNoOutputFile() throws IOException {
            Path in = file("bad.csv", "a\n1\n\"2\n");
            Path out = dir.resolve("out.jsonl");
            assertRun(
                    Cli.run("csv", "read", in.toString(), "-o", out.toString()),
                    3,
                    "",
                    READ + in + ": line 3: unterminated quoted field: the quote opened here is never closed\n");
            assertFalse(Files.exists(out));
            assertRun(
                    run("{\"a\":1}\n{\"a\":2}\n{\"b\":3}\n", "csv", "write", "-o", dir + "/out.csv"),
                    3,
                    "",
                    WRITE + "line 3: the key 'b' is not one of the columns (a)\n" + UNKNOWN_KEY_HINT);
            assertFalse(Files.exists(dir.resolve("out.csv")));
            assertEquals(List.of("bad.csv"), listDir(), "no temporary file left behind");
        }

        @Test
        void anExistingOutputIsKeptWithoutForceAndOnFailureWithForce() throws IOException {
            Path in = file("in.csv", "a\n1\n");
            Path out = file("out.jsonl", "precious\n");
            assertRun(
                    Cli.run("csv", "read", in.toString(), "-o", out.toString()),
                    2,
                    "",
                    READ + out + " exists: add --force to replace it\n" + READ_HINT);
            assertEquals("precious\n", Files.readString(out));
            Path bad = file("bad.csv", "a\n\"1\n");
            assertEquals(
                    3,
                    Cli.run("csv", "read", bad.toString(), "-o", out.toString(), "--force")
                            .exit());
            assertEquals("precious\n", Files.readString(out));
            assertOk(Cli.run("csv", "read", in.toString(), "-o", out.toString(), "--force"), "");
            assertEquals("{\"a\":\"1\"}\n", Files.readString(out));

            Path csv = file("out.csv", "keep\r\n");
            assertRun(
                    run("{\"a\":1}\n", "csv", "write", "-o", csv.toString()),
                    2,
                    "",
                    WRITE + csv + " exists: add --force to replace it\n" + WRITE_HINT);
            assertRun(
                    run("{\"a\":1}\n{\"b\":1}\n", "csv", "write", "-o", csv.toString(), "--force"),
                    3,
                    "",
                    WRITE + "line 2: the key 'b' is not one of the columns (a)\n" + UNKNOWN_KEY_HINT);
            assertEquals("keep\r\n", Files.readString(csv));
            assertOk(run("{\"a\":1}\n", "csv", "write", "-o", csv.toString(), "--force"), "");
            assertEquals("a\r\n1\r\n", Files.readString(csv));
        }

        @Test
        void theInputIsNeverItsOwnOutput() throws IOException {
            Path csv = file("same.csv", "a\n1\n");
            for (String[] a :
                    List.of(args("csv", "read", csv, "-o", csv), args("csv", "read", csv, "-o", csv, "--force"))) {
                assertRun(Cli.run(a), 2, "", READ + csv + " is both the input and the output\n" + READ_HINT);
            }
            Files.createSymbolicLink(dir.resolve("link.csv"), csv);
            assertRun(
                    Cli.run("csv", "read", csv.toString(), "-o", dir + "/./link.csv", "--force"),
                    2,
                    "",
                    READ + dir + "/./link.csv is both the input and the output\n" + READ_HINT);
            Path json = file("same.jsonl", "{\"a\":1}\n");
            for (String[] a : List.of(
                    args("csv", "write", "-i", json, "-o", json),
                    args("csv", "write", "-i", json, "-o", json, "--force"),
                    args("csv", "write", "-i", json, "-o", json, "--append"))) {
                assertRun(Cli.run(a), 2, "", WRITE + json + " is both the input and the output\n" + WRITE_HINT);
            }
            assertEquals("a\n1\n", Files.readString(csv));
            assertEquals("{\"a\":1}\n", Files.readString(json));
        }

        @Test
        void fileNamesWithSpacesQuotesAndNonAsciiAreQuotedAsCoreutilsDoes() throws IOException {
            String bad = "a\n\"1\n";
            String message = ": line 2: unterminated quoted field: the quote opened here is never closed\n";
            Path spaced = file("my file.csv", bad);
            assertRun(Cli.run("csv", "read", spaced.toString()), 3, "", READ + "'" + spaced + "'" + message);
            Path quoted = file("it's.csv", bad);
            assertRun(Cli.run("csv", "read", quoted.toString()), 3, "", READ + "'" + dir + "/it'\\''s.csv'" + message);
            Path accented = file("données.csv", bad);
            assertRun(Cli.run("csv", "read", accented.toString()), 3, "", READ + accented + message);

            Path ok = file("ça va.csv", "a\n1\n");
            Path out = dir.resolve("sortie été.jsonl");
            assertOk(Cli.run("csv", "read", ok.toString(), "-o", out.toString()), "");
            assertEquals("{\"a\":\"1\"}\n", Files.readString(out));
            assertRun(
                    Cli.run("csv", "read", ok.toString(), "-o", out.toString()),
                    2,
                    "",
                    READ + "'" + out + "' exists: add --force to replace it\n" + READ_HINT);
            Path json = file("in put.jsonl", "{\"a\":1}\n{\"b\":2}\n");
            assertRun(
                    Cli.run("csv", "write", "-i", json.toString()),
                    3,
                    "a\r\n1\r\n",
                    WRITE + "'" + json + "': line 2: the key 'b' is not one of the columns (a)\n" + UNKNOWN_KEY_HINT);
        }

        private List<String> listDir() throws IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return s.map(p -> p.getFileName().toString()).sorted().toList();
            }
        }
    }

    @Nested
    class Usage {
        static Stream<Arguments> readErrors() {
            return Stream.of(
                    Arguments.of(List.of("-d", "ab"), "--delimiter takes one character (\\t for a tab), not 'ab'"),
                    Arguments.of(List.of("-d", ""), "--delimiter takes one character (\\t for a tab), not ''"),
                    Arguments.of(
                            List.of("--quotechar", "''"),
                            "--quotechar takes one character (\\t for a tab), not " + "''''"),
                    Arguments.of(
                            List.of("--escapechar", "\\\\\\"),
                            "--escapechar takes one character (\\t for a tab), " + "not '\\\\\\'"),
                    Arguments.of(List.of("--quotechar", ","), "the quote character and the delimiter are both ','"),
                    Arguments.of(
                            List.of("-d", "\\t", "--quotechar", "\\t"),
                            "the quote character and the delimiter are both '\\t'"),
                    Arguments.of(List.of("--escapechar", ","), "the escape character ',' is also the delimiter"),
                    Arguments.of(
                            List.of("--escapechar", "\""), "the escape character '\"' is also the quote character"),
                    Arguments.of(List.of("-d", "\n"), "the delimiter cannot be a line break"),
                    Arguments.of(List.of("--quotechar", "\r"), "the quote character cannot be a line break"),
                    Arguments.of(
                            List.of("--encoding", "klingon"),
                            "invalid value for option '--encoding': unknown encoding 'klingon' (try UTF-8, ISO-8859-1, "
                                    + "windows-1252, UTF-16)"),
                    Arguments.of(
                            List.of("--encoding", "bad name!"),
                            "invalid value for option '--encoding': unknown encoding 'bad name!' (try UTF-8, ISO-8859-1, "
                                    + "windows-1252, UTF-16)"),
                    Arguments.of(List.of("--field-size-limit", "0"), "--field-size-limit must be at least 1"),
                    Arguments.of(List.of("--field-size-limit", "-5"), "--field-size-limit must be at least 1"),
                    Arguments.of(
                            List.of("--field-size-limit", "ten"),
                            "invalid value for option '--field-size-limit': 'ten' is not a whole number"),
                    Arguments.of(
                            List.of("--rows", "--fieldnames", "a"),
                            "--rows reads no header: --fieldnames and --dedupe-headers do not apply"),
                    Arguments.of(
                            List.of("--rows", "--dedupe-headers"),
                            "--rows reads no header: --fieldnames and --dedupe-headers do not apply"),
                    Arguments.of(List.of("--fieldnames", ""), "--fieldnames needs at least one name"),
                    Arguments.of(
                            List.of("--fieldnames", "a,\"b"),
                            "--fieldnames: unterminated quoted field: the " + "quote opened here is never closed"),
                    Arguments.of(
                            List.of("--to", "xml"),
                            "invalid value for option '--to': unknown format 'xml': use jsonl, json or table"),
                    Arguments.of(
                            List.of("--quoting", "some"),
                            "invalid value for option '--quoting': unknown quoting 'some': use minimal, all, "
                                    + "nonnumeric or none"),
                    Arguments.of(
                            List.of("--rows", "--restkey", "more"), "--rows reads no header: --restkey does not apply"),
                    Arguments.of(
                            List.of("--rows", "--restval", "-"), "--rows reads no header: --restval does not apply"),
                    Arguments.of(
                            List.of("--to", "table", "--restkey", "more"),
                            "--to table shows extra fields as more columns: --restkey does not apply"),
                    Arguments.of(
                            List.of("--quoting", "none", "--quotechar", "'"),
                            "--quoting none reads quotes as data: --quotechar does not apply"),
                    Arguments.of(
                            List.of("--quoting", "none", "--no-doublequote"),
                            "--quoting none doubles no quotes: --no-doublequote does not apply"),
                    Arguments.of(List.of("a.csv", "b.csv"), "unexpected argument 'b.csv'"));
        }

        @ParameterizedTest
        @MethodSource("readErrors")
        void readRefuses(List<String> options, String message) {
            List<String> a = new ArrayList<>(List.of("csv", "read"));
            a.addAll(options);
            assertRun(run("a\n1\n", a.toArray(String[]::new)), 2, "", READ + message + "\n" + READ_HINT);
        }

        static Stream<Arguments> writeErrors() {
            return Stream.of(
                    Arguments.of(List.of("--append"), "--append needs -o FILE: the file to add to"),
                    Arguments.of(List.of("--append", "-o", "-"), "--append needs -o FILE: the file to add to"),
                    Arguments.of(
                            List.of("--append", "--force", "-o", "x.csv"),
                            "--append adds to OUT and --force replaces it: choose one"),
                    Arguments.of(
                            List.of("--rows", "--fields", "a,b"),
                            "--rows writes arrays as they are: --fields and --sort-fields do not apply"),
                    Arguments.of(
                            List.of("--rows", "--sort-fields"),
                            "--rows writes arrays as they are: --fields and --sort-fields do not apply"),
                    Arguments.of(List.of("--fields", ""), "--fields needs at least one name"),
                    Arguments.of(List.of("-d", "ab"), "--delimiter takes one character (\\t for a tab), not 'ab'"),
                    Arguments.of(List.of("--quotechar", ","), "the quote character and the delimiter are both ','"),
                    Arguments.of(
                            List.of("--encoding", "klingon"),
                            "invalid value for option '--encoding': unknown encoding 'klingon' (try UTF-8, ISO-8859-1, "
                                    + "windows-1252, UTF-16)"),
                    Arguments.of(
                            List.of("--extras", "keep"),
                            "invalid value for option '--extras': unknown extras action 'keep': use raise or ignore"),
                    Arguments.of(
                            List.of("--line-terminator", "cr"),
                            "invalid value for option '--line-terminator': unknown line terminator 'cr': use crlf or lf"),
                    Arguments.of(
                            List.of("--quoting", "never"),
                            "invalid value for option '--quoting': unknown quoting 'never': use minimal, all, "
                                    + "nonnumeric or none"),
                    Arguments.of(List.of("--fields", "a,b,a"), "--fields names the column 'a' twice"),
                    Arguments.of(
                            List.of("--rows", "--extras", "raise"),
                            "--rows writes arrays as they are: --extras does not apply"),
                    Arguments.of(
                            List.of("--quoting", "none", "--escapechar", "\\", "--no-doublequote"),
                            "--quoting none doubles no quotes: --no-doublequote does not apply"),
                    Arguments.of(List.of("--skipinitialspace"), "unknown option: '--skipinitialspace'"));
        }

        @ParameterizedTest
        @MethodSource("writeErrors")
        void writeRefuses(List<String> options, String message) {
            List<String> a = new ArrayList<>(List.of("csv", "write"));
            a.addAll(options);
            assertRun(run("{\"a\":1}\n", a.toArray(String[]::new)), 2, "", WRITE + message + "\n" + WRITE_HINT);
        }

        @Test
        void csvAloneAsksForACommand() {
            assertRun(
                    Cli.run("csv"),
                    2,
                    "",
                    "cookbook csv: missing command: read or write\n"
                            + "cookbook csv: hint: see 'cookbook csv --help'\n");
        }

        @Test
        void aTerminalIsNotReadUnlessAskedWithDash() {
            assertRun(
                    Cli.withTerminalStdin("csv", "read"),
                    2,
                    "",
                    READ + "no input: name a FILE, or pipe data in (- reads the terminal)\n" + READ_HINT);
            assertRun(
                    Cli.withTerminalStdin("csv", "write"),
                    2,
                    "",
                    WRITE + "no input: name a FILE, or pipe data in (- reads the terminal)\n" + WRITE_HINT);
            assertOk(Cli.withTerminalStdin("csv", "read", "-"), "");
        }

        @Test
        void helpListsEveryOption() {
            Cli.Result read = Cli.run("csv", "read", "--help");
            assertEquals(0, read.exit(), read::toString);
            for (String o : List.of(
                    "--out",
                    "--force",
                    "--to",
                    "--rows",
                    "--fieldnames",
                    "--restkey",
                    "--restval",
                    "--strict",
                    "--dedupe-headers",
                    "--field-size-limit",
                    "--[no-]progress",
                    "--delimiter",
                    "--quotechar",
                    "--escapechar",
                    "--no-doublequote",
                    "--skipinitialspace",
                    "--quoting",
                    "--encoding")) {
                assertTrue(read.out().contains(o), o + "\n" + read);
            }
            Cli.Result write = Cli.run("csv", "write", "--help");
            assertEquals(0, write.exit(), write::toString);
            for (String o : List.of(
                    "--in",
                    "--out",
                    "--force",
                    "--append",
                    "--fields",
                    "--sort-fields",
                    "--extras",
                    "--restval",
                    "--json-cells",
                    "--rows",
                    "--no-header",
                    "--line-terminator",
                    "--delimiter")) {
                assertTrue(write.out().contains(o), o + "\n" + write);
            }
        }
    }

    @Nested
    class Writing {
        @Test
        void theColumnsAreTheFirstRecordsKeysAndMissingOrNullIsEmpty() {
            assertOk(
                    run("{\"b\":\"1\",\"a\":\"2\"}\n{\"a\":\"3\"}\n{\"b\":null,\"a\":\"4\"}\n", "csv", "write"),
                    "b,a\r\n1,2\r\n,3\r\n,4\r\n");
        }

        @Test
        void jsonLinesOrOneArrayAreTheSame() {
            String expected = "a\r\n1\r\n2\r\n";
            assertOk(run("{\"a\":\"1\"}\n{\"a\":\"2\"}\n", "csv", "write"), expected);
            assertOk(run("{\"a\":\"1\"} {\"a\":\"2\"}", "csv", "write"), expected);
            assertOk(run("[{\"a\":\"1\"},\n {\"a\":\"2\"}]\n", "csv", "write"), expected);
            assertOk(run("\uFEFF{\"a\":\"1\"}\n{\"a\":\"2\"}", "csv", "write"), expected);
        }

        @Test
        void lineTerminatorLf() {
            assertOk(
                    run("{\"a\":\"x\",\"b\":\"y\\nz\"}\n", "csv", "write", "--line-terminator", "lf"),
                    "a,b\nx,\"y\nz\"\n");
            assertOk(
                    run("{\"a\":\"x\",\"b\":\"y\\nz\"}\n", "csv", "write", "--line-terminator", "crlf"),
                    "a,b\r\nx,\"y\nz\"\r\n");
        }

        @Test
        void aLoneCrIsQuotedEvenWithLfUnlikePython() {
            assertOk(run("{\"a\":\"x\\ry\"}\n", "csv", "write", "--line-terminator", "lf"), "a\n\"x\ry\"\n");
        }

        @Test
        void fieldsChooseAndOrderTheColumns() {
            String in = "{\"name\":\"John\",\"last_name\":\"Doe\",\"age\":\"30\"}\n";
            assertOk(
                    run(in, "csv", "write", "--fields", "age,name,last_name"), "age,name,last_name\r\n30,John,Doe\r\n");
            assertRun(
                    run(in, "csv", "write", "--fields", "age,name,email"),
                    3,
                    "",
                    WRITE + "line 1: the key " + "'last_name' is not one of the columns (age, name, email)\n"
                            + UNKNOWN_KEY_HINT);
            assertOk(
                    run(in, "csv", "write", "--fields", "age,name,email", "--extras", "ignore"),
                    "age,name,email\r\n30,John,\r\n");
            assertOk(
                    run(in, "csv", "write", "--fields", "\"last, first\",age", "--extras", "ignore"),
                    "\"last, first\",age\r\n,30\r\n");
            assertOk(
                    run(in, "csv", "write", "--fields", "name,age", "--sort-fields", "--extras", "ignore"),
                    "age,name\r\n30,John\r\n");
        }

        @Test
        void quotingNamesAreNotCaseSensitive() {
            // NamedChoice, shared by every command, accepts MINIMAL as well as minimal
            assertOk(run("a\n1\n", "csv", "read", "--quoting", "MINIMAL"), "{\"a\":\"1\"}\n");
        }

        @Test
        void extrasIgnoreDropsKeysOutsideTheColumnsAtAnyDepth() {
            assertOk(
                    run(
                            "{\"a\":1,\"b\":2}\n{\"a\":3,\"c\":{\"d\":[1,{\"e\":2}]},\"b\":4}\n",
                            "csv",
                            "write",
                            "--extras",
                            "ignore"),
                    "a,b\r\n1,2\r\n3,4\r\n");
        }

        @Test
        void restvalFillsMissingKeysAndNulls() {
            assertOk(
                    run("{\"a\":1,\"b\":null}\n{\"a\":2}\n", "csv", "write", "--restval", "NA"),
                    "a,b\r\n1,NA\r\n2,NA\r\n");
        }

        @Test
        void numbersAndBooleansAreTheirJsonTextAndCountAsNumbers() {
            String in = "{\"s\":\"1\",\"i\":-12,\"f\":1.50,\"e\":1e5,\"t\":true,\"n\":null}\n";
            assertOk(run(in, "csv", "write"), "s,i,f,e,t,n\r\n1,-12,1.50,1e5,true,\r\n");
            assertOk(
                    run(in, "csv", "write", "--quoting", "nonnumeric"),
                    "\"s\",\"i\",\"f\",\"e\",\"t\",\"n\"\r\n\"1\",-12,1.50,1e5,true,\"\"\r\n");
            assertOk(
                    run(in, "csv", "write", "--quoting", "all"),
                    "\"s\",\"i\",\"f\",\"e\",\"t\",\"n\"\r\n\"1\",\"-12\",\"1.50\",\"1e5\",\"true\",\"\"\r\n");
        }

        @Test
        void jsonCellsWriteObjectsAndArraysAsCompactJson() {
            assertOk(
                    run("{\"a\":{\"x\": 1, \"y\": [true, null]},\"b\":[1, \"two\"]}\n", "csv", "write", "--json-cells"),
                    "a,b\r\n\"{\"\"x\"\":1,\"\"y\"\":[true,null]}\",\"[1,\"\"two\"\"]\"\r\n");
        }

        @Test
        void rowsAreWrittenAsTheyAreWithoutHeader() {
            assertOk(
                    run("[\"a\",\"b c\"]\n[1,null,\"\"]\n[]\n[\"\"]\n", "csv", "write", "--rows"),
                    "a,b c\r\n1,,\r\n\r\n\"\"\r\n");
            assertOk(run("[[\"a\"],[\"b\"]]", "csv", "write", "--rows"), "a\r\nb\r\n");
        }

        @Test
        void noHeader() {
            assertOk(run("{\"a\":1,\"b\":2}\n", "csv", "write", "--no-header"), "1,2\r\n");
        }

        @Test
        void noRecordsWriteNothingOrTheGivenHeader() {
            assertOk(run("", "csv", "write"), "");
            assertOk(run("[]", "csv", "write"), "");
            assertOk(run("", "csv", "write", "--fields", "a,b"), "a,b\r\n");
            assertOk(run("[]", "csv", "write", "--fields", "b,a", "--sort-fields"), "a,b\r\n");
            assertOk(run("", "csv", "write", "--fields", "a,b", "--no-header"), "");
        }

        @Test
        void quotingModesAsPythonsQuoteConstants() {
            String in = "{\"a\":\"x\",\"b\":\"y,z\",\"c\":\"say \\\"hi\\\"\",\"d\":\"\",\"e\":7}\n";
            assertOk(
                    run(in, "csv", "write", "--quoting", "minimal"),
                    "a,b,c,d,e\r\nx,\"y,z\",\"say \"\"hi\"\"\",,7\r\n");
            assertOk(
                    run(in, "csv", "write", "--quoting", "all"),
                    "\"a\",\"b\",\"c\",\"d\",\"e\"\r\n\"x\",\"y,z\",\"say \"\"hi\"\"\",\"\",\"7\"\r\n");
            assertOk(
                    run(in, "csv", "write", "--quoting", "nonnumeric"),
                    "\"a\",\"b\",\"c\",\"d\",\"e\"\r\n\"x\",\"y,z\",\"say \"\"hi\"\"\",\"\",7\r\n");
            assertOk(
                    run(in, "csv", "write", "--quoting", "none", "--escapechar", "\\"),
                    "a,b,c,d,e\r\nx,y\\,z,say \\\"hi\\\",,7\r\n");
        }

        @Test
        void escapecharWithoutDoublequoteAndTheEscapeCharacterItself() {
            assertOk(
                    run(
                            "{\"a\":\"q\\\"r\",\"b\":\"back\\\\slash\",\"c\":\"x\\ny\"}\n",
                            "csv",
                            "write",
                            "--escapechar",
                            "\\",
                            "--no-doublequote"),
                    "a,b,c\r\nq\\\"r,back\\\\slash,\"x\ny\"\r\n");
        }

        @Test
        void theReferenceDialectAndTabs() {
            String in = "{\"a\":\"row 1\",\"b\":\"pipe|here\",\"c\":\"plain\"}\n";
            assertOk(run(in, "csv", "write", "-d", " ", "--quotechar", "|"), "a b c\r\n|row 1| |pipe||here| plain\r\n");
            assertOk(run("{\"a\":\"x\\ty\",\"b\":\"z\"}\n", "csv", "write", "-d", "\\t"), "a\tb\r\n\"x\ty\"\tz\r\n");
        }

        @Test
        void aRecordOfOneEmptyFieldIsQuotedSoItIsNotABlankLine() {
            assertOk(run("{\"a\":\"\"}\n{\"a\":null}\n{}\n", "csv", "write"), "a\r\n\"\"\r\n\"\"\r\n\"\"\r\n");
        }

        @Test
        void unicodeAndOtherEncodings() {
            assertOk(run("{\"名前\":\"アリス 😀\"}\n", "csv", "write"), "名前\r\nアリス 😀\r\n");
            Cli.Result latin = run("{\"name\":\"José\"}\n", "csv", "write", "--encoding", "ISO-8859-1");
            assertEquals(0, latin.exit(), latin::toString);
            assertArrayEquals("name\r\nJosé\r\n".getBytes(ISO_8859_1), latin.stdout());
            Cli.Result utf16 = run("{\"a\":\"é\"}\n", "csv", "write", "--encoding", "UTF-16BE");
            assertArrayEquals("a\r\né\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_16BE), utf16.stdout());
        }

        /** Had a byte order mark at the start of every batch of 4096 records when found. */
        @Test
        void utf16OutputHasOneByteOrderMark() {
            StringBuilder json = new StringBuilder();
            StringBuilder csv = new StringBuilder("a\r\n");
            for (int i = 0; i < 5000; i++) {
                json.append("{\"a\":\"").append(i).append("\"}\n");
                csv.append(i).append("\r\n");
            }
            Cli.Result r = run(json.toString(), "csv", "write", "--encoding", "UTF-16");
            assertEquals(0, r.exit(), r::toString);
            assertEquals(csv.toString(), new String(r.stdout(), java.nio.charset.StandardCharsets.UTF_16));
        }

        @Test
        void jsonInUtf16IsRead() {
            Cli.Result r =
                    Cli.run("{\"a\":\"é\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE), "csv", "write");
            assertOk(r, "a\r\né\r\n");
        }

        @Test
        void duplicateKeysKeepTheLastValueAsPythonsJson() {
            assertOk(run("{\"a\":1,\"b\":2,\"a\":3}\n", "csv", "write"), "a,b\r\n3,2\r\n");
        }

        @Test
        void progressOptionsAndDashChangeNothingButStderr() throws IOException {
            Path in = file("in.jsonl", "{\"a\":1}\n");
            assertOk(Cli.run("csv", "write", "--no-progress", "-i", in.toString()), "a\r\n1\r\n");
            assertOk(run("{\"a\":2}\n", "csv", "write", "-i", "-", "-o", "-"), "a\r\n2\r\n");
            Cli.Result r = Cli.run("csv", "write", "--progress", "-i", in.toString());
            assertEquals(0, r.exit(), r::toString);
            assertEquals("a\r\n1\r\n", r.out());
            assertEquals("", r.err().replaceAll("\r[^\r]*\u001b\\[K", ""), r::toString);
        }

        @Test
        void aNumberedLongInputKeepsItsOrderAcrossBatches() {
            StringBuilder json = new StringBuilder();
            StringBuilder csv = new StringBuilder("id,t\r\n");
            for (int i = 0; i < 30_000; i++) {
                json.append("{\"id\":").append(i).append(",\"t\":\"r").append(i).append("\"}\n");
                csv.append(i).append(",r").append(i).append("\r\n");
            }
            assertOk(run(json.toString(), "csv", "write"), csv.toString());
        }
    }

    @Nested
    class WriteErrors {
        @Test
        void aJsonSyntaxErrorInRecordThreeComesAfterRecordsOneAndTwo() {
            assertRun(
                    run("{\"a\":1}\n{\"a\":2}\n{\"a\" 3}\n{\"a\":4}\n", "csv", "write"),
                    3,
                    "a\r\n1\r\n2\r\n",
                    WRITE + "line 3: not valid JSON: '3' where ':' was expected after a key\n");
        }

        @Test
        void anErrorManyBatchesInKeepsEveryRecordBeforeIt() {
            StringBuilder json = new StringBuilder();
            StringBuilder csv = new StringBuilder("id\r\n");
            for (int i = 0; i < 20_000; i++) {
                json.append("{\"id\":").append(i).append("}\n");
                csv.append(i).append("\r\n");
            }
            json.append("{\"id\":\"x\",\"extra\":1}\n");
            assertRun(
                    run(json.toString(), "csv", "write"),
                    3,
                    csv.toString(),
                    WRITE + "line 20001: the key 'extra' is not one of the columns (id)\n" + UNKNOWN_KEY_HINT);
        }

        @Test
        void valuesThatAreNoRecord() {
            assertRun(
                    run("{\"a\":1}\n[1]\n", "csv", "write"),
                    3,
                    "a\r\n1\r\n",
                    WRITE + "line 2: expected a JSON object (a record), found an array\n" + ROWS_HINT);
            assertRun(
                    run("1\n", "csv", "write"),
                    3,
                    "",
                    WRITE + "line 1: expected a JSON object (a record), found a number\n");
            assertRun(
                    run("\"x\"\n", "csv", "write"),
                    3,
                    "",
                    WRITE + "line 1: expected a JSON object (a record), found a string\n");
            assertRun(
                    run("{\"a\":1}\n", "csv", "write", "--rows"),
                    3,
                    "",
                    WRITE + "line 1: expected a JSON array (a row), found an object\n" + NO_ROWS_HINT);
            assertRun(
                    run("[{\"a\":1}] {\"a\":2}", "csv", "write"),
                    3,
                    "a\r\n1\r\n",
                    WRITE + "line 1: more JSON after the array of records\n");
        }

        @Test
        void anObjectOrArrayCellNeedsJsonCells() {
            assertRun(
                    run("{\"a\":\"1\"}\n{\"a\":{\"x\":1}}\n", "csv", "write"),
                    3,
                    "a\r\n1\r\n",
                    WRITE + "line 2: the key 'a' holds an object: a CSV field holds text\n" + JSON_CELLS_HINT);
            assertRun(
                    run("[\"1\",[2]]\n", "csv", "write", "--rows"),
                    3,
                    "",
                    WRITE + "line 1: a cell holds an array: a CSV field holds text\n" + JSON_CELLS_HINT);
        }

        @Test
        void anUnknownKeyNamesTheColumns() {
            assertRun(
                    run("{\"a\":1,\"b\":null}\n{\"a\":true,\"c\":2}\n", "csv", "write"),
                    3,
                    "a,b\r\n1,\r\n",
                    WRITE + "line 2: the key 'c' is not one of the columns (a, b)\n" + UNKNOWN_KEY_HINT);
        }

        @Test
        void quotingNoneNeedsAnEscapeCharacterForSpecialCharacters() {
            assertRun(
                    run("{\"a\":\"x\"}\n{\"a\":\"y,z\"}\n", "csv", "write", "--quoting", "none"),
                    3,
                    "a\r\nx\r\n",
                    WRITE
                            + "line 2: the key 'a': it holds ',', which needs quoting (the quoting is none) and no escape "
                            + "character is set\n");
            assertRun(
                    run("{\"a\":\"x\\\"y\"}\n", "csv", "write", "--no-doublequote"),
                    3,
                    "a\r\n",
                    WRITE
                            + "line 1: the key 'a': it holds '\"', which needs escaping and no escape character is set\n");
            assertRun(
                    run("[\"x\\ny\"]\n", "csv", "write", "--rows", "--quoting", "none"),
                    3,
                    "",
                    WRITE + "line 1: field 1: it holds '\\n', which needs quoting (the quoting is none) and no escape "
                            + "character is set\n");
        }

        @Test
        void encodingAsciiFailsOnTheLineOfTheFirstCharacterItCannotHold() throws IOException {
            String in = "{\"name\":\"Jose\"}\n{\"name\":\"Ann\"}\n{\"name\":\"José\"}\n{\"name\":\"Bo\"}\n";
            assertRun(
                    run(in, "csv", "write", "--encoding", "ascii"),
                    3,
                    "name\r\nJose\r\nAnn\r\n",
                    WRITE + "line 3: 'é' cannot be written in US-ASCII\n" + ENCODE_HINT);
            Path out = dir.resolve("ascii.csv");
            assertRun(
                    run(in, "csv", "write", "--encoding", "ascii", "-o", out.toString()),
                    3,
                    "",
                    WRITE + "line 3: 'é' cannot be written in US-ASCII\n" + ENCODE_HINT);
            assertFalse(Files.exists(out));
            assertRun(
                    run("{\"né\":1}\n", "csv", "write", "--encoding", "ascii"),
                    3,
                    "",
                    WRITE + "the header: 'é' cannot be written in US-ASCII\n" + ENCODE_HINT);
        }

        /** Was an internal error (IndexOutOfBoundsException, exit 70) when found. */
        @Test
        void oneEmptyFieldUnderQuotingNoneIsBadData() {
            assertRun(
                    run("{\"a\":\"x\"}\n{\"a\":\"\"}\n", "csv", "write", "--quoting", "none", "--escapechar", "\\"),
                    3,
                    "a\r\nx\r\n",
                    WRITE + "line 2: the key 'a': a record of one empty field cannot be written unquoted "
                            + "(the quoting is none): it would read back as a blank line\n");
        }

        /** Printed Jackson's "(start marker at [Source: REDACTED ...])" when found. */
        @Test
        void jsonCutOffShowsNoParserInternals() {
            assertRun(
                    run("[{\"a\":1},\n{\"a\":2}\n", "csv", "write"),
                    3,
                    "a\r\n1\r\n2\r\n",
                    WRITE + "line 3: not valid JSON: the input ends inside an array\n");
            assertRun(
                    run("{\"a\":1}\n{\"a\":2}\n{\"a\":3\n", "csv", "write"),
                    3,
                    "a\r\n1\r\n2\r\n",
                    WRITE + "line 4: not valid JSON: the input ends inside an object\n");
            assertRun(
                    run("[\"a\"]\n[\"b\",1\n", "csv", "write", "--rows"),
                    3,
                    "a\r\n",
                    WRITE + "line 3: not valid JSON: the input ends inside an array\n");
            assertRun(
                    run("{\"a\":1}\n{\"a\":[1,2\n", "csv", "write", "--json-cells"),
                    3,
                    "a\r\n1\r\n",
                    WRITE + "line 3: not valid JSON: the input ends inside an array\n");
            assertRun(
                    run("{\"a\":1}\n{\"a\":\n", "csv", "write"),
                    3,
                    "a\r\n1\r\n",
                    WRITE + "line 3: not valid JSON: the input ends inside an object\n");
        }

        /** Printed Jackson's "Feature 'ALLOW_COMMENTS' not enabled for parser". */
        @Test
        void jsonErrorsAreInWordsWithTheirFileAndLine() throws IOException {
            assertRun(
                    run("/x", "csv", "write"),
                    3,
                    "",
                    WRITE + "line 1: not valid JSON: a comment ('/'): JSON has none\n");
            assertRun(
                    run("{\"a\":1}\n{\"a\":NaN}\n", "csv", "write"),
                    3,
                    "a\r\n1\r\n",
                    WRITE + "line 2: not valid JSON: 'NaN' is not a JSON number\n");
            Path json = dir.resolve("in.jsonl");
            Files.write(json, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}', '\n'});
            assertRun(
                    run("", "csv", "write", "-i", json.toString()),
                    3,
                    "",
                    WRITE + json
                            + ": line 1: not valid JSON: not UTF-8 text (a character cut short by the byte 0x22)\n");
        }

        @Test
        void aMissingInputIsAnIoError() {
            assertRun(
                    Cli.run("csv", "write", "-i", dir + "/missing.jsonl"),
                    4,
                    "",
                    WRITE + dir + "/missing.jsonl: No such file or directory\n");
        }
    }

    /** --append: the file's header, column order and line ends are kept; any failure cuts it back. */
    @Nested
    class Append {
        private byte[] before;

        private Cli.Result append(Path csv, String json, String... options) throws IOException {
            before = Files.exists(csv) ? Files.readAllBytes(csv) : null;
            List<String> a = new ArrayList<>(List.of("csv", "write", "--append", "-o", csv.toString()));
            a.addAll(List.of(options));
            return run(json, a.toArray(String[]::new));
        }

        /** The file's own name, and advice about reading it: its header is read, not written. */
        @Test
        void aHeaderThatIsNotTextInTheEncodingNamesTheFileAppendedTo() throws IOException {
            Path csv = file("latin.csv", new byte[] {'n', (byte) 0xe9, '\n', '1', '\n'});
            assertRun(
                    append(csv, "{\"n\":2}\n"),
                    3,
                    "",
                    WRITE + csv + ": line 1: not valid UTF-8 text\n" + WRITE
                            + "hint: give the file's encoding with --encoding\n");
            assertUnchanged(csv);
        }

        private void assertUnchanged(Path csv) throws IOException {
            assertArrayEquals(before, Files.readAllBytes(csv), () -> "now: " + readString(csv));
        }

        private String readString(Path p) {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Test
        void keepsTheHeaderAndItsColumnOrderAndWritesNoSecondHeader() throws IOException {
            Path csv = file("people.csv", "name,last_name,age\r\nJohn,Doe,30\r\n");
            assertOk(append(csv, "{\"age\":\"40\",\"last_name\":\"Doe\",\"name\":\"Jane\"}\n{\"name\":\"Jim\"}\n"), "");
            assertEquals("name,last_name,age\r\nJohn,Doe,30\r\nJane,Doe,40\r\nJim,,\r\n", Files.readString(csv));
        }

        @Test
        void anLfFileStaysLf() throws IOException {
            Path csv = file("lf.csv", "a,b\n1,\"x\r\ny\"\n");
            assertOk(append(csv, "{\"b\":\"2\",\"a\":\"3\"}\n{\"a\":\"4\",\"b\":\"p\\nq\"}\n"), "");
            assertEquals("a,b\n1,\"x\r\ny\"\n3,2\n4,\"p\nq\"\n", Files.readString(csv));
        }

        @Test
        void lineTerminatorOverridesTheFilesOwn() throws IOException {
            Path csv = file("lf.csv", "a\n1\n");
            assertOk(append(csv, "{\"a\":2}\n", "--line-terminator", "crlf"), "");
            assertEquals("a\n1\n2\r\n", Files.readString(csv));
        }

        @Test
        void aMissingFinalLineBreakIsAddedFirstInTheFilesStyle() throws IOException {
            Path crlf = file("crlf.csv", "a,b\r\n1,2");
            assertOk(append(crlf, "{\"a\":3,\"b\":4}\n"), "");
            assertEquals("a,b\r\n1,2\r\n3,4\r\n", Files.readString(crlf));
            Path lf = file("lf.csv", "a,b\n1,2");
            assertOk(append(lf, "{\"a\":3,\"b\":4}\n"), "");
            assertEquals("a,b\n1,2\n3,4\n", Files.readString(lf));
            Path headerOnly = file("h.csv", "a,b");
            assertOk(append(headerOnly, "{\"a\":3,\"b\":4}\n"), "");
            assertEquals("a,b\r\n3,4\r\n", Files.readString(headerOnly));
        }

        @Test
        void nothingToAppendLeavesAFileWithoutFinalLineBreakAlone() throws IOException {
            Path csv = file("x.csv", "a,b\n1,2");
            assertOk(append(csv, ""), "");
            assertUnchanged(csv);
        }

        @Test
        void aMissingFileIsCreatedWithAHeader() throws IOException {
            Path csv = dir.resolve("new.csv");
            assertOk(append(csv, "{\"b\":1,\"a\":2}\n"), "");
            assertEquals("b,a\r\n1,2\r\n", Files.readString(csv));
            Path lf = dir.resolve("new-lf.csv");
            assertOk(append(lf, "{\"b\":1,\"a\":2}\n", "--line-terminator", "lf", "--sort-fields"), "");
            assertEquals("a,b\n2,1\n", Files.readString(lf));
        }

        @Test
        void aMissingFileIsNotCreatedOnFailure() throws IOException {
            Path csv = dir.resolve("new.csv");
            assertRun(
                    append(csv, "{\"a\":1}\n{\"b\":2}\n"),
                    3,
                    "",
                    WRITE + "line 2: the key 'b' is not one of the columns (a)\n" + UNKNOWN_KEY_HINT);
            assertFalse(Files.exists(csv));
        }

        @Test
        void anEmptyFileGetsAHeader() throws IOException {
            Path csv = file("empty.csv", "");
            assertOk(append(csv, "{\"a\":1,\"b\":2}\n"), "");
            assertEquals("a,b\r\n1,2\r\n", Files.readString(csv));
        }

        @Test
        void aFileOfBlankLinesGetsAHeader() throws IOException {
            Path csv = file("blank.csv", "\n");
            assertOk(append(csv, "{\"a\":1}\n"), "");
            assertEquals("\na\n1\n", Files.readString(csv));
        }

        @Test
        void anUnknownFieldLeavesTheFileByteIdentical() throws IOException {
            Path csv = file("people.csv", "name,age\r\nJohn,30\r\n");
            assertRun(
                    append(csv, "{\"name\":\"Jane\",\"age\":\"40\"}\n{\"name\":\"Jim\",\"email\":\"j@x\"}\n"),
                    3,
                    "",
                    WRITE + "line 2: the key 'email' is not one of the columns (name, age)\n" + UNKNOWN_KEY_HINT);
            assertUnchanged(csv);
        }

        @Test
        void extrasIgnoreDropsUnknownFields() throws IOException {
            Path csv = file("people.csv", "name,age\r\nJohn,30\r\n");
            assertOk(append(csv, "{\"name\":\"Jim\",\"email\":\"j@x\",\"age\":\"9\"}\n", "--extras", "ignore"), "");
            assertEquals("name,age\r\nJohn,30\r\nJim,9\r\n", Files.readString(csv));
        }

        @Test
        void aJsonSyntaxErrorInRecordThreeLeavesNoRecordBehind() throws IOException {
            Path csv = file("people.csv", "name,age\r\nJohn,30\r\n");
            assertRun(
                    append(
                            csv,
                            "{\"name\":\"A\",\"age\":\"1\"}\n{\"name\":\"B\",\"age\":\"2\"}\n"
                                    + "{\"name\":\"C\" \"age\":\"3\"}\n"),
                    3,
                    "",
                    WRITE + "line 3: not valid JSON: '\"' where ',' or '}' was expected\n");
            assertUnchanged(csv);
        }

        @Test
        void aFailureAfterManyBatchesIsCutBackToo() throws IOException {
            Path csv = file("ids.csv", "id\n0\n");
            StringBuilder json = new StringBuilder();
            for (int i = 1; i <= 20_000; i++) {
                json.append("{\"id\":").append(i).append("}\n");
            }
            json.append("{\"id\":");
            Cli.Result r = append(csv, json.toString());
            assertEquals(3, r.exit(), r::toString);
            assertTrue(
                    r.err().equals(WRITE + "line 20001: not valid JSON: the input ends inside an object\n"),
                    r::toString);
            assertUnchanged(csv);
        }

        @Test
        void aFileWithoutFinalLineBreakIsCutBackWithoutTheAddedOne() throws IOException {
            Path csv = file("x.csv", "a,b\r\n1,2");
            assertEquals(3, append(csv, "{\"a\":3,\"b\":4}\n{\"c\":5}\n").exit());
            assertUnchanged(csv);
        }

        @Test
        void anEncodingErrorLeavesTheFileByteIdentical() throws IOException {
            Path csv = file("ascii.csv", "name\r\nJose\r\n");
            assertRun(
                    append(csv, "{\"name\":\"Ann\"}\n{\"name\":\"José\"}\n", "--encoding", "ascii"),
                    3,
                    "",
                    WRITE + "line 2: 'é' cannot be written in US-ASCII\n" + ENCODE_HINT);
            assertUnchanged(csv);
        }

        @Test
        void fieldsThatDifferFromTheHeaderAreAUsageError() throws IOException {
            Path csv = file("people.csv", "name,age\r\nJohn,30\r\n");
            assertRun(
                    append(csv, "{\"name\":\"A\",\"age\":\"1\"}\n", "--fields", "age,name"),
                    2,
                    "",
                    WRITE + "--fields age,name differ from the columns of " + csv + ": name,age\n" + WRITE_HINT);
            assertUnchanged(csv);
            assertRun(
                    append(csv, "{\"name\":\"A\"}\n", "--fields", "name"),
                    2,
                    "",
                    WRITE + "--fields name differ from the columns of " + csv + ": name,age\n" + WRITE_HINT);
            assertUnchanged(csv);
            assertOk(append(csv, "{\"name\":\"A\",\"age\":\"1\"}\n", "--fields", "name,age"), "");
            assertEquals("name,age\r\nJohn,30\r\nA,1\r\n", Files.readString(csv));
        }

        @Test
        void sortFieldsDoesNotReorderAnExistingFile() throws IOException {
            Path csv = file("people.csv", "name,age\r\n");
            assertOk(append(csv, "{\"name\":\"A\",\"age\":\"1\"}\n", "--sort-fields"), "");
            assertEquals("name,age\r\nA,1\r\n", Files.readString(csv));
        }

        @Test
        void theHeaderIsReadWithTheDialectAndABomIsSkipped() throws IOException {
            Path csv = file(
                    "semi.csv",
                    concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, utf8("\"last; first\";age\r\n")));
            assertOk(append(csv, "{\"age\":3,\"last; first\":\"Doe; J\"}\n", "-d", ";"), "");
            assertEquals("\uFEFF\"last; first\";age\r\n\"Doe; J\";3\r\n", Files.readString(csv));
        }

        @Test
        void rowsAreAppendedWithoutReadingTheHeader() throws IOException {
            Path csv = file("rows.csv", "x,y,z\n1,2,3\n");
            assertOk(append(csv, "[\"4\",\"5\"]\n", "--rows"), "");
            assertEquals("x,y,z\n1,2,3\n4,5\n", Files.readString(csv));
        }

        @Test
        void aMalformedHeaderIsBadDataAndTheFileIsUntouched() throws IOException {
            Path csv = file("bad.csv", "\"name,age\n");
            assertRun(
                    append(csv, "{\"name\":\"A\"}\n"),
                    3,
                    "",
                    WRITE + csv + ": line 1: unterminated quoted field: the " + "quote opened here is never closed\n");
            assertUnchanged(csv);
        }

        @Test
        void aMissingInputLeavesTheFileUntouched() throws IOException {
            Path csv = file("people.csv", "name\r\nA\r\n");
            before = Files.readAllBytes(csv);
            assertRun(
                    Cli.run("csv", "write", "--append", "-o", csv.toString(), "-i", dir + "/none.jsonl"),
                    4,
                    "",
                    WRITE + dir + "/none.jsonl: No such file or directory\n");
            assertUnchanged(csv);
        }
    }

    /** A closed stdout (| head) ends quietly with 141; any other write failure is an I/O error. */
    @Nested
    class ClosedStdout {

        private InputStream csv() {
            StringBuilder sb = new StringBuilder("a,b\n");
            for (int i = 0; i < 50_000; i++) {
                sb.append(i).append(",x\n");
            }
            return new ByteArrayInputStream(utf8(sb.toString()));
        }

        private InputStream json() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 50_000; i++) {
                sb.append("{\"a\":").append(i).append("}\n");
            }
            return new ByteArrayInputStream(utf8(sb.toString()));
        }

        @Test
        void readEndsWith141AndNothingOnStderr() {
            for (String to : List.of("jsonl", "json", "table")) {
                Cli.Result r = Cli.run(csv(), Cli.failingOutput("Broken pipe"), false, "csv", "read", "--to", to);
                assertRun(r, 141, "", "");
            }
        }

        @Test
        void writeEndsWith141AndNothingOnStderr() {
            assertRun(Cli.run(json(), Cli.failingOutput("Broken pipe"), false, "csv", "write"), 141, "", "");
        }

        @Test
        void aFullDiskIsAnIoError() {
            assertRun(
                    Cli.run(csv(), Cli.failingOutput("No space left on device"), false, "csv", "read"),
                    4,
                    "",
                    READ + "standard output: No space left on device\n");
            assertRun(
                    Cli.run(json(), Cli.failingOutput("No space left on device"), false, "csv", "write"),
                    4,
                    "",
                    WRITE + "standard output: No space left on device\n");
        }
    }

    /** Bugs found while writing these tests, each kept as the regression test of its fix. */
    @Nested
    class Regressions {
        @Test
        void appendingToAUtf16FileKeepsItsCrlf() throws IOException {
            Path csv = file("le.csv", "a\r\nx\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
            assertOk(
                    run("{\"a\":\"y\"}\n", "csv", "write", "--append", "--encoding", "UTF-16LE", "-o", csv.toString()),
                    "");
            assertEquals(
                    "a\r\nx\r\ny\r\n", new String(Files.readAllBytes(csv), java.nio.charset.StandardCharsets.UTF_16LE));
        }

        @Test
        void appendingWithUtf16KeepsTheFilesByteOrderAndWritesNoSecondMark() throws IOException {
            byte[] le = concat(
                    new byte[] {(byte) 0xFF, (byte) 0xFE},
                    "a\r\nx\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
            Path csv = file("bom.csv", le);
            assertOk(
                    run("{\"a\":\"y\"}\n", "csv", "write", "--append", "--encoding", "UTF-16", "-o", csv.toString()),
                    "");
            assertArrayEquals(
                    concat(le, "y\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_16LE)), Files.readAllBytes(csv));
        }

        @Test
        void appendingKeepsTheLineEndingOfTheLastRecord() throws IOException {
            // A CR-only file stays CR; a header whose quoted name holds an LF does not make a CRLF file LF.
            Path cr = file("cr.csv", "a\rx\r");
            assertOk(run("{\"a\":\"y\"}\n", "csv", "write", "--append", "-o", cr.toString()), "");
            assertEquals("a\rx\ry\r", Files.readString(cr));
            Path crlf = file("crlf.csv", "\"a\nb\"\r\nx\r\n");
            assertOk(run("{\"a\\nb\":\"y\"}\n", "csv", "write", "--append", "-o", crlf.toString()), "");
            assertEquals("\"a\nb\"\r\nx\r\ny\r\n", Files.readString(crlf));
        }

        @Test
        void appendingToAFileOfOnlyAByteOrderMarkWritesTheHeaderRightAfterIt() throws IOException {
            Path csv = file("bom.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            assertOk(run("{\"a\":\"y\"}\n", "csv", "write", "--append", "-o", csv.toString()), "");
            assertEquals("\uFEFFa\r\ny\r\n", Files.readString(csv));
        }

        @Test
        void aJsonArrayCutShortByABadRecordIsStillClosed() {
            assertRun(
                    run("a\n1\n\"2\n", "csv", "read", "--to", "json"),
                    3,
                    "[\n{\"a\":\"1\"}\n]\n",
                    READ + "line 3: unterminated quoted field: the quote opened here is never closed\n");
            assertRun(
                    run("a\n\"2\n", "csv", "read", "--to", "json"),
                    3,
                    "[]\n",
                    READ + "line 2: unterminated quoted field: the quote opened here is never closed\n");
        }

        @Test
        void fieldnamesThatRepeatANameAreAUsageError() {
            assertRun(
                    run("1,2\n", "csv", "read", "--fieldnames", "x,x"),
                    2,
                    "",
                    READ + "--fieldnames names a column twice: rename it, or add --dedupe-headers\n" + READ_HINT);
            assertOk(
                    run("1,2\n", "csv", "read", "--fieldnames", "x,x", "--dedupe-headers"),
                    "{\"x\":\"1\",\"x_2\":\"2\"}\n");
        }

        @Test
        void anOutputThatAppearsMeanwhileIsNotReplacedWithoutForce() throws IOException {
            Path out = dir.resolve("out.csv");
            byte[] json = utf8("{\"id\":\"2\"}\n");
            InputStream stdin = new InputStream() {
                private int next;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (next == 0) {
                        try {
                            Files.writeString(out, "somebody else's\n"); // created while cookbook reads
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                    if (next >= json.length) {
                        return -1;
                    }
                    int n = Math.min(len, json.length - next);
                    System.arraycopy(json, next, b, off, n);
                    next += n;
                    return n;
                }
            };
            Cli.Result r = Cli.run(stdin, new ByteArrayOutputStream(), false, "csv", "write", "-o", out.toString());
            assertRun(
                    r,
                    4,
                    "",
                    WRITE + out + ": created meanwhile by something else: kept (add --force to replace it)\n");
            assertEquals("somebody else's\n", Files.readString(out));
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(List.of(out), left.toList(), "no temporary file is left");
            }
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
