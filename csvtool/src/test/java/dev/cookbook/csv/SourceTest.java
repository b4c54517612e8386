package dev.cookbook.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CsvException#source()}: the input's name, where the caller or the library named one. */
class SourceTest {
    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void entryPointsNameTheirSource() {
        CsvToJson.Options csv = CsvToJson.Options.builder().threads(1).build();
        CsvException e = assertThrows(
                CsvException.class,
                () -> CsvToJson.convert(
                        in("a\n\"x\n"), "in.csv", StandardCharsets.UTF_8, new ByteArrayOutputStream(), csv));
        assertEquals("in.csv", e.source());
        assertEquals(2, e.line());
        e = assertThrows(
                CsvException.class,
                () -> CsvTable.write(
                        in("a\n\"x\n"), "t.csv", StandardCharsets.UTF_8, new ByteArrayOutputStream(), csv));
        assertEquals("t.csv", e.source());
        e = assertThrows(
                CsvException.class,
                () -> JsonToCsv.convert(
                        in("{\"a\":1}\n[1]"), "in.jsonl", new ByteArrayOutputStream(), JsonToCsv.Options.DEFAULTS));
        assertEquals("in.jsonl", e.source());
        e = assertThrows(
                CsvException.class,
                () -> JsonToCsv.convert(in("[1]"), new ByteArrayOutputStream(), JsonToCsv.Options.DEFAULTS));
        assertNull(e.source());
    }

    @Test
    void anAppendTargetNamesItsFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.csv");
        Files.write(file, new byte[] {'a', (byte) 0xff, '\n'});
        CsvException e = assertThrows(
                CsvException.class, () -> CsvAppendTarget.open(file, Dialect.EXCEL, StandardCharsets.UTF_8));
        assertEquals(file.toString(), e.source());
        assertEquals(CsvException.Kind.ENCODING, e.kind());
    }

    @Test
    void rollbackUndoesTheAppendAndFailsLaterWrites(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "a\r\n1\r\n");
        try (CsvAppendTarget t = CsvAppendTarget.open(file, Dialect.EXCEL, StandardCharsets.UTF_8)) {
            t.stream().write("2\r\n".getBytes(StandardCharsets.UTF_8));
            Thread other = new Thread(t::rollback);
            other.start();
            other.join();
            t.rollback(); // twice is harmless
            assertEquals("a\r\n1\r\n", Files.readString(file));
            assertThrows(java.io.IOException.class, () -> t.stream().write('3'));
            assertThrows(java.io.IOException.class, t::commit);
        }
        assertEquals("a\r\n1\r\n", Files.readString(file));
    }
}
