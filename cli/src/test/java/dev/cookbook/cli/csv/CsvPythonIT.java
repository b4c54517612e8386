package dev.cookbook.cli.csv;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cookbook.cli.Binary;
import dev.cookbook.cli.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged {@code cookbook csv} against the real Python {@code csv} module: {@code csv read} gives
 * the records {@code csv.DictReader} (or {@code csv.reader}) gives, compared as parsed JSON; {@code csv
 * write} writes the bytes {@code csv.DictWriter} (or {@code csv.writer}) writes; {@code read | write}
 * gives back what Python wrote.
 */
public class CsvPythonIT {
    /** argv: CSV file, options as JSON, cookbook's JSON Lines. Prints "same", or what Python and cookbook gave. */
    static final String READ_PY = """
            import csv, json, sys
            path, opts, got = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
            encoding = opts.pop('encoding', 'utf-8')
            rows = opts.pop('rows', False)
            extra = {k: opts.pop(k) for k in ('fieldnames', 'restkey', 'restval') if k in opts}
            opts['quoting'] = ['minimal', 'all', 'nonnumeric', 'none'].index(opts.get('quoting', 'minimal'))
            with open(path, newline='', encoding=encoding) as f:
                want = list(csv.reader(f, **opts)) if rows else list(csv.DictReader(f, **extra, **opts))
            want = json.loads(json.dumps(want))  # None as a key becomes "null", as a value null
            with open(got, encoding='utf-8') as f:
                have = [json.loads(line) for line in f]
            if want == have:
                print('same')
            else:
                print('python:   ' + json.dumps(want, ensure_ascii=False))
                print('cookbook: ' + json.dumps(have, ensure_ascii=False))
            """;

