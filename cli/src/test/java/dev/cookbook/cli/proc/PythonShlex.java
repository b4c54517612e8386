package dev.cookbook.cli.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cookbook.cli.Binary;
import dev.cookbook.cli.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** Python's shlex, the tool {@code quote} and {@code split} must agree with (skipped without python3, failed in CI). */
final class PythonShlex {
    private PythonShlex() {}

    /** What {@code python3 -c 'import shlex,sys; print(shlex.join(sys.argv[1:]))' args...} prints. */
    static byte[] join(Path dir, List<String> args) {
        Tools.require("python3");
        List<String> command = new java.util.ArrayList<>(
                List.of("python3", "-c", "import shlex,sys; print(shlex.join(sys.argv[1:]))"));
        command.addAll(args);
        Binary.Result r = Binary.exec(dir, Map.of("PYTHONIOENCODING", "utf-8"), null, command);
        assertEquals(0, r.exit(), r::toString);
        return r.stdout();
    }

    /** One {@code split} run to check: its input, and its stdout on success or null when it failed. */
    record Case(String input, boolean comments, String output) {}

    /**
     * The cases where our output is not {@code json.dumps(shlex.split(input, comments))} read back, or
     * where one of the two failed and the other did not: the empty list when all agree. One python3
     * for the whole batch; the cases go as JSON on stdin.
     */
    static String disagreements(Path dir, List<Case> cases) {
        Tools.require("python3");
        String script = String.join(
                "\n",
                "import json, shlex, sys",
                "bad = []",
                "for c in json.loads(sys.stdin.buffer.read().decode('utf-8')):",
                "    try:",
                "        want = shlex.split(c['input'], comments=c['comments'])",
                "    except ValueError as e:",
                "        want = 'raises ' + str(e)",
                "    got = 'exit 3' if c['output'] is None else json.loads(c['output'])",
                "    if (got == 'exit 3') != isinstance(want, str) or (got != 'exit 3' and got != want):",
                "        bad.append({'input': c['input'], 'comments': c['comments'], 'shlex': want, 'split': got})",
                "print(json.dumps(bad, ensure_ascii=False))");
        try {
            Path stdin = Files.createTempFile(dir, "cases", ".json");
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            try (JsonGenerator g = new JsonFactory().createGenerator(ObjectWriteContext.empty(), json)) {
                g.writeStartArray();
                for (Case c : cases) {
                    g.writeStartObject();
                    g.writeStringProperty("input", c.input());
                    g.writeBooleanProperty("comments", c.comments());
                    if (c.output() == null) {
                        g.writeNullProperty("output");
                    } else {
                        g.writeStringProperty("output", c.output());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            Files.write(stdin, json.toByteArray());
            Binary.Result r = Binary.exec(dir, Map.of(), stdin, List.of("python3", "-c", script));
            assertEquals(0, r.exit(), r::toString);
            return new String(r.stdout(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
