package dev.cookbook.cli.rsa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cookbook.cli.Binary;
import dev.cookbook.cli.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The packaged binary's keys and signatures against the real openssl, both ways. */
public class RsaInteropIT {
    private static final Map<String, String> ENV = Map.of("PASSWORD", "hunter2 ünï");

    @TempDir
    static Path dir;

    @BeforeAll
    static void opensslKeys() {
        Tools.require("openssl");
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "genpkey.pem");
        openssl(
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:2048",
                "-aes256",
                "-pass",
                "env:PASSWORD",
                "-out",
                "genpkey-enc.pem");
        openssl("genrsa", "-traditional", "-out", "genrsa.pem", "2048");
        openssl("genrsa", "-traditional", "-aes256", "-passout", "env:PASSWORD", "-out", "genrsa-enc.pem", "2048");
        openssl("genrsa", "-traditional", "-des3", "-passout", "env:PASSWORD", "-out", "genrsa-des3.pem", "2048");
        openssl("pkey", "-in", "genpkey.pem", "-pubout", "-out", "genpkey.pub.pem");
        openssl("rsa", "-in", "genpkey.pem", "-RSAPublicKey_out", "-out", "genpkey.rsapub.pem");
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", "genpkey.pem", "-outform", "DER", "-out", "genpkey.der");
        openssl(
                "req",
                "-new",
                "-x509",
                "-key",
                "genpkey.pem",
                "-subj",
                "/CN=cookbook test",
                "-days",
                "2",
                "-out",
                "cert.pem");
        Binary.Result k = cookbook("key", "gen", "--bits", "2048", "-o", "ours.pem", "--pub-out", "ours.pub.pem");
        assertEquals(0, k.exit(), k::toString);
    }

    private static Binary.Result openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Binary.Result r = Binary.exec(dir, ENV, null, command);
        assertEquals(0, r.exit(), r::toString);
        return r;
    }

    private static Binary.Result cookbook(String... args) {
        List<String> command = new ArrayList<>(List.of(Binary.PATH.toString()));
        command.addAll(List.of(args));
        return Binary.exec(dir, ENV, null, command);
    }

    /** What openssl says the SHA-256 of the DER SubjectPublicKeyInfo is. */
    private static String opensslFingerprint(String file, String... passArgs) throws Exception {
        List<String> args =
                new ArrayList<>(List.of("pkey", "-in", file, "-pubout", "-outform", "DER", "-out", file + ".spki.der"));
        args.addAll(List.of(passArgs));
        if (file.endsWith("cert.pem")) {
            openssl("x509", "-in", file, "-pubkey", "-noout", "-out", file + ".pub");
            openssl("pkey", "-pubin", "-in", file + ".pub", "-outform", "DER", "-out", file + ".spki.der");
        } else if (file.contains("pub")) {
            openssl("pkey", "-pubin", "-in", file, "-outform", "DER", "-out", file + ".spki.der");
        } else {
            openssl(args.toArray(String[]::new));
        }
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(dir.resolve(file + ".spki.der"))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "genpkey.pem,         PKCS#8 (PEM),                         private, false",
        "genpkey-enc.pem,     'encrypted PKCS#8 (PEM)',  private, true",
        "genrsa.pem,          PKCS#1 (PEM),                         private, false",
        "genrsa-enc.pem,      'PKCS#1, encrypted (PEM)',            private, true",
        "genrsa-des3.pem,     'PKCS#1, encrypted (PEM)',            private, true",
        "genpkey.pub.pem,     SPKI public key (PEM),                public,  false",
        "genpkey.rsapub.pem,  PKCS#1 public key (PEM),              public,  false",
        "genpkey.der,         PKCS#8 (DER),                         private, false",
        "cert.pem,            X.509 certificate (PEM),              public,  false",
    })
    void inspectReadsOpensslKeysWithOpensslsFingerprint(String file, String format, String kind, boolean encrypted)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("key", "inspect", file));
        if (encrypted) {
            args.addAll(List.of("--pass", "env:PASSWORD"));
        }
        Binary.Result r = cookbook(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r::toString);
        String fingerprint = encrypted ? opensslFingerprint(file, "-passin", "env:PASSWORD") : opensslFingerprint(file);
        List<String> lines = r.out().lines().toList();
        assertEquals("format:      " + format, lines.get(0));
        assertEquals("key:         RSA 2048 bits, " + kind, lines.get(1));
        assertEquals("fingerprint: " + fingerprint, lines.get(lines.size() - 1));
    }

    @Test
    void opensslAcceptsOurKeysInEveryFormat() throws Exception {
        openssl("pkey", "-in", "ours.pem", "-noout");
        openssl("pkey", "-pubin", "-in", "ours.pub.pem", "-noout");
        assertEquals(
                0,
                cookbook("key", "gen", "--bits", "2048", "--pass", "env:PASSWORD", "-o", "ours-enc.pem")
                        .exit());
        openssl("pkey", "-in", "ours-enc.pem", "-passin", "env:PASSWORD", "-noout");
        assertEquals(
                0,
                cookbook("key", "convert", "--to", "pkcs1", "ours.pem", "-o", "ours.rsa.pem")
                        .exit());
        openssl("rsa", "-in", "ours.rsa.pem", "-noout");
        assertEquals(
                0,
                cookbook("key", "convert", "--to", "pkcs1", "ours.pub.pem", "-o", "ours.rsapub.pem")
                        .exit());
        openssl("rsa", "-RSAPublicKey_in", "-in", "ours.rsapub.pem", "-noout");
        assertEquals(
                0,
                cookbook("key", "convert", "--to", "der", "ours.pem", "-o", "ours.der")
                        .exit());
        openssl("pkey", "-inform", "DER", "-in", "ours.der", "-noout");
        assertEquals(opensslFingerprint("ours.pem"), opensslFingerprint("ours.pub.pem"));
    }

    @ParameterizedTest(name = "{0} pss={1}")
    @CsvSource({
        "sha256, false",
        "sha256, true",
        "sha384, false",
        "sha384, true",
        "sha512, true",
        "sha1, false",
        "md5, false"
    })
    void signaturesVerifyBothWays(String hash, boolean pss) throws IOException {
        Files.writeString(dir.resolve("msg.txt"), "the message " + hash + pss + "\n".repeat(1000));
        List<String> sign = new ArrayList<>(
                List.of("sign", "--key", "ours.pem", "--hash", hash, "-o", "ours.sig", "--force", "msg.txt"));
        if (hash.equals("sha1") || hash.equals("md5")) {
            sign.add(1, "--allow-weak"); // new signatures with them only when asked for
        }
        List<String> pssOpenssl = pss ? List.of("-sigopt", "rsa_padding_mode:pss") : List.of();
        if (pss) {
            sign.add("--pss");
        }
        assertEquals(0, cookbook(sign.toArray(String[]::new)).exit());
        List<String> verify =
                new ArrayList<>(List.of("dgst", "-" + hash, "-verify", "ours.pub.pem", "-signature", "ours.sig"));
        verify.addAll(pssOpenssl);
        verify.add("msg.txt");
        assertEquals("Verified OK\n", openssl(verify.toArray(String[]::new)).out());

        List<String> theirs =
                new ArrayList<>(List.of("dgst", "-" + hash, "-sign", "genpkey.pem", "-out", "theirs.sig"));
        theirs.addAll(pssOpenssl);
        theirs.add("msg.txt");
        openssl(theirs.toArray(String[]::new));
        List<String> check = new ArrayList<>(
                List.of("verify", "--key", "cert.pem", "--signature", "theirs.sig", "--hash", hash, "msg.txt"));
        if (pss) {
            check.add("--pss");
        }
        Binary.Result r = cookbook(check.toArray(String[]::new));
        assertEquals("Verified OK\n", r.out(), r::toString);
        assertEquals(0, r.exit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "20", "digest", "max", "auto"})
    void pssVerifiesWhateverTheSaltLength(String salt) throws IOException {
        Files.writeString(dir.resolve("salt.txt"), "salt " + salt);
        openssl(
                "dgst",
                "-sha256",
                "-sign",
                "genpkey.pem",
                "-sigopt",
                "rsa_padding_mode:pss",
                "-sigopt",
                "rsa_pss_saltlen:" + salt,
                "-out",
                "salt.sig",
                "salt.txt");
        Binary.Result r =
                cookbook("verify", "--key", "genpkey.pub.pem", "--signature", "salt.sig", "--pss", "salt.txt");
        assertEquals("Verified OK\n", r.out(), r::toString);
    }

    @Test
    void aModifiedFileOrSignatureFails() throws IOException {
        Files.writeString(dir.resolve("m.txt"), "original");
        assertEquals(
                0, cookbook("sign", "--key", "ours.pem", "-o", "m.sig", "m.txt").exit());
        Files.writeString(dir.resolve("m.txt"), "originaL");
        Binary.Result changed = cookbook("verify", "--key", "ours.pub.pem", "--signature", "m.sig", "m.txt");
        assertEquals(1, changed.exit());
        assertEquals("Verification failure\n", changed.out());
        Files.writeString(dir.resolve("m.txt"), "original");
        byte[] sig = Files.readAllBytes(dir.resolve("m.sig"));
        sig[100] ^= 4;
        Files.write(dir.resolve("m.sig"), sig);
        assertEquals(
                1,
                cookbook("verify", "--key", "ours.pub.pem", "--signature", "m.sig", "m.txt")
                        .exit());
    }

    @Test
    void encryptedToTwoRecipientsOpensForEachAndNotForAThird() throws IOException {
        Files.writeString(dir.resolve("plain.txt"), "for two\n");
        assertEquals(
                0,
                cookbook(
                                "encrypt",
                                "--recipient",
                                "ours.pub.pem",
                                "--recipient",
                                "cert.pem",
                                "-i",
                                "plain.txt",
                                "-o",
                                "two.enc")
                        .exit());
        assertEquals(
                "for two\n",
                cookbook("decrypt", "--identity", "ours.pem", "-i", "two.enc").out());
        assertEquals(
                "for two\n",
                cookbook("decrypt", "--identity", "genpkey.pem", "-i", "two.enc")
                        .out());
        Binary.Result third = cookbook("decrypt", "--identity", "genrsa.pem", "-i", "two.enc", "-o", "third.txt");
        assertEquals(3, third.exit(), third::toString);
        assertEquals(false, Files.exists(dir.resolve("third.txt")));
    }
}
