package dev.cookbook.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {
    private static final Charset UTF8 = StandardCharsets.UTF_8;

    private static String table(String csv, CsvToJson.Options.Builder o) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvTable.write(new ByteArrayInputStream(csv.getBytes(UTF8)), UTF8, out, o.build());
        return out.toString(UTF8);
    }

    private static CsvToJson.Options.Builder options() {
        return CsvToJson.Options.builder();
    }

    @Test
    void alignedWithNumbersToTheRight() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = CsvTable.write(
                new ByteArrayInputStream(
                        "name,amount,note\nAda,12.5,\"multi\nline\"\nGrace,-3,tab\there\n".getBytes(UTF8)),
                UTF8,
                out,
                options().build());
        assertEquals(2, n);
        assertEquals(
                "| name  | amount | note        |\n"
                        + "| ----- | ------ | ----------- |\n"
                        + "| Ada   |   12.5 | multi\\nline |\n"
                        + "| Grace |     -3 | tab\\there   |\n",
                out.toString(UTF8));
    }

    @Test
    void referenceArticle() throws Exception {
        assertEquals(
                "| name | last_name | age |\n"
                        + "| ---- | --------- | --- |\n"
                        + "| John | Doe       |  30 |\n"
                        + "| Jane | Doe       |  30 |\n",
                table("name,last_name,age\r\nJohn,Doe,30\r\nJane,Doe,30\r\n", options()));
    }

    @Test
    void shortAndLongRecords() throws Exception {
        assertEquals(
                "| a   | b   |     |\n" + "| --- | --- | --- |\n" + "|   1 |     |     |\n" + "|   1 |   2 |   3 |\n",
                table("a,b\n1\n1,2,3\n", options()));
        assertEquals(
                "| a   | b   |\n| --- | --- |\n|   1 | NA  |\n",
                table("a,b\n1\n", options().restVal("NA")));
    }

    @Test
    void wideAndCombiningCharacters() throws Exception {
        assertEquals(
                "| a    | b   |\n" + "| ---- | --- |\n" + "| 日本 | x   |\n" + "| e\u0301    | 😀  |\n",
                table("a,b\n日本,x\ne\u0301,😀\n", options()));
        assertEquals(4, CsvTable.width("日本"));
        assertEquals(2, CsvTable.width("😀"));
        assertEquals(1, CsvTable.width("e\u0301"));
        assertEquals(0, CsvTable.width("\u200b"));
        assertEquals(1, CsvTable.width("ｱ")); // halfwidth katakana
        assertEquals(2, CsvTable.width("Ａ")); // fullwidth Latin
        assertEquals(2, CsvTable.width("한"));
    }

    @Test
    void lineBreaksAndTabsAreSpelledOut() {
        assertEquals("a\\r\\nb\\tc\\rd", CsvTable.visible("a\r\nb\tc\rd"));
        assertEquals("plain", CsvTable.visible("plain"));
    }

    @Test
    void rowsHaveNoHeader() throws Exception {
        assertEquals(
                "| x   | y   |\n|     |     |\n| 1   | 2   |\n",
                table("x,y\n\n1,2\n", options().rows(true)));
    }

    @Test
    void givenFieldNamesAndDedupedHeaders() throws Exception {
        assertEquals(
                "| p   | q   |\n| --- | --- |\n|   1 |   2 |\n",
                table("1,2\n", options().fieldNames(List.of("p", "q"))));
        assertEquals(
                "| a   | a_2 |\n| --- | --- |\n|   1 |   2 |\n",
                table("a,a\n1,2\n", options().dedupeHeaders(true)));
    }

    @Test
    void emptyInputAndHeaderOnly() throws Exception {
        assertEquals("", table("", options()));
        assertEquals("", table("\n\n", options()));
        assertEquals("| a   | b   |\n| --- | --- |\n", table("a,b\n", options()));
    }

    @Test
    void aColumnIsRightAlignedOnlyWhenEveryCellIsANumber() throws Exception {
        assertEquals(
                "| n   | m   | e   |\n"
                        + "| --- | --- | --- |\n"
                        + "|  +2 | 1   |     |\n"
                        + "|  .5 | -   |     |\n"
                        + "| 1e3 | 2   |     |\n",
                table("n,m,e\n+2,1,\n.5,-,\n1e3,2,\n", options()));
    }

    @Test
    void widthsComeFromTheFirstThousandRecords() throws Exception {
        StringBuilder csv = new StringBuilder("n\n");
        StringBuilder expected = new StringBuilder("| n   |\n| --- |\n");
        for (int i = 0; i < CsvTable.SAMPLE; i++) {
            csv.append("1\n");
            expected.append("|   1 |\n");
        }
        csv.append("12345\n1,x\n");
        expected.append("| 12345 |\n|   1 | x |\n");
        assertEquals(expected.toString(), table(csv.toString(), options()));
    }

    @Test
    void recordsBeforeAnErrorAreShown() throws Exception {
        for (CsvToJson.Options.Builder o : List.of(options(), options().raggedIsError(true))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String csv = o.build().raggedIsError() ? "a,b\n1,2\n3\n" : "a,b\n1,2\n3,\"4\n";
            CsvException e = assertThrows(
                    CsvException.class,
                    () -> CsvTable.write(new ByteArrayInputStream(csv.getBytes(UTF8)), UTF8, out, o.build()));
            assertEquals("| a   | b   |\n| --- | --- |\n|   1 |   2 |\n", out.toString(UTF8));
            assertEquals(3, e.line());
            assertEquals(
                    o.build().raggedIsError()
                            ? "1 field where the header has 2"
                            : "unterminated quoted field: the quote opened here is never closed",
                    e.getMessage());
        }
    }

    @Test
    void aRepeatedHeaderNameIsAnError() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvException e = assertThrows(
                CsvException.class,
                () -> CsvTable.write(
                        new ByteArrayInputStream("a,a\n1,2\n".getBytes(UTF8)),
                        UTF8,
                        out,
                        options().build()));
        assertEquals("the header repeats the name 'a' (columns 1 and 2)", e.getMessage());
        assertEquals(1, e.line());
        assertEquals(0, out.size());
    }
}
