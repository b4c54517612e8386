package dev.cookbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root's parsing, through the packaged binary. */
public class RootCommandIT {

    @Test
    void anOperandStartingWithAtIsThatFileNeverAnArgumentFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "--list\n");
        Files.writeString(dir.resolve("@notes.txt"), "abc");
        Binary.Result r = Binary.run(dir, "checksum", "-a", "md5", "@notes.txt");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("900150983cd24fb0d6963f7d28e17f72  @notes.txt\n", r.out());
        assertEquals("", r.err().replaceAll("(?m)^cookbook checksum: warning: md5 .*\n", ""), r::toString);
    }
}
