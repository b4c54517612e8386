package dev.cookbook.mailer.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentTypesTest {
    @TempDir
    Path dir;

    private String detect(String name, byte[] content) throws Exception {
        Path file = Files.write(dir.resolve(name), content);
        return ContentTypes.detect(file, name);
    }

    @Test
    void byExtensionFirst() throws Exception {
        assertEquals("application/pdf", detect("a.PDF", new byte[] {0, 1}));
        assertEquals("image/jpeg", detect("a.jpeg", new byte[] {0, 1}));
        assertEquals("text/csv", detect("a.csv", "a,b\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("text/csv; charset=UTF-8", detect("b.csv", "é,b\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void byContentWhenTheNameSaysNothing() throws Exception {
        assertEquals("image/png", detect("logo", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0}));
        assertEquals("application/pdf", detect("doc", "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("image/jpeg", detect("photo", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}));
        assertEquals("application/zip", detect("arch", new byte[] {'P', 'K', 3, 4, 0}));
        assertEquals("text/plain", detect("README", "plain text\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("text/plain; charset=UTF-8", detect("NOTES", "Grüße\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("application/octet-stream", detect("blob", new byte[] {1, 2, 3, 0, (byte) 0xff}));
        assertEquals("application/octet-stream", detect("latin1", new byte[] {'c', 'a', 'f', (byte) 0xe9}));
        assertEquals("text/plain", detect("empty", new byte[0]));
    }

    @Test
    void aMultiByteCharacterCutAtTheSampleEndIsStillText() throws Exception {
        byte[] content = new byte[8193];
        java.util.Arrays.fill(content, (byte) 'a');
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(euro, 0, content, 8190, 3);
        assertEquals("text/plain; charset=UTF-8", detect("cut", content));
    }
}