    /** argv: options as JSON, JSON Lines file. Writes what DictWriter (or writer, for rows) makes of them. */
    static final String WRITE_PY = """
            import csv, io, json, sys
            opts = json.loads(sys.argv[1])
            with open(sys.argv[2], encoding='utf-8') as f:
                records = [json.loads(line) for line in f]
            rows = opts.pop('rows', False)
            opts['quoting'] = ['minimal', 'all', 'nonnumeric', 'none'].index(opts.get('quoting', 'minimal'))
            opts['lineterminator'] = {'crlf': '\\r\\n', 'lf': '\\n'}[opts.get('lineterminator', 'crlf')]
            out = io.StringIO(newline='')
            if rows:
                csv.writer(out, **opts).writerows(records)
            else:
                w = csv.DictWriter(out, fieldnames=list(records[0]), **opts)
                w.writeheader()
                w.writerows(records)
            sys.stdout.buffer.write(out.getvalue().encode('utf-8'))
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void python() {
        Tools.require("python3");
    }

    /** A dialect and reading options, as cookbook options and as Python keyword arguments (JSON). */
    static final class Opts {
        final List<String> args = new ArrayList<>();
        final List<String> py = new ArrayList<>();

        Opts delimiter(char c) {
            args.addAll(List.of("-d", c == '\t' ? "\\t" : String.valueOf(c)));
            return py("delimiter", c);
        }

        Opts quotechar(char c) {
            args.addAll(List.of("--quotechar", String.valueOf(c)));
            return py("quotechar", c);
        }

        Opts escapechar(char c) {
            args.addAll(List.of("--escapechar", String.valueOf(c)));
            return py("escapechar", c);
        }

        Opts noDoublequote() {
            args.add("--no-doublequote");
            py.add("\"doublequote\": false");
            return this;
        }

        Opts skipinitialspace() {
            args.add("--skipinitialspace");
            py.add("\"skipinitialspace\": true");
            return this;
        }

        Opts strict() {
            args.add("--strict");
            py.add("\"strict\": true");
            return this;
        }

        Opts quoting(String mode) {
            args.addAll(List.of("--quoting", mode));
            return py("quoting", mode);
        }

        Opts rows() {
            args.add("--rows");
            py.add("\"rows\": true");
            return this;
        }

        /** Names that hold no comma or quote. */
        Opts fieldnames(String... names) {
            args.addAll(List.of("--fieldnames", String.join(",", names)));
            py.add("\"fieldnames\": ["
                    + String.join(", ", Stream.of(names).map(Opts::json).toList()) + "]");
            return this;
        }

        Opts restkey(String key) {
            args.addAll(List.of("--restkey", key));
            return py("restkey", key);
        }

        Opts restval(String value) {
            args.addAll(List.of("--restval", value));
            return py("restval", value);
        }

        /** The encoding by its Java name for cookbook and its Python name. */
        Opts encoding(String java, String python) {
            if (java != null) {
                args.addAll(List.of("--encoding", java));
            }
            return py("encoding", python);
        }

        Opts lineTerminator(String eol) {
            args.addAll(List.of("--line-terminator", eol));
            return py("lineterminator", eol);
        }

        private Opts py(String name, Object value) {
            py.add(json(name) + ": " + json(String.valueOf(value)));
            return this;
        }

        String json() {
            return "{" + String.join(", ", py) + "}";
        }

        static String json(String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }

        @Override
        public String toString() {
            return String.join(" ", args);
        }
    }

    static Opts opts() {
        return new Opts();
    }

    static Arguments read(String name, String csv, Opts o) {
        return read(name, csv.getBytes(UTF_8), o);
    }

    static Arguments read(String name, byte[] csv, Opts o) {
        return Arguments.of(name, csv, o);
    }

    static Stream<Arguments> corpus() {
        String nasty = "id,text,note\r\n"
                + "1,\"line one\nline two\",\"say \"\"hi\"\", ok\"\r\n"
                + "2,\"crlf\r\ninside\",\"a,b,c\"\r\n"
                + "3,\"\",\"\"\"\"\r\n"
                + "4,\"\"\"quoted\"\" start\",\"ends with a quote\"\"\"\r\n";
        String reference = "|row 1 column 1| |row 1 column 2| |row 1 column 3|\r\n"
                + "|row 2 column 1| |row 2 column 2| |row 2 column 3|\r\n";
        StringBuilder large = new StringBuilder("n,big,small\n");
        for (int i = 0; i < 12_000; i++) {
            large.append(i).append(',');
            large.append(i % 5000 == 0 ? "\"" + "x,\"\"y\n".repeat(20_000) + "\"" : "v" + i)
                    .append(",s\n");
        }
        return Stream.of(
                read("embedded newlines, quotes and delimiters", nasty, opts()),
                read("the same as rows", nasty, opts().rows()),
                read("empty fields", "a,b,c\n,,\n1,,\n,,3\n\"\",,\"\"\n", opts()),
                read("one column with an empty quoted field", "a\n\"\"\nx\n", opts()),
                read("unicode", "名前,ville,emoji\nアリス,Zürich,😀👍🏽\nΔ,\"e\u0301\",ℕ\n", opts()),
                read("a byte order mark", "\uFEFFname,age\r\nJo,3\r\n", opts().encoding(null, "utf-8-sig")),
                read("no final newline", "a,b\n1,2", opts()),
                read("no final newline after a quote", "a,b\n1,\"2\"", opts()),
                read("ragged rows", "a,b,c\n1\n1,2\n1,2,3,4,5\n\n6,7,8\n", opts()),
                read(
                        "ragged rows with restkey and restval",
                        "a,b,c\n1\n1,2,3,4\n",
                        opts().restkey("rest").restval("-")),
                read("a restkey that is a column", "a,b\n1,2,3\n", opts().restkey("a")),
                read("given fieldnames", "1,2\n3,4,5\n\n6\n", opts().fieldnames("x", "y")),
                read(
                        "the reference's space and | dialect",
                        reference,
                        opts().delimiter(' ').quotechar('|').rows()),
                read(
                        "the reference's dialect with a header",
                        "a b c\r\n" + reference,
                        opts().delimiter(' ').quotechar('|')),
                read("CR-only line ends", "a,b\r1,2\r3,\"x\ry\"\r", opts()),
                read("mixed line ends", "a,b\r\n1,2\n3,4\r5,6\r\n", opts()),
                read("tabs", "a\tb\n1\t\"x\ty\"\n2\t\n", opts().delimiter('\t')),
                read("blank lines", "a,b\n\n1,2\n\r\n\n3,4\n\n", opts()),
                read("blank lines as rows", "a,b\n\n1,2\n\r\n\n3,4\n\n", opts().rows()),
                read("quotes inside unquoted fields and after a closing quote", "a,b\nx\"y,\"q\"r\n", opts()),
                read("skipinitialspace", "a, b, \"c\"\n1,  2, \"3, 4\"\n", opts().skipinitialspace()),
                read("spaces kept without skipinitialspace", "a, b\n1,  \"2\"\n", opts()),
                read(
                        "escapechar without doublequote",
                        "a,b\n\"x\\\"y\",z\\,w\n",
                        opts().escapechar('\\').noDoublequote()),
                read("escapechar with doublequote", "a,b\n\"x\"\"y\\\"z\",w\n", opts().escapechar('\\')),
                read("an escaped line break", "a,b\nx\\\ny,z\n", opts().escapechar('\\')),
                read("quoting none", "a,b\n\"x\",y\"z\n", opts().quoting("none")),
                read(
                        "quoting nonnumeric",
                        "\"a\",\"b\",\"c\"\n1,\"2\",3.5\n-4,\"x\",1e3\n 7 ,\"\",\n",
                        opts().quoting("nonnumeric")),
                read("strict on a clean file", "a,b\n\"1\",2\n\n3,\"4\"\n", opts().strict()),
                read(
                        "another quote character",
                        "a;b\n'x;y';'it''s'\n",
                        opts().delimiter(';').quotechar('\'')),
                read("header names with spaces and quotes", "\"first name\", last,\"say \"\"x\"\"\"\n1,2,3\n", opts()),
                read(
                        "latin-1",
                        "name,city\nJosé,München\n".getBytes(ISO_8859_1),
                        opts().encoding("ISO-8859-1", "latin-1")),
                read(
                        "windows-1252",
                        "price,note\n5 €,“smart”\n".getBytes(Charset.forName("windows-1252")),
                        opts().encoding("windows-1252", "cp1252")),
                read("many records and 100 KB fields across batches", large.toString(), opts()));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("corpus")
    void readGivesWhatDictReaderGives(String name, byte[] csv, Opts o) throws IOException {
        Path in = Files.write(dir.resolve("in.csv"), csv);
        List<String> command = new ArrayList<>(List.of(Binary.PATH.toString(), "csv", "read", "-o", "out.jsonl"));
        command.addAll(o.args);
        command.add("in.csv");
        Binary.Result r = Binary.exec(dir, Map.of(), null, command);
        assertEquals("", r.err(), r::toString);
        assertEquals(0, r.exit(), r::toString);
        String verdict = python(
                READ_PY, in.toString(), o.json(), dir.resolve("out.jsonl").toString());
        assertEquals("same\n", verdict, name);
    }

    /** Records with everything a writer must quote or escape; the first has every key. */
    static String records(boolean withCr) {
        String crlf = withCr ? "crlf\\r\\ninside" : "lf only\\n";
        return String.join(
                        "\n",
                        "{\"id\": 1, \"text\": \"plain\", \"comma\": \"a,b\", \"quote\": \"say \\\"hi\\\"\", \"nl\": \"x\\ny\", "
                                + "\"empty\": \"\", \"uni\": \"Zürich 😀 名前\", \"spaces\": \" lead and trail \", "
                                + "\"numstr\": \"123\", \"float\": 2.5, \"pipe\": \"a|b c\", \"tab\": \"x\\ty\", "
                                + "\"single\": \"it's\", \"semi\": \"x;y\"}",
                        "{\"id\": 2, \"text\": \"\", \"comma\": null, \"nl\": \"" + crlf + "\", \"float\": -0.25}",
                        "{\"id\": -3, \"text\": \"#hash\", \"quote\": \"\\\"\", \"empty\": null, \"uni\": \"\\u00e9\\u0301\", "
                                + "\"pipe\": \"||\", \"tab\": \"\\t\", \"single\": \"''\", \"semi\": \";\"}",
                        "{\"id\": 12345678901234567890, \"text\": \"trailing space \", \"numstr\": \"-1.5e3\"}")
                + "\n";
    }

    /** Rows of different lengths, for csv.writer. */
    static String rows(boolean withCr) {
        return String.join(
                        "\n",
                        "[\"a\", \"b,c\", \"d\\\"e\", \"\", null, 7]",
                        "[\"" + (withCr ? "x\\r\\ny" : "x\\ny") + "\"]",
                        "[\"only\", \"two\"]",
                        "[\"\", \"\"]",
                        "[1, 2.5, \"|pipe|\", \"tab\\there\"]")
                + "\n";
    }

    static Stream<Arguments> dialects() {
        List<Arguments> all = new ArrayList<>();
        for (String eol : List.of("crlf", "lf")) {
            all.add(Arguments.of(opts().lineTerminator(eol)));
            all.add(Arguments.of(opts().lineTerminator(eol).quoting("minimal")));
            all.add(Arguments.of(opts().lineTerminator(eol).quoting("all")));
            all.add(Arguments.of(opts().lineTerminator(eol).quoting("nonnumeric")));
            all.add(Arguments.of(opts().lineTerminator(eol).quoting("none").escapechar('\\')));
            all.add(Arguments.of(opts().lineTerminator(eol).escapechar('\\').noDoublequote()));
            all.add(Arguments.of(opts().lineTerminator(eol).delimiter(' ').quotechar('|')));
            all.add(Arguments.of(
                    opts().lineTerminator(eol).delimiter(' ').quotechar('|').quoting("all")));
            all.add(Arguments.of(opts().lineTerminator(eol).delimiter('\t')));
            all.add(Arguments.of(
                    opts().lineTerminator(eol).delimiter(';').quotechar('\'').quoting("nonnumeric")));
            all.add(Arguments.of(opts().lineTerminator(eol).rows()));
            all.add(Arguments.of(opts().lineTerminator(eol).rows().quoting("all")));
            all.add(Arguments.of(
                    opts().lineTerminator(eol).rows().quoting("none").escapechar('\\')));
        }
        all.add(Arguments.of(opts().quoting("none").escapechar('~').delimiter('|')));
        return all.stream();
    }

    /**
     * Byte for byte what DictWriter writes. With lf, no value holds a CR: Python leaves a lone CR
     * unquoted there and cookbook quotes it, a deliberate difference (see CsvWriter).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dialects")
    void writeGivesWhatDictWriterWrites(Opts o) throws IOException {
        boolean lf = o.args.contains("lf");
        boolean rows = o.args.contains("--rows");
        Path json = Files.writeString(dir.resolve("in.jsonl"), rows ? rows(!lf) : records(!lf));
        String want = python(WRITE_PY, o.json(), json.toString());
        List<String> command = new ArrayList<>(List.of(Binary.PATH.toString(), "csv", "write", "-i", "in.jsonl"));
        command.addAll(o.args);
        Binary.Result r = Binary.exec(dir, Map.of(), null, command);
        assertEquals("", r.err(), r::toString);
        assertEquals(0, r.exit(), r::toString);
        assertEquals(visible(want), visible(r.out()));
    }

    /** Files Python wrote, and the options that read and write them back. */
    static Stream<Arguments> roundTrips() {
        return Stream.of(
                Arguments.of("crlf, the default", opts(), opts()),
                Arguments.of("lf", opts().lineTerminator("lf"), opts()),
                Arguments.of("quoting all", opts().quoting("all"), opts()),
                Arguments.of("quoting nonnumeric", opts().quoting("nonnumeric"), opts().quoting("nonnumeric")),
                Arguments.of(
                        "quoting none with an escape character",
                        opts().quoting("none").escapechar('\\'),
                        opts().quoting("none").escapechar('\\')),
                Arguments.of(
                        "the reference's dialect",
                        opts().delimiter(' ').quotechar('|'),
                        opts().delimiter(' ').quotechar('|')),
                Arguments.of("tabs, lf", opts().delimiter('\t').lineTerminator("lf"), opts().delimiter('\t')),
                Arguments.of("rows", opts().rows(), opts().rows()),
                Arguments.of(
                        "rows, lf, reference dialect",
                        opts().rows().lineTerminator("lf").delimiter(' ').quotechar('|'),
                        opts().rows().delimiter(' ').quotechar('|')));
    }

    /**
     * {@code csv read | csv write} gives back the bytes Python wrote: the write side gets the dialect
     * Python wrote with (its line terminator too), the read side the options that parse it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void readThenWriteGivesBackWhatPythonWrote(String name, Opts written, Opts read) throws IOException {
        boolean lf = written.args.contains("lf");
        boolean rows = written.args.contains("--rows");
        Path json = Files.writeString(dir.resolve("in.jsonl"), rows ? rows(!lf) : records(!lf));
        byte[] original = python(WRITE_PY, written.json(), json.toString()).getBytes(UTF_8);
        Files.write(dir.resolve("original.csv"), original);
        List<String> reader = new ArrayList<>(List.of(Binary.PATH.toString(), "csv", "read"));
        reader.addAll(read.args);
        reader.add("original.csv");
        List<String> writer = new ArrayList<>(List.of(Binary.PATH.toString(), "csv", "write"));
        writer.addAll(written.args);
        Pipe p = pipe(reader, writer);
        assertEquals("", p.err, p::toString);
        assertEquals(List.of(0, 0), p.exits, p::toString);
        assertEquals(visible(new String(original, UTF_8)), visible(new String(p.out, UTF_8)));
    }

    @Test
    void pythonReadsWhatCookbookWroteFromTheReferenceDictionaries() throws IOException {
        Files.writeString(
                dir.resolve("d.jsonl"),
                "{\"age\": \"30\", \"name\": \"John\", \"last_name\": \"Doe\"}\n"
                        + "{\"age\": \"30\", \"name\": \"Jane\", \"last_name\": \"Doe\"}\n");
        Binary.Result r = Binary.run(dir, "csv", "write", "-i", "d.jsonl", "-o", "my.csv");
        assertEquals(0, r.exit(), r::toString);
        String printed = python("""
                import csv
                with open('my.csv', newline='') as f:
                    print(str([row for row in csv.DictReader(f)]))
                """);
        assertEquals(
                "[{'age': '30', 'name': 'John', 'last_name': 'Doe'}, {'age': '30', 'name': 'Jane', "
                        + "'last_name': 'Doe'}]\n",
                printed);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Line breaks and tabs made visible, so a failed comparison shows where. */
    static String visible(String s) {
        return s.replace("\r", "\\r").replace("\t", "\\t").replace("\n", "\\n\n");
    }

    /** Runs {@code python3 -c script args...} in the test's folder; its stdout, which must be all it prints. */
    String python(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        Binary.Result r = Binary.exec(dir, Map.of("PYTHONIOENCODING", "utf-8"), null, command);
        assertEquals("", r.err(), () -> "python3 failed:\n" + r);
        assertEquals(0, r.exit(), r::toString);
        return r.out();
    }

    /** What {@code a | b} printed: b's stdout, both stderrs, both exit statuses. */
    record Pipe(List<Integer> exits, byte[] out, String err) {
        @Override
        public String toString() {
            return "exits " + exits + "\n--- stderr\n" + err;
        }
    }

    /** Runs {@code a | b} in the test's folder, a reading nothing on stdin, and collects b's output. */
    Pipe pipe(List<String> a, List<String> b) {
        try {
            ProcessBuilder first = new ProcessBuilder(a)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            ProcessBuilder second = new ProcessBuilder(b).directory(dir.toFile());
            Path err1 = dir.resolve("stderr-1");
            Path err2 = dir.resolve("stderr-2");
            first.redirectError(err1.toFile());
            second.redirectError(err2.toFile());
            List<Process> ps = ProcessBuilder.startPipeline(List.of(first, second));
            CompletableFuture<byte[]> out =
                    CompletableFuture.supplyAsync(() -> readAll(ps.get(1).getInputStream()), Binary.THREAD_PER_TASK);
            List<Integer> exits = new ArrayList<>();
            for (Process p : ps) {
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    ps.forEach(Process::destroyForcibly);
                    throw new AssertionError("timed out: " + a + " | " + b);
                }
                exits.add(p.exitValue());
            }
            return new Pipe(exits, out.join(), Files.readString(err1) + Files.readString(err2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
