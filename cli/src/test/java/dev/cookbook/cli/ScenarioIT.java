package dev.cookbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the golden-output scenarios in {@code src/test/resources/scenarios/} against the packaged
 * binary; the format is described in that folder's README.md.
 */
public class ScenarioIT {
    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicNode> scenarios() throws IOException, URISyntaxException {
        Path folder = Path.of(ScenarioIT.class.getResource("/scenarios").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            Scenario s = Scenario.parse(Files.readString(file));
            Path dir = Files.createDirectory(work.resolve(file.getFileName().toString()));
            List<DynamicTest> cases = s.cases.stream()
                    .map(c -> DynamicTest.dynamicTest(
                            c.line + " (" + file.getFileName() + ":" + c.lineNumber + ")", () -> check(s, c, dir)))
                    .toList();
            nodes.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), cases));
        }
        return nodes.stream();
    }

    private static void check(Scenario s, Scenario.Case c, Path dir) throws IOException {
        s.writeFiles(dir);
        List<String> command = new ArrayList<>(c.words);
        if (command.get(0).equals("cookbook")) {
            command.set(0, Binary.PATH.toString());
        }
        Binary.Result r = Binary.exec(dir, Map.of(), c.stdin == null ? null : dir.resolve(c.stdin), command);
        String where = c.line + " (line " + c.lineNumber + ")\n" + r;
        assertEquals(c.stdout.toString(), r.out(), where);
        assertEquals(c.stderr.toString(), r.err(), where);
        assertEquals(c.exit, r.exit(), where);
    }

    /** One scenario file: commands with their expected output, and the files they work on. */
    static final class Scenario {
        final List<Case> cases = new ArrayList<>();
        final Map<String, byte[]> files = new java.util.LinkedHashMap<>();

        static final class Case {
            final String line;
            final int lineNumber;
            final List<String> words;
            String stdin;
            int exit;
            final StringBuilder stdout = new StringBuilder();
            final StringBuilder stderr = new StringBuilder();

            Case(String line, int lineNumber) {
                this.line = line;
                this.lineNumber = lineNumber;
                List<String> w = split(line);
                int redirect = w.indexOf("<");
                if (redirect >= 0) {
                    stdin = w.get(redirect + 1);
                    w = w.subList(0, redirect);
                }
                this.words = w;
            }
        }

        static Scenario parse(String text) {
            Scenario s = new Scenario();
            Case current = null;
            String fileName = null;
            boolean escapedFile = false;
            StringBuilder content = null;
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                if (l.startsWith("-- ") && l.endsWith(" --")) {
                    s.addFile(fileName, content, escapedFile);
                    String spec = l.substring(3, l.length() - 3);
                    escapedFile = spec.endsWith(" (escaped)");
                    fileName = escapedFile ? spec.substring(0, spec.length() - " (escaped)".length()) : spec;
                    content = new StringBuilder();
                } else if (content != null) {
                    if (i < lines.length - 1 || !l.isEmpty()) {
                        content.append(l).append('\n');
                    }
                } else if (l.startsWith("$ ")) {
                    current = new Case(l.substring(2), i + 1);
                    s.cases.add(current);
                } else if (l.startsWith("? ")) {
                    current.exit = Integer.parseInt(l.substring(2).trim());
                } else if (l.startsWith("> ") || l.equals(">")) {
                    current.stdout.append(l.length() > 1 ? l.substring(2) : "").append('\n');
                } else if (l.startsWith("! ") || l.equals("!")) {
                    current.stderr.append(l.length() > 1 ? l.substring(2) : "").append('\n');
                } else if (!l.isBlank() && !l.startsWith("#")) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": cannot read '" + l + "'");
                }
            }
            s.addFile(fileName, content, escapedFile);
            return s;
        }

        private void addFile(String name, StringBuilder content, boolean escaped) {
            if (name != null) {
                String text = content.toString();
                files.put(name, escaped ? unescape(text) : text.getBytes(StandardCharsets.UTF_8));
            }
        }

        void writeFiles(Path dir) throws IOException {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path p = dir.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
        }

        /** An escaped file body: {@code \n}, {@code \r}, {@code \t}, {@code \\}, {@code \xHH}; newlines are dropped. */
        static byte[] unescape(String s) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\n') {
                    continue;
                }
                if (c != '\\') {
                    byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    out.write(b, 0, b.length);
                    continue;
                }
                char e = s.charAt(++i);
                switch (e) {
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case '0' -> out.write(0);
                    case '\\' -> out.write('\\');
                    case 'x' -> {
                        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    default -> throw new IllegalArgumentException("unknown escape \\" + e);
                }
            }
            return out.toByteArray();
        }

        /** Splits a command line into words as a POSIX shell would: quotes and backslashes. */
        static List<String> split(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder w = null;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == ' ') {
                    if (w != null) {
                        words.add(w.toString());
                        w = null;
                    }
                    continue;
                }
                if (w == null) {
                    w = new StringBuilder();
                }
                if (c == '\'') {
                    int end = line.indexOf('\'', i + 1);
                    w.append(line, i + 1, end);
                    i = end;
                } else if (c == '"') {
                    for (i++; line.charAt(i) != '"'; i++) {
                        if (line.charAt(i) == '\\') {
                            i++;
                        }
                        w.append(line.charAt(i));
                    }
                } else if (c == '\\') {
                    w.append(line.charAt(++i));
                } else {
                    w.append(c);
                }
            }
            if (w != null) {
                words.add(w.toString());
            }
            return words;
        }
    }
}
