package dev.cookbook.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Ours against Apache Commons CSV, an independent RFC 4180 implementation, on generated files. */
class CommonsCsvDifferentialTest {
    private static final String[] PIECES = {
        "a", "b", "xyz", " ", ",", ";", "\"", "\"\"", "\r", "\n", "\r\n", "\t", "é", "😀", "日本", "#", "'", "\\", "|",
        "1", "-2.5", "\0"
    };

    private static List<List<String>> randomRecords(Random random, int count, int maxFields, boolean blank) {
        List<List<String>> records = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            List<String> record = new ArrayList<>();
            int fields = blank ? random.nextInt(maxFields + 1) : 1 + random.nextInt(maxFields);
            for (int f = 0; f < fields; f++) {
                TextBuffer sb = new TextBuffer();
                for (int k = random.nextInt(6); k > 0; k--) {
                    sb.append(PIECES[random.nextInt(PIECES.length)]);
                }
                record.add(sb.toString());
            }
            records.add(record);
        }
        return records;
    }

    private static String print(CSVFormat format, List<List<String>> records) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter printer = format.print(sb)) {
            for (List<String> record : records) {
                printer.printRecord(record);
            }
        }
        return sb.toString();
    }

    private static List<List<String>> parseWithCommons(CSVFormat format, String text) throws IOException {
        List<List<String>> out = new ArrayList<>();
        try (CSVParser parser = format.parse(new StringReader(text))) {
            for (CSVRecord r : parser) {
                out.add(r.toList());
            }
        }
        return out;
    }

    @Test
    void filesPrintedByCommonsCsvReadAsPrinted() throws Exception {
        Random random = new Random(4180);
        List<CSVFormat> formats = List.of(
                CSVFormat.RFC4180,
                CSVFormat.RFC4180.builder().setDelimiter(';').get(),
                CSVFormat.RFC4180
                        .builder()
                        .setDelimiter('\t')
                        .setRecordSeparator("\n")
                        .get());
        List<Dialect> dialects = List.of(
                Dialect.EXCEL,
                Dialect.builder().delimiter(';').build(),
                Dialect.builder().delimiter('\t').build());
        int records = 0;
        for (int i = 0; i < 1500; i++) {
            int which = i % formats.size();
            // records of no field print as an empty line, which commons-csv reads back as one empty field
            boolean blank = i % 2 == 0;
            List<List<String>> expected = randomRecords(random, random.nextInt(13), 6, blank);
            String text = print(formats.get(which), expected);
            String where = "file " + i + ": " + CsvReaderTest.show(text);
            assertEquals(expected, Reads.rows(text, dialects.get(which)), where);
            if (!blank) {
                assertEquals(expected, parseWithCommons(formats.get(which), text), where);
            }
            records += expected.size();
        }
        assertTrue(records > 5000, "records: " + records);
    }

    @Test
    void aLargeFilePrintedByCommonsCsvReadsAsPrintedFromBytes() throws Exception {
        List<List<String>> expected = randomRecords(new Random(1), 40_000, 8, true);
        String text = print(CSVFormat.RFC4180, expected);
        assertTrue(text.length() > 1_000_000, "size " + text.length());
        CsvReader reader = CsvReader.open(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8,
                Dialect.EXCEL,
                1000);
        assertEquals(expected, Reads.drain(reader, 1000, 1 << 16).ok());
        assertEquals(
                expected,
                Reads.read(Reads.trickle(text, 2, 9000), Dialect.EXCEL, 1000, 3, 100)
                        .ok());
    }

    @Test
    void filesWrittenByOursReadAsWrittenWithCommonsCsv() throws Exception {
        Random random = new Random(4181);
        for (int i = 0; i < 1500; i++) {
            List<List<String>> expected = randomRecords(random, random.nextInt(13), 6, false);
            TextBuffer sb = new TextBuffer();
            RecordFormatter w = new RecordFormatter(Dialect.EXCEL);
            for (List<String> record : expected) {
                w.beginRecord(sb);
                for (String field : record) {
                    w.field(field, false);
                }
                w.endRecord();
            }
            String text = sb.toString();
            assertEquals(expected, parseWithCommons(CSVFormat.RFC4180, text), () -> CsvReaderTest.show(text));
        }
    }
}
