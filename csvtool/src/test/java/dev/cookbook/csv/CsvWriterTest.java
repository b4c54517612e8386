package dev.cookbook.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CsvWriter}, the record-at-a-time writer; the formatting itself is {@link RecordFormatterTest}'s. */
class CsvWriterTest {
    @Test
    void recordsOfStringsNumbersAndNulls() throws Exception {
        StringWriter out = new StringWriter();
        try (CsvWriter w =
                new CsvWriter(out, Dialect.builder().quoting(Quoting.NONNUMERIC).build())) {
            w.writeRecord("id", "name");
            w.writeRecord(Arrays.asList(1, "Ada, Countess", null, true));
        }
        assertEquals("\"id\",\"name\"\r\n1,\"Ada, Countess\",\"\",true\r\n", out.toString());
    }

    @Test
    void aRecordThatCannotBeWrittenLeavesNothing() throws Exception {
        StringWriter out = new StringWriter();
        CsvWriter w = new CsvWriter(out, Dialect.builder().quoting(Quoting.NONE).build());
        w.writeRecord("a", "b");
        CsvException e = assertThrows(CsvException.class, () -> w.writeRecord(List.of("x", "y,z")));
        assertEquals(
                "field 2: it holds ',', which needs quoting (the quoting is none) and no escape character is set",
                e.getMessage());
        w.writeRecord("c", "d");
        w.flush();
        assertEquals("a,b\r\nc,d\r\n", out.toString());
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        StringWriter out = new StringWriter();
        List<List<String>> records = List.of(List.of("a", "b\nc"), List.of(""), List.of(), List.of("\"q\"", " "));
        try (CsvWriter w = new CsvWriter(out, Dialect.EXCEL)) {
            for (List<String> r : records) {
                w.writeRecord(r);
            }
        }
        CsvReader r = new CsvReader(new java.io.StringReader(out.toString()), Dialect.EXCEL);
        for (List<String> expected : records) {
            assertEquals(expected, r.next());
        }
        assertEquals(null, r.next());
    }
}
