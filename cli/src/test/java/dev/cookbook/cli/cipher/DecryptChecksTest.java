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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What decrypt checks before it would print garbage, and what it asks for: the input's format
 * and encoding against the options, openssl's header cut short, the padding of CBC, the key a
 * file encrypted to public keys needs; and RC4 raw keys of any length (the reference recipe's).
 */
class DecryptChecksTest {
    private static final List<String> LEGACY = List.of("-provider", "legacy", "-provider", "default");

    @TempDir
    Path dir;

    private Path plain;
    private Path pass;

    @BeforeEach
    void files() throws IOException {
        plain = Files.writeString(dir.resolve("plain.txt"), "attack at dawn\n".repeat(100));
        pass = Files.writeString(dir.resolve("pass"), "pw\n");
    }

    private Path openssl(String out, String... args) {
        Tools.require("openssl");
        List<String> command = new ArrayList<>(List.of("openssl", "enc"));
        command.addAll(List.of(args));
        command.addAll(List.of("-pass", "file:" + pass, "-in", plain.toString(), "-out", out));
        command.addAll(LEGACY);
        Binary.Result r = Binary.exec(dir, Map.of(), null, command);
        assertEquals(0, r.exit(), r::toString);
        return dir.resolve(out);
    }

    private static Cli.Result run(Object... args) {
        return Cli.run(Arrays.stream(args).map(Object::toString).toArray(String[]::new));
    }

    private static void fails(Cli.Result r, int exit, String... lines) {
        assertEquals(exit, r.exit(), r::toString);
        StringBuilder expected = new StringBuilder();
        for (String l : lines) {
            expected.append("cookbook decrypt: ").append(l).append('\n');
        }
        assertEquals(expected.toString(), r.err());
        assertEquals(0, r.stdout().length);
    }

    @Test
    @DisplayName("openssl -a output without -a: exit 3 and a hint; with -a it decrypts")
    void base64WithoutA() throws IOException {
        Path b64 = openssl("f.b64", "-des-ede3-cfb", "-a");
        Path out = dir.resolve("out");
        fails(
                run("decrypt", "--openssl", "--pass", "file:" + pass, "-o", out, b64),
                3,
                b64 + ": base64 text, not binary data: it starts with 'U2FsdGVkX1', which is 'Salted__' in base64",
                "hint: add -a: it is base64 text, as 'openssl enc -a' writes it");
        assertFalse(Files.exists(out));
        Cli.Result ok = run("decrypt", "--openssl", "-a", "-q", "--pass", "file:" + pass, b64);
        assertEquals(0, ok.exit(), ok::toString);
        assertArrayEquals(Files.readAllBytes(plain), ok.stdout());
    }

    @Test
    @DisplayName("binary given -a, and text that is not base64: exit 3 naming the line")
    void binaryWithA() throws IOException {
        Path bin = openssl("f.bin", "-rc4");
        fails(
                run("decrypt", "--openssl", "-a", "-c", "rc4", "--pass", "file:" + pass, bin),
                3,
                bin + ": binary data, not base64 text (it starts with 'Salted__')",
                "hint: drop -a: the file is binary");
        Path junk = Files.writeString(dir.resolve("junk.b64"), "U2FsdGVkX1+abc\nnot base64!\n");
        fails(
                run("decrypt", "--openssl", "-a", "-c", "rc4", "--pass", "file:" + pass, junk),
                3,
                junk + ": not base64: line 2 has '!', which is not a base64 character");
    }

    @Test
    @DisplayName("a Salted__ header with nothing after the salt is an error, not an empty output")
    void nothingAfterTheSalt() throws IOException {
        Path enc = openssl("f.enc", "-des-ede3-cfb");
        byte[] header = Arrays.copyOf(Files.readAllBytes(enc), 16);
        Path cut = Files.write(dir.resolve("cut.enc"), header);
        Path out = dir.resolve("out");
        fails(
                run("decrypt", "--openssl", "-q", "--pass", "file:" + pass, "-o", out, cut),
                3,
                cut + ": nothing after the salt: the file was cut short (or encrypts an empty file, which nothing "
                        + "can tell apart)");
        assertFalse(Files.exists(out));
    }

    @Test
    @DisplayName("a file in one format read as another: exit 3 with the option to change, before any password")
    void formatsAreChecked() throws IOException {
        Path salted = openssl("f.enc", "-des-ede3-cfb");
        fails(
                run("decrypt", "-c", "des3-cfb", "-K", "00".repeat(24), "--iv", "00".repeat(8), salted),
                3,
                salted
                        + ": it starts with openssl's 'Salted__' header: it was encrypted with a password, not a raw key",
                "hint: drop -K and --iv, and give --openssl with --pass");
        Path ours = dir.resolve("ours.enc");
        assertEquals(
                0,
                run("encrypt", "--iter", 1000, "--pass", "file:" + pass, "-o", ours, plain)
                        .exit());
        fails(
                run("decrypt", "--openssl", "--pass", "env:COOKBOOK_NOT_SET", ours),
                3,
                ours + ": it is in the cookbook format (it starts with 'CKBK-ENC'), not openssl's",
                "hint: drop --openssl, --kdf, --pbkdf2, --md and --iter: the cookbook format records how it was made");
        fails(
                run("decrypt", "--md", "md5", "--pass", "env:COOKBOOK_NOT_SET", ours),
                3,
                ours + ": it is in the cookbook format (it starts with 'CKBK-ENC'), not openssl's",
                "hint: drop --openssl, --kdf, --pbkdf2, --md and --iter: the cookbook format records how it was made");
    }

    @Test
    @DisplayName("CBC (openssl's -des3): a wrong password fails its padding, exit 3, no output file")
    void cbcPaddingIsTheCheck() throws IOException {
        Path enc = openssl("f.enc", "-des3");
        Path out = dir.resolve("out");
        Path wrong = Files.writeString(dir.resolve("wrong"), "wrong\n");
        fails(
                run("decrypt", "--openssl", "-c", "des3", "-q", "--pass", "file:" + wrong, "-o", out, enc),
                3,
                enc + ": wrong password or key, or another key derivation than the file's, or damaged data: the "
                        + "padding at its end does not check out",
                "hint: openssl's format records only its salt: check -c, --md, --pbkdf2 and --iter against how it was "
                        + "made");
        assertFalse(Files.exists(out));
        Cli.Result ok = run("decrypt", "--openssl", "-c", "des3", "--pass", "file:" + pass, "-o", out, enc);
        assertEquals(0, ok.exit(), ok::toString);
        assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(out));
        assertTrue(
                ok.err()
                        .endsWith("cookbook decrypt: warning: the openssl format is not authenticated: CBC's padding "
                                + "check at its end catches most wrong passwords, not damage\n"),
                ok::toString);
    }

    @Test
    @DisplayName("a file encrypted to public keys asks for --identity, never for a password; and the reverse")
    void theHeaderSaysWhatItNeeds() throws IOException {
        Path key = dir.resolve("k.pem");
        Path pub = dir.resolve("k.pub.pem");
        assertEquals(
                0,
                run("key", "gen", "--bits", 2048, "-o", key, "--pub-out", pub).exit());
        Path toKeys = dir.resolve("r.enc");
        assertEquals(0, run("encrypt", "--recipient", pub, "-o", toKeys, plain).exit());
        Path out = dir.resolve("out");
        fails(
                run("decrypt", "-o", out, toKeys),
                2,
                toKeys + " is encrypted to public keys: give --identity KEY, the private key of one of them");
        assertFalse(Files.exists(out));
        Cli.Result ok = run("decrypt", "--identity", key, toKeys);
        assertEquals(0, ok.exit(), ok::toString);
        assertArrayEquals(Files.readAllBytes(plain), ok.stdout());

        Path withPassword = dir.resolve("p.enc");
        assertEquals(
                0,
                run("encrypt", "--iter", 1000, "--pass", "file:" + pass, "-o", withPassword, plain)
                        .exit());
        fails(
                run("decrypt", "--identity", dir.resolve("no-such-key.pem"), withPassword),
                2,
                withPassword + " is encrypted with a password, not to public keys: drop --identity");
    }

    @Test
    @DisplayName("the reference recipe's ARC4.new('01234567'): an 8-byte raw key, pycrypto's published ciphertext")
    void rc4RecipeVector() throws IOException {
        byte[] text = "abcdefghijklmnop".getBytes(StandardCharsets.US_ASCII);
        String key = HexFormat.of().formatHex("01234567".getBytes(StandardCharsets.US_ASCII));
        Cli.Result e = Cli.run(text, "encrypt", "-q", "-c", "arc4", "-K", key, "-o", "-");
        assertEquals(0, e.exit(), e::toString);
        assertEquals("f0b7907b234142585939d0369fc08c20", HexFormat.of().formatHex(e.stdout()));
        Cli.Result d = Cli.run(e.stdout(), "decrypt", "-q", "-c", "arc4", "-K", key);
        assertEquals(0, d.exit(), d::toString);
        assertArrayEquals(text, d.stdout());
        // openssl pads a short -rc4 -K with zeros: what it computes is the 16-byte key's stream
        Path in = Files.write(dir.resolve("abc"), text);
        Tools.require("openssl");
        Binary.Result theirs = Binary.exec(
                dir, Map.of(), null, concat(List.of("openssl", "enc", "-rc4", "-K", key, "-in", in.toString())));
        Cli.Result padded = Cli.run(text, "encrypt", "-q", "-c", "arc4", "-K", key + "0".repeat(16), "-o", "-");
        assertArrayEquals(padded.stdout(), theirs.stdout());
        assertFalse(Arrays.equals(e.stdout(), theirs.stdout()));
    }

    @Test
    @DisplayName("RC4 raw keys of 1 to 256 bytes; --print-openssl says openssl cannot use other lengths than 16")
    void rc4KeyLengths() throws IOException {
        assertEquals(
                0,
                Cli.run(new byte[] {1}, "encrypt", "-q", "-c", "arc4", "-K", "01", "-o", "-")
                        .exit());
        assertEquals(
                0,
                Cli.run(new byte[] {1}, "encrypt", "-q", "-c", "arc4", "-K", "ab".repeat(256), "-o", "-")
                        .exit());
        Cli.Result tooLong = Cli.run(new byte[] {1}, "encrypt", "-c", "arc4", "-K", "ab".repeat(257), "-o", "-");
        assertEquals(2, tooLong.exit());
        assertTrue(
                tooLong.err()
                        .startsWith("cookbook encrypt: -K must be 1 to 256 bytes (2 to 512 hex digits) for arc4, "
                                + "not 257\n"),
                tooLong::toString);
        Cli.Result print = Cli.run(
                new byte[] {1}, "encrypt", "-c", "arc4", "-K", "3031323334353637", "-o", "-", "--print-openssl");
        assertEquals(0, print.exit(), print::toString);
        assertTrue(
                print.err()
                        .endsWith(
                                "cookbook encrypt: warning: --print-openssl: openssl enc -rc4 pads or cuts -K to "
                                        + "16 bytes, so no openssl command uses this key; give 32 hex digits for openssl interop\n"),
                print::toString);
    }

    private static List<String> concat(List<String> a) {
        List<String> out = new ArrayList<>(a);
        out.addAll(LEGACY);
        return out;
    }
}
