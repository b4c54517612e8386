package dev.cookbook.proc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Python's {@code shlex.split}, run once per batch: the strings go to {@code python3} as JSON on
 * stdin, the answers come back as JSON (a list of words, or the error message for a string that
 * raises). Without python3 the test is skipped, or fails when {@code CI=true}.
 */
final class PythonShlex {
    private static final String SCRIPT = String.join(
            "\n",
            "import json, shlex, sys",
            "d = json.loads(sys.stdin.buffer.read().decode('utf-8'))",
            "out = []",
            "for s in d['strings']:",
            "    try:",
            "        out.append(shlex.split(s, comments=d['comments']))",
            "    except ValueError as e:",
            "        out.append(str(e))",
            "sys.stdout.write(json.dumps(out))");

    /** One answer: the words, or Python's error message. */
    record Answer(List<String> words, String error) {}

    /**
     * Runs each task on a daemon thread of its own, for the pumps of a process's pipes: CompletableFuture's
     * default pool has one or two workers on a 2-core machine, where a pump blocked on a process that has not
     * ended would starve the next one.
     */
    private static final Executor OWN_THREAD = task -> {
        Thread t = new Thread(task, "test-pump");
        t.setDaemon(true);
        t.start();
    };

    private PythonShlex() {}

    static List<Answer> split(List<String> strings, boolean comments) throws Exception {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        JsonFactory factory = JsonFactory.builder().build();
        try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), json)) {
            g.writeStartObject();
            g.writeBooleanProperty("comments", comments);
            g.writeName("strings");
            g.writeStartArray();
            for (String s : strings) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", SCRIPT).start();
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                fail("python3 is needed to compare with shlex: " + e.getMessage());
            }
            Assumptions.abort("python3 not found, comparison with shlex skipped: " + e.getMessage());
            throw e;
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()), OWN_THREAD);
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()), OWN_THREAD);
        try (OutputStream in = p.getOutputStream()) {
            in.write(json.toByteArray());
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("python3 took more than 120 s");
        }
        assertEquals(0, p.exitValue(), () -> new String(err.join(), StandardCharsets.UTF_8));
        List<Answer> answers = new ArrayList<>();
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), out.join())) {
            assertEquals(JsonToken.START_ARRAY, parser.nextToken());
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                if (t == JsonToken.VALUE_STRING) {
                    answers.add(new Answer(null, parser.getString()));
                } else {
                    List<String> words = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        words.add(parser.getString());
                    }
                    answers.add(new Answer(words, null));
                }
            }
        }
        assertEquals(strings.size(), answers.size());
        return answers;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
