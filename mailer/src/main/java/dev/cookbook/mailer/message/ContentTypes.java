package dev.cookbook.mailer.message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Guesses a file's Content-Type: first a fixed table by extension (the same answer on every
 * machine), then {@link Files#probeContentType} (which may know more, or return null in a
 * minimal container), then the first bytes: a few magic numbers, else text (valid UTF-8 without
 * control characters) or {@code application/octet-stream}. A text type gets
 * {@code charset=UTF-8} when its first bytes hold non-ASCII UTF-8.
 */
final class ContentTypes {
    static final String OCTET_STREAM = "application/octet-stream";
    private static final int SNIFF = 8192;

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("txt", "text/plain"),
            Map.entry("text", "text/plain"),
            Map.entry("log", "text/plain"),
            Map.entry("md", "text/markdown"),
            Map.entry("csv", "text/csv"),
            Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("html", "text/html"),
            Map.entry("htm", "text/html"),
            Map.entry("css", "text/css"),
            Map.entry("ics", "text/calendar"),
            Map.entry("xml", "application/xml"),
            Map.entry("json", "application/json"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"),
            Map.entry("7z", "application/x-7z-compressed"),
            Map.entry("doc", "application/msword"),
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            Map.entry("xls", "application/vnd.ms-excel"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("ppt", "application/vnd.ms-powerpoint"),
            Map.entry("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            Map.entry("odt", "application/vnd.oasis.opendocument.text"),
            Map.entry("ods", "application/vnd.oasis.opendocument.spreadsheet"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("wav", "audio/wav"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"));

    private ContentTypes() {}

    /** The Content-Type for {@code file}, named {@code name} in the message. */
    static String detect(Path file, String name) throws IOException {
        byte[] head = head(file);
        String type = byExtension(name);
        if (type == null) {
            type = byExtension(
                    file.getFileName() == null ? "" : file.getFileName().toString());
        }
        if (type == null) {
            try {
                type = Files.probeContentType(file);
            } catch (IOException | RuntimeException e) {
                type = null;
            }
        }
        if (type == null) {
            type = sniff(head);
        }
        if (type.startsWith("text/") && !type.contains(";") && isUtf8Text(head) && !isAscii(head)) {
            type += "; charset=UTF-8";
        }
        return type;
    }

    static String byExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The type the first bytes of a file show. */
    static String sniff(byte[] head) {
        if (startsWith(head, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        }
        if (startsWith(head, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n')) {
            return "image/png";
        }
        if (startsWith(head, 0xff, 0xd8, 0xff)) {
            return "image/jpeg";
        }
        if (startsWith(head, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (startsWith(head, 'P', 'K', 3, 4)) {
            return "application/zip";
        }
        if (startsWith(head, 0x1f, 0x8b)) {
            return "application/gzip";
        }
        return isUtf8Text(head) ? "text/plain" : OCTET_STREAM;
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SNIFF);
        }
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(byte[] head) {
        for (byte b : head) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code head} reads as text: no control characters but tab, line breaks, form feed
     * and escape, and valid UTF-8 (a character cut at the end of the sample is allowed).
     */
    static boolean isUtf8Text(byte[] head) {
        for (byte b : head) {
            int c = b & 0xff;
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b) || c == 0x7f) {
                return false;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int length = head.length;
        // A sample cut inside a multi-byte character: drop the incomplete tail (at most 3 bytes).
        if (length == SNIFF) {
            int i = length - 1;
            while (i >= 0 && i > length - 4 && (head[i] & 0xc0) == 0x80) {
                i--;
            }
            if (i >= 0 && (head[i] & 0xc0) == 0xc0) {
                int need = (head[i] & 0xe0) == 0xc0 ? 2 : (head[i] & 0xf0) == 0xe0 ? 3 : 4;
                if (length - i < need) {
                    length = i;
                }
            }
        }
        try {
            decoder.decode(ByteBuffer.wrap(head, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
