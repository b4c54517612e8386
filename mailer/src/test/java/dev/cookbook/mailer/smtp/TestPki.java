package dev.cookbook.mailer.smtp;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A test CA and a server certificate for 127.0.0.1 and localhost, made once per JVM with
 * {@code openssl}. GreenMail reads its TLS keystore once per JVM from a system property, so the
 * keystore is made and named before any GreenMail SMTPS server starts. Shared with the cli
 * module's tests through this module's test jar.
 */
public final class TestPki {
    /** The keystore password GreenMail assumes. */
    public static final String KEYSTORE_PASSWORD = "changeit";

    /** The CA, a server certificate for 127.0.0.1 and localhost, and one for another name. */
    public record Files_(Path dir, Path caPem, Path serverCert, Path serverKey, Path serverP12, Path otherCert) {}

    private static Files_ pki;

    private TestPki() {}

    public static synchronized Files_ get() throws IOException, InterruptedException {
        if (pki != null) {
            return pki;
        }
        Path dir = Files.createTempDirectory("cookbook-smtp-pki");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        Files.writeString(
                dir.resolve("server.ext"),
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                        + "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n",
                StandardCharsets.US_ASCII);
        openssl(
                dir,
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "2",
                "-subj",
                "/CN=cookbook test CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        openssl(
                dir,
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "server.key",
                "-out",
                "server.csr",
                "-subj",
                "/CN=localhost");
        openssl(
                dir,
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "server.pem",
                "-days",
                "2",
                "-extfile",
                "server.ext");
        Files.writeString(
                dir.resolve("other.ext"),
                "subjectAltName=DNS:mail.example.org\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
                StandardCharsets.US_ASCII);
        openssl(
                dir,
                ("x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out other.pem -days 2"
                                + " -extfile other.ext")
                        .split(" "));
        openssl(
                dir,
                "pkcs12",
                "-export",
                "-in",
                "server.pem",
                "-inkey",
                "server.key",
                "-certfile",
                "ca.pem",
                "-name",
                "greenmail",
                "-out",
                "server.p12",
                "-passout",
                "pass:" + KEYSTORE_PASSWORD);
        System.setProperty(
                "greenmail.tls.keystore.file", dir.resolve("server.p12").toString());
        System.setProperty("greenmail.tls.keystore.password", KEYSTORE_PASSWORD);
        pki = new Files_(
                dir,
                dir.resolve("ca.pem"),
                dir.resolve("server.pem"),
                dir.resolve("server.key"),
                dir.resolve("server.p12"),
                dir.resolve("other.pem"));
        return pki;
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("openssl.log").toFile())
                    .start();
        } catch (IOException e) {
            missing("openssl is not installed: " + e.getMessage());
            return;
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("openssl " + args[0] + " did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            fail("openssl " + String.join(" ", args) + " failed: " + Files.readString(dir.resolve("openssl.log")));
        }
    }

    /** Skips the test, or fails it when CI=true: a missing tool is a CI set-up error. */
    public static void missing(String why) {
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        Assumptions.abort(why);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
