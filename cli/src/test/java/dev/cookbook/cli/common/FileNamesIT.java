package dev.cookbook.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cookbook.cli.Binary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names that are not valid UTF-8 (issue 11): Java decodes the command line to strings and
 * cannot open such a file, so cookbook says exactly that, naming the bytes, where it used to say
 * "No such file or directory" of a file that exists.
 */
class FileNamesIT {
    @TempDir
    Path dir;

    @Test
    void aNameThatIsNotUtf8IsNamedByItsBytes() {
        String cookbook = Binary.PATH.toString();
        Binary.Result r = Binary.exec(
                dir,
                Map.of(),
                null,
                List.of(
                        "bash",
                        "-c",
                        "touch $'\\xff\\xfe.bin' && \"$0\" checksum $'\\xff\\xfe.bin'; echo \"exit $?\" >&2;"
                                + " \"$0\" encrypt -c arc4 -K 000102030405060708090a0b0c0d0e0f $'caf\\xe9 \\xc3\\xa9t\\xe9'",
                        cookbook));
        assertEquals(4, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals(
                "cookbook checksum: '\\xff\\xfe.bin': the name is not valid UTF-8, and Java cannot open such a file:"
                        + " rename it\n"
                        + "exit 4\n"
                        + "cookbook encrypt: 'caf\\xe9 \u00e9t\\xe9': No such file or directory\n",
                r.err());
    }
}
