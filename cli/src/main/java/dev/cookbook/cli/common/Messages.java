package dev.cookbook.cli.common;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Wording shared by every command's diagnostics: how names are quoted and I/O failures described. */
public final class Messages {
    private Messages() {}

    /**
     * A file name as coreutils quotes it in diagnostics ({@code quotef}): bare if it is plainly
     * safe to copy into a shell, else single-quoted, with control characters as {@code $'\n'}.
     */
    public static String quote(String name) {
        if (!name.isEmpty() && isPlain(name)) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length() + 8);
        boolean inQuotes = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (inQuotes) {
                    sb.append('\'');
                    inQuotes = false;
                }
                sb.append("$'").append(controlEscape(c)).append('\'');
                continue;
            }
            if (!inQuotes) {
                sb.append('\'');
                inQuotes = true;
            }
            if (c == '\'') {
                sb.append("'\\''");
            } else {
                sb.append(c);
            }
        }
        if (inQuotes) {
            sb.append('\'');
        }
        if (sb.length() == 0) {
            sb.append("''");
        }
        return sb.toString();
    }

    private static boolean isPlain(String s) {
        char first = s.charAt(0);
        if (first == '~' || first == '#') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "%+,-./:=@_^".indexOf(c) >= 0
                    || (c > 0x7f && !Character.isISOControl(c));
            if (!safe) {
                return false;
            }
        }
        return true;
    }

    private static String controlEscape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case 0x07 -> "\\a";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case 0x0b -> "\\v";
            case 0x1b -> "\\E";
            default -> String.format("\\%03o", (int) c);
        };
    }

    /**
     * What went wrong, as {@code strerror} would say it, for a file-level failure:
     * {@code No such file or directory}, {@code Permission denied}, {@code Is a directory}.
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return e instanceof FileSystemException f && f.getReason() != null
                    ? f.getReason()
                    : "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getReason() != null ? f.getReason() : "File exists";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop: a directory that contains itself";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /**
     * {@code 'NAME': reason}, the usual form of a file-level error line. A name that reached Java
     * as something other than what the file system holds (bytes that are not UTF-8, which Java
     * decodes to U+FFFD) is shown as its bytes, {@code '\\xff\\xfe.bin'}, with the reason it cannot
     * be opened rather than a misleading "No such file or directory".
     */
    public static String fileError(String name, IOException e) {
        if (name.indexOf('\uFFFD') >= 0 && e instanceof NoSuchFileException) {
            String raw = RawArguments.bytesOf(name);
            if (raw != null) {
                return "'" + raw + "': "
                        + (listed(name)
                                ? "the name is not valid UTF-8, and Java cannot open such a file: rename it"
                                : "No such file or directory");
            }
        }
        return quote(name) + ": " + reason(e);
    }

    /** Whether the folder of {@code name} lists an entry that Java decodes to the same name. */
    private static boolean listed(String name) {
        Path file = Path.of(name);
        Path folder = file.toAbsolutePath().getParent();
        try (java.util.stream.Stream<Path> entries = Files.list(folder)) {
            String wanted = file.getFileName().toString();
            return entries.anyMatch(p -> p.getFileName().toString().equals(wanted));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * What a {@link java.io.FileInputStream} or {@link java.io.FileOutputStream} that failed to
     * open {@code path} means, as the NIO exception that names the file as the user gave it.
     */
    public static IOException openFailure(String name, Path path, FileNotFoundException e) {
        if (Files.isDirectory(path)) {
            return new FileSystemException(name, null, "Is a directory");
        }
        String m = String.valueOf(e.getMessage());
        int open = m.lastIndexOf(" (");
        String reason = open >= 0 && m.endsWith(")") ? m.substring(open + 2, m.length() - 1) : m;
        return switch (reason) {
            case "No such file or directory" -> new NoSuchFileException(name);
            case "Permission denied" -> new AccessDeniedException(name);
            default -> new FileSystemException(name, null, reason);
        };
    }

    /** An I/O failure that is not tied to a file name we know: the exception's own words. */
    public static String describe(Throwable t) {
        if (t instanceof UncheckedIOException u) {
            t = u.getCause();
        }
        if (t instanceof FileSystemException f && f.getFile() != null) {
            return fileError(f.getFile(), f);
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /** Lowercases a message's first letter unless it starts an acronym ("Unknown option" but "SMTP"). */
    public static String lowerFirst(String s) {
        if (s == null || s.isEmpty() || !Character.isUpperCase(s.charAt(0))) {
            return s;
        }
        if (s.length() > 1 && Character.isUpperCase(s.charAt(1))) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
