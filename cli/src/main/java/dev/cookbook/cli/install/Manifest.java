package dev.cookbook.cli.install;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.common.AtomicOutput;
import dev.cookbook.cli.common.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code PREFIX/share/cookbook/install-manifest}: what {@code cookbook install} put under a prefix,
 * read by {@code uninstall} and by the next {@code install} (an upgrade). One line per thing, paths
 * relative to the prefix (names cookbook chose: no spaces), a line per kind:
 *
 * <pre>
 * dir share/cookbook                         a directory install created
 * file bin/cookbook SHA-256                  a file, with the SHA-256 of what was written
 * link bin/cookbook /opt/cookbook/bin/cookbook   a symbolic link, with its target (may hold spaces)
 * </pre>
 */
final class Manifest {
    static final String PATH = "share/cookbook/install-manifest";

    /** A file or link: exactly one of {@code sha256} and {@code link} is set. */
    record Entry(String path, String sha256, String link) {}

    final Set<String> dirs = new LinkedHashSet<>();
    final Map<String, Entry> entries = new LinkedHashMap<>();

    /** The manifest under {@code prefix}, or null if there is none. */
    static Manifest read(Path prefix) throws IOException {
        Path file = prefix.resolve(PATH);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        Manifest m = new Manifest();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ", 3);
            boolean ok = f.length >= 2 && !f[1].isEmpty() && !f[1].startsWith("/") && !f[1].contains("..");
            if (ok && f[0].equals("dir") && f.length == 2) {
                m.dirs.add(f[1]);
            } else if (ok && f[0].equals("file") && f.length == 3 && f[2].matches("[0-9a-f]{64}")) {
                m.entries.put(f[1], new Entry(f[1], f[2], null));
            } else if (ok && f[0].equals("link") && f.length == 3 && !f[2].isEmpty()) {
                m.entries.put(f[1], new Entry(f[1], null, f[2]));
            } else {
                throw new CommandFailure(
                        ExitCodes.BAD_DATA,
                        Messages.quote(file.toString()) + ": line " + (i + 1) + ": not a manifest line: "
                                + Messages.quote(line));
            }
        }
        return m;
    }

    /** Writes this manifest under {@code prefix}, atomically, mode 644. */
    void write(Path prefix) throws IOException {
        Path file = prefix.resolve(PATH);
        try (AtomicOutput out =
                AtomicOutput.create(file, file.toString(), PosixFilePermissions.fromString("rw-r--r--"), true)) {
            Writer w = new java.io.OutputStreamWriter(out.stream(), StandardCharsets.UTF_8);
            w.write("# What 'cookbook install' put under this prefix; 'cookbook uninstall' removes it.\n");
            for (String dir : dirs) {
                w.write("dir " + dir + "\n");
            }
            for (Entry e : entries.values()) {
                w.write(
                        e.sha256() != null
                                ? "file " + e.path() + " " + e.sha256()
                                : "link " + e.path() + " " + e.link());
                w.write("\n");
            }
            w.flush();
            out.commit();
        }
    }

    /** Whether what is at {@code prefix/path} now is what {@code entry} recorded: unchanged since install. */
    static boolean unchanged(Path prefix, Entry entry) throws IOException {
        Path p = prefix.resolve(entry.path());
        if (entry.link() != null) {
            return Files.isSymbolicLink(p)
                    && Files.readSymbolicLink(p).toString().equals(entry.link());
        }
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                && entry.sha256().equals(sha256(p));
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file);
                OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            in.transferTo(sink);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
