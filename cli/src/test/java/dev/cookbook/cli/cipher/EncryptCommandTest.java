package dev.cookbook.cli.cipher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code cookbook encrypt} and {@code decrypt}, in-process: exact stderr, exit status, files left behind. */
public class EncryptCommandTest {
    static final String DES3_WARNING =
            "warning: des3-cfb is a legacy algorithm (triple DES has 64-bit blocks): use it only for old data\n";
    static final String PASS_WARNING = "warning: a password given as pass:TEXT can be seen by other users (ps, shell "
            + "history); prefer env:, file: or fd:\n";

    @TempDir
    Path dir;

    private Path plain;
    private byte[] plainBytes;

    private Path plain(int size) throws IOException {
        plainBytes = new byte[size];
        new Random(size).nextBytes(plainBytes);
        plain = dir.resolve("plain.bin");
        Files.write(plain, plainBytes);
        return plain;
    }

    private Path pwFile(String password) throws IOException {
        return Files.writeString(dir.resolve("pw.txt"), password + "\n");
    }

    private static String[] args(Object... parts) {
        return Stream.of(parts).map(String::valueOf).toArray(String[]::new);
    }

    private static String lines(String command, String... messages) {
        StringBuilder sb = new StringBuilder();
        for (String m : messages) {
            sb.append("cookbook ").append(command).append(": ").append(m);
        }
        return sb.toString();
    }

    @Nested
    class RoundTrip {
        @ParameterizedTest
        @ValueSource(strings = {"des-cfb", "des-cfb8", "des3-cfb", "des3-cfb8", "arc4", "rc4"})
        void everyCipherThroughTheDefaultFormat(String cipher) throws IOException {
            plain(70_000);
            Path pw = pwFile("correct horse");
            Path enc = dir.resolve("plain.enc");
            Path out = dir.resolve("plain.out");
            Cli.Result e = Cli.run(
                    args("encrypt", "-c", cipher, "--pass", "file:" + pw, "--iter", 1000, "-i", plain, "-o", enc));
            assertEquals(0, e.exit(), e::toString);
            assertEquals("", e.out());
            Cli.Result d = Cli.run(args("decrypt", "--pass", "file:" + pw, "-i", enc, "-o", out));
            assertEquals(0, d.exit(), d::toString);
            assertArrayEquals(plainBytes, Files.readAllBytes(out));
            assertEquals(d.err(), e.err().replace("cookbook encrypt", "cookbook decrypt"), "one legacy warning each");
        }

        @Test
        void streamsThroughStdinAndStdoutWithThePasswordFromTheEnvironment() throws IOException {
            plain(5000);
            ByteArrayOutputStream cipherText = new ByteArrayOutputStream();
            Cli.Result e = Cli.run(
                    new ByteArrayInputStream(plainBytes),
                    cipherText,
                    false,
                    args("encrypt", "--iter", 1000, "--pass", "env:HOME"));
            assertEquals(0, e.exit(), e::toString);
            assertEquals(lines("encrypt", DES3_WARNING), e.err());
            Cli.Result d = Cli.run(cipherText.toByteArray(), "decrypt", "--pass", "env:HOME");
            assertEquals(0, d.exit(), d::toString);
            assertArrayEquals(plainBytes, d.stdout());
        }

        @Test
        void thePasswordMayComeFromStdinWhenTheDataDoesNot() throws IOException {
            plain(100);
            Path enc = dir.resolve("x.enc");
            byte[] pw = "s3cret\nthis line is not read\n".getBytes(UTF_8);
            assertEquals(
                    0,
                    Cli.run(pw, args("encrypt", "--iter", 1000, "--pass", "stdin", "-i", plain, "-o", enc))
                            .exit());
            Cli.Result d = Cli.run(pw, args("decrypt", "--pass", "stdin", "-i", enc));
            assertEquals(0, d.exit(), d::toString);
            assertArrayEquals(plainBytes, d.stdout());
        }

