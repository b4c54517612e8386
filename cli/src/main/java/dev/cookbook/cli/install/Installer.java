package dev.cookbook.cli.install;

import dev.cookbook.cli.CommandFailure;
import dev.cookbook.cli.ExitCodes;
import dev.cookbook.cli.common.AtomicOutput;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.cli.completion.CompletionCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * What {@code install} and {@code uninstall} do under a prefix: the files, the manifest that
 * records them ({@link Manifest}), and the rules: a file already there that cookbook did not put
 * there (or that changed since) is replaced only when forced, and kept by {@code uninstall}; every
 * file is written atomically; a directory is removed only if install created it and it is empty.
 */
final class Installer {
    /** One thing to install, at {@code path} under the prefix: bytes, a copy of a file, or a link. */
    record Item(String path, byte[] bytes, Path copyOf, Path linkTo, boolean executable) {}

    /** What a run did (or, dry, would do): counts for the summary. */
    record Outcome(int written, int removed, int kept) {}

    private final Path prefix;
    private final Consumer<String> plan;

    /**
     * @param plan where to print each step instead of doing it (a dry run), or null to do them
     */
    Installer(Path prefix, Consumer<String> plan) {
        this.prefix = prefix;
        this.plan = plan;
    }

    /**
     * The items for the running executable {@code launcher}: the program (a copy, or a link to a
     * launcher that sits in a self-contained distribution, {@code DIST/bin/cookbook} next to
     * {@code DIST/runtime/bin/java}, which a copy would cut off from its runtime), the completion
     * scripts and a man page for each command of {@code root}.
     */
    static List<Item> items(Path launcher, CommandLine root) {
        List<Item> items = new ArrayList<>();
        Path dist = launcher.toAbsolutePath().getParent().getParent();
        if (dist != null && Files.isExecutable(dist.resolve("runtime/bin/java"))) {
            items.add(new Item("bin/cookbook", null, null, launcher.toAbsolutePath(), true));
        } else {
            items.add(new Item("bin/cookbook", null, launcher.toAbsolutePath(), null, true));
        }
        String name = root.getCommandName();
        items.add(text(
                "share/bash-completion/completions/" + name,
                CompletionCommand.script(CompletionCommand.Shell.bash, root)));
        items.add(
                text("share/zsh/site-functions/_" + name, CompletionCommand.script(CompletionCommand.Shell.zsh, root)));
        addManPages(root, items);
        return items;
    }

    private static Item text(String path, String text) {
        return new Item(path, text.getBytes(StandardCharsets.UTF_8), null, null, false);
    }

    private static void addManPages(CommandLine cl, List<Item> items) {
        if (cl.getCommandSpec().usageMessage().hidden()) {
            return;
        }
        String page = cl.getCommandSpec().qualifiedName("-") + ".1";
        try (InputStream in = Installer.class.getResourceAsStream("/dev/cookbook/cli/man/" + page)) {
            if (in == null) {
                throw new IllegalStateException("this build has no man page " + page);
            }
            items.add(new Item("share/man/man1/" + page, in.readAllBytes(), null, null, false));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the man page " + page, e);
        }
        cl.getSubcommands().values().forEach(sub -> addManPages(sub, items));
    }

    /**
     * Installs {@code items}, replacing what a previous install put there.
     *
     * @param force whether a file that cookbook did not put there (or that changed since) is replaced
     * @throws ParameterException such a file, without {@code force} (nothing is written then)
     */
    Outcome install(List<Item> items, boolean force, CommandLine cl) throws IOException {
        Manifest old = Manifest.read(prefix);
        List<String> conflicts = new ArrayList<>();
        for (Item item : items) {
            Path target = prefix.resolve(item.path());
            Manifest.Entry entry = old == null ? null : old.entries.get(item.path());
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (entry == null) {
                conflicts.add(Messages.quote(target.toString()) + " exists and was not installed by cookbook");
            } else if (!Manifest.unchanged(prefix, entry)) {
                conflicts.add(Messages.quote(target.toString()) + " changed since cookbook installed it");
            }
        }
        if (!conflicts.isEmpty() && !force) {
            String more = conflicts.size() > 1 ? " (and " + (conflicts.size() - 1) + " more)" : "";
            throw new ParameterException(cl, conflicts.get(0) + more + ": add --force to replace it");
        }
        Manifest now = new Manifest();
        List<Manifest.Entry> leftovers = new ArrayList<>();
        if (old != null) {
            now.dirs.addAll(old.dirs);
            old.entries.values().stream()
                    .filter(e -> items.stream().noneMatch(i -> i.path().equals(e.path())))
                    .forEach(leftovers::add);
        }
        boolean done = false;
        try {
            for (Item item : items) {
                createParents(item.path(), now);
                now.entries.put(item.path(), put(item));
            }
            createParents(Manifest.PATH, now);
            done = true;
        } finally {
            if (!done && plan == null) {
                // the manifest lists what is installed now, so that uninstall can remove it
                leftovers.forEach(e -> now.entries.put(e.path(), e));
                now.write(prefix);
            }
        }
        // files of the previous install that this one no longer has (a command removed since)
        int removed = 0;
        for (Manifest.Entry entry : leftovers) {
            if (Manifest.unchanged(prefix, entry)) {
                remove(prefix.resolve(entry.path()));
                removed++;
            }
        }
        if (plan == null) {
            now.write(prefix);
        } else {
            plan.accept(
                    "install " + Messages.quote(prefix.resolve(Manifest.PATH).toString()));
        }
        return new Outcome(items.size(), removed, 0);
    }

