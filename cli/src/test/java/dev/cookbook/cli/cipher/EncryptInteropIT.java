package dev.cookbook.cli.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Binary;
import dev.cookbook.cli.LauncherIT;
import dev.cookbook.cli.Tools;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged binary against the real {@code openssl enc}, both ways, for every cipher, in
 * password and raw-key modes; the terminal prompt through a real pseudo-terminal; constant memory.
 */
public class EncryptInteropIT {
    private static final Map<String, String> PASSWORD = Map.of("PASSWORD", "Tr0ub4dor & 3 ünïcode");
    private static final List<String> LEGACY = List.of("-provider", "legacy", "-provider", "default");

    @TempDir
    Path dir;

    private byte[] plain;

    @BeforeEach
    void plaintext() throws IOException {
        plain = new byte[150_001];
        new Random(42).nextBytes(plain);
        Files.write(dir.resolve("plain"), plain);
    }

    private Binary.Result openssl(String... args) {
        Tools.require("openssl");
        List<String> command = new ArrayList<>(List.of("openssl", "enc"));
        command.addAll(List.of(args));
        command.addAll(LEGACY);
        return Binary.exec(dir, PASSWORD, null, command);
    }

    private Binary.Result cookbook(String... args) {
        List<String> command = new ArrayList<>(List.of(Binary.PATH.toString()));
        command.addAll(List.of(args));
        return Binary.exec(dir, PASSWORD, null, command);
    }

    private static void ok(Binary.Result r) {
        assertEquals(0, r.exit(), r::toString);
    }