        @Test
        void rawKeysNeedNoPasswordAndAddNothing() throws IOException {
            plain(1000);
            Path enc = dir.resolve("raw.enc");
            String key = "000102030405060708090a0b0c0d0e0f1011121314151617";
            Cli.Result e = Cli.run(args("encrypt", "-K", key, "--iv", "0001020304050607", "-i", plain, "-o", enc));
            assertEquals(0, e.exit(), e::toString);
            assertEquals(1000, Files.size(enc));
            assertEquals(
                    lines(
                            "encrypt",
                            DES3_WARNING,
                            "warning: the raw format is not authenticated: decrypting cannot "
                                    + "detect a wrong key or tampering\n"),
                    e.err());
            Cli.Result d = Cli.run(args("decrypt", "-K", key, "--iv", "0001020304050607", "-i", enc));
            assertArrayEquals(plainBytes, d.stdout());
        }

        @Test
        void opensslFormatWithItsCommandLine() throws IOException {
            plain(300);
            Path pw = pwFile("pw");
            Path enc = dir.resolve("o.enc");
            Cli.Result e = Cli.run(args(
                    "encrypt",
                    "--openssl",
                    "-c",
                    "des-cfb",
                    "--pass",
                    "file:" + pw,
                    "-i",
                    plain,
                    "-o",
                    enc,
                    "--print-openssl"));
            assertEquals(0, e.exit(), e::toString);
            byte[] c = Files.readAllBytes(enc);
            assertEquals(316, c.length);
            assertEquals("Salted__", new String(c, 0, 8, UTF_8));
            String salt = java.util.HexFormat.of().formatHex(c, 8, 16);
            List<String> err = e.err().lines().toList();
            assertEquals(
                    "openssl enc -des-cfb -pbkdf2 -iter 10000 -md sha256 -S " + salt + " -pass env:PASSWORD "
                            + "-provider legacy -provider default -in " + plain + " -out " + enc,
                    err.get(err.size() - 1));
            Cli.Result d = Cli.run(
                    args("decrypt", "-c", "des-cfb", "--pbkdf2", "--pass", "file:" + pw, "-i", enc, "--print-openssl"));
            assertArrayEquals(plainBytes, d.stdout());
            assertTrue(
                    d.err()
                            .endsWith("openssl enc -d -des-cfb -pbkdf2 -iter 10000 -md sha256 -pass env:PASSWORD "
                                    + "-provider legacy -provider default -in " + enc + "\n"),
                    d::toString);
            assertTrue(
                    d.err()
                            .contains("warning: the openssl format is not authenticated: a wrong password or damaged "
                                    + "data gives garbage, not an error\n"),
                    d::toString);
        }
    }

