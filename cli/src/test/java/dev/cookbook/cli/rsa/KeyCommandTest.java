package dev.cookbook.cli.rsa;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Cli;
import dev.cookbook.crypto.rsa.KeyFiles;
import dev.cookbook.crypto.rsa.KeyFormat;
import dev.cookbook.crypto.rsa.RsaKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code cookbook key}, {@code sign}, {@code verify} and recipient encryption, in-process. */
public class KeyCommandTest {
    @TempDir
    static Path dir;

    private static RsaKey alice;
    private static RsaKey bob;
    private static Path alicePem;
    private static Path alicePub;
    private static Path bobPem;
    private static Path bobPub;

    @BeforeAll
    static void keys() throws Exception {
        alice = KeyFiles.of(KeyFiles.generate(2048, new SecureRandom()));
        bob = KeyFiles.of(KeyFiles.generate(2048, new SecureRandom()));
        alicePem = Files.write(dir.resolve("alice.pem"), KeyFiles.write(alice, KeyFormat.PKCS8, true, null));
        alicePub = Files.write(dir.resolve("alice.pub.pem"), KeyFiles.write(alice, KeyFormat.SPKI, true, null));
        bobPem = Files.write(dir.resolve("bob.pem"), KeyFiles.write(bob, KeyFormat.PKCS8, true, null));
        bobPub = Files.write(dir.resolve("bob.pub.pem"), KeyFiles.write(bob, KeyFormat.SPKI, true, null));
    }

    private static String[] args(Object... parts) {
        return Stream.of(parts).map(String::valueOf).toArray(String[]::new);
    }

    private static void ok(Cli.Result r) {
        assertEquals(0, r.exit(), r::toString);
    }

    private static String usage(String command, String message) {
        return "cookbook " + command + ": " + message + "\ncookbook " + command + ": hint: see 'cookbook " + command
                + " --help'\n";
    }

