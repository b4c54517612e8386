package dev.cookbook.cli.common;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared input, output and diagnostics options, through the commands that use them (issue 11:
 * what a new user trips over). Each test failed before the mixins.
 */
class SharedOptionsTest {
    private static final String RAW_KEY = "000102030405060708090a0b0c0d0e0f";
    private static final String ARC4_WARNING =
            "cookbook encrypt: warning: arc4 is a legacy algorithm (RC4's keystream is biased): use it only for old data\n"
                    + "cookbook encrypt: warning: the raw format is not authenticated: decrypting cannot detect a wrong "
                    + "key or tampering\n";

    @TempDir
    Path dir;

    private Path plain;

    @BeforeEach
    void plainFile() throws IOException {
        plain = Files.writeString(dir.resolve("plain.txt"), "attack at dawn\n");
    }

    private static String[] args(Object... parts) {
        return Stream.of(parts).map(String::valueOf).toArray(String[]::new);
    }

    /** {@code cookbook encrypt -c arc4 -K ...}: deterministic, no password, the smallest full run. */
    private Cli.Result encrypt(Object... more) {
        Object[] base = {"encrypt", "-c", "arc4", "-K", RAW_KEY};
        Object[] all = new Object[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Cli.run(args(all));
    }

    private byte[] expectedCiphertext() throws IOException {
        Cli.Result r = encrypt(plain);
        assertEquals(0, r.exit(), r::toString);
        return r.stdout();
    }

    @Test
    void devNullIsWrittenWithoutForce() throws IOException {
        for (String[] command : List.of(
                args("encrypt", "-c", "arc4", "-K", RAW_KEY, "-o", "/dev/null", plain), args("checksum", plain))) {
            Cli.Result r = Cli.run(command);
            assertEquals(0, r.exit(), r::toString);
        }
        assertFalse(Files.isRegularFile(Path.of("/dev/null")), "/dev/null is still a device");
    }

    @Test
    void devStdoutIsStandardOutput() throws IOException {
        Cli.Result r = encrypt("-o", "/dev/stdout", plain);
        assertEquals(0, r.exit(), r::toString);
        assertArrayEquals(expectedCiphertext(), r.stdout());
        assertEquals(ARC4_WARNING, r.err());
    }

    @Test
    void aFifoIsWrittenInPlace() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0);
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(
                () -> {
                    try (InputStream in = Files.newInputStream(fifo)) {
                        return in.readAllBytes();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                dev.cookbook.cli.Binary.THREAD_PER_TASK);
        Cli.Result r = encrypt("-o", fifo, plain);
        assertEquals(0, r.exit(), r::toString);
        assertArrayEquals(expectedCiphertext(), read.get(30, TimeUnit.SECONDS));
        assertFalse(Files.isRegularFile(fifo), "the FIFO is still a FIFO");
    }

    @Test
    void aSymlinkIsWrittenThroughAndStays() throws IOException {
        Path target = Files.writeString(dir.resolve("real.enc"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.enc"), Path.of("real.enc"));
        Cli.Result refused = encrypt("-o", link, plain);
        assertEquals(2, refused.exit(), refused::toString);
        assertEquals(
                "cookbook encrypt: " + link + " exists: add --force to replace it\n"
                        + "cookbook encrypt: hint: see 'cookbook encrypt --help'\n",
                refused.err());
        Cli.Result r = encrypt("-o", link, "--force", plain);
        assertEquals(0, r.exit(), r::toString);
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertArrayEquals(expectedCiphertext(), Files.readAllBytes(target));
        Path dangling = Files.createSymbolicLink(dir.resolve("new.enc"), Path.of("made-by-link.enc"));
        assertEquals(0, encrypt("-o", dangling, plain).exit());
        assertTrue(Files.isSymbolicLink(dangling));
        assertArrayEquals(expectedCiphertext(), Files.readAllBytes(dir.resolve("made-by-link.enc")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(
                    List.of("link.enc", "made-by-link.enc", "new.enc", "plain.txt", "real.enc"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left");
        }
    }

    @Test
    void anEmptyOutputNameIsAUsageError() {
        Cli.Result r = encrypt("-o", "", plain);
        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook encrypt: -o/--out needs a file name, not ''\n"
                        + "cookbook encrypt: hint: see 'cookbook encrypt --help'\n",
                r.err());
    }

    @Test
    void aDirectoryOutputIsAnIoErrorNamingIt() {
        Cli.Result r = encrypt("-o", dir, plain);
        assertEquals(4, r.exit(), r::toString);
        assertEquals("cookbook encrypt: " + dir + ": Is a directory\n", r.err());
    }

    @Test
    void theInputIsAnOperandOrDashIAndNotBoth() throws IOException {
        byte[] expected = expectedCiphertext();
        Cli.Result viaOption = encrypt("-i", plain);
        assertEquals(0, viaOption.exit(), viaOption::toString);
        assertArrayEquals(expected, viaOption.stdout());
        Cli.Result both = encrypt("-i", plain, plain);
        assertEquals(2, both.exit());
        assertEquals(
                "cookbook encrypt: the input is named twice (FILE and -i/--in): give one\n"
                        + "cookbook encrypt: hint: see 'cookbook encrypt --help'\n",
                both.err());
        Path enc = dir.resolve("plain.enc");
        assertEquals(0, encrypt("-o", enc, plain).exit());
        Cli.Result d = Cli.run(args("decrypt", "-c", "arc4", "-K", RAW_KEY, enc));
        assertEquals(0, d.exit(), d::toString);
        assertEquals("attack at dawn\n", d.out());
    }

    @Test
    void aTerminalOnStdinIsRefusedWhereDataIsExpected() {
        Cli.Result r = Cli.withTerminalStdin("encrypt", "-c", "arc4", "-K", RAW_KEY);
        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook encrypt: no input: name a FILE, or pipe data in (- reads the terminal)\n"
                        + "cookbook encrypt: hint: see 'cookbook encrypt --help'\n",
                r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"encrypt", "decrypt"})
    void aRawKeyWithAPasswordIsAUsageError(String command) {
        Cli.Result r = Cli.run(command, "-c", "arc4", "-K", RAW_KEY, "--pass", "env:HOME", plain.toString());
        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook " + command + ": -K is a raw key: --pass does not apply\n" + "cookbook " + command
                        + ": hint: see 'cookbook " + command + " --help'\n",
                r.err());
    }

    @Test
    void quietSilencesWarningsButNotErrors() {
        Cli.Result before = encrypt(plain);
        assertEquals(ARC4_WARNING, before.err());
        for (String[] command : List.of(
                args("-q", "encrypt", "-c", "arc4", "-K", RAW_KEY, plain),
                args("encrypt", "--quiet", "-c", "arc4", "-K", RAW_KEY, plain))) {
            Cli.Result r = Cli.run(command);
            assertEquals(0, r.exit(), r::toString);
            assertEquals("", r.err());
        }
        Cli.Result failed = Cli.run(
                "-q",
                "encrypt",
                "-c",
                "arc4",
                "-K",
                RAW_KEY,
                dir.resolve("none").toString());
        assertEquals(4, failed.exit());
        assertEquals("cookbook encrypt: " + dir.resolve("none") + ": No such file or directory\n", failed.err());
    }

    @Test
    void filesGetTheModeOfWhatTheyHold() throws IOException {
        Path enc = dir.resolve("c.enc");
        assertEquals(0, encrypt("-o", enc, plain).exit());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(enc)));
        Path dec = dir.resolve("c.dec");
        Cli.Result d = Cli.run(args("decrypt", "-c", "arc4", "-K", RAW_KEY, "-o", dec, enc));
        assertEquals(0, d.exit(), d::toString);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dec)));
    }

    @Test
    void binaryIsRefusedOnATerminalButTextIsNot() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli.Result r = Cli.run(
                new ByteArrayInputStream(new byte[0]),
                out,
                false,
                true,
                args("encrypt", "-c", "arc4", "-K", RAW_KEY, plain));
        assertEquals(2, r.exit(), r::toString);
        assertEquals(
                "cookbook encrypt: refusing to write binary data to a terminal: give -o FILE (or -o - to insist)\n"
                        + "cookbook encrypt: hint: see 'cookbook encrypt --help'\n",
                r.err());
        Cli.Result insisted = Cli.run(
                new ByteArrayInputStream(new byte[0]),
                out,
                false,
                true,
                args("encrypt", "-c", "arc4", "-K", RAW_KEY, "-o", "-", plain));
        assertEquals(0, insisted.exit(), insisted::toString);
        assertArrayEquals(expectedCiphertext(), out.toByteArray());
        assertEquals("attack at dawn\n", new String(Files.readAllBytes(plain), UTF_8), "the input is untouched");
    }
}
