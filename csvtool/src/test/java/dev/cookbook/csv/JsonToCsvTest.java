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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link JsonToCsv}: {@code csv.DictWriter} (and {@code csv.writer} for rows) fed with JSON records. */
class JsonToCsvTest {
    private static final Charset UTF8 = StandardCharsets.UTF_8;

    static JsonToCsv.Options.Builder options() {
        return JsonToCsv.Options.builder().threads(1);
    }

    static String csv(String json, JsonToCsv.Options.Builder o) throws IOException, CsvException {
        return new String(bytes(json.getBytes(UTF8), o), UTF8);
    }

    static byte[] bytes(byte[] json, JsonToCsv.Options.Builder o) throws IOException, CsvException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonToCsv.convert(new ByteArrayInputStream(json), out, o.build());
        return out.toByteArray();
    }

    static JsonToCsv.Result result(String json, JsonToCsv.Options.Builder o) throws IOException, CsvException {
        return JsonToCsv.convert(new ByteArrayInputStream(json.getBytes(UTF8)), new ByteArrayOutputStream(), o.build());
    }

    /** A conversion that must fail: what it wrote before failing, and how. */
    record Failure(String written, CsvException error) {}

    static Failure failure(String json, JsonToCsv.Options.Builder o) {
        return failure(json.getBytes(UTF8), o, UTF8);
    }

    static Failure failure(byte[] json, JsonToCsv.Options.Builder o, Charset outCharset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvException e = assertThrows(
                CsvException.class, () -> JsonToCsv.convert(new ByteArrayInputStream(json), out, o.build()));
        return new Failure(out.toString(outCharset), e);
    }

    private static Dialect none() {
        return Dialect.builder().quoting(Quoting.NONE).build();
    }

    @Nested
    class Records {
        @Test
        void referenceArticle() throws Exception {
            String json = "{\"name\": \"John\", \"last_name\": \"Doe\", \"age\": \"30\"}\n"
                    + "{\"name\": \"Jane\", \"last_name\": \"Doe\", \"age\": \"40\"}\n";
            assertEquals("name,last_name,age\r\nJohn,Doe,30\r\nJane,Doe,40\r\n", csv(json, options()));
            assertEquals(new JsonToCsv.Result(2, List.of("name", "last_name", "age")), result(json, options()));
            assertEquals(
                    "age,last_name,name\r\n30,Doe,John\r\n40,Doe,Jane\r\n",
                    csv(json, options().sortFields(true)));
        }

        @Test
        void oneArrayOfRecords() throws Exception {
            assertEquals("a,b\r\n1,2\r\n3,4\r\n", csv("[{\"a\":1,\"b\":2},\n {\"a\":3,\"b\":4}]\n", options()));
            assertEquals("", csv("[]", options()));
            assertEquals("", csv("", options()));
        }

        @Test
        void keysInAnyOrderMissingKeysAndNulls() throws Exception {
            assertEquals(
                    "b,a\r\n1,2\r\n4,3\r\n,5\r\n,\r\n",
                    csv("{\"b\":1,\"a\":2}\n{\"a\":3,\"b\":4}\n{\"a\":5}\n{\"a\":null,\"b\":null}\n", options()));
            assertEquals(
                    "a,b\r\nx,NA\r\nNA,NA\r\n",
                    csv("{\"a\":\"x\",\"b\":null}\n{}\n", options().restVal("NA")));
        }

        @Test
        void numbersAndBooleansAreTheirJsonText() throws Exception {
            assertEquals(
                    "a,b,c,d,e\r\n1.50,-0,1e400,true,false\r\n",
                    csv("{\"a\":1.50,\"b\":-0,\"c\":1e400,\"d\":true,\"e\":false}", options()));
        }

        @Test
        void numbersAndBooleansAreNumericUnderNonNumeric() throws Exception {
            Dialect d = Dialect.builder().quoting(Quoting.NONNUMERIC).build();
            assertEquals(
                    "\"a\",\"b\",\"c\",\"d\",\"e\"\r\n1.50,\"1\",\"\",true,\"\"\r\n",
                    csv(
                            "{\"a\":1.50,\"b\":\"1\",\"c\":null,\"d\":true,\"e\":\"\"}",
                            options().dialect(d)));
        }

        @Test
        void givenFields() throws Exception {
            JsonToCsv.Options.Builder o = options().fields(List.of("c", "a"));
            assertEquals("c,a\r\n3,1\r\n,2\r\n", csv("{\"a\":1,\"c\":3}\n{\"a\":2}\n", o));
            assertEquals(new JsonToCsv.Result(2, List.of("c", "a")), result("{\"a\":1,\"c\":3}\n{\"a\":2}\n", o));
            assertEquals(
                    "a,c\r\n1,3\r\n",
                    csv(
                            "{\"a\":1,\"c\":3}\n",
                            options().fields(List.of("c", "a")).sortFields(true)));
        }

        @Test
        void givenFieldsWithoutRecordsWriteTheHeaderAlone() throws Exception {
            assertEquals("a,b\r\n", csv("", options().fields(List.of("a", "b"))));
            assertEquals("a,b\r\n", csv("[]", options().fields(List.of("a", "b"))));
            assertEquals("", csv("", options().fields(List.of("a", "b")).header(false)));
        }

        @Test
        void withoutTheHeader() throws Exception {
            assertEquals(
                    "x\r\ny\r\n",
                    csv("{\"a\":\"x\"}\n{\"a\":\"y\"}\n", options().header(false)));
        }

        @Test
        void extrasRaiseByDefault() {
            Failure f = failure("{\"b\":1,\"a\":2}\n{\"a\":3,\"b\":4,\"c\":5}\n{\"a\":6}\n", options());
            assertEquals("b,a\r\n1,2\r\n", f.written());
            assertEquals(
                    "the key 'c' is not one of the columns (b, a)", f.error().getMessage());
            assertEquals(CsvException.Kind.UNKNOWN_KEY, f.error().kind());
            assertEquals(2, f.error().line());
        }

        @Test
        void extrasCanBeIgnored() throws Exception {
            assertEquals(
                    "b,a\r\n1,2\r\n4,3\r\n,5\r\n",
                    csv(
                            "{\"b\":1,\"a\":2}\n{\"a\":3,\"b\":4,\"c\":{\"x\":[1]}}\n{\"d\":[],\"a\":5}\n",
                            options().extras(JsonToCsv.Extras.IGNORE)));
        }

        @Test
        void aRepeatedKeyKeepsTheLastValue() throws Exception {
            // as Python's json.loads
            assertEquals("a,b\r\n2,3\r\n", csv("{\"a\":1,\"b\":3,\"a\":2}", options()));
        }

        @Test
        void objectsAndArraysAreRefusedUnlessJsonCells() throws Exception {
            Failure f = failure("{\"a\":1}\n{\"a\":[1]}\n", options());
            assertEquals("a\r\n1\r\n", f.written());
            assertEquals(
                    "the key 'a' holds an array: a CSV field holds text",
                    f.error().getMessage());
            assertEquals(CsvException.Kind.NESTED_VALUE, f.error().kind());
            assertEquals(2, f.error().line());
            assertEquals(
                    "the key 'a' holds an object: a CSV field holds text",
                    failure("{\"a\":{\"b\":1}}", options()).error().getMessage());
            assertEquals(
                    "a,b\r\n\"{\"\"x\"\":[true,null,1.5,\"\"y\"\"]}\",[]\r\n",
                    csv(
                            "{\"a\": { \"x\" : [ true, null, 1.5, \"y\" ] }, \"b\": []}",
                            options().jsonCells(true)));
            assertEquals(
                    "\"a\",\"b\"\r\n\"{}\",1\r\n",
                    csv(
                            "{\"a\":{},\"b\":1}",
                            options()
                                    .jsonCells(true)
                                    .dialect(Dialect.builder()
                                            .quoting(Quoting.NONNUMERIC)
                                            .build())));
        }

        @Test
        void otherJsonEncodings() throws Exception {
            String json = "{\"a\":\"é😀\"}\n";
            assertEquals("a\r\né😀\r\n", new String(bytes(json.getBytes(StandardCharsets.UTF_16), options()), UTF8));
            assertEquals("a\r\né😀\r\n", new String(bytes(json.getBytes(StandardCharsets.UTF_16LE), options()), UTF8));
            assertEquals("a\r\né😀\r\n", new String(bytes(("\ufeff" + json).getBytes(UTF8), options()), UTF8));
        }

        @Test
        void anotherOutputCharset() throws Exception {
            byte[] out = bytes("{\"a\":\"é\"}".getBytes(UTF8), options().charset(StandardCharsets.ISO_8859_1));
            assertArrayEquals(new byte[] {'a', '\r', '\n', (byte) 0xE9, '\r', '\n'}, out);
        }

        @Test
        void dialects() throws Exception {
            Dialect d = Dialect.builder()
                    .delimiter(' ')
                    .quoteChar('|')
                    .lineTerminator("\n")
                    .build();
            assertEquals(
                    "|row 1| x\n|a b| c\n",
                    csv("{\"row 1\":\"a b\",\"x\":\"c\"}", options().dialect(d)));
            Dialect esc =
                    Dialect.builder().quoting(Quoting.NONE).escapeChar('\\').build();
            assertEquals(
                    "a\\,b\r\nx\\\ny\r\n", csv("{\"a,b\":\"x\\ny\"}", options().dialect(esc)));
        }
    }

    @Nested
    class Rows {
        @Test
        void jsonLinesOfArrays() throws Exception {
            JsonToCsv.Options.Builder o = options().rows(true);
            assertEquals("1,2\r\n\r\nx,\"y,z\",true,\r\n", csv("[1,2]\n[]\n[\"x\",\"y,z\",true,null]\n", o));
            assertEquals(new JsonToCsv.Result(3, List.of()), result("[1,2]\n[]\n[\"x\"]", o));
        }

        @Test
        void oneArrayOfRows() throws Exception {
            assertEquals("1,2\r\n\r\nx\r\n", csv("[[1,2],[],[\"x\"]]", options().rows(true)));
        }

        @Test
        void anEmptyArrayIsAnEmptyRow() throws Exception {
            assertEquals("\r\n", csv("[]", options().rows(true)));
            assertEquals("\r\nx\r\n", csv("[]\n[\"x\"]", options().rows(true)));
        }

        @Test
        void aSingleEmptyStringIsQuoted() throws Exception {
            assertEquals("\"\"\r\n\"\"\r\n", csv("[\"\"]\n[null]\n", options().rows(true)));
        }

        @Test
        void rowsRefusesKeyOptions() throws Exception {
            for (var entry : java.util.Map.of(
                            "fields [a]", options().fields(List.of("a")),
                            "sortFields", options().sortFields(true),
                            "extras IGNORE", options().extras(JsonToCsv.Extras.IGNORE))
                    .entrySet()) {
                IllegalArgumentException e = assertThrows(
                        IllegalArgumentException.class, entry.getValue().rows(true)::build);
                assertEquals("rows writes arrays as they are, so " + entry.getKey() + " cannot apply", e.getMessage());
            }
            assertEquals(
                    "fields is empty",
                    assertThrows(IllegalArgumentException.class, options().fields(List.of())::build)
                            .getMessage());
            assertEquals("1\r\n", csv("[1]", options().rows(true).header(false))); // no header either way
        }

        @Test
        void jsonCellsInRows() throws Exception {
            assertEquals(
                    "1,\"{\"\"x\"\":[true,null]}\"\r\n",
                    csv("[1,{\"x\":[true,null]}]", options().rows(true).jsonCells(true)));
            Failure f = failure("[1,[2]]", options().rows(true));
            assertEquals(
                    "a cell holds an array: a CSV field holds text", f.error().getMessage());
        }

        @Test
        void anObjectIsNotARow() {
            Failure f = failure("[1]\n{\"a\":1}", options().rows(true));
            assertEquals("1\r\n", f.written());
            assertEquals(
                    "expected a JSON array (a row), found an object", f.error().getMessage());
            assertEquals(CsvException.Kind.OBJECT_ROW, f.error().kind());
            assertEquals(2, f.error().line());
        }

        @Test
        void anArrayOfRowsHoldsOnlyRows() {
            Failure f = failure("[[1,2],3]", options().rows(true));
            assertEquals("1,2\r\n", f.written());
            assertEquals(
                    "expected a JSON array (a row), found a number", f.error().getMessage());
            assertEquals(1, f.error().line());
        }

        @Test
        void fieldsThatCannotBeWrittenAreNumbered() {
            Failure f = failure("[\"a\"]\n[\"x\",\"y,z\"]", options().rows(true).dialect(none()));
            assertEquals("a\r\n", f.written());
            assertEquals(
                    "field 2: it holds ',', which needs quoting (the quoting is none) and no escape character is"
                            + " set",
                    f.error().getMessage());
            assertEquals(2, f.error().line());
        }
    }

    @Nested
    class Errors {
        @Test
        void notJson() {
            Failure f = failure("{\"a\":1}\n{\"a\":}\n", options());
            assertEquals("a\r\n1\r\n", f.written());
            assertEquals(
                    "not valid JSON: '}' where a value was expected", f.error().getMessage());
            assertEquals(2, f.error().line());
            Failure g = failure("nul", options());
            assertEquals("", g.written());
            assertEquals(
                    "not valid JSON: unknown word 'nul' (text must be in double quotes)",
                    g.error().getMessage());
            assertEquals(1, g.error().line());
        }

        /** Every message of Jackson's a user can meet, in words: none of its feature or class names. */
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
                /x                          | 1 | a comment ('/'): JSON has none
                `{"a":1}\\n// c`            | 2 | a comment ('/'): JSON has none
                `{"a":1}\\n/* c */`         | 2 | a comment ('/'): JSON has none
                #x                          | 1 | '#' where a value was expected
                `{"a":tru}`                 | 1 | unknown word 'tru' (text must be in double quotes)
                `{"a":1}x`                  | 1 | unknown word 'x' (text must be in double quotes)
                `{"a":NaN}`                 | 1 | 'NaN' is not a JSON number
                `{"a":-Infinity}`           | 1 | '-Infinity' is not a JSON number
                `{"a":01}`                  | 1 | a number with a leading zero
                `{"a":-}`                   | 1 | a malformed number (at '}')
                `{"a":1.}`                  | 1 | a malformed number (at '}')
                `{"a":1e}`                  | 1 | a malformed number (at '}')
                `{"a":+1}`                  | 1 | a malformed number (at '+')
                `{"a":.5}`                  | 1 | '.' where a value was expected
                `{a:1}`                     | 1 | 'a' where a key in double quotes was expected
                `{'a':1}`                   | 1 | ''' where a key in double quotes was expected
                `{"a":1,}`                  | 1 | '}' where a key in double quotes was expected
                `{"a":1 "b":2}`             | 1 | '"' where ',' or '}' was expected
                `[{"a":1} {"a":2}]`       | 1 | '{' where ',' or ']' was expected
                `{"a" 1}`                   | 1 | '1' where ':' was expected after a key
                `{"a":1]`                   | 1 | ']' where '}' was expected
                `[{"a":1}}`                 | 1 | '}' where ']' was expected
                ]                           | 1 | ']' closes nothing
                `{"a":"\\x"}`               | 1 | '\\x' is not an escape sequence
                `{"a":"\\u12"}`             | 1 | a \\u escape needs four hexadecimal digits
                `{"a":"x`                   | 1 | the input ends inside a string
                `{"a":"\\u12`               | 1 | the input ends inside an escape sequence
                `{"a":`                     | 1 | the input ends inside an object
                `\\n{`                      | 2 | the input ends inside an object
                `[{"a":1},`                 | 1 | the input ends inside an array
                """)
        void jacksonMessagesInWords(String json, long line, String message) {
            Failure f = failure(json.replace("\\n", "\n"), options());
            assertEquals("not valid JSON: " + message, f.error().getMessage());
            assertEquals(line, f.error().line());
        }

        @Test
        void jacksonMessagesInWordsForBytesAndLimits() {
            Failure f = failure(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'}, options(), UTF8);
            assertEquals(
                    "not valid JSON: the byte 0xff is not UTF-8 text", f.error().getMessage());
            assertEquals(1, f.error().line());
            f = failure("{\"a\":\"\u0001\"}", options());
            assertEquals(
                    "not valid JSON: a control character (code 1) inside a string: it must be escaped",
                    f.error().getMessage());
            f = failure("{\"a\":1}\n\u0000", options());
            assertEquals(
                    "not valid JSON: a control character (code 0) between values",
                    f.error().getMessage());
            assertEquals(2, f.error().line());
            f = failure("{\"a\":1}\n{\"a\":" + "1".repeat(1500) + "}", options());
            assertEquals(
                    "not valid JSON: a number longer than 1000 characters",
                    f.error().getMessage());
            assertEquals(2, f.error().line());
            f = failure("{\"" + "k".repeat(60_000) + "\":1}", options());
            assertEquals(
                    "not valid JSON: a key longer than 50000 characters",
                    f.error().getMessage());
            assertEquals(1, f.error().line());
            f = failure(
                    "\n{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}",
                    options().jsonCells(true));
            assertEquals(
                    "not valid JSON: values nested more than 500 deep",
                    f.error().getMessage());
            assertEquals(2, f.error().line());
            f = failure("{\"a\":\"\\ud800\"}", options());
            assertEquals(
                    "an unpaired surrogate (\\ud800, half of a character) cannot be written in UTF-8",
                    f.error().getMessage());
        }

        @Test
        void aFailingInputIsAnIoErrorNotBadJson() {
            java.io.InputStream broken = new java.io.InputStream() {
                private int n;

                @Override
                public int read() throws IOException {
                    if (n++ < 3) {
                        return "{\"a".charAt(n - 1);
                    }
                    throw new IOException("disk on fire");
                }
            };
            IOException e = assertThrows(
                    IOException.class,
                    () -> JsonToCsv.convert(
                            broken, new ByteArrayOutputStream(), options().build()));
            assertEquals("disk on fire", e.getMessage());
        }

        @Test
        void anUnrecognisedMessageIsPlainInvalidJson() {
            assertEquals("", JsonErrors.words("some future message of jackson's"));
        }

        @Test
        void jsonCutShort() {
            Failure f = failure("{\"a\":1}\n\n\n{\"a\":", options());
            assertEquals("a\r\n1\r\n", f.written());
            assertEquals(
                    "not valid JSON: the input ends inside an object", f.error().getMessage());
            assertEquals(4, f.error().line());
            Failure g = failure("[{\"a\":1}", options());
            assertEquals("a\r\n1\r\n", g.written());
            assertEquals(
                    "not valid JSON: the input ends inside an array", g.error().getMessage());
            assertEquals(1, g.error().line());
        }

        @Test
        void moreJsonAfterTheArray() {
            Failure f = failure("[{\"a\":1}]\n{\"a\":2}", options());
            assertEquals("a\r\n1\r\n", f.written());
            assertEquals("more JSON after the array of records", f.error().getMessage());
            assertEquals(2, f.error().line());
        }

        @Test
        void notARecord() {
            assertEquals(
                    "expected a JSON object (a record), found a number",
                    failure("1", options()).error().getMessage());
            assertEquals(
                    "expected a JSON object (a record), found a string",
                    failure("\"s\"", options()).error().getMessage());
            assertEquals(
                    "expected a JSON object (a record), found a number",
                    failure("[1]", options()).error().getMessage());
            assertEquals(
                    "expected a JSON object (a record), found an array",
                    failure("[[1]]", options()).error().getMessage());
            assertEquals(
                    CsvException.Kind.ARRAY_RECORD,
                    failure("[[1]]", options()).error().kind());
            Failure f = failure("{\"a\":1}\n[1]", options());
            assertEquals("a\r\n1\r\n", f.written());
            assertEquals(
                    "expected a JSON object (a record), found an array",
                    f.error().getMessage());
            assertEquals(2, f.error().line());
        }

        @Test
        void aFieldThatNeedsAnEscapeCharacter() {
            Failure f = failure(
                    "{\"a\":\"x\"}\n{\"a\":\"x,y\"}\n{\"a\":\"z\"}\n", options().dialect(none()));
            assertEquals("a\r\nx\r\n", f.written());
            assertEquals(
                    "the key 'a': it holds ',', which needs quoting (the quoting is none) and no escape character"
                            + " is set",
                    f.error().getMessage());
            assertEquals(2, f.error().line());
            Failure q = failure(
                    "{\"a\":\"x\\\"y\"}",
                    options().dialect(Dialect.builder().doubleQuote(false).build()));
            assertEquals(
                    "the key 'a': it holds '\"', which needs escaping and no escape character is set",
                    q.error().getMessage());
        }

        @Test
        void aHeaderThatNeedsAnEscapeCharacter() {
            Failure f = failure("{\"a,b\":\"x\"}", options().dialect(none()));
            assertEquals("", f.written());
            assertEquals(
                    "the header: column 'a,b': it holds ',', which needs quoting (the quoting is none) and no"
                            + " escape character is set",
                    f.error().getMessage());
            assertEquals(0, f.error().line());
            assertEquals(
                    "x\r\n",
                    assertDoesNotFail(
                            "{\"a,b\":\"x\"}", options().dialect(none()).header(false)));
        }

        private String assertDoesNotFail(String json, JsonToCsv.Options.Builder o) {
            try {
                return csv(json, o);
            } catch (IOException | CsvException e) {
                throw new AssertionError(e);
            }
        }

        @Test
        void aRecordOfOneEmptyFieldUnderQuotingNone() {
            // python3.11: DictWriter(f, ['a'], quoting=QUOTE_NONE).writerow({'a': ''}) -> csv.Error
            Failure f = failure("{\"a\":\"x\"}\n{\"a\":\"\"}\n", options().dialect(none()));
            assertEquals("a\r\nx\r\n", f.written()); // actual: IndexOutOfBoundsException, nothing written
            assertEquals(
                    "the key 'a': a record of one empty field cannot be written unquoted (the quoting is none):"
                            + " it would read back as a blank line",
                    f.error().getMessage());
            assertEquals(2, f.error().line());
        }

        @Test
        void aRowOfOneEmptyFieldUnderQuotingNone() {
            Failure f = failure("[\"x\"]\n[\"\"]\n", options().rows(true).dialect(none()));
            assertEquals("x\r\n", f.written());
            assertTrue(
                    f.error()
                            .getMessage()
                            .endsWith(
                                    "a record of one empty field cannot be written unquoted (the quoting is none): it would read back as"
                                            + " a blank line"),
                    f.error().getMessage());
            assertEquals(2, f.error().line());
        }

        @Test
        void aCharacterTheCharsetCannotHold() {
            Failure f = failure(
                    "{\"a\":\"x\"}\n{\"a\":\"€\"}\n{\"a\":\"y\"}\n", options().charset(StandardCharsets.ISO_8859_1));
            assertEquals("a\r\nx\r\n", f.written());
            assertEquals("'€' cannot be written in ISO-8859-1", f.error().getMessage());
            assertEquals(2, f.error().line());
            Failure h = failure("{\"€\":\"x\"}", options().charset(StandardCharsets.US_ASCII));
            assertEquals("", h.written());
            assertEquals(
                    "the header: '€' cannot be written in US-ASCII", h.error().getMessage());
            assertEquals(0, h.error().line());
        }

        @Test
        void aCharacterOutsideTheBmpTheCharsetCannotHold() {
            Failure f = failure("{\"a\":\"😀\"}\n", options().charset(StandardCharsets.ISO_8859_1));
            assertEquals("'😀' cannot be written in ISO-8859-1", f.error().getMessage()); // actual: '\ud83d' ...
        }

        /** Every record before the bad one is written, whole, and nothing after: across batches and threads. */
        @Test
        void exactlyTheRecordsBeforeTheErrorAreWritten() throws Exception {
            StringBuilder good = new StringBuilder();
            for (int i = 0; i < 20_000; i++) {
                good.append("{\"id\":")
                        .append(i)
                        .append(",\"text\":\"v")
                        .append(i)
                        .append(i % 7 == 0 ? "\\n,\\\"" : "")
                        .append("\"}\n");
            }
            List<String> bad = List.of(
                    "{\"id\":1,\"text\":[1]}\n",
                    "{\"id\":1,\"other\":2}\n",
                    "{\"id\":}\n",
                    "{\"id\":1,\"text\":\"Ω\"}\n",
                    "[1]\n");
            for (String tail : bad) {
                for (boolean array : new boolean[] {false, true}) {
                    String prefix = array ? "[" + good.toString().replace("}\n", "},\n") : good.toString();
                    String input = prefix + tail + (array ? ", {\"id\":9}]" : "{\"id\":9}\n");
                    JsonToCsv.Options.Builder base = options().charset(StandardCharsets.ISO_8859_1);
                    String expected =
                            new String(bytes(good.toString().getBytes(UTF8), base), StandardCharsets.ISO_8859_1);
                    for (int threads : new int[] {1, 2, 4}) {
                        Failure f = failure(input.getBytes(UTF8), base.threads(threads), StandardCharsets.ISO_8859_1);
                        assertEquals(expected, f.written(), tail + " array " + array + " threads " + threads);
                        assertEquals(20_001, f.error().line(), tail + f.error().getMessage());
                    }
                }
            }
        }
    }

    @Test
    void aFieldGivenTwice() throws Exception {
        // python3.11: DictWriter(f, ['a', 'a']).writeheader(); .writerow({'a': 1}) -> 'a,a\r\n1,1\r\n'
        assertEquals("a,a\r\n1,1\r\n", csv("{\"a\":1}", options().fields(List.of("a", "a"))));
    }

    @Test
    void utf16OutputHasOneByteOrderMark() throws Exception {
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            json.append("{\"a\":").append(i).append("}\n");
        }
        String text = new String(
                bytes(json.toString().getBytes(UTF8), options().charset(StandardCharsets.UTF_16)),
                StandardCharsets.UTF_16);
        assertEquals(-1, text.indexOf('\ufeff')); // actual: a U+FEFF before the record 4096
    }

    @Nested
    class Threads {
        static String generate(long seed, int records) {
            Random random = new Random(seed);
            String[] words = {
                "alpha",
                "béta",
                "γάμμα",
                "😀 smile",
                "comma, inside",
                "quote \\\" inside",
                "line\\nbreak",
                "cr\\r\\nlf",
                "",
                " padded ",
                "tab\\there",
                "日本語"
            };
            StringBuilder sb = new StringBuilder(records * 80);
            for (int i = 0; i < records; i++) {
                sb.append("{\"id\":").append(i);
                if (random.nextInt(10) > 0) {
                    sb.append(",\"name\":\"")
                            .append(words[random.nextInt(words.length)])
                            .append('"');
                }
                sb.append(",\"amount\":")
                        .append(
                                random.nextInt(5) == 0
                                        ? "null"
                                        : String.format(Locale.ROOT, "%.3f", random.nextDouble() * 1e5));
                sb.append(",\"ok\":").append(random.nextBoolean());
                if (random.nextInt(20) == 0) {
                    sb.append(",\"cell\":{\"k\":[1,\"")
                            .append(words[random.nextInt(words.length)])
                            .append("\"]}");
                } else {
                    sb.append(",\"cell\":\"")
                            .append(words[random.nextInt(words.length)])
                            .append('"');
                }
                sb.append("}\n");
            }
            return sb.toString();
        }

        @Test
        void everyThreadCountWritesTheSameBytes() throws Exception {
            byte[] json = generate(9, 40_000).getBytes(UTF8);
            assertTrue(json.length > 3_000_000, "a few MB: " + json.length);
            for (JsonToCsv.Options.Builder base : List.of(
                    options().jsonCells(true),
                    options()
                            .jsonCells(true)
                            .dialect(Dialect.builder()
                                    .quoting(Quoting.NONNUMERIC)
                                    .build()),
                    options()
                            .jsonCells(true)
                            .extras(JsonToCsv.Extras.IGNORE)
                            .fields(List.of("name", "id", "x"))
                            .restVal("-"),
                    options()
                            .jsonCells(true)
                            .sortFields(true)
                            .dialect(Dialect.builder()
                                    .quoting(Quoting.NONE)
                                    .escapeChar('\\')
                                    .build()))) {
                byte[] one = bytes(json, base.threads(1));
                for (int threads : new int[] {2, 3, 8}) {
                    assertArrayEquals(one, bytes(json, base.threads(threads)), "threads " + threads);
                }
            }
        }

        @Test
        void rowsWithThreads() throws Exception {
            StringBuilder sb = new StringBuilder("[");
            Random random = new Random(3);
            for (int i = 0; i < 30_000; i++) {
                sb.append(i > 0 ? ",\n" : "")
                        .append("[")
                        .append(i)
                        .append(",\"")
                        .append("x".repeat(random.nextInt(50)))
                        .append("\"")
                        .append(random.nextBoolean() ? ",null,1.5" : "")
                        .append("]");
            }
            byte[] json = sb.append("]").toString().getBytes(UTF8);
            byte[] one = bytes(json, options().rows(true).threads(1));
            assertArrayEquals(one, bytes(json, options().rows(true).threads(4)));
            assertArrayEquals(one, bytes(json, options().rows(true).threads(-1)));
        }
    }
}