    @Nested
    class Gen {
        @Test
        void writesAPrivateKeyForTheOwnerAndAPublicKeyForAll() throws Exception {
            Path key = dir.resolve("gen.pem");
            Path pub = dir.resolve("gen.pub.pem");
            Cli.Result r = Cli.run(args("key", "gen", "--bits", 2048, "-o", key, "--pub-out", pub));
            ok(r);
            RsaKey made = KeyFiles.read(Files.readAllBytes(key), null);
            assertEquals(KeyFormat.PKCS8, made.format());
            assertEquals(2048, made.bits());
            assertEquals(
                    "cookbook key gen: " + key + ": 2048-bit RSA key, SHA-256 fingerprint " + made.fingerprint() + "\n",
                    r.err());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)));
            assertEquals(
                    made.fingerprint(),
                    KeyFiles.read(Files.readAllBytes(pub), null).fingerprint());
            assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"));
            assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----\n"));
        }

        @Test
        void thePasswordEncryptsTheKeyAndNothingGoesToStderrForStdout() throws Exception {
            Cli.Result r = Cli.run(args("key", "gen", "--bits", 2048, "--pass", "env:HOME"));
            ok(r);
            assertEquals("", r.err());
            assertTrue(r.out().startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), r::toString);
            RsaKey made = KeyFiles.read(r.stdout(), System.getenv("HOME").toCharArray());
            assertEquals(KeyFormat.ENCRYPTED_PKCS8, made.format());
            assertTrue(made.encrypted());
        }

        @Test
        void weakKeysNeedToBeAskedFor() throws Exception {
            Cli.Result weak = Cli.run(args("key", "gen", "--bits", 1024));
            assertEquals(2, weak.exit());
            assertEquals(
                    usage(
                            "key gen",
                            "1024-bit keys are too weak (NIST: at least 2048): add --allow-weak if you " + "must"),
                    weak.err());
            Cli.Result allowed = Cli.run(args("key", "gen", "--bits", 1024, "--allow-weak"));
            ok(allowed);
            assertEquals(1024, KeyFiles.read(allowed.stdout(), null).bits());
            assertEquals(
                    usage("key gen", "--bits must be from 512 to 16384, not 256"),
                    Cli.run(args("key", "gen", "--bits", 256, "--allow-weak")).err());
        }

        /** Issue 12: both keys to one file kept only the public key, and said it was made meanwhile. */
        @Test
        void oneFileForBothKeysIsAUsageErrorHoweverSpelled() throws Exception {
            Path folder = Files.createDirectories(dir.resolve("same"));
            Files.createDirectories(folder.resolve("sub"));
            Path k = folder.resolve("k.pem");
            Path link = Files.createSymbolicLink(folder.resolve("link.pem"), Path.of("k.pem"));
            String[][] spellings = {
                {k.toString(), k.toString()},
                {k.toString(), folder + "/./k.pem"},
                {k.toString(), folder + "/sub/../k.pem"},
                {k.toString(), link.toString()},
            };
            for (String[] names : spellings) {
                Cli.Result r = Cli.run(args("key", "gen", "--bits", 2048, "-o", names[0], "--pub-out", names[1]));
                assertEquals(2, r.exit(), r::toString);
                String which = names[0].equals(names[1])
                        ? "-o/--out and --pub-out both name " + k
                        : "-o/--out " + names[0] + " and --pub-out " + names[1] + " are the same file";
                assertEquals(usage("key gen", which + ": the private and the public key need a file each"), r.err());
                assertEquals("", r.out());
                assertFalse(Files.exists(k), "nothing written");
            }
            // an existing file and a hard link to it, which --force would otherwise replace twice
            Files.write(k, KeyFiles.write(alice, KeyFormat.PKCS8, true, null));
            Path hard = Files.createLink(folder.resolve("hard.pem"), k);
            Cli.Result r = Cli.run(args("key", "gen", "--bits", 2048, "--force", "-o", k, "--pub-out", hard));
            assertEquals(2, r.exit(), r::toString);
            assertEquals(
                    usage(
                            "key gen",
                            "-o/--out " + k + " and --pub-out " + hard
                                    + " are the same file: the private and the public key need a file each"),
                    r.err());
            assertEquals(
                    alice.fingerprint(),
                    KeyFiles.read(Files.readAllBytes(k), null).fingerprint(),
                    "left as it was");
        }

        /** Standard output is a stream, not a file to replace: both keys go there, the private one first. */
        @Test
        void bothKeysMayGoToStandardOutput() throws Exception {
            Cli.Result r = Cli.run(args("key", "gen", "--bits", 2048, "-o", "-", "--pub-out", "-"));
            ok(r);
            assertEquals("", r.err());
            String out = r.out();
            int pub = out.indexOf("-----BEGIN PUBLIC KEY-----\n");
            assertTrue(out.startsWith("-----BEGIN PRIVATE KEY-----\n") && pub > 0, r::toString);
            RsaKey made = KeyFiles.read(r.stdout(), null);
            assertEquals(
                    made.fingerprint(),
                    KeyFiles.read(out.substring(pub).getBytes(UTF_8), null).fingerprint());
        }

        @Test
        void anExistingKeyIsNotReplacedWithoutForce() throws Exception {
            Cli.Result r = Cli.run(args("key", "gen", "--bits", 2048, "-o", alicePem));
            assertEquals(2, r.exit());
            assertEquals(usage("key gen", alicePem + " exists: add --force to replace it"), r.err());
            assertEquals(
                    alice.fingerprint(),
                    KeyFiles.read(Files.readAllBytes(alicePem), null).fingerprint());
        }
    }

    @Nested
    class InspectPubConvert {
        @Test
        void inspectNamesFormatSizeAndFingerprint() {
            Cli.Result r = Cli.run(args("key", "inspect", alicePem));
            ok(r);
            assertEquals(
                    "format:      PKCS#8 (PEM)\nkey:         RSA 2048 bits, private\nfingerprint: "
                            + alice.fingerprint() + "\n",
                    r.out());
            Cli.Result pub = Cli.run(args("key", "inspect", alicePub));
            assertEquals(
                    "format:      SPKI public key (PEM)\nkey:         RSA 2048 bits, public\nfingerprint: "
                            + alice.fingerprint() + "\n",
                    pub.out());
        }

        @Test
        void anEncryptedKeyNeedsItsPassword() throws Exception {
            Path enc = Files.write(
                    dir.resolve("enc.pem"), KeyFiles.write(alice, KeyFormat.ENCRYPTED_PKCS8, true, "pw".toCharArray()));
            Path pw = Files.writeString(dir.resolve("pw"), "pw\n");
            Cli.Result r = Cli.run(args("key", "inspect", "--pass", "file:" + pw, enc));
            ok(r);
            assertTrue(r.out().startsWith("format:      encrypted PKCS#8 (PEM)\n"), r::toString);
            Path wrong = Files.writeString(dir.resolve("wrong"), "nope\n");
            Cli.Result bad = Cli.run(args("key", "inspect", "--pass", "file:" + wrong, enc));
            assertEquals(3, bad.exit());
            assertEquals("cookbook key inspect: " + enc + ": wrong password or corrupted key\n", bad.err());
            Cli.Result none = Cli.run(args("key", "inspect", enc));
            assertEquals(2, none.exit());
            assertEquals(
                    usage(
                            "key inspect",
                            "no password: give --pass SPEC (env:NAME, file:PATH, fd:N, stdin) or "
                                    + "run on a terminal"),
                    none.err());
        }

        /** Issue 12: "encrypted PKCS#8 (PEM)" once, whichever way the key and its password come. */
        @ParameterizedTest(name = "{0}, from {1}")
        @CsvSource({"PEM, file", "PEM, stdin", "DER, file", "DER, stdin"})
        void anEncryptedKeySaysSoOnce(String form, String from) throws Exception {
            boolean pem = form.equals("PEM");
            Path enc = Files.write(
                    dir.resolve("once." + form),
                    KeyFiles.write(alice, KeyFormat.ENCRYPTED_PKCS8, pem, "pw".toCharArray()));
            Path pw = Files.writeString(dir.resolve("pw"), "pw\n");
            Cli.Result r = from.equals("file")
                    ? Cli.run(args("key", "inspect", "--pass", "file:" + pw, enc))
                    : Cli.run(Files.readAllBytes(enc), args("key", "inspect", "--pass", "file:" + pw, "-"));
            ok(r);
            assertEquals(
                    "format:      encrypted PKCS#8 (" + form + ")\nkey:         RSA 2048 bits, private\n"
                            + "fingerprint: " + alice.fingerprint() + "\n",
                    r.out());
            assertEquals("", r.err());
            Cli.Result none = Cli.run(args("key", "inspect", enc));
            assertEquals(2, none.exit());
            assertFalse(none.err().contains("encrypted"), none::toString);
        }

        @Test
        void badInputIsBadDataAndAMissingFileAnIoError() throws Exception {
            Path junk = Files.writeString(
                    dir.resolve("junk.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n" + "-----END PRIVATE KEY-----\n");
            Cli.Result r = Cli.run(args("key", "inspect", junk));
            assertEquals(3, r.exit());
            assertEquals(
                    "cookbook key inspect: " + junk
                            + ": not a valid key file: the PRIVATE KEY block is damaged: it holds no DER structure\n",
                    r.err());
            Cli.Result missing = Cli.run(args("key", "inspect", dir.resolve("none.pem")));
            assertEquals(4, missing.exit());
            assertEquals(
                    "cookbook key inspect: " + dir.resolve("none.pem") + ": No such file or directory\n",
                    missing.err());
        }

        @Test
        void emptyJunkAndOtherAlgorithmsAreBadDataWithOneLine() throws Exception {
            java.security.KeyPairGenerator ec = java.security.KeyPairGenerator.getInstance("EC");
            ec.initialize(256);
            java.security.KeyPair pair = ec.generateKeyPair();
            java.security.KeyPair ed =
                    java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] junk = new byte[300];
            new SecureRandom().nextBytes(junk);
            junk[0] = 0x01; // never a DER SEQUENCE
            Object[][] cases = {
                {new byte[0], "not a valid key file: the file is empty"},
                {junk, "not a valid key file: neither PEM nor DER"},
                {pair.getPrivate().getEncoded(), "holds an EC private key; cookbook uses RSA keys only"},
                {pair.getPublic().getEncoded(), "holds an EC public key; cookbook uses RSA keys only"},
                {ed.getPrivate().getEncoded(), "holds an Ed25519 private key; cookbook uses RSA keys only"},
                {ed.getPublic().getEncoded(), "holds an Ed25519 public key; cookbook uses RSA keys only"},
            };
            for (Object[] c : cases) {
                Path file = Files.write(dir.resolve("bad key.der"), (byte[]) c[0]);
                Cli.Result r = Cli.run(args("key", "inspect", file));
                assertEquals(3, r.exit(), r::toString);
                assertEquals("", r.out());
                assertEquals("cookbook key inspect: '" + file + "': " + c[1] + "\n", r.err());
            }
        }

        @Test
        void pubPrintsTheSpkiOfAPrivateKey() throws Exception {
            Cli.Result r = Cli.run(args("key", "pub", alicePem));
            ok(r);
            assertArrayEquals(Files.readAllBytes(alicePub), r.stdout());
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({
            "pkcs8, pkcs1",
            "pkcs8, spki",
            "pkcs8, der",
            "pkcs1, pkcs8",
            "pkcs1, der",
            "der, pkcs8",
            "der, pkcs1",
            "der, spki",
            "spki, pkcs1",
            "spki, der",
            "pkcs1, spki"
        })
        void convertsEachWayKeepingTheFingerprint(String from, String to) throws Exception {
            Path source = dir.resolve("c-" + from + "-" + to + ".in");
            ok(Cli.run(args("key", "convert", "--to", from, from.equals("spki") ? alicePub : alicePem, "-o", source)));
            Path target = dir.resolve("c-" + from + "-" + to + ".out");
            ok(Cli.run(args("key", "convert", "--to", to, source, "-o", target)));
            RsaKey back = KeyFiles.read(Files.readAllBytes(target), null);
            assertEquals(alice.fingerprint(), back.fingerprint());
            assertEquals(!to.equals("der"), back.pem());
        }

        @Test
        void convertRefusesWhatCannotBe() {
            Cli.Result pub = Cli.run(args("key", "convert", "--to", "pkcs8", alicePub));
            assertEquals(2, pub.exit());
            assertEquals(
                    usage(
                            "key convert",
                            "pkcs8 holds a private key and " + alicePub + " holds only a public key: " + "use spki"),
                    pub.err());
            Cli.Result pass = Cli.run(args("key", "convert", "--to", "spki", "--out-pass", "env:HOME", alicePem));
            assertEquals(2, pass.exit());
            assertEquals(usage("key convert", "--out-pass encrypts a private key as pkcs8 or der only"), pass.err());
        }

        @Test
        void convertCanEncrypt() throws Exception {
            Cli.Result r = Cli.run(args("key", "convert", "--to", "pkcs8", "--out-pass", "env:HOME", alicePem));
            ok(r);
            assertTrue(r.out().startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
            assertEquals(
                    alice.fingerprint(),
                    KeyFiles.read(r.stdout(), System.getenv("HOME").toCharArray())
                            .fingerprint());
        }
    }

    @Nested
    class SignVerify {
        private Path message() throws Exception {
            return Files.writeString(dir.resolve("message.txt"), "attack at dawn\n");
        }

        @ParameterizedTest(name = "{0} pss={1}")
        @CsvSource({"sha256, false", "sha256, true", "sha384, true", "sha512, false", "sha1, false", "md5, false"})
        void whatIsSignedVerifiesAndNothingElseDoes(String hash, boolean pss) throws Exception {
            Path m = message();
            Path sig = dir.resolve("m-" + hash + pss + ".sig");
            Cli.Result s = Cli.run(signArgs(alicePem, hash, pss, sig, m));
            ok(s);
            assertEquals(256, Files.size(sig));
            String warning = hash.equals("sha1") || hash.equals("md5")
                    ? "cookbook sign: warning: " + hash
                            + " is a legacy algorithm (collisions are practical): use it only for old data\n"
                    : "";
            assertEquals(warning, s.err());
            Cli.Result v = Cli.run(verifyArgs(alicePub, sig, hash, pss, m));
            ok(v);
            assertEquals("Verified OK\n", v.out());
            Cli.Result other = Cli.run(verifyArgs(bobPub, sig, hash, pss, m));
            assertEquals(1, other.exit());
            assertEquals("Verification failure\n", other.out());
            Files.writeString(m, "attack at dusk\n");
            assertEquals(1, Cli.run(verifyArgs(alicePub, sig, hash, pss, m)).exit());
        }

        private String[] signArgs(Path key, String hash, boolean pss, Path sig, Path m) {
            java.util.List<Object> a =
                    new java.util.ArrayList<>(java.util.List.of("sign", "--key", key, "--hash", hash));
            if (hash.equals("sha1") || hash.equals("md5")) {
                a.add("--allow-weak");
            }
            if (pss) {
                a.add("--pss");
            }
            a.addAll(java.util.List.of("-o", sig, m));
            return args(a.toArray());
        }

        /** Issue 12: md5 and sha1 verify old signatures, but make new ones only when asked to. */
        @ParameterizedTest
        @CsvSource({"md5, md5", "sha1, sha1", "SHA-1, sha1"})
        void weakHashesSignOnlyWithAllowWeak(String given, String name) throws Exception {
            Path m = message();
            Path sig = dir.resolve("weak-" + given + ".sig");
            Cli.Result refused = Cli.run(args("sign", "--key", alicePem, "--hash", given, "-o", sig, m));
            assertEquals(2, refused.exit(), refused::toString);
            assertEquals(
                    usage(
                            "sign",
                            "--hash " + name + " is too weak for new signatures (collisions are practical): "
                                    + "add --allow-weak if you must"),
                    refused.err());
            assertFalse(Files.exists(sig));
            Cli.Result allowed =
                    Cli.run(args("sign", "--key", alicePem, "--hash", given, "--allow-weak", "-o", sig, m));
            ok(allowed);
            assertEquals(
                    "cookbook sign: warning: " + name
                            + " is a legacy algorithm (collisions are practical): use it only for old data\n",
                    allowed.err());
            Cli.Result v = Cli.run(args("verify", "--key", alicePub, "--signature", sig, "--hash", given, m));
            ok(v);
            assertEquals("Verified OK\n", v.out());
            assertEquals(
                    "cookbook verify: warning: " + name
                            + " is a legacy algorithm (collisions are practical): use it only for old data\n",
                    v.err());
        }

        @Test
        void allowWeakIsInSignsHelpOnly() {
            assertTrue(Cli.run("sign", "--help").out().contains("      --allow-weak "));
            assertFalse(Cli.run("verify", "--help").out().contains("--allow-weak"));
            assertEquals(2, Cli.run("verify", "--allow-weak", "--help").exit());
        }

        private String[] verifyArgs(Path key, Path sig, String hash, boolean pss, Path m) {
            return pss
                    ? args("verify", "--key", key, "--signature", sig, "--hash", hash, "--pss", m)
                    : args("verify", "--key", key, "--signature", sig, "--hash", hash, m);
        }

        @Test
        void base64SignaturesAndStdin() throws Exception {
            byte[] data = "some data".getBytes(UTF_8);
            Cli.Result s = Cli.run(data, args("sign", "--key", alicePem, "--base64"));
            ok(s);
            assertTrue(s.out().matches("[A-Za-z0-9+/]+=*\n"), s::toString);
            assertEquals(256, Base64.getDecoder().decode(s.out().trim()).length);
            Path sig = Files.write(dir.resolve("b64.sig"), s.stdout());
            Cli.Result v = Cli.run(data, args("verify", "--key", alicePem, "--signature", sig));
            ok(v);
            assertEquals("Verified OK\n", v.out());
        }

        @Test
        void mistakesAreUsageErrorsOrBadData() throws Exception {
            Path m = message();
            assertEquals(
                    usage("sign", "--pss does not go with md5"),
                    Cli.run(args("sign", "--key", alicePem, "--pss", "--hash", "md5", m))
                            .err());
            Cli.Result pub = Cli.run(args("sign", "--key", alicePub, m));
            assertEquals(3, pub.exit());
            assertEquals("cookbook sign: " + alicePub + " holds no private key: signing needs one\n", pub.err());
            Cli.Result binary = Cli.run(
                    new java.io.ByteArrayInputStream(new byte[0]),
                    new java.io.ByteArrayOutputStream(),
                    false,
                    true,
                    args("sign", "--key", alicePem, m));
            assertEquals(
                    usage("sign", "refusing to write binary data to a terminal: give -o FILE (or -o - to insist)"),
                    binary.err());
        }
    }

    @Nested
    class Recipients {
        @Test
        void eitherRecipientOpensTheFileAndNobodyElse() throws Exception {
            Path plain = Files.writeString(dir.resolve("secret.txt"), "for alice and bob\n");
            Path enc = dir.resolve("secret.enc");
            ok(Cli.run(args("encrypt", "--recipient", alicePub, "--recipient", bobPem, "-i", plain, "-o", enc)));
            for (Path identity : new Path[] {alicePem, bobPem}) {
                Cli.Result d = Cli.run(args("decrypt", "--identity", identity, "-i", enc));
                ok(d);
                assertEquals("for alice and bob\n", d.out());
            }
            RsaKey carol = KeyFiles.of(KeyFiles.generate(2048, new SecureRandom()));
            Path carolPem = Files.write(dir.resolve("carol.pem"), KeyFiles.write(carol, KeyFormat.PKCS8, true, null));
            Path out = dir.resolve("carol.out");
            Cli.Result c = Cli.run(args("decrypt", "--identity", carolPem, "-i", enc, "-o", out));
            assertEquals(3, c.exit());
            assertEquals(
                    "cookbook decrypt: " + enc + ": this file is not encrypted to that key (SHA-256 fingerprint "
                            + carol.fingerprint() + ")\n",
                    c.err());
            assertFalse(Files.exists(out));
        }

        @Test
        void recipientsExcludePasswordsAndOpenssl() throws Exception {
            Path plain = Files.writeString(dir.resolve("p.txt"), "x");
            Cli.Result r = Cli.run(args("encrypt", "--recipient", alicePub, "--pass", "env:HOME", "-i", plain));
            assertEquals(2, r.exit());
            assertTrue(
                    r.err()
                            .endsWith(usage(
                                    "encrypt",
                                    "--recipient encrypts to public keys in the cookbook format: "
                                            + "--pass, --openssl and -K do not apply")),
                    r::toString);
        }
    }
}