    private void createParents(String path, Manifest now) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path dir = prefix.resolve(path).getParent();
                dir != null && dir.startsWith(prefix) && !Files.isDirectory(dir) && !now.dirs.contains(relative(dir));
                dir = dir.getParent()) {
            missing.add(0, dir); // a dry run counts the ones it would have made as made
        }
        for (Path dir : missing) {
            if (plan != null) {
                plan.accept("mkdir " + Messages.quote(dir.toString()));
            } else {
                Files.createDirectories(dir); // for the prefix, its parents too (not recorded: outside it)
            }
            now.dirs.add(relative(dir));
        }
    }

    /** {@code dir} as the manifest names it: relative to the prefix, which itself is {@code .}. */
    private String relative(Path dir) {
        String relative = prefix.relativize(dir).toString();
        return relative.isEmpty() ? "." : relative;
    }

    private Manifest.Entry put(Item item) throws IOException {
        Path target = prefix.resolve(item.path());
        String shown = Messages.quote(target.toString());
        if (item.linkTo() != null) {
            if (plan != null) {
                plan.accept(
                        "link " + shown + " -> " + Messages.quote(item.linkTo().toString()));
            } else {
                link(target, item.linkTo());
            }
            return new Manifest.Entry(item.path(), null, item.linkTo().toString());
        }
        if (plan != null) {
            plan.accept("install " + shown
                    + (item.copyOf() != null
                            ? " (a copy of " + Messages.quote(item.copyOf().toString()) + ")"
                            : ""));
            return new Manifest.Entry(item.path(), "0".repeat(64), null);
        }
        MessageDigest digest = Manifest.sha256();
        try (AtomicOutput out = AtomicOutput.create(
                target,
                target.toString(),
                PosixFilePermissions.fromString(item.executable() ? "rwxr-xr-x" : "rw-r--r--"),
                true)) {
            OutputStream sink = new DigestOutputStream(out.stream(), digest);
            if (item.copyOf() != null) {
                try (InputStream in = Files.newInputStream(item.copyOf())) {
                    in.transferTo(sink);
                }
            } else {
                sink.write(item.bytes());
            }
            sink.flush();
            out.commit();
        }
        return new Manifest.Entry(item.path(), HexFormat.of().formatHex(digest.digest()), null);
    }

    /** A symbolic link put in place as a file is: made beside it, renamed over it. */
    private static void link(Path target, Path to) throws IOException {
        Path temp = target.resolveSibling(
                "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createSymbolicLink(temp, to);
        try {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e instanceof FileSystemException f
                    ? new FileSystemException(target.toString(), null, Messages.reason(f))
                    : e;
        }
    }

    /**
     * Removes what the manifest lists: each file or link unchanged since install (a changed one is
     * kept, and {@code kept} hears of it), the manifest, then each directory install created, if empty.
     *
     * @throws CommandFailure no manifest under the prefix
     */
    Outcome uninstall(Consumer<String> kept) throws IOException {
        Manifest m = Manifest.read(prefix);
        if (m == null) {
            throw new CommandFailure(
                    ExitCodes.IO_ERROR,
                    "nothing installed under " + Messages.quote(prefix.toString()) + ": no "
                            + Messages.quote(prefix.resolve(Manifest.PATH).toString()),
                    "give the --prefix that 'cookbook install' used",
                    null);
        }
        int removed = 0;
        int keptCount = 0;
        Set<Path> gone = new HashSet<>(); // what this run removed (or, dry, would remove)
        for (Manifest.Entry entry : m.entries.values()) {
            Path p = prefix.resolve(entry.path());
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue; // removed already
            }
            if (!Manifest.unchanged(prefix, entry)) {
                kept.accept(Messages.quote(p.toString()));
                keptCount++;
            } else {
                remove(p);
                gone.add(p);
                removed++;
            }
        }
        remove(prefix.resolve(Manifest.PATH));
        gone.add(prefix.resolve(Manifest.PATH));
        List<String> dirs = new ArrayList<>(m.dirs);
        // deepest first, the prefix itself (".") last
        dirs.sort(Comparator.comparingInt((String d) -> d.equals(".") ? 0 : d.split("/").length)
                .reversed());
        for (String dir : dirs) {
            Path d = dir.equals(".") ? prefix : prefix.resolve(dir);
            try (Stream<Path> entries = Files.list(d)) {
                if (!entries.allMatch(gone::contains)) {
                    continue;
                }
            } catch (NoSuchFileException e) {
                continue;
            }
            if (plan != null) {
                plan.accept("rmdir " + Messages.quote(d.toString()));
            } else {
                try {
                    Files.delete(d);
                } catch (DirectoryNotEmptyException e) {
                    continue; // something appeared meanwhile: it stays
                }
            }
            gone.add(d);
        }
        return new Outcome(0, removed, keptCount);
    }

    private void remove(Path p) throws IOException {
        if (plan != null) {
            plan.accept("remove " + Messages.quote(p.toString()));
        } else {
            Files.deleteIfExists(p);
        }
    }
}