    @Test
    void progressBarWhenAskedAndNeverOtherwise() throws IOException {
        Path enc = dir.resolve("p.enc");
        Path pw = pwFile("pw");
        // 80 KiB in slow 4 KiB pieces, so the bar's half-second delay passes while encrypting
        java.io.InputStream slow = new java.io.InputStream() {
            private int left = 80 << 10;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                try {
                    Thread.sleep(len > 1 ? 60 : 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                int n = Math.min(Math.min(len, 4096), left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        Cli.Result e = Cli.run(
                slow,
                new ByteArrayOutputStream(),
                false,
                args("encrypt", "--progress", "--iter", 1000, "--pass", "file:" + pw, "-o", enc));
        assertEquals(0, e.exit(), e::toString);
        assertTrue(
                e.err().contains(" KiB ")
                        && e.err().contains("/s\u001b[K")
                        && e.err().endsWith("\r\u001b[K"),
                e::toString);
        Cli.Result d = Cli.run(args("decrypt", "--pass", "file:" + pw, "-i", enc));
        assertEquals(0, d.exit(), d::toString);
        assertEquals(80 << 10, d.stdout().length);
        assertEquals(lines("decrypt", DES3_WARNING), d.err(), "no bar when stderr is not a terminal");
    }

    @Test
    void opensslsFormatIsReadOnlyWhenAskedForAndSaysWhatItAssumed() throws IOException {
        plain(64);
        Path pw = pwFile("pw");
        Path enc = dir.resolve("o.enc");
        Cli.Result e = Cli.run(args("encrypt", "--openssl", "--pass", "file:" + pw, "-i", plain, "-o", enc));
        assertEquals(0, e.exit(), e::toString);
        assertEquals(
                lines(
                        "encrypt",
                        DES3_WARNING,
                        "warning: the openssl format is not authenticated: decrypting cannot detect a wrong password "
                                + "or tampering\n",
                        "to decrypt: cookbook decrypt --openssl -c des3-cfb --pbkdf2, or openssl enc -d -des-ede3-cfb "
                                + "-pbkdf2 -iter 10000 -md sha256\n"),
                e.err());

        Cli.Result plainDecrypt = Cli.run(args("decrypt", "--pass", "file:" + pw, "-i", enc));
        assertEquals(3, plainDecrypt.exit(), plainDecrypt::toString);
        assertEquals(
                lines(
                        "decrypt",
                        enc + ": it is in openssl's format (it starts with 'Salted__'), not cookbook's: it does not "
                                + "record how it was encrypted\n",
                        "hint: add --openssl to read it with openssl enc's defaults, and -c, --pbkdf2, --iter or --md "
                                + "as it was made\n"),
                plainDecrypt.err());

        Cli.Result d = Cli.run(args("decrypt", "--pbkdf2", "--pass", "file:" + pw, "-i", enc));
        assertEquals(0, d.exit(), d::toString);
        assertArrayEquals(plainBytes, d.stdout());
        assertEquals(
                lines(
                        "decrypt",
                        DES3_WARNING,
                        "warning: openssl's format does not record how it was made: assumed des3-cfb (give -c if it "
                                + "was made otherwise)\n",
                        "warning: the openssl format is not authenticated: a wrong password or damaged data gives garbage, "
                                + "not an error\n"),
                d.err());
    }

    @Nested
    class Failures {
        private Path encrypted(String password) throws IOException {
            plain(200_000);
            Path enc = dir.resolve("plain.enc");
            Cli.Result e =
                    Cli.run(args("encrypt", "--iter", 1000, "--pass", "pass:" + password, "-i", plain, "-o", enc));
            assertEquals(0, e.exit(), e::toString);
            return enc;
        }

        @Test
        void aWrongPasswordIsExitThreeAndLeavesNoFile() throws IOException {
            Path enc = encrypted("right");
            Path out = dir.resolve("out.bin");
            Cli.Result d = Cli.run(args("decrypt", "--pass", "pass:wrong", "-i", enc, "-o", out));
            assertEquals(3, d.exit());
            assertEquals(
                    lines("decrypt", PASS_WARNING, enc + ": wrong password (or the file's header was changed)\n"),
                    d.err());
            assertFalse(Files.exists(out));
            assertEquals(List.of("plain.bin", "plain.enc"), listing());
        }

        @Test
        void aTamperedFileFailsAndKeepsTheOldOutputWhole() throws IOException {
            Path enc = encrypted("pw");
            byte[] c = Files.readAllBytes(enc);
            c[c.length - 100] ^= 1; // in the last chunk: earlier chunks decrypt before the failure
            Files.write(enc, c);
            Path out = Files.writeString(dir.resolve("out.bin"), "precious");
            Cli.Result d = Cli.run(args("decrypt", "--pass", "pass:pw", "-i", enc, "-o", out, "--force"));
            assertEquals(3, d.exit(), d::toString);
            assertEquals(
                    lines(
                            "decrypt",
                            PASS_WARNING,
                            enc + ": chunk 4 (plaintext from byte 196608) failed authentication: the file was "
                                    + "changed or truncated\n"),
                    d.err());
            assertEquals("precious", Files.readString(out));
            assertEquals(List.of("out.bin", "plain.bin", "plain.enc"), listing());
        }

        @Test
        void aTruncatedFileFails() throws IOException {
            Path enc = encrypted("pw");
            byte[] c = Files.readAllBytes(enc);
            Files.write(enc, java.util.Arrays.copyOf(c, c.length - 1));
            Cli.Result d = Cli.run(args("decrypt", "--pass", "pass:pw", "-i", enc));
            assertEquals(3, d.exit(), d::toString);
            assertTrue(
                    d.err()
                            .endsWith(enc + ": chunk 4 (plaintext from byte 196608) failed authentication: the file "
                                    + "was changed or truncated\n"),
                    d::toString);
            Files.write(enc, java.util.Arrays.copyOf(c, 40));
            Cli.Result header = Cli.run(args("decrypt", "--pass", "pass:pw", "-i", enc));
            assertEquals(3, header.exit(), header::toString);
            assertTrue(header.err().endsWith(enc + ": the file is cut short inside its header\n"), header::toString);
        }

        @Test
        void garbageIsNotAnEncryptedFileAndNoPasswordIsRead() throws IOException {
            plain(100);
            Cli.Result d = Cli.run(args("decrypt", "--pass", "pass:pw", "-i", plain));
            assertEquals(3, d.exit());
            assertEquals(
                    lines("decrypt", plain + ": not encrypted by cookbook or 'openssl enc': no header\n"), d.err());
        }

        @Test
        void anExistingOutputNeedsForceAndTheInputIsNeverItsOwnOutput() throws IOException {
            plain(10);
            Path out = Files.writeString(dir.resolve("exists"), "keep me");
            Cli.Result r = Cli.run(args("encrypt", "--pass", "pass:x", "-i", plain, "-o", out));
            assertEquals(2, r.exit());
            assertEquals(
                    "cookbook encrypt: " + out + " exists: add --force to replace it\n"
                            + "cookbook encrypt: hint: see 'cookbook encrypt --help'\n",
                    r.err().replace(lines("encrypt", DES3_WARNING, PASS_WARNING), ""));
            assertEquals("keep me", Files.readString(out));
            Cli.Result same = Cli.run(args("encrypt", "--pass", "pass:x", "-i", plain, "-o", plain, "--force"));
            assertEquals(2, same.exit());
            assertTrue(
                    same.err().contains("cookbook encrypt: " + plain + " is both the input and the output\n"),
                    same::toString);
            assertArrayEquals(plainBytes, Files.readAllBytes(plain));
        }

        @Test
        void anOutputInAMissingDirectoryIsAnIoErrorNamingIt() throws IOException {
            plain(10);
            Path out = dir.resolve("no/such/dir/x.enc");
            Cli.Result r = Cli.run(args("encrypt", "--iter", 1000, "--pass", "env:HOME", "-i", plain, "-o", out));
            assertEquals(4, r.exit(), r::toString);
            assertEquals(lines("encrypt", out + ": No such file or directory\n"), r.err());
        }

        @Test
        void refusesCiphertextOnATerminal() throws IOException {
            plain(10);
            Cli.Result r = Cli.run(
                    new ByteArrayInputStream(new byte[0]),
                    new ByteArrayOutputStream(),
                    false,
                    true,
                    args("encrypt", "--pass", "pass:x", "-i", plain));
            assertEquals(2, r.exit());
            assertTrue(
                    r.err()
                            .contains("cookbook encrypt: refusing to write binary data to a terminal: give -o FILE "
                                    + "(or -o - to insist)\n"),
                    r::toString);
        }

        @Test
        void withoutAPasswordOrATerminalItIsAUsageError() throws IOException {
            plain(10);
            Cli.Result r = Cli.run(args("encrypt", "-i", plain));
            assertEquals(2, r.exit());
            assertEquals(
                    lines(
                            "encrypt",
                            "no password: give --pass SPEC (env:NAME, file:PATH, fd:N, stdin) or run on a terminal\n",
                            "hint: see 'cookbook encrypt --help'\n"),
                    r.err());
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "--pass env:COOKBOOK_NO_SUCH_VARIABLE | --pass env:COOKBOOK_NO_SUCH_VARIABLE: no such environment variable",
                    "--pass secret                        | --pass: unknown source 'secret': use env:NAME, file:PATH, fd:N, stdin or pass:TEXT",
                    "--pass fd:x                          | --pass fd:N needs a file descriptor number, not 'x'",
                    "--pass pass:x --kdf evp              | --kdf applies to --openssl only (the cookbook format always uses PBKDF2-HMAC-SHA-256)",
                    "--pass pass:x --md sha1              | --md applies to --openssl only (the cookbook format always uses PBKDF2-HMAC-SHA-256)",
                    "--pass pass:x --pbkdf2               | --pbkdf2 applies to --openssl only (the cookbook format always uses PBKDF2-HMAC-SHA-256)",
                    "--pass pass:x --openssl --kdf evp --iter 5 | --iter applies to pbkdf2 only (openssl's EVP_BytesToKey runs once)",
                    "--pass pass:x --openssl --kdf evp --pbkdf2 | --pbkdf2 and --kdf evp name two different key derivations: give one",
                    "--pass pass:x --openssl -A           | -A goes with -a",
                    "--pass pass:x --openssl --md whirlpool | invalid value for option '--md': unknown digest 'whirlpool': use md5, sha1, sha224, sha256, sha384 or sha512",
                    "--pass pass:x --iter 0               | --iter must be from 1 to 100000000, not 0",
                    "--pass pass:x --iter 100000001       | --iter must be from 1 to 100000000, not 100000001",
                    "--pass pass:x --iv 00                | --iv goes with -K",
                    "-K 00 --openssl                      | -K is a raw key: --openssl, --kdf, --pbkdf2, --md and --iter do not apply",
                    "-K 00 --md md5                       | -K is a raw key: --openssl, --kdf, --pbkdf2, --md and --iter do not apply",
                    "-K 0011                              | -K must be 24 bytes (48 hex digits) for des3-cfb, not 2",
                    "-K zz                                | -K must be hexadecimal digits, an even number of them",
                    "-c arc4 -K 000102030405060708090a0b0c0d0e0f --iv 00 | arc4 takes no IV: drop --iv",
                    "-c des-cfb -K 0001020304050607       | des-cfb needs --iv HEX with -K (16 hex digits)",
                    "--pass pass:x --print-openssl        | --print-openssl needs --openssl or -K: the cookbook format has no openssl equivalent",
                    "-c des5                              | invalid value for option '--cipher': unknown cipher 'des5' (see --list)",
                })
        void conflictsAreUsageErrors(String options, String message) throws IOException {
            plain(10);
            List<String> a = new ArrayList<>(List.of("encrypt", "-i", plain.toString(), "-o", dir + "/o"));
            a.addAll(List.of(options.trim().split(" +")));
            Cli.Result r = Cli.run(a.toArray(String[]::new));
            assertEquals(2, r.exit(), r::toString);
            assertTrue(
                    r.err()
                            .endsWith("cookbook encrypt: " + message + "\ncookbook encrypt: hint: see 'cookbook "
                                    + "encrypt --help'\n"),
                    r::toString);
            assertFalse(Files.exists(dir.resolve("o")));
        }

        private List<String> listing() throws IOException {
            try (Stream<Path> s = Files.list(dir)) {
                return s.map(p -> p.getFileName().toString())
                        .filter(n -> !n.equals("pw.txt"))
                        .sorted()
                        .toList();
            }
        }
    }

    @Test
    void listsTheCiphers() {
        Cli.Result r = Cli.run("encrypt", "--list");
        assertEquals(0, r.exit());
        assertEquals("""
                des-cfb    openssl des-cfb        key  8 bytes, IV 8 bytes
                des-cfb8   openssl des-cfb8       key  8 bytes, IV 8 bytes
                des3-cfb   openssl des-ede3-cfb   key 24 bytes, IV 8 bytes
                des3-cfb8  openssl des-ede3-cfb8  key 24 bytes, IV 8 bytes
                des-cbc    openssl des-cbc        key  8 bytes, IV 8 bytes
                des3-cbc   openssl des-ede3-cbc   key 24 bytes, IV 8 bytes
                arc4       openssl rc4            key 16 bytes, IV 0 bytes
                """, r.out());
        assertEquals("", r.err());
    }
}