    private void assertPlain(String file) throws IOException {
        assertArrayEquals(plain, Files.readAllBytes(dir.resolve(file)), file);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "des-cfb, des-cfb",
        "des-cfb8, des-cfb8",
        "des3-cfb, des-ede3-cfb",
        "des3-cfb8, des-ede3-cfb8",
        "arc4, rc4"
    })
    void passwordModeBothWays(String ours, String theirs) throws IOException {
        ok(cookbook("encrypt", "--openssl", "-c", ours, "--pass", "env:PASSWORD", "-i", "plain", "-o", "ours.enc"));
        ok(openssl(
                "-d",
                "-" + theirs,
                "-pbkdf2",
                "-iter",
                "10000",
                "-md",
                "sha256",
                "-pass",
                "env:PASSWORD",
                "-in",
                "ours.enc",
                "-out",
                "ours.dec"));
        assertPlain("ours.dec");

        ok(openssl(
                "-" + theirs,
                "-pbkdf2",
                "-iter",
                "2000",
                "-md",
                "sha256",
                "-salt",
                "-pass",
                "env:PASSWORD",
                "-in",
                "plain",
                "-out",
                "theirs.enc"));
        ok(cookbook(
                "decrypt",
                "-c",
                theirs,
                "--iter",
                "2000",
                "--pass",
                "env:PASSWORD",
                "-i",
                "theirs.enc",
                "-o",
                "theirs.dec"));
        assertPlain("theirs.dec");
    }

    /**
     * The printed command, run as printed, writes the very bytes we wrote after our 16-byte header
     * ({@code Salted__} and the salt): given the salt with {@code -S}, OpenSSL 3 writes no header.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"des-cfb", "des-cfb8", "des3-cfb", "des3-cfb8", "arc4"})
    void printOpensslReproducesOurBytes(String cipher) throws IOException {
        Binary.Result r = cookbook(
                "encrypt",
                "--openssl",
                "-c",
                cipher,
                "--pass",
                "env:PASSWORD",
                "-i",
                "plain",
                "-o",
                "ours.enc",
                "--print-openssl");
        ok(r);
        String command = r.err()
                .lines()
                .filter(l -> l.startsWith("openssl enc "))
                .findFirst()
                .orElseThrow();
        Tools.require("openssl");
        Binary.Result again = Binary.exec(
                dir, PASSWORD, null, List.of("sh", "-c", command.replace("-out ours.enc", "-out theirs.enc")));
        ok(again);
        byte[] ours = Files.readAllBytes(dir.resolve("ours.enc"));
        String salt = command.replaceAll(".* -S ([0-9a-f]{16}) .*", "$1");
        assertEquals(
                "Salted__" + salt,
                new String(ours, 0, 8, java.nio.charset.StandardCharsets.US_ASCII)
                        + java.util.HexFormat.of().formatHex(ours, 8, 16));
        assertArrayEquals(
                java.util.Arrays.copyOfRange(ours, 16, ours.length), Files.readAllBytes(dir.resolve("theirs.enc")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"des-cfb, des-cfb", "des3-cfb8, des-ede3-cfb8", "arc4, rc4"})
    void legacyMd5DerivationBothWays(String ours, String theirs) throws IOException {
        ok(cookbook(
                "encrypt",
                "--openssl",
                "--kdf",
                "evp",
                "--md",
                "md5",
                "-c",
                ours,
                "--pass",
                "env:PASSWORD",
                "-i",
                "plain",
                "-o",
                "ours.enc"));
        ok(openssl("-d", "-" + theirs, "-md", "md5", "-pass", "env:PASSWORD", "-in", "ours.enc", "-out", "ours.dec"));
        assertPlain("ours.dec");
        ok(openssl("-" + theirs, "-md", "md5", "-salt", "-pass", "env:PASSWORD", "-in", "plain", "-out", "theirs.enc"));
        ok(cookbook(
                "decrypt",
                "-c",
                ours,
                "--kdf",
                "evp",
                "--md",
                "md5",
                "--pass",
                "env:PASSWORD",
                "-i",
                "theirs.enc",
                "-o",
                "theirs.dec"));
        assertPlain("theirs.dec");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "des-cfb, des-cfb, 0123456789abcdef, fedcba9876543210",
        "des-cfb8, des-cfb8, 0123456789abcdef, fedcba9876543210",
        "des3-cfb, des-ede3-cfb, 0123456789abcdef00112233445566778899aabbccddeeff, 0011223344556677",
        "des3-cfb8, des-ede3-cfb8, 0123456789abcdef00112233445566778899aabbccddeeff, 0011223344556677",
        "arc4, rc4, 00112233445566778899aabbccddeeff, ''"
    })
    void rawKeyModeBothWays(String ours, String theirs, String key, String iv) throws IOException {
        List<String> ivOurs = iv.isEmpty() ? List.of() : List.of("--iv", iv);
        List<String> ivTheirs = iv.isEmpty() ? List.of() : List.of("-iv", iv);
        List<String> enc = new ArrayList<>(List.of("encrypt", "-c", ours, "-K", key, "-i", "plain", "-o", "ours.enc"));
        enc.addAll(ivOurs);
        ok(cookbook(enc.toArray(String[]::new)));
        List<String> dec = new ArrayList<>(
                List.of("-d", "-" + theirs, "-K", key, "-nosalt", "-in", "ours.enc", "-out", "ours.dec"));
        dec.addAll(ivTheirs);
        ok(openssl(dec.toArray(String[]::new)));
        assertPlain("ours.dec");

        List<String> enc2 =
                new ArrayList<>(List.of("-" + theirs, "-K", key, "-nosalt", "-in", "plain", "-out", "theirs.enc"));
        enc2.addAll(ivTheirs);
        ok(openssl(enc2.toArray(String[]::new)));
        assertArrayEquals(Files.readAllBytes(dir.resolve("ours.enc")), Files.readAllBytes(dir.resolve("theirs.enc")));
        List<String> dec2 =
                new ArrayList<>(List.of("decrypt", "-c", ours, "-K", key, "-i", "theirs.enc", "-o", "theirs.dec"));
        dec2.addAll(ivOurs);
        ok(cookbook(dec2.toArray(String[]::new)));
        assertPlain("theirs.dec");
    }

    @Test
    void openssslOwnDefaultIterationsOpenOurFile() throws IOException {
        ok(cookbook("encrypt", "--openssl", "--pass", "env:PASSWORD", "-i", "plain", "-o", "ours.enc"));
        ok(openssl(
                "-d",
                "-des-ede3-cfb",
                "-pbkdf2",
                "-md",
                "sha256",
                "-pass",
                "env:PASSWORD",
                "-in",
                "ours.enc",
                "-out",
                "ours.dec"));
        assertPlain("ours.dec");
    }

    @Test
    void aFailedDecryptLeavesNoOutputFile() throws IOException {
        ok(cookbook("encrypt", "--iter", "1000", "--pass", "env:PASSWORD", "-i", "plain", "-o", "x.enc"));
        Binary.Result wrong = Binary.exec(
                dir,
                Map.of("PASSWORD", "nope"),
                null,
                List.of(Binary.PATH.toString(), "decrypt", "--pass", "env:PASSWORD", "-i", "x.enc", "-o", "x.dec"));
        assertEquals(3, wrong.exit(), wrong::toString);
        assertEquals("cookbook decrypt: x.enc: wrong password (or the file's header was changed)\n", wrong.err());
        try (var files = Files.list(dir)) {
            assertEquals(
                    List.of("plain", "x.enc"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** The prompt, through a real pseudo-terminal: asked twice, never echoed, with stdout redirected. */
    @Test
    void asksForThePasswordOnTheTerminal() throws IOException {
        Tools.require("script");
        Binary.Result r = Binary.exec(
                dir,
                Map.of(),
                null,
                List.of(
                        "sh",
                        "-c",
                        "(sleep 2; printf 'pty secret\\n'; sleep 1; printf 'pty secret\\n'; sleep 2) | script -q -e -c "
                                + "'" + Binary.PATH + " encrypt --iter 1000 < plain > pty.enc' /dev/null"));
        ok(r);
        String screen = r.out();
        assertTrue(screen.contains("Password: ") && screen.contains("Password again: "), screen);
        assertFalse(screen.contains("pty secret"), "the password was echoed:\n" + screen);
        Binary.Result d = Binary.exec(
                dir,
                Map.of("PASSWORD", "pty secret"),
                null,
                List.of(Binary.PATH.toString(), "decrypt", "--pass", "env:PASSWORD", "-i", "pty.enc", "-o", "pty.dec"));
        ok(d);
        assertPlain("pty.dec");
    }

    /** 4 GiB through encrypt and decrypt in a 64 MiB heap each, piped, never on disk. */
    @Test
    void fourGibibytesInA64MiBHeap() throws IOException {
        Path sparse = dir.resolve("zeros");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(4L << 30);
        }
        String exe = "'" + Binary.PATH + "'";
        Binary.Result r = Binary.exec(
                dir,
                Map.of("COOKBOOK_JAVA_OPTS", "-Xmx64m", "PASSWORD", "x"),
                null,
                List.of(
                        "sh",
                        "-c",
                        exe + " encrypt -c arc4 --iter 1000 --pass env:PASSWORD -i zeros | " + exe
                                + " decrypt --pass env:PASSWORD 2>/dev/null | " + exe + " checksum"));
        ok(r);
        assertEquals(LauncherIT.ZEROS_4G + "  -\n", r.out(), r::toString);
    }
}
