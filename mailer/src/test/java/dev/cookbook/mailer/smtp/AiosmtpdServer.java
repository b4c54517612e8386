package dev.cookbook.mailer.smtp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code /smtp/starttls_server.py} (aiosmtpd, a real SMTP server with STARTTLS or
 * implicit TLS, AUTH PLAIN/LOGIN and SMTPUTF8 on demand) on 127.0.0.1; closing it closes the
 * script's stdin, which stops it. Skips the test when python3 with aiosmtpd is missing (fails it
 * when CI=true). Shared with the cli module's tests through this module's test jar.
 *
 * <pre>{@code
 * try (AiosmtpdServer s = AiosmtpdServer.start(tmp, pki.serverCert(), "--auth", "alice:pw")) {
 *     ... port s.port(), messages in s.maildir() ...
 * }
 * }</pre>
 */
public final class AiosmtpdServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path maildir;

    private AiosmtpdServer(Process process, int port, Path maildir) {
        this.process = process;
        this.port = port;
        this.maildir = maildir;
    }

    /**
     * Starts the script with {@code cert} (and the test key) in {@code dir}; accepted messages go
     * to {@code dir/mail}.
     *
     * @param options the script's options: {@code --implicit}, {@code --auth USER:PASSWORD},
     *     {@code --mechanisms PLAIN}, {@code --smtputf8}
     */
    public static AiosmtpdServer start(Path dir, Path cert, String... options) throws Exception {
        Path script = dir.resolve("starttls_server.py");
        try (InputStream in = AiosmtpdServer.class.getResourceAsStream("/smtp/starttls_server.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path maildir = Files.createDirectories(dir.resolve("mail"));
        List<String> command = new ArrayList<>(List.of(
                python(),
                script.toString(),
                cert.toString(),
                TestPki.get().serverKey().toString(),
                maildir.toString()));
        command.addAll(List.of(options));
        Path err = dir.resolve("server.err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new AssertionError("aiosmtpd did not start: " + Files.readString(err));
        }
        return new AiosmtpdServer(p, Integer.parseInt(line.substring(5)), maildir);
    }

    public int port() {
        return port;
    }

    /** Where message n is {@code n.eml}, its envelope {@code n.rcpt}, its MAIL FROM parameters {@code n.mailopts}. */
    public Path maildir() {
        return maildir;
    }

    /** How many messages the server accepted. */
    public long delivered() throws IOException {
        try (var files = Files.list(maildir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml"))
                    .count();
        }
    }

    /** The login attempts, one a line: {@code MECHANISM USER ok|failed}; empty when none. */
    public String authLog() throws IOException {
        Path log = maildir.resolve("auth.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static String python() throws InterruptedException {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import aiosmtpd")
                        .redirectErrorStream(true)
                        .start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // try the next one
            }
        }
        TestPki.missing("python3 with aiosmtpd (Debian package python3-aiosmtpd) is not installed");
        return null;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
