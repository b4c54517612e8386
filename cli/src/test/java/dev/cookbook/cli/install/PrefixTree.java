package dev.cookbook.cli.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What is under a prefix, to compare before and after: each path with its mode, link target or "/". */
final class PrefixTree {
    private PrefixTree() {}

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
