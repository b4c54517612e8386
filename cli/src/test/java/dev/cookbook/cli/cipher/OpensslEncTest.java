package dev.cookbook.cli.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Binary;
import dev.cookbook.cli.Cli;
import dev.cookbook.cli.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code encrypt}/{@code decrypt} against the real {@code openssl enc}, for every cipher, key
 * derivation and digest, with and without base64, both ways: each command line maps to the very
 * options openssl takes. cookbook runs in-process; openssl as itself.
 */
class OpensslEncTest {
    private static final String PASSWORD = "Tr0ub4dor & 3 ünïcode";
    private static final List<String> LEGACY = List.of("-provider", "legacy", "-provider", "default");
    private static final List<String> CIPHERS =
            List.of("des-cfb", "des-cfb8", "des3-cfb", "des3-cfb8", "des-cbc", "des3-cbc", "arc4");
    private static final List<String> DIGESTS = List.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512");

    @TempDir
    Path dir;

    private byte[] plain;
    private Path plainFile;
    private Path pass;

    @BeforeEach
    void files() throws IOException {
        plain = new byte[70_001];
        new Random(7).nextBytes(plain);
        plainFile = Files.write(dir.resolve("plain"), plain);
        pass = Files.writeString(dir.resolve("pass"), PASSWORD + "\n");
    }

    private static String opensslName(String cipher) {
        return switch (cipher) {
            case "des3-cfb" -> "des-ede3-cfb";
            case "des3-cfb8" -> "des-ede3-cfb8";
            case "des3-cbc" -> "des-ede3-cbc";
            case "arc4" -> "rc4";
            default -> cipher;
        };
    }

    private Binary.Result openssl(List<String> args) {
        Tools.require("openssl");
        List<String> command = new ArrayList<>(List.of("openssl", "enc"));
        command.addAll(args);
        command.addAll(LEGACY);
        return Binary.exec(dir, Map.of(), null, command);
    }

    private static Cli.Result cookbook(List<String> args) {
        return Cli.run(args.toArray(String[]::new));
    }

    /** One way of deriving the key, as cookbook and openssl each spell it. */
    record Derivation(String name, List<String> ours, List<String> theirs) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Derivation> derivations() {
        List<Derivation> all = new ArrayList<>();
        for (String md : DIGESTS) {
            // encrypt's own default is PBKDF2, so EVP_BytesToKey is named; decrypt's --md alone means it
            all.add(new Derivation("evp " + md, List.of("--kdf", "evp", "--md", md), List.of("-md", md)));
            all.add(new Derivation(
                    "pbkdf2 " + md,
                    List.of("--pbkdf2", "--iter", "1000", "-md", md),
                    List.of("-pbkdf2", "-iter", "1000", "-md", md)));
        }
        return all;
    }

    /** base64 as cookbook and openssl spell it. */
    enum Text {
        BINARY(List.of(), List.of()),
        BASE64(List.of("-a"), List.of("-a")),
        ONE_LINE(List.of("-a", "-A"), List.of("-a", "-A"));

        final List<String> ours;
        final List<String> theirs;

        Text(List<String> ours, List<String> theirs) {
            this.ours = ours;
            this.theirs = theirs;
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (String cipher : CIPHERS) {
            for (Derivation d : derivations()) {
                for (Text t : Text.values()) {
                    all.add(Arguments.of(cipher, d, t));
                }
            }
        }
        return all.stream();
    }

