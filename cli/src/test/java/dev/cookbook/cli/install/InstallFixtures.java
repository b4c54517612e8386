package dev.cookbook.cli.install;

import dev.cookbook.cli.CookbookCli;
import dev.cookbook.cli.Stdio;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine;

/** What the install tests share: the command tree, and what is under a prefix, to compare before and after. */
final class InstallFixtures {
    private InstallFixtures() {}

    /** The whole command tree, on streams nobody reads. */
    static CommandLine commands() {
        return CookbookCli.create(new Stdio(
                new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(),
                new ByteArrayOutputStream(),
                false,
                false,
                false));
    }

    /** Every file and directory under {@code dir}, relative ("/" after directories), with each file's mode. */
    static TreeMap<String, String> of(Path dir) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        if (!Files.exists(dir)) {
            return out;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String name = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    out.put(name, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    out.put(name + "/", "");
                } else {
                    out.put(name, PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                }
            }
        }
        return out;
    }
}
