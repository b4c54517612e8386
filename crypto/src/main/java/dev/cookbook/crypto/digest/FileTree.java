package dev.cookbook.crypto.digest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns command-line operands into the {@link Source}s to hash, lazily, in a stable order.
 *
 * <p>The operands come resolved: standard input, if hashed, as a {@link Source#stream}, and files
 * as {@link Source#named}. Without recursion every operand is one source (a directory then
 * fails to open, as in coreutils). With recursion a directory is walked depth first, each
 * directory's entries sorted by name in byte order (as {@code LC_ALL=C ls}), regular files only:
 * FIFOs, sockets and devices inside a tree are skipped, since reading them could block forever.
 * Symbolic links inside a tree are skipped unless links are followed; operands themselves are
 * always followed (as {@code find -H}). A followed link back into one of its own ancestors is
 * reported as a loop instead of being walked forever.
 *
 * <p>Memory holds one directory listing per level of the current path, never the whole tree.
 */
public final class FileTree {
    /**
     * Looked up on first use: creating a logger starts the logging backend, which costs a
     * short run a noticeable fraction of its time, and this class logs only rare events.
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(FileTree.class);
    }

    /** Code point order, which is UTF-8 byte order (String.compareTo is UTF-16 order). */
    static final Comparator<String> BYTE_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private FileTree() {}

    private static boolean hasSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The sources for {@code operands}, in order: each operand itself, or with recursion the files
     * in a directory operand.
     *
     * @param operands    the command line's inputs, resolved by the caller ({@code -} as standard input)
     * @param recursive   walk directories
     * @param followLinks follow symbolic links found inside directories
     */
    public static Iterator<Source> sources(List<Source> operands, boolean recursive, boolean followLinks) {
        return new Walker(operands.iterator(), recursive, followLinks);
    }

    private static final class Walker implements Iterator<Source> {
        private final Iterator<Source> operands;
        private final boolean recursive;
        private final boolean followLinks;
        private final Deque<Level> stack = new ArrayDeque<>();
        private Source next;

        Walker(Iterator<Source> operands, boolean recursive, boolean followLinks) {
            this.operands = operands;
            this.recursive = recursive;
            this.followLinks = followLinks;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (!stack.isEmpty()) {
                    next = step(stack.peek());
                } else if (operands.hasNext()) {
                    next = operand(operands.next());
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Source next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Source s = next;
            next = null;
            return s;
        }

        private Source operand(Source operand) {
            if (recursive && operand.path() != null && Files.isDirectory(operand.path())) {
                return enter(operand.name(), operand.path(), null);
            }
            return operand;
        }

        /** Pushes the listing of directory {@code dir}; returns a failure to report, or null. */
        private Source enter(String name, Path dir, Object fileKey) {
            List<Child> children = new ArrayList<>();
            boolean surrogates = false;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path child : entries) {
                    String s = child.getFileName().toString();
                    surrogates |= hasSurrogate(s);
                    children.add(new Child(s, child.getFileName()));
                }
            } catch (IOException e) {
                return Source.failed(name, e);
            }
            // String order is byte order unless a name holds a character beyond U+FFFF; the plain
            // comparison is an intrinsic, several times faster on a directory of 10,000 names.
            Comparator<String> order = surrogates ? BYTE_ORDER : Comparator.naturalOrder();
            children.sort((a, b) -> order.compare(a.name, b.name));
            Set<Object> ancestors = stack.isEmpty() ? new HashSet<>() : new HashSet<>(stack.peek().ancestors);
            if (fileKey == null) {
                fileKey = fileKey(dir);
            }
            if (fileKey != null) {
                ancestors.add(fileKey);
            }
            String prefix = name.endsWith("/") ? name : name + "/";
            stack.push(new Level(prefix, dir, children.iterator(), ancestors));
            return null;
        }

        private Source step(Level level) {
            if (!level.children.hasNext()) {
                stack.pop();
                return null;
            }
            Child child = level.children.next();
            String name = level.prefix + child.name;
            // The listing's own path, not one made again from the name: a name that is not valid
            // UTF-8 reads as U+FFFD in the string, and only the listed path still holds its bytes.
            Path path = level.dir.resolve(child.path);
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (attrs.isSymbolicLink()) {
                    if (!followLinks) {
                        Log.LOG.info("skipping symbolic link {} (links are not followed)", name);
                        return null;
                    }
                    attrs = Files.readAttributes(path, BasicFileAttributes.class);
                }
            } catch (IOException e) {
                return Source.failed(name, e);
            }
            if (attrs.isDirectory()) {
                Object key = attrs.fileKey();
                if (key != null && level.ancestors.contains(key)) {
                    return Source.failed(name, new FileSystemLoopException(name));
                }
                return enter(name, path, key);
            }
            if (attrs.isRegularFile()) {
                return Source.file(name, path);
            }
            Log.LOG.info("skipping {}: not a regular file", name);
            return null;
        }

        private static Object fileKey(Path dir) {
            try {
                return Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
            } catch (IOException e) {
                return null;
            }
        }
    }

    private record Level(String prefix, Path dir, Iterator<Child> children, Set<Object> ancestors) {}

    /** A directory entry: its name as text, and its path as the file system listed it. */
    private record Child(String name, Path path) {}
}
