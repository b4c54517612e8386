package dev.cookbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every example in every {@code --help} runs as written: each footer line of each command's help,
 * as the packaged binary prints it, runs with {@code bash -c} in a fresh folder holding the files it
 * reads (see {@link #FIXTURES}), with {@code cookbook} on PATH, and must exit 0.
 */
public class HelpExamplesIT {
    /** The password of the examples' {@code --pass env:PASSWORD}. */
    private static final String PASSWORD = "correct horse battery staple";

    /** Examples that need a person at a terminal, with why. Keep this list tiny. */
    private static final Map<String, String> NEEDS_TERMINAL = Map.of(
            "cookbook encrypt -o report.pdf.enc report.pdf",
            "asks for the password twice on the terminal: that is what it shows");

    @TempDir
    static Path tmp;

    private static Path fixtures;
    private static Path bin;
    private static Map<String, String> env;

    /** A file an example may read, and how to make it in the fixtures folder. */
    private interface Fixture {
        void make(Path file) throws Exception;
    }

    private static final Map<String, Fixture> FIXTURES = new LinkedHashMap<>();

    static {
        FIXTURES.put("README.md", f -> Files.writeString(f, "# cookbook\n"));
        FIXTURES.put("ubuntu.iso", f -> Files.write(f, new byte[4096]));
        FIXTURES.put("big.tar", f -> Files.write(f, new byte[10_000]));
        FIXTURES.put("src", f -> tree(f, "Main.java", "Util.java"));
        FIXTURES.put("photos", f -> tree(f, "a.jpg", "b.jpg"));
        FIXTURES.put("MD5SUMS", f -> {
            need("photos");
            sh("md5sum photos/a.jpg photos/b.jpg > MD5SUMS");
        });
        FIXTURES.put("notes.txt", f -> Files.writeString(f, "buy milk\n"));
        FIXTURES.put("report.pdf", f -> Files.writeString(f, "%PDF-1.4 not really\n"));
        FIXTURES.put("message.txt", f -> Files.writeString(f, "hello\n"));
        FIXTURES.put("m.txt", f -> Files.writeString(f, "hello\n"));
        FIXTURES.put("in", f -> Files.writeString(f, "plain text\n"));
        FIXTURES.put("pw.txt", f -> Files.writeString(f, PASSWORD + "\n"));
        FIXTURES.put("raw.bin", f -> Files.write(f, new byte[] {1, 2, 3, 4, 5}));
        FIXTURES.put("key.pem", f -> sh("cookbook key gen --bits 2048 -o key.pem --pub-out key.pub.pem"));
        FIXTURES.put("key.pub.pem", f -> need("key.pem"));
        FIXTURES.put("alice.pub.pem", f -> copy("key.pub.pem", f));
        FIXTURES.put("bob.pub.pem", f -> copy("key.pub.pem", f));
        FIXTURES.put("report.pdf.enc", f -> {
            need("report.pdf");
            sh("cookbook encrypt --pass env:PASSWORD -i report.pdf -o report.pdf.enc");
        });
        FIXTURES.put("report.sig", f -> {
            need("key.pem");
            need("report.pdf");
            sh("cookbook sign --key key.pem -o report.sig report.pdf");
        });
        FIXTURES.put("in.enc", f -> {
            need("key.pub.pem");
            need("in");
            sh("cookbook encrypt --recipient key.pub.pem -i in -o in.enc");
        });
        FIXTURES.put("old.enc", f -> {
            need("in");
            sh("openssl enc -des3 -provider legacy -provider default -pass env:PASSWORD -in in -out old.enc");
        });
        FIXTURES.put("old.b64", f -> {
            need("in");
            sh("openssl enc -rc4 -a -pbkdf2 -provider legacy -provider default -pass env:PASSWORD -in in"
                    + " -out old.b64");
        });
        FIXTURES.put("people.csv", f -> Files.writeString(f, "name,age\nAda,36\nAlan,41\n"));
        FIXTURES.put("raw.csv", f -> Files.writeString(f, "a |b c| d\n1 |2 3| 4\n"));
        FIXTURES.put("headerless.csv", f -> Files.writeString(f, "1,Ada\n2,Alan\n"));
        FIXTURES.put("people.jsonl", f -> Files.writeString(f, "{\"name\":\"Ada\",\"age\":\"36\"}\n"));
        FIXTURES.put("new.jsonl", f -> Files.writeString(f, "{\"name\":\"Grace\",\"age\":\"45\"}\n"));
        FIXTURES.put("more.jsonl", f -> Files.writeString(f, "{\"name\":\"Grace\",\"age\":\"45\"}\n"));
        FIXTURES.put("report.html", f -> Files.writeString(f, "<p>The <b>report</b> is attached.</p>\n"));
        FIXTURES.put(
                "message.eml",
                f -> Files.writeString(f, "From: me@example.org\nTo: you@example.org\nSubject: ready-made\n\nhello\n"));
        FIXTURES.put("rows.jsonl", f -> Files.writeString(f, "[\"a\",\"b c\"]\n[\"1\",\"2\"]\n"));
    }

    @BeforeAll
    static void setUp() throws IOException {
        Tools.require("openssl"); // examples compare with it, and it makes old.enc
        Tools.require("jq"); // checksum --json | jq
        fixtures = Files.createDirectory(tmp.resolve("fixtures"));
        bin = Files.createDirectory(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("cookbook"), Binary.PATH);
        env = Map.of(
                "PATH",
                bin + ":" + System.getenv("PATH"),
                "PASSWORD",
                PASSWORD,
                "HOME",
                tmp.resolve("home").toString());
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRuns() {
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (List<String> command : commands()) {
            for (String example : examples(command)) {
                if (!seen.add(example)) {
                    continue; // the same example in two helps runs once
                }
                String name = ("cookbook " + String.join(" ", command)).strip() + ": " + example;
                tests.add(DynamicTest.dynamicTest(name, () -> run(example)));
            }
        }
        assertTrue(tests.size() > 20, "examples found: " + tests.size());
        return tests.stream();
    }

    private static void run(String example) throws Exception {
        String bare = example.replaceFirst("\\s+#.*$", "");
        if (NEEDS_TERMINAL.containsKey(bare)) {
            return;
        }
        Path dir = Files.createTempDirectory(tmp, "example");
        Files.createDirectories(tmp.resolve("home/.local/share/bash-completion/completions"));
        for (String file : inputs(bare)) {
            for (String each : withWhatItLists(file)) {
                need(each);
                copyTree(fixtures.resolve(each), dir.resolve(each));
            }
        }
        Binary.Result r = Binary.exec(dir, env, null, List.of("bash", "-c", example));
        assertEquals(0, r.exit(), () -> example + "\n" + r);
    }

    /** A fixture and the files it names, which an example reading it reads too (a checksum list). */
    private static List<String> withWhatItLists(String fixture) {
        return fixture.equals("MD5SUMS") ? List.of("photos", fixture) : List.of(fixture);
    }

    /**
     * The fixtures {@code example} reads: each fixture named in it (a glob stands for any), unless an
     * earlier command in it writes that file ({@code -o F}, {@code --pub-out F}, {@code > F}).
     */
    static List<String> inputs(String example) {
        List<String> out = new ArrayList<>();
        Set<String> written = new LinkedHashSet<>();
        String[] words = example.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String word = words[i].replaceAll("/$", "");
            String before = i > 0 ? words[i - 1] : "";
            boolean appends = example.contains("--append"); // -o F then reads F first
            if (before.matches("-o|--out|--pub-out|-out|>|>>") && !(appends && before.startsWith("-"))) {
                written.add(word);
                continue;
            }
            for (String fixture : FIXTURES.keySet()) {
                if (!written.contains(fixture) && !out.contains(fixture) && matches(word, fixture)) {
                    out.add(fixture);
                }
            }
        }
        return out;
    }

    private static boolean matches(String word, String fixture) {
        if (word.equals(fixture) || word.endsWith(":" + fixture)) { // --pass file:pw.txt
            return true;
        }
        if (!word.contains("*")) {
            return false;
        }
        return fixture.matches(Pattern.quote(word).replace("*", "\\E.*\\Q"));
    }

    /** Every command path in the tree: [], [checksum], [key], [key, gen], ... */
    private static List<List<String>> commands() {
        CommandLine root = CookbookCli.create(
                new Stdio(System.in, new ByteArrayOutputStream(), new ByteArrayOutputStream(), false, false, false));
        List<List<String>> out = new ArrayList<>();
        collect(root, new ArrayList<>(), out);
        return out;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, out);
        });
    }

    private static final Pattern EXAMPLES = Pattern.compile("\nExamples:\n((?:  .*\n)+)");

    /** The example lines of {@code command}'s help, as the binary prints them. */
    private static List<String> examples(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        Binary.Result r = Binary.run(tmp, args.toArray(String[]::new));
        assertEquals(0, r.exit(), r::toString);
        Matcher m = EXAMPLES.matcher(r.out());
        if (!m.find()) {
            return List.of();
        }
        return m.group(1).lines().map(String::strip).toList();
    }

    /** Makes fixture {@code name} in the fixtures folder, once. */
    private static void need(String name) throws Exception {
        Path file = fixtures.resolve(name);
        if (!Files.exists(file)) {
            FIXTURES.get(name).make(file);
            assertTrue(Files.exists(file), "fixture " + name + " was not made");
        }
    }

    private static void sh(String script) {
        Binary.Result r = Binary.exec(fixtures, env, null, List.of("bash", "-c", script));
        assertEquals(0, r.exit(), () -> script + "\n" + r);
    }

    private static void copy(String fixture, Path to) throws Exception {
        need(fixture);
        Files.copy(fixtures.resolve(fixture), to);
    }

    private static void tree(Path dir, String... files) throws IOException {
        Files.createDirectories(dir);
        for (String file : files) {
            Files.writeString(dir.resolve(file), file + "\n", StandardCharsets.UTF_8);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
