package dev.cookbook.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cookbook.cli.Binary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files as the file system sees them (issue 11). File names that are not valid UTF-8: Java decodes the command line to strings and
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

    /**
     * Under {@code -r} the file comes from a directory listing, which holds its bytes: it is hashed.
     * Its name can only be shown as Java decodes it, each bad byte as U+FFFD.
     */
    @Test
    void aListedNameThatIsNotUtf8IsHashed() {
        Binary.Result r = Binary.exec(
                dir,
                Map.of(),
                null,
                List.of(
                        "bash",
                        "-c",
                        "mkdir d && printf abc > d/$'\\xff\\xfe.bin' && \"$0\" checksum -r d",
                        Binary.PATH.toString()));
        assertEquals(0, r.exit(), r::toString);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  d/\uFFFD\uFFFD.bin\n", r.out());
        assertEquals("", r.err());
    }

    /** A file that is no secret gets 0666 less the caller's umask, as any Unix tool's; a secret 0600. */
    @Test
    void theUmaskDecidesTheModeOfFilesThatAreNoSecret() {
        Binary.Result r = Binary.exec(
                dir,
                Map.of(),
                null,
                List.of(
                        "bash",
                        "-c",
                        "printf 'a\\n1\\n' > in.csv && umask 077 && \"$0\" csv read -o private.jsonl in.csv"
                                + " && umask 002 && \"$0\" csv read -o group.jsonl in.csv"
                                + " && \"$0\" key gen --bits 2048 -o key.pem --pub-out key.pub.pem 2>/dev/null"
                                + " && stat -c '%a %n' private.jsonl group.jsonl key.pem key.pub.pem",
                        Binary.PATH.toString()));
        assertEquals(0, r.exit(), r::toString);
        assertEquals("600 private.jsonl\n664 group.jsonl\n600 key.pem\n664 key.pub.pem\n", r.out());
    }
}
