package dev.cookbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cookbook.mailer.smtp.AiosmtpdServer;
import dev.cookbook.mailer.smtp.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained distribution ({@code mvn -Pdist package}), unpacked where a user would (a
 * folder whose name holds a space) and run as on a machine without Java: a clean environment
 * whose PATH holds no {@code java}, no JAVA_HOME. Every command family works on the bundled
 * runtime, which proves its module list: TLS to a certificate signed with ECDSA needs
 * jdk.crypto.ec, a Mac Roman CSV jdk.charsets, encrypt and sign java.logging (Bouncy Castle).
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistIT {
    private static final Path TARBALL = Path.of(
                    System.getProperty("cookbook.dist", "target/cookbook-0.1.0-linux-x64.tar.gz"))
            .toAbsolutePath();
    /**
     * What the calls run besides cookbook, linked into the only folder on PATH: run's child, the
     * launcher's readlink (called through a link), and the shell, mv and rm with which it finishes
     * an archive in the user's cache.
     */
    private static final List<String> TOOLS = List.of("sh", "printf", "readlink", "mv", "rm");

    @TempDir
    static Path tmp;

    /** The unpacked {@code cookbook-VERSION/}. */
    private static Path home;

    private static Path work;
    private static Path cache;
    private static boolean bundledArchive;

    @BeforeAll
    static void unpack() throws IOException {
        if (!Files.isRegularFile(TARBALL)) {
            String message = TARBALL + " is missing: build it with mvn -Pdist package";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.assumeTrue(false, message);
        }
        Tools.require("tar");
        home = unpackInto(tmp.resolve("un packed"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : TOOLS) {
            Tools.require(tool);
            Files.createSymbolicLink(bin.resolve(tool), which(tool));
        }
        work = Files.createDirectories(tmp.resolve("work"));
        cache = tmp.resolve("cache");
        bundledArchive = Files.isRegularFile(home.resolve("lib/cookbook.jsa"));
        if (bundledArchive) {
            // A cache the launcher cannot write in (a file, even for root): every call maps the
            // bundled archive and none starts making a family's own, which would race the deletion
            // of the folder. theArchiveIsUsed gives one a real cache.
            Files.writeString(cache, "");
        }
    }

    /** Unpacks the tarball into {@code into}; returns the one folder it holds. */
    private static Path unpackInto(Path into) throws IOException {
        Files.createDirectories(into);
        Binary.Result untar =
                Binary.exec(tmp, Map.of(), null, List.of("tar", "-xzf", TARBALL.toString(), "-C", into.toString()));
        assertEquals(0, untar.exit(), untar::toString);
        try (Stream<Path> top = Files.list(into)) {
            List<Path> entries = top.toList();
            assertEquals(1, entries.size(), entries::toString);
            return entries.get(0).toRealPath();
        }
    }

    private static Path which(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError(tool + " is not on PATH");
    }

    /** Runs {@code command} in the work folder with nothing but PATH, HOME, a cache folder and {@code env}. */
    private static Binary.Result bare(Map<String, String> env, List<String> command) {
        List<String> line = new ArrayList<>(List.of(
                "/usr/bin/env",
                "-i",
                "PATH=" + tmp.resolve("bin"),
                "HOME=" + tmp,
                "XDG_CACHE_HOME=" + cache,
                "LANG=C.UTF-8"));
        if (!bundledArchive) {
            // Then the launcher makes an archive in the cache after a call, in the background, and
            // that is LauncherIT's business: here it would only race the deletion of the folder.
            line.add("COOKBOOK_ARCHIVE=off");
        }
        env.forEach((k, v) -> line.add(k + "=" + v));
        line.addAll(command);
        return Binary.exec(work, Map.of(), null, line);
    }

    private static Binary.Result cookbook(Map<String, String> env, String... args) {
        return cookbookIn(home, env, args);
    }

    /** Runs {@code dist/bin/cookbook args...} as {@link #bare} does. */
    private static Binary.Result cookbookIn(Path dist, Map<String, String> env, String... args) {
        List<String> command =
                new ArrayList<>(List.of(dist.resolve("bin/cookbook").toString()));
        command.addAll(List.of(args));
        return bare(env, command);
    }

    private static Binary.Result cookbook(String... args) {
        return cookbook(Map.of(), args);
    }

    private static void assertOk(String out, Binary.Result r) {
        assertEquals(0, r.exit(), r::toString);
        assertEquals(out, r.out(), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    @Test
    void thereIsNoJavaOnThePath() {
        Binary.Result r = bare(Map.of(), List.of("sh", "-c", "command -v java || echo none"));
        assertEquals("none\n", r.out(), r::toString);
    }

    @Test
    void versionNamesTheBundledRuntime() {
        Binary.Result r = cookbook("--version");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err());
        Matcher m = Pattern.compile("cookbook [^ ]+ \\(commit [^ ]+\\)\nJava ([0-9.]+) \\(.*\\) in (.*)\n")
                .matcher(r.out());
        assertTrue(m.matches(), r::toString);
        assertEquals(home.resolve("runtime").toString(), m.group(2));
    }

    @Test
    void checksumEncryptAndDecrypt() throws IOException {
        Files.writeString(work.resolve("notes.txt"), "a small file\n");
        assertOk(
                "283de18a92b91eca91b96146822214f63c5a6a08238ab8acf97896a6036b5ab5  notes.txt\n",
                cookbook("checksum", "notes.txt"));
        Map<String, String> pw = Map.of("PW", "s3cret pass");
        String legacy =
                " warning: des3-cfb is a legacy algorithm (triple DES has 64-bit blocks): use it only for old data\n";
        Binary.Result enc = cookbook(pw, "encrypt", "--pass", "env:PW", "-o", "notes.enc", "notes.txt");
        assertEquals(0, enc.exit(), enc::toString);
        assertEquals("cookbook encrypt:" + legacy, enc.err());
        Binary.Result dec = cookbook(pw, "decrypt", "--pass", "env:PW", "notes.enc");
        assertEquals(0, dec.exit(), dec::toString);
        assertEquals("a small file\n", dec.out());
        assertEquals("cookbook decrypt:" + legacy, dec.err());
    }

    @Test
    void keyGenSignAndVerify() throws IOException {
        Files.writeString(work.resolve("signed.txt"), "signed text\n");
        Binary.Result gen = cookbook("key", "gen", "-o", "key.pem", "--pub-out", "key.pub.pem");
        assertEquals(0, gen.exit(), gen::toString);
        assertTrue(
                gen.err().matches("cookbook key gen: key.pem: 3072-bit RSA key, SHA-256 fingerprint [0-9a-f]{64}\n"),
                gen::toString);
        assertOk("", cookbook("sign", "--key", "key.pem", "-o", "signed.sig", "signed.txt"));
        assertOk(
                "Verified OK\n", cookbook("verify", "--key", "key.pub.pem", "--signature", "signed.sig", "signed.txt"));
    }

    @Test
    void csvQuoteAndRun() throws IOException {
        // "café" in Mac Roman, a charset of jdk.charsets
        Files.write(work.resolve("mac.csv"), new byte[] {'n', 'a', 'm', 'e', '\n', 'c', 'a', 'f', (byte) 0x8e, '\n'});
        assertOk("{\"name\":\"café\"}\n", cookbook("csv", "read", "--encoding", "x-MacRoman", "mac.csv"));
        assertOk("a 'b c'\n", cookbook("quote", "a", "b c"));
        assertOk("hi\n", cookbook("run", "--", "printf", "hi\\n"));
    }

    /** STARTTLS to aiosmtpd, whose certificate a CA signed with ECDSA: without jdk.crypto.ec no TLS. */
    @Test
    void mailOverStartTlsWithAnEcdsaCertificate() throws Exception {
        Tools.require("openssl");
        TestPki.Files_ pki = TestPki.get();
        Path dir = Files.createDirectories(tmp.resolve("pki"));
        openssl(
                dir,
                "req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 2"
                        + " -subj /CN=cookbook-EC-test-CA -addext basicConstraints=critical,CA:TRUE"
                        + " -addext keyUsage=critical,keyCertSign");
        openssl(
                dir,
                "x509 -req -in " + pki.dir().resolve("server.csr") + " -CA ca.pem -CAkey ca.key -CAcreateserial"
                        + " -out server.pem -days 2 -extfile " + pki.dir().resolve("server.ext"));
        Files.writeString(work.resolve("body.txt"), "Hello from the distribution.\n");
        try (AiosmtpdServer server = AiosmtpdServer.start(dir, dir.resolve("server.pem"))) {
            assertOk(
                    "",
                    cookbook(
                            "mail",
                            "send",
                            "--smtp",
                            "127.0.0.1:" + server.port(),
                            "--cafile",
                            dir.resolve("ca.pem").toString(),
                            "--timeout",
                            "20s",
                            "--from",
                            "alice@example.org",
                            "--to",
                            "bob@example.org",
                            "--subject",
                            "from the dist",
                            "--text",
                            "body.txt"));
            assertEquals(1, server.delivered());
            assertTrue(Files.readString(server.maildir().resolve("1.eml")).contains("Subject: from the dist"));
        }
    }

    private static void openssl(Path dir, String args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args.split(" ")));
        Binary.Result r = Binary.exec(dir, Map.of(), null, command);
        assertEquals(0, r.exit(), r::toString);
    }

    /**
     * Last, after every other call: the bundled archive is mapped (cookbook's main class comes from
     * it, not from the jar), and nothing was written in a cache that could not be. With a cache that
     * can, a command family's first call maps the bundled archive and makes the family's own, which
     * the next call maps; --version never has one of its own. The build ships no archive
     * for a runtime that cannot map one moved from where it was made (Java 17, measured there): then
     * the launcher makes one in the user's cache after the first call, and the next call maps that.
     * Java 17 maps no archived class of a jar whose path holds a space, so that part runs from a
     * second copy unpacked at a path without one.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void theArchiveIsUsed() throws IOException, InterruptedException {
        String release = Files.readString(home.resolve("runtime/release"), StandardCharsets.UTF_8);
        Matcher version = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(release);
        assertTrue(version.find(), release);
        int feature = Integer.parseInt(version.group(1));
        Map<String, String> env = Map.of("COOKBOOK_JAVA_OPTS", "-Xlog:class+load=info:stderr");
        if (feature >= 25) {
            assertTrue(bundledArchive, "Java " + feature + " maps a moved archive: the distribution must bring one");
        }
        if (bundledArchive) {
            assertMainFromTheArchive(cookbook(env, "--version"));
            Path link = Files.createSymbolicLink(tmp.resolve("bin/cookbook"), home.resolve("bin/cookbook"));
            assertMainFromTheArchive(bare(env, List.of(link.toString(), "--version")));
            assertEquals("", Files.readString(cache), "the file given as the cache was written");

            Path userCache = tmp.resolve("user-cache");
            Map<String, String> writable = new HashMap<>(env);
            writable.put("XDG_CACHE_HOME", userCache.toString());
            assertMainFromTheArchive(cookbook(writable, "--version"));
            assertFalse(Files.exists(userCache), "--version made an archive of its own");
            assertMainFromTheArchive(cookbook(writable, "quote", "a"));
            for (int i = 0; i < 1200 && !madeIn(userCache); i++) {
                Thread.sleep(100);
            }
            assertTrue(madeIn(userCache), "no archive made in " + userCache);
            assertMainFromTheArchive(cookbook(writable, "quote", "a"));
            return;
        }
        Path plain = unpackInto(tmp.resolve("plain"));
        Path userCache = tmp.resolve("user-cache");
        Map<String, String> first = Map.of("COOKBOOK_ARCHIVE", "", "XDG_CACHE_HOME", userCache.toString());
        assertEquals(0, cookbookIn(plain, first, "--version").exit());
        for (int i = 0; i < 1200 && !madeIn(userCache); i++) {
            Thread.sleep(100);
        }
        assertTrue(madeIn(userCache), "no archive made in " + userCache);
        Map<String, String> next = new HashMap<>(first);
        next.putAll(env);
        assertMainFromTheArchive(cookbookIn(plain, next, "--version"));
    }

    /**
     * Whether {@code dir} holds a finished archive: a cookbook.FAMILY.jsa and no training under way (a lock). A
     * file the training renames or removes while this walks means it is still under way.
     */
    private static boolean madeIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            return names.stream().anyMatch(n -> n.startsWith("cookbook.") && n.endsWith(".jsa"))
                    && names.stream().noneMatch(n -> n.endsWith(".lock"));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return false;
            }
            throw e;
        }
    }

    private static void assertMainFromTheArchive(Binary.Result r) {
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().contains(" dev.cookbook.cli.Main source: shared objects file"), r::err);
    }
}