    private static List<String> concat(List<?>... parts) {
        List<String> out = new ArrayList<>();
        for (List<?> p : parts) {
            p.forEach(x -> out.add(x.toString()));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("matrix")
    @DisplayName("cookbook encrypt --openssl, openssl enc -d with the same options")
    void opensslDecryptsOurs(String cipher, Derivation d, Text t) throws IOException {
        Path ours = dir.resolve("ours.enc");
        Cli.Result e = cookbook(concat(
                List.of("encrypt", "--openssl", "-c", cipher),
                d.ours(),
                t.ours,
                List.of("--pass", "file:" + pass, "-o", ours, plainFile)));
        assertEquals(0, e.exit(), e::toString);
        Binary.Result r = openssl(concat(
                List.of("-d", "-" + opensslName(cipher)),
                d.theirs(),
                t.theirs,
                List.of("-pass", "file:" + pass, "-in", ours)));
        assertEquals(0, r.exit(), r::toString);
        assertArrayEquals(plain, r.stdout());
        if (t != Text.BINARY) {
            String text = Files.readString(ours, StandardCharsets.US_ASCII);
            assertTrue(text.startsWith("U2FsdGVkX1"), text);
            assertEquals(t == Text.BASE64, text.endsWith("\n"));
            assertTrue(text.lines().allMatch(l -> l.length() <= (t == Text.BASE64 ? 64 : Integer.MAX_VALUE)));
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("matrix")
    @DisplayName("openssl enc, cookbook decrypt with the same options; -a reads either layout")
    void weDecryptOpenssls(String cipher, Derivation d, Text t) throws IOException {
        Path theirs = dir.resolve("theirs.enc");
        Binary.Result r = openssl(concat(
                List.of("-" + opensslName(cipher)),
                d.theirs(),
                t.theirs,
                List.of("-pass", "file:" + pass, "-in", plainFile, "-out", theirs)));
        assertEquals(0, r.exit(), r::toString);
        Cli.Result c = cookbook(concat(
                List.of("decrypt", "-c", cipher),
                d.ours(),
                t == Text.BINARY ? List.of() : List.of("-a"),
                List.of("--pass", "file:" + pass, theirs)));
        assertEquals(0, c.exit(), c::toString);
        assertArrayEquals(plain, c.stdout());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciphers")
    @DisplayName("a plain 'openssl enc -pass' file opens with --openssl alone, which says what it assumed")
    void opensslDefaults(String cipher) throws IOException {
        Path theirs = dir.resolve("theirs.enc");
        Binary.Result r = openssl(List.of(
                "-" + opensslName(cipher),
                "-pass",
                "file:" + pass,
                "-in",
                plainFile.toString(),
                "-out",
                theirs.toString()));
        assertEquals(0, r.exit(), r::toString);
        Cli.Result c =
                cookbook(List.of("decrypt", "--openssl", "-c", cipher, "--pass", "file:" + pass, theirs.toString()));
        assertEquals(0, c.exit(), c::toString);
        assertArrayEquals(plain, c.stdout());
        assertTrue(
                c.err()
                        .contains(
                                "cookbook decrypt: warning: openssl's format does not record how it was made: assumed "
                                        + "EVP_BytesToKey over sha256, openssl enc's default (give --pbkdf2, --iter, --md if it "
                                        + "was made otherwise)\n"),
                c::toString);
    }

    static Stream<String> ciphers() {
        return CIPHERS.stream();
    }

    @Test
    @DisplayName(
            "the issue's own example: openssl enc -des-ede3-cfb without options, read with --md sha256 or defaults")
    void issueExample() throws IOException {
        Path theirs = dir.resolve("f.enc");
        assertEquals(
                0,
                openssl(List.of(
                                "-des-ede3-cfb",
                                "-pass",
                                "file:" + pass,
                                "-in",
                                plainFile.toString(),
                                "-out",
                                theirs.toString()))
                        .exit());
        Cli.Result old = cookbook(List.of(
                "decrypt",
                "-c",
                "des3-cfb",
                "--kdf",
                "evp",
                "--md",
                "md5",
                "--pass",
                "file:" + pass,
                "-i",
                theirs.toString()));
        assertEquals(0, old.exit(), "md5 is the wrong digest, which nothing can detect");
        assertFalse(Arrays.equals(plain, old.stdout()));
        Cli.Result right = cookbook(List.of("decrypt", "--openssl", "--pass", "file:" + pass, "-i", theirs.toString()));
        assertEquals(0, right.exit(), right::toString);
        assertArrayEquals(plain, right.stdout());
    }

    /** The {@code openssl enc} command --print-openssl printed. */
    private static String printed(Cli.Result r) {
        return r.err()
                .lines()
                .filter(l -> l.startsWith("openssl enc "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no openssl command printed: " + r));
    }

    @Test
    @DisplayName("--print-openssl: the printed command reads our file, and with its -S writes our ciphertext")
    void printedCommandsAreExact() throws IOException {
        Path ours = dir.resolve("ours.enc");
        Cli.Result e = cookbook(List.of(
                "encrypt",
                "--openssl",
                "-c",
                "des-cfb8",
                "--md",
                "sha512",
                "--iter",
                "777",
                "-a",
                "--pass",
                "file:" + pass,
                "-o",
                ours.toString(),
                "--print-openssl",
                plainFile.toString()));
        assertEquals(0, e.exit(), e::toString);
        String command = printed(e);
        String salt = HexFormat.of().formatHex(Base64.getMimeDecoder().decode(Files.readString(ours)), 8, 16);
        assertEquals(
                "openssl enc -des-cfb8 -pbkdf2 -iter 777 -md sha512 -a -S " + salt
                        + " -pass env:PASSWORD -provider legacy -provider default -in " + plainFile + " -out " + ours,
                command);
        // OpenSSL writes no Salted__ header for a salt given with -S: the rest is ours, byte for byte.
        Binary.Result again = Binary.exec(
                dir,
                Map.of("PASSWORD", PASSWORD),
                null,
                List.of("sh", "-c", command.replace(" -a ", " ").replace("-out " + ours, "-out theirs.bin")));
        assertEquals(0, again.exit(), again::toString);
        byte[] decoded = Base64.getMimeDecoder().decode(Files.readString(ours));
        assertArrayEquals(
                Arrays.copyOfRange(decoded, 16, decoded.length), Files.readAllBytes(dir.resolve("theirs.bin")));

        Cli.Result d = cookbook(List.of(
                "decrypt",
                "-c",
                "des-cfb8",
                "--md",
                "sha512",
                "--iter",
                "777",
                "-a",
                "--pass",
                "file:" + pass,
                "--print-openssl",
                ours.toString()));
        assertEquals(0, d.exit(), d::toString);
        String back = printed(d);
        assertEquals(
                "openssl enc -d -des-cfb8 -pbkdf2 -iter 777 -md sha512 -a -pass env:PASSWORD -provider legacy "
                        + "-provider default -in " + ours,
                back);
        Binary.Result theirs = Binary.exec(dir, Map.of("PASSWORD", PASSWORD), null, List.of("sh", "-c", back));
        assertEquals(0, theirs.exit(), theirs::toString);
        assertArrayEquals(plain, theirs.stdout());
    }

    @Test
    @DisplayName("openssl's own spellings work as copied: -pbkdf2 -iter N -md D -base64")
    void opensslSpellings() throws IOException {
        Path theirs = dir.resolve("theirs.b64");
        Binary.Result r = openssl(List.of(
                "-des-ede3-cfb",
                "-pbkdf2",
                "-iter",
                "3000",
                "-md",
                "sha1",
                "-base64",
                "-pass",
                "file:" + pass,
                "-in",
                plainFile.toString(),
                "-out",
                theirs.toString()));
        assertEquals(0, r.exit(), r::toString);
        Cli.Result c = cookbook(List.of(
                "decrypt",
                "-c",
                "des-ede3-cfb",
                "-pbkdf2",
                "-iter",
                "3000",
                "-md",
                "sha1",
                "-base64",
                "--pass",
                "file:" + pass,
                theirs.toString()));
        assertEquals(0, c.exit(), c::toString);
        assertArrayEquals(plain, c.stdout());
    }
}
