package dev.cookbook.cli.proc;

import dev.cookbook.proc.run.RunResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * The {@code --capture} record, one line:
 * {@code {"argv":["ls","-l"],"exit_code":0,"signal":null,"timed_out":false,"duration_ms":3,
 * "stdout":"...","stdout_encoding":"utf-8","stdout_bytes":120,"stdout_dropped":0,"stdout_complete":true,
 * "stderr":"",...}}. A stream that is not valid UTF-8 is given in base64 ({@code "stdout_encoding":"base64"});
 * {@code _bytes} counts every byte the command wrote, {@code _dropped} those not kept (past
 * {@code --max-capture}), {@code _complete} is false when a descendant held the stream open after
 * the command ended and reading stopped.
 */
final class RunJson {
    private RunJson() {}

    static void write(PrintWriter out, RunResult r) {
        try (JsonGenerator g = JsonFactory.builder()
                .build()
                .createGenerator(ObjectWriteContext.empty(), out)
                .configure(StreamWriteFeature.AUTO_CLOSE_TARGET, false)) {
            g.writeStartObject();
            g.writeName("argv");
            g.writeStartArray();
            for (String a : r.argv()) {
                g.writeString(a);
            }
            g.writeEndArray();
            g.writeNumberProperty("exit_code", r.exitCode());
            g.writeName("signal");
            if (r.signal() == null) {
                g.writeNull();
            } else {
                g.writeNumber(r.signal());
            }
            g.writeBooleanProperty("timed_out", r.timedOut());
            g.writeNumberProperty("duration_ms", r.duration().toMillis());
            stream(g, "stdout", r.stdout());
            stream(g, "stderr", r.stderr());
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
        if (out.checkError()) {
            throw new UncheckedIOException(new IOException("cannot write standard output"));
        }
    }

    private static void stream(JsonGenerator g, String name, RunResult.Captured c) {
        String text = utf8(c.bytes());
        if (text != null) {
            g.writeStringProperty(name, text);
            g.writeStringProperty(name + "_encoding", "utf-8");
        } else {
            g.writeStringProperty(name, Base64.getEncoder().encodeToString(c.bytes()));
            g.writeStringProperty(name + "_encoding", "base64");
        }
        g.writeNumberProperty(name + "_bytes", c.total());
        g.writeNumberProperty(name + "_dropped", c.dropped());
        g.writeBooleanProperty(name + "_complete", c.complete());
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
