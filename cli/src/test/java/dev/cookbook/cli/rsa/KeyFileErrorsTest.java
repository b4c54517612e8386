package dev.cookbook.cli.rsa;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.cookbook.cli.Cli;
import dev.cookbook.cli.Tools;
import dev.cookbook.crypto.rsa.KeyFiles;
import dev.cookbook.crypto.rsa.KeyFormat;
import dev.cookbook.crypto.rsa.RsaKey;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A key file that is no key, given to every command that reads one: one line that names the key
 * file (not the data file), says in words what is wrong, and exit 3; an unreadable one, exit 4.
 */
class KeyFileErrorsTest {
    @TempDir
    static Path dir;

    private static Path data;
    private static Path signature;
    private static Path encrypted;
    private static Path pub;
    private static byte[] der;
    private static byte[] certificate;

    @BeforeAll
    static void files() throws Exception {
        KeyPair pair = KeyFiles.generate(2048, new SecureRandom());
        RsaKey key = KeyFiles.of(pair);
        Path pem = Files.write(dir.resolve("key.pem"), KeyFiles.write(key, KeyFormat.PKCS8, true, null));
        pub = Files.write(dir.resolve("key.pub.pem"), KeyFiles.write(key, KeyFormat.SPKI, true, null));
        der = KeyFiles.write(key, KeyFormat.PKCS8, false, null);
        data = Files.writeString(dir.resolve("data.txt"), "some data\n");
        signature = dir.resolve("data.sig");
        assertEquals(
                0,
                Cli.run("sign", "--key", pem.toString(), "-o", signature.toString(), data.toString())
                        .exit());
        encrypted = dir.resolve("data.enc");
        assertEquals(
                0,
                Cli.run("encrypt", "--recipient", pub.toString(), "-i", data.toString(), "-o", encrypted.toString())
                        .exit());
        certificate = new JcaX509v3CertificateBuilder(
                        new X500Name("CN=test"),
                        BigInteger.ONE,
                        new Date(),
                        new Date(System.currentTimeMillis() + 86_400_000L),
                        new X500Name("CN=test"),
                        pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()))
                .getEncoded();
    }

    /** The commands that read a key file, with {@code KEY} where it goes. */
    private static final List<List<String>> COMMANDS = List.of(
            List.of("key", "inspect", "KEY"),
            List.of("key", "pub", "KEY"),
            List.of("key", "convert", "--to", "pkcs1", "KEY"),
            List.of("sign", "--key", "KEY", "DATA"),
            List.of("verify", "--key", "KEY", "--signature", "SIG", "DATA"),
            List.of("decrypt", "--identity", "KEY", "-i", "ENC"),
            List.of("encrypt", "--recipient", "KEY", "-i", "DATA"));

    private static String[] args(List<String> command, Path key) {
        return command.stream()
                .map(a -> switch (a) {
                    case "KEY" -> key.toString();
                    case "DATA" -> data.toString();
                    case "SIG" -> signature.toString();
                    case "ENC" -> encrypted.toString();
                    default -> a;
                })
                .toArray(String[]::new);
    }

    private static String name(List<String> command) {
        return command.get(0).equals("key") ? "key " + command.get(1) : command.get(0);
    }

    private static byte[] pem(String type, byte[] body) {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(body);
        return ("-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n").getBytes(US_ASCII);
    }

    static Stream<Arguments> junk() {
        byte[] random = new byte[300];
        new SecureRandom().nextBytes(random);
        random[0] = 0x01; // never a DER SEQUENCE
        String pem = new String(pem("PRIVATE KEY", der), US_ASCII);
        int cert = certificate.length;
        int half = cert / 2;
        return Stream.of(
                Arguments.of(
                        "a PEM body of junk",
                        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n".getBytes(US_ASCII),
                        "not a valid key file: the PRIVATE KEY block is damaged: it holds no DER structure"),
                Arguments.of(
                        "a PEM body that is not base64",
                        "-----BEGIN PRIVATE KEY-----\n!!!! not base64 @@@@\n-----END PRIVATE KEY-----\n"
                                .getBytes(US_ASCII),
                        "not a valid key file: the PEM body is not valid base64"),
                Arguments.of(
                        "a PEM key truncated, with its END line",
                        pem("PRIVATE KEY", Arrays.copyOf(der, 432)),
                        "not a valid key file: the PRIVATE KEY block is truncated: 432 of its " + der.length
                                + " bytes"),
                Arguments.of(
                        "a PEM key cut short",
                        pem.substring(0, pem.length() / 2).getBytes(US_ASCII),
                        "not a valid key file: no '-----END PRIVATE KEY-----' line: the file is cut short"),
                Arguments.of(
                        "a truncated DER key",
                        Arrays.copyOf(der, 500),
                        "not a valid key file: truncated DER: 500 of its " + der.length + " bytes"),
                Arguments.of(
                        "a certificate cut in half, in PEM",
                        pem("CERTIFICATE", Arrays.copyOf(certificate, half)),
                        "not a valid key file: the CERTIFICATE block is truncated: " + half + " of its " + cert
                                + " bytes"),
                Arguments.of(
                        "a certificate cut in half, in DER",
                        Arrays.copyOf(certificate, half),
                        "not a valid key file: truncated DER: " + half + " of its " + cert + " bytes"),
                Arguments.of(
                        "a certificate request",
                        pem("CERTIFICATE REQUEST", new byte[] {0x30, 0}),
                        "not a key file: PEM block 'CERTIFICATE REQUEST'"),
                Arguments.of("an empty file", new byte[0], "not a valid key file: the file is empty"),
                Arguments.of("random bytes", random, "not a valid key file: neither PEM nor DER"),
                Arguments.of(
                        "a text file",
                        "Dear Bob,\nthe key is in the usual place.\n".getBytes(US_ASCII),
                        "not a valid key file: neither PEM nor DER"),
                Arguments.of(
                        "a file of 2 MB",
                        new byte[2 << 20],
                        "not a valid key file: larger than 1 MiB, far more than any key"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("junk")
    void junkIsBadDataInTheKeyFilesName(String what, byte[] content, String message) throws Exception {
        Path key = Files.write(dir.resolve("junk.key"), content);
        for (List<String> command : COMMANDS) {
            Cli.Result r = Cli.run(args(command, key));
            assertEquals(3, r.exit(), () -> command + "\n" + r);
            assertEquals("cookbook " + name(command) + ": " + key + ": " + message + "\n", r.err(), command::toString);
        }
    }

    /** Issue 12: "Is a directory" alone did not say that a key file was wanted. */
    @Test
    void aDirectoryIsAnIoErrorInItsName() {
        for (List<String> command : COMMANDS) {
            Cli.Result r = Cli.run(args(command, dir));
            assertEquals(4, r.exit(), () -> command + "\n" + r);
            assertEquals(
                    "cookbook " + name(command) + ": " + dir + ": is a directory, not a key file\n",
                    r.err(),
                    command::toString);
        }
    }

    /**
     * Issue 12: a key of another algorithm, as openssl writes it, is named for what it is, in
     * words that fit every command that reads a key.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("otherAlgorithms")
    void aKeyOfAnotherAlgorithmIsNamedForWhatItHolds(String file, List<String> openssl, String holds) throws Exception {
        Tools.require("openssl");
        Path key = dir.resolve(file);
        for (String step : openssl) {
            List<String> command = new java.util.ArrayList<>(List.of("openssl"));
            command.addAll(List.of(step.split(" ")));
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertEquals(0, p.waitFor(), () -> String.join(" ", command));
        }
        for (List<String> command : COMMANDS) {
            Cli.Result r = Cli.run(args(command, key));
            assertEquals(3, r.exit(), () -> command + "\n" + r);
            assertEquals(
                    "cookbook " + name(command) + ": " + key + ": holds " + holds + "; cookbook uses RSA keys only\n",
                    r.err(),
                    command::toString);
        }
    }

    static Stream<Arguments> otherAlgorithms() {
        String ec = "genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec.pem";
        String ed = "genpkey -algorithm ED25519 -out ed.pem";
        return Stream.of(
                Arguments.of("ec.pem", List.of(ec), "an EC private key"),
                Arguments.of("ec.pub.pem", List.of(ec, "pkey -in ec.pem -pubout -out ec.pub.pem"), "an EC public key"),
                Arguments.of("ec.sec1.pem", List.of(ec, "ec -in ec.pem -out ec.sec1.pem"), "an EC private key"),
                Arguments.of(
                        "ec.sec1.der", List.of(ec, "ec -in ec.pem -outform DER -out ec.sec1.der"), "an EC private key"),
                Arguments.of(
                        "ec.params.pem",
                        List.of("ecparam -name prime256v1 -genkey -out ec.params.pem"),
                        "an EC private key"),
                Arguments.of(
                        "ec.crt",
                        List.of(ec, "req -new -x509 -key ec.pem -subj /CN=test -days 2 -out ec.crt"),
                        "a certificate for an EC key"),
                Arguments.of("ed.pem", List.of(ed), "an Ed25519 private key"),
                Arguments.of(
                        "ed.pub.der",
                        List.of(ed, "pkey -in ed.pem -pubout -outform DER -out ed.pub.der"),
                        "an Ed25519 public key"),
                Arguments.of(
                        "x25519.pem", List.of("genpkey -algorithm X25519 -out x25519.pem"), "an X25519 private key"));
    }

    /** A key from standard input is named so, not by the data file's name. */
    @Test
    void aKeyFromStandardInputIsNamedSo() {
        byte[] junk = "Dear Bob,\nthe key is in the usual place.\n".getBytes(US_ASCII);
        Cli.Result sign = Cli.run(junk, "sign", "--key", "-", data.toString());
        assertEquals(3, sign.exit(), sign::toString);
        assertEquals("cookbook sign: standard input: not a valid key file: neither PEM nor DER\n", sign.err());
        Cli.Result inspect = Cli.run(junk, "key", "inspect");
        assertEquals(3, inspect.exit(), inspect::toString);
        assertEquals(
                "cookbook key inspect: standard input: not a valid key file: neither PEM nor DER\n", inspect.err());
    }

    @Test
    void anUnreadableFileIsAnIoErrorInItsName() throws Exception {
        Path key = Files.write(dir.resolve("secret.pem"), pem("PRIVATE KEY", der));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(key), "root reads a file of mode 000: nothing to test");
            for (List<String> command : COMMANDS) {
                Cli.Result r = Cli.run(args(command, key));
                assertEquals(4, r.exit(), () -> command + "\n" + r);
                assertEquals(
                        "cookbook " + name(command) + ": " + key + ": Permission denied\n", r.err(), command::toString);
            }
        } finally {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void aWrongPasswordNamesTheKeyFileNotTheData() throws Exception {
        Path key = Files.write(
                dir.resolve("locked.pem"),
                KeyFiles.write(KeyFiles.read(der, null), KeyFormat.ENCRYPTED_PKCS8, true, "right".toCharArray()));
        Path wrong = Files.writeString(dir.resolve("wrong.pw"), "wrong\n");
        for (List<String> command : COMMANDS) {
            if (command.get(0).equals("encrypt")) {
                continue; // --recipient takes no --pass: a public key is never encrypted
            }
            List<String> withPass = new java.util.ArrayList<>(command);
            withPass.addAll(1 + (command.get(0).equals("key") ? 1 : 0), List.of("--pass", "file:" + wrong));
            Cli.Result r = Cli.run(args(withPass, key));
            assertEquals(3, r.exit(), () -> withPass + "\n" + r);
            assertEquals(
                    "cookbook " + name(command) + ": " + key + ": wrong password or corrupted key\n",
                    r.err(),
                    withPass::toString);
        }
    }

    @Test
    void aSignatureOfTheWrongLengthIsBadDataInItsName() throws Exception {
        Path empty = Files.write(dir.resolve("empty.sig"), new byte[0]);
        Path text = Files.writeString(dir.resolve("text.sig"), "not a signature\n");
        Path cut = Files.write(dir.resolve("cut.sig"), Arrays.copyOf(Files.readAllBytes(signature), 255));
        Object[][] cases = {
            {empty, 3, empty + ": the signature is empty"},
            {text, 3, text + ": not a signature by a 2048-bit key: 16 bytes, not 256 (or their base64)"},
            {cut, 3, cut + ": not a signature by a 2048-bit key: 255 bytes, not 256 (or their base64)"},
            {dir, 4, dir + ": Is a directory"},
        };
        for (Object[] c : cases) {
            Cli.Result r = Cli.run("verify", "--key", pub.toString(), "--signature", c[0].toString(), data.toString());
            assertEquals(c[1], r.exit(), r::toString);
            assertEquals("", r.out());
            assertEquals("cookbook verify: " + c[2] + "\n", r.err());
        }
    }

    @Test
    void junkToDecryptNamesTheDataFile() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.enc"), "-----BEGIN PRIVATE KEY-----\n");
        Path key = dir.resolve("key.pem");
        Cli.Result r = Cli.run("decrypt", "--identity", key.toString(), "-i", junk.toString());
        assertEquals(3, r.exit(), r::toString);
        assertEquals(
                "cookbook decrypt: " + junk + ": not encrypted by cookbook or 'openssl enc': no header\n", r.err());
    }
}
