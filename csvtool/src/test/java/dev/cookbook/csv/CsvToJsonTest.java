package dev.cookbook.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link CsvToJson}: {@code csv.DictReader} (and {@code csv.reader} for rows) as JSON. */
class CsvToJsonTest {
    private static final Charset UTF8 = StandardCharsets.UTF_8;

    static CsvToJson.Options.Builder options() {
        return CsvToJson.Options.builder().threads(1);
    }

    static String json(String csv, CsvToJson.Options.Builder o) throws IOException, CsvException {
        return json(csv.getBytes(UTF8), UTF8, o);
    }

    static String json(byte[] csv, Charset cs, CsvToJson.Options.Builder o) throws IOException, CsvException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvToJson.convert(new ByteArrayInputStream(csv), cs, out, o.build());
        return out.toString(UTF8);
    }

    /** A conversion that must fail: what it wrote before failing, and how. */
    record Failure(String written, CsvException error) {}

    static Failure failure(String csv, CsvToJson.Options.Builder o) {
        return failure(csv.getBytes(UTF8), UTF8, o);
    }

    static Failure failure(byte[] csv, Charset cs, CsvToJson.Options.Builder o) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvException e = assertThrows(
                CsvException.class, () -> CsvToJson.convert(new ByteArrayInputStream(csv), cs, out, o.build()));
        return new Failure(out.toString(UTF8), e);
    }

    @Nested
    class Records {
        @Test
        void referenceArticle() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CsvToJson.Result result = CsvToJson.convert(
                    new ByteArrayInputStream("name,last_name,age\r\nJohn,Doe,30\r\nJane,Doe,30\r\n".getBytes(UTF8)),
                    UTF8,
                    out,
                    options().build());
            assertEquals(
                    "{\"name\":\"John\",\"last_name\":\"Doe\",\"age\":\"30\"}\n"
                            + "{\"name\":\"Jane\",\"last_name\":\"Doe\",\"age\":\"30\"}\n",
                    out.toString(UTF8));
            assertEquals(new CsvToJson.Result(2, 3), result);
        }

        @Test
        void jsonArrayLayout() throws Exception {
            CsvToJson.Options.Builder o = options().layout(CsvToJson.Layout.JSON_ARRAY);
            assertEquals("[\n{\"a\":\"1\",\"b\":\"2\"},\n{\"a\":\"3\",\"b\":\"4\"}\n]\n", json("a,b\n1,2\n3,4\n", o));
            assertEquals("[]\n", json("a,b\n", o));
            assertEquals("[]\n", json("", o));
        }

        @Test
        void noRecords() throws Exception {
            assertEquals("", json("", options()));
            assertEquals("", json("a,b\r\n", options()));
            assertEquals("", json("\n\n", options()));
        }

        @Test
        void theHeaderIsTheFirstNonBlankRowAndBlankLinesAreSkipped() throws Exception {
            // Python's DictReader takes a blank first line as an empty header; ours skips it (deliberately)
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CsvToJson.Result result = CsvToJson.convert(
                    new ByteArrayInputStream("\n\na,b\n\n1,2\r\n\r\n".getBytes(UTF8)),
                    UTF8,
                    out,
                    options().build());
            assertEquals("{\"a\":\"1\",\"b\":\"2\"}\n", out.toString(UTF8));
            assertEquals(new CsvToJson.Result(1, 6), result);
        }

        @Test
        void givenFieldNamesMakeTheFirstRowData() throws Exception {
            CsvToJson.Options.Builder o = options().fieldNames(List.of("x", "y"));
            assertEquals("{\"x\":\"a\",\"y\":\"b\"}\n{\"x\":\"1\",\"y\":\"2\"}\n", json("a,b\n1,2\n", o));
            assertEquals("", json("", o));
        }

        @Test
        void fieldsAreEscapedAsJson() throws Exception {
            String csv = "a\n\"q\"\"uote \\ back\"\n\"line\r\nbreak\ttab\"\n\"\0\u0001\u001f\u007f\"\né😀\u2028\n";
            assertEquals(
                    "{\"a\":\"q\\\"uote \\\\ back\"}\n{\"a\":\"line\\r\\nbreak\\ttab\"}\n"
                            + "{\"a\":\"\\u0000\\u0001\\u001F\u007f\"}\n{\"a\":\"é😀\u2028\"}\n",
                    json(csv, options()));
        }

        @Test
        void headerNamesAreEscapedToo() throws Exception {
            assertEquals("{\"a\\\"b\":\"1\",\"c\\nd\":\"2\"}\n", json("\"a\"\"b\",\"c\nd\"\n1,2\n", options()));
        }

        @Test
        void dialects() throws Exception {
            Dialect d = Dialect.builder().delimiter(' ').quoteChar('|').build();
            assertEquals(
                    "{\"row 1\":\"a b\",\"x\":\"c\"}\n",
                    json("|row 1| x\n|a b| c\n", options().dialect(d)));
            Dialect t = Dialect.builder()
                    .delimiter('\t')
                    .escapeChar('\\')
                    .skipInitialSpace(true)
                    .build();
            assertEquals(
                    "{\"a\":\"1\\t2\",\"b\":\"3\"}\n",
                    json("a\t b\n1\\\t2\t  3\n", options().dialect(t)));
        }

        @Test
        void otherCharsets() throws Exception {
            String csv = "name,city\r\nJosé,Zürich\r\n";
            String expected = "{\"name\":\"José\",\"city\":\"Zürich\"}\n";
            assertEquals(
                    expected, json(csv.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1, options()));
            assertEquals(expected, json(csv.getBytes(StandardCharsets.UTF_16), StandardCharsets.UTF_16, options()));
            assertEquals(expected, json(("\ufeff" + csv).getBytes(UTF8), UTF8, options()));
        }
    }

    @Nested
    class Rows {
        @Test
        void rowsAreArraysWithTheHeaderAndBlankLines() throws Exception {
            CsvToJson.Options.Builder o = options().rows(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CsvToJson.Result result =
                    CsvToJson.convert(new ByteArrayInputStream("a,b\n\n1\n,\n".getBytes(UTF8)), UTF8, out, o.build());
            assertEquals("[\"a\",\"b\"]\n[]\n[\"1\"]\n[\"\",\"\"]\n", out.toString(UTF8));
            assertEquals(new CsvToJson.Result(4, 4), result);
        }

        @Test
        void rowsInAnArray() throws Exception {
            assertEquals(
                    "[\n[\"a\"],\n[]\n]\n",
                    json("a\r\n\r\n", options().rows(true).layout(CsvToJson.Layout.JSON_ARRAY)));
        }

        @Test
        void rowsRefusesHeaderOptions() {
            for (var entry : java.util.Map.of(
                            "fieldNames [x]", options().fieldNames(List.of("x")),
                            "dedupeHeaders", options().dedupeHeaders(true),
                            "raggedIsError", options().raggedIsError(true),
                            "restKey 'more'", options().restKey("more"),
                            "restVal ''", options().restVal(""))
                    .entrySet()) {
                IllegalArgumentException e = assertThrows(
                        IllegalArgumentException.class, entry.getValue().rows(true)::build);
                assertEquals("rows reads no header, so " + entry.getKey() + " cannot apply", e.getMessage());
            }
        }

        @Test
        void optionsAreImmutableAndRoundTripThroughTheirBuilder() {
            CsvToJson.Options o = options().restKey("more").restVal("-").build();
            CsvToJson.Options copy = o.toBuilder().build();
            assertEquals("more", copy.restKey());
            assertEquals("-", copy.restVal());
            assertEquals("null", CsvToJson.Options.DEFAULTS.restKey());
            assertEquals(
                    "the field size limit must be at least 1, not 0",
                    assertThrows(IllegalArgumentException.class, options().fieldSizeLimit(0)::build)
                            .getMessage());
        }
    }

    @Nested
    class RestKeyAndRestVal {
        @Test
        void extraFieldsGoToTheKeyNullByDefault() throws Exception {
            assertEquals("{\"a\":\"1\",\"b\":\"2\",\"null\":[\"3\",\"4\"]}\n", json("a,b\n1,2,3,4\n", options()));
        }

        @Test
        void aRestKey() throws Exception {
            assertEquals(
                    "{\"a\":\"1\",\"b\":\"2\",\"rest\":[\"3\"]}\n",
                    json("a,b\n1,2,3\n", options().restKey("rest")));
        }

        @Test
        void aRestKeyThatIsAHeaderNameReplacesItsValueInPlace() throws Exception {
            // Python: d = dict(zip(['a', 'b'], row)); d['a'] = row[2:]
            assertEquals(
                    "{\"a\":[\"3\",\"4\"],\"b\":\"2\"}\n{\"a\":\"5\",\"b\":\"6\"}\n",
                    json("a,b\n1,2,3,4\n5,6\n", options().restKey("a")));
        }

        @Test
        void missingFieldsAreNullByDefault() throws Exception {
            assertEquals("{\"a\":\"1\",\"b\":null,\"c\":null}\n", json("a,b,c\n1\n", options()));
        }

        @Test
        void aRestValue() throws Exception {
            assertEquals(
                    "{\"a\":\"1\",\"b\":\"NA\"}\n", json("a,b\n1\n", options().restVal("NA")));
            assertEquals(
                    "{\"a\":\"1\",\"b\":\"\"}\n", json("a,b\n1\n", options().restVal("")));
        }

        @Test
        void raggedRecordsCanBeAnError() {
            Failure f = failure("a,b\n1,2\n1\n", options().raggedIsError(true));
            assertEquals("{\"a\":\"1\",\"b\":\"2\"}\n", f.written());
            assertEquals("1 field where the header has 2", f.error().getMessage());
            assertEquals(3, f.error().line());
            Failure g = failure("a,b\n\"1\n\",2,3\n", options().raggedIsError(true));
            assertEquals("", g.written());
            assertEquals("3 fields where the header has 2", g.error().getMessage());
            assertEquals(2, g.error().line());
        }
    }

    @Nested
    class Headers {
        @Test
        void aRepeatedNameIsAnError() {
            Failure f = failure("\n\na,b,a\n1,2,3\n", options());
            assertEquals("", f.written());
            assertEquals(
                    "the header repeats the name 'a' (columns 1 and 3)",
                    f.error().getMessage());
            assertEquals(CsvException.Kind.DUPLICATE_NAME, f.error().kind());
            assertEquals(3, f.error().line());
        }

        @Test
        void givenNamesAreCheckedByTheBuilder() {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, options().fieldNames(List.of("x", "y", "x"))::build);
            assertEquals("fieldNames [x, y, x] repeat 'x' and dedupeHeaders is off", e.getMessage());
            assertEquals(
                    "fieldNames is empty",
                    assertThrows(IllegalArgumentException.class, options().fieldNames(List.of())::build)
                            .getMessage());
        }

        @Test
        void givenNamesAreDedupedOnRequest() throws Exception {
            assertEquals(
                    "{\"x\":\"1\",\"x_2\":\"2\"}\n",
                    json("1,2\n", options().fieldNames(List.of("x", "x")).dedupeHeaders(true)));
        }

        @Test
        void dedupeSkipsNamesThatAreTaken() throws Exception {
            assertEquals(
                    "{\"a\":\"1\",\"a_3\":\"2\",\"a_2\":\"3\",\"a_4\":\"4\",\"b\":\"5\",\"b_2\":\"6\"}\n",
                    json("a,a,a_2,a,b,b\n1,2,3,4,5,6\n", options().dedupeHeaders(true)));
            assertEquals(
                    "{\"\":\"1\",\"_2\":\"2\"}\n", json(",\n1,2\n", options().dedupeHeaders(true)));
        }
    }

    @Nested
    class NonNumeric {
        private final Dialect nonNumeric =
                Dialect.builder().quoting(Quoting.NONNUMERIC).build();

        @Test
        void unquotedFieldsAreNumbers() throws Exception {
            assertEquals(
                    "{\"a\":1,\"b\":\"x\",\"c\":2.50,\"d\":\"\",\"e\":1000,\"f\":7,\"g\":0.5,\"h\":-1E+5}\n",
                    json(
                            "\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\"\n1,\"x\",2.50,,1_000, +7 ,.5,-1.e5\n",
                            options().dialect(nonNumeric)));
        }

        @Test
        void extraFieldsAndRowsAreNumbersToo() throws Exception {
            assertEquals(
                    "{\"a\":1,\"null\":[2,\"3\"]}\n",
                    json("\"a\"\n1,2,\"3\"\n", options().dialect(nonNumeric)));
            assertEquals(
                    "[\"a\",1]\n",
                    json("\"a\",1\n", options().dialect(nonNumeric).rows(true)));
        }

        @Test
        void theHeaderIsText() throws Exception {
            assertEquals("{\"1\":2}\n", json("1\n2\n", options().dialect(nonNumeric)));
        }

        @Test
        void anUnquotedFieldThatIsNoNumberIsAnErrorNamingTheField() {
            Failure f = failure("\"a\",\"b\"\n1,2\n3,x\n", options().dialect(nonNumeric));
            assertEquals("{\"a\":1,\"b\":2}\n", f.written());
            assertEquals(
                    "field 'b' is not a number: 'x' (with quoting nonnumeric an unquoted field is a number)",
                    f.error().getMessage());
            assertEquals(3, f.error().line());
        }

        @Test
        void infinitiesAndNanCannotBeJson() {
            for (String v : List.of("inf", "nan", "1e999")) {
                Failure f = failure("\"a\"\n" + v + "\n", options().dialect(nonNumeric));
                assertEquals(
                        "field 'a' is not a number: '" + v
                                + "' (with quoting nonnumeric an unquoted field is a number)",
                        f.error().getMessage());
                assertEquals(2, f.error().line());
            }
        }

        @Test
        void fieldsWithoutANameAreNumbered() {
            assertEquals(
                    "field 3 is not a number: 'x' (with quoting nonnumeric an unquoted field is a number)",
                    failure("\"a\",\"b\"\n1,2,x\n", options().dialect(nonNumeric))
                            .error()
                            .getMessage());
            Failure rows =
                    failure("1,2\n\"a\",b\n", options().dialect(nonNumeric).rows(true));
            assertEquals("[1,2]\n", rows.written());
            assertEquals(
                    "field 2 is not a number: 'b' (with quoting nonnumeric an unquoted field is a number)",
                    rows.error().getMessage());
            assertEquals(2, rows.error().line());
        }
    }

    @Nested
    class Errors {
        @Test
        void malformedCsvAfterSomeRecords() {
            Failure f = failure("a,b\n1,2\n3,\"4\n5,6\n", options());
            assertEquals("{\"a\":\"1\",\"b\":\"2\"}\n", f.written());
            assertEquals(
                    "unterminated quoted field: the quote opened here is never closed",
                    f.error().getMessage());
            assertEquals(3, f.error().line());
        }

        @Test
        void malformedHeader() {
            Failure f = failure("\"a,b\n", options());
            assertEquals("", f.written());
            assertEquals(1, f.error().line());
        }

        @Test
        void anArrayIsClosedAfterTheRecordsBeforeTheError() {
            Failure f = failure("a\n1\n2\n\"3", options().layout(CsvToJson.Layout.JSON_ARRAY));
            assertEquals("[\n{\"a\":\"1\"},\n{\"a\":\"2\"}\n]\n", f.written());
            assertEquals(4, f.error().line());
            Failure first = failure("a\n\"1", options().layout(CsvToJson.Layout.JSON_ARRAY));
            assertEquals("[]\n", first.written());
        }

        @Test
        void undecodableInput() {
            byte[] bytes = {'a', '\n', '1', '\n', '2', (byte) 0xC0, '\n'};
            Failure f = failure(bytes, UTF8, options());
            assertEquals("{\"a\":\"1\"}\n", f.written());
            assertEquals("not valid UTF-8 text", f.error().getMessage());
            assertEquals(3, f.error().line());
        }

        @Test
        void fieldSizeLimit() {
            Failure f = failure("a\n12\n123\n", options().fieldSizeLimit(2));
            assertEquals("{\"a\":\"12\"}\n", f.written());
            assertEquals(
                    "field larger than the field size limit (2 characters)",
                    f.error().getMessage());
            assertEquals(3, f.error().line());
        }

        /** Every record before the bad one is written, whole, and nothing after: across batches and threads. */
        @Test
        void exactlyTheRecordsBeforeTheErrorAreWritten() throws Exception {
            StringBuilder good = new StringBuilder("id,text\n");
            for (int i = 0; i < 20_000; i++) {
                good.append(i)
                        .append(",\"v")
                        .append(i)
                        .append(i % 10 == 0 ? "\n,\"\"" : "")
                        .append("\"\n");
            }
            List<String> bad = List.of("x,\"open\n", "1,2,3\n", "\"a\"b,c\n");
            for (CsvToJson.Layout layout : CsvToJson.Layout.values()) {
                // an array is closed after the last good record: the output is valid JSON either way
                String expected = json(good.toString(), options().layout(layout));
                for (String tail : bad) {
                    for (int threads : new int[] {1, 2, 4}) {
                        CsvToJson.Options.Builder o = options()
                                .layout(layout)
                                .threads(threads)
                                .raggedIsError(true)
                                .dialect(Dialect.builder().strict(true).build());
                        Failure f = failure(good + tail + "9,9\n", o);
                        assertEquals(expected, f.written(), layout + " " + tail + " threads " + threads);
                        assertEquals(1 + 20_000 + 2000 + 1, f.error().line());
                    }
                }
            }
        }
    }

    @Nested
    class Threads {
        /** A few MB of varied CSV: quotes, line breaks, unicode, ragged and blank lines. */
        static String generate(long seed, int records, boolean numbers) {
            Random random = new Random(seed);
            String[] words = {
                "alpha",
                "béta",
                "γάμμα",
                "😀 smile",
                "comma, inside",
                "quote \" inside",
                "line\nbreak",
                "cr\r\nlf",
                "",
                " padded ",
                "tab\there",
                "日本語"
            };
            StringBuilder sb = new StringBuilder(records * 60);
            sb.append("\"id\",\"name\",\"note\",\"amount\",\"extra\"\r\n");
            for (int i = 0; i < records; i++) {
                if (random.nextInt(50) == 0) {
                    sb.append("\r\n");
                }
                int fields = random.nextInt(20) == 0 ? 3 + random.nextInt(5) : 5;
                for (int f = 0; f < fields; f++) {
                    if (f > 0) {
                        sb.append(',');
                    }
                    if (f == 0 || (numbers && f == 3)) {
                        sb.append(
                                f == 0
                                        ? Integer.toString(i)
                                        : String.format(Locale.ROOT, "%.2f", random.nextDouble() * 1e4));
                    } else {
                        String w = words[random.nextInt(words.length)];
                        sb.append('"').append(w.replace("\"", "\"\"")).append('"');
                    }
                }
                sb.append(random.nextBoolean() ? "\r\n" : "\n");
            }
            return sb.toString();
        }

        @Test
        void everyThreadCountWritesTheSameBytes() throws Exception {
            String csv = generate(5, 60_000, false);
            byte[] bytes = csv.getBytes(UTF8);
            for (CsvToJson.Options.Builder base : List.of(
                    options(),
                    options().layout(CsvToJson.Layout.JSON_ARRAY),
                    options().rows(true),
                    options().restKey("more").restVal("-"))) {
                ByteArrayOutputStream one = new ByteArrayOutputStream();
                CsvToJson.Result r1 = CsvToJson.convert(
                        new ByteArrayInputStream(bytes),
                        UTF8,
                        one,
                        base.threads(1).build());
                for (int threads : new int[] {2, 3, 8}) {
                    ByteArrayOutputStream many = new ByteArrayOutputStream();
                    CsvToJson.Result rn = CsvToJson.convert(
                            new ByteArrayInputStream(bytes),
                            UTF8,
                            many,
                            base.threads(threads).build());
                    assertArrayEquals(one.toByteArray(), many.toByteArray(), "threads " + threads);
                    assertEquals(r1, rn);
                }
            }
        }

        @Test
        void nonNumericWithThreads() throws Exception {
            byte[] bytes = generate(6, 30_000, true).getBytes(UTF8);
            CsvToJson.Options.Builder o = options()
                    .dialect(Dialect.builder().quoting(Quoting.NONNUMERIC).build());
            String one = json(bytes, UTF8, o.threads(1));
            assertEquals(one, json(bytes, UTF8, o.threads(3)));
            assertEquals(one, json(bytes, UTF8, o.threads(0))); // less than one is one
        }

        @Test
        void theInputIsAFewMegabytes() {
            assertTrue(generate(5, 60_000, false).getBytes(UTF8).length > 3_000_000);
        }
    }
}
