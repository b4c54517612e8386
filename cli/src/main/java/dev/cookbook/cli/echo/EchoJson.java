package dev.cookbook.cli.echo;

import dev.cookbook.netecho.bench.BenchResult;
import dev.cookbook.netecho.bench.Latency;
import dev.cookbook.netecho.server.ServerSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/** {@code --json} of {@code echo server} and {@code echo bench}: one record on one line of stdout. */
final class EchoJson {
    private EchoJson() {}

    /**
     * {@code {"address":"127.0.0.1:10000","connections_served":3,"connections_rejected":0,
     * "peak_connections":2,"bytes_received":12,"bytes_echoed":12,"run_time_seconds":4.021}}.
     */
    static void summary(Writer out, String address, ServerSummary s) {
        write(out, g -> {
            g.writeStringProperty("address", address);
            g.writeNumberProperty("connections_served", s.connectionsServed());
            g.writeNumberProperty("connections_rejected", s.connectionsRejected());
            g.writeNumberProperty("peak_connections", s.peakConnections());
            g.writeNumberProperty("bytes_received", s.bytesReceived());
            g.writeNumberProperty("bytes_echoed", s.bytesEchoed());
            g.writeNumberProperty("run_time_seconds", seconds(s.runTime()));
        });
    }

    /** The bench's result; latencies in microseconds. */
    static void bench(Writer out, String server, int size, double rate, BenchResult r) {
        write(out, g -> {
            g.writeStringProperty("server", server);
            g.writeNumberProperty("connections_requested", r.connectionsRequested());
            g.writeNumberProperty("connections_held", r.connectionsHeld());
            g.writeNumberProperty("connect_failures", r.connectFailures());
            g.writeNumberProperty("connections_lost", r.connectionsLost());
            g.writeNumberProperty("message_size", size);
            g.writeNumberProperty("rate", rate);
            g.writeNumberProperty("messages", r.messages());
            g.writeNumberProperty("mismatches", r.mismatches());
            g.writeNumberProperty("bytes", r.bytes());
            g.writeNumberProperty("elapsed_seconds", seconds(r.elapsed()));
            g.writeNumberProperty("messages_per_second", round(r.messagesPerSecond(), 1));
            g.writeNumberProperty("megabytes_per_second", round(r.megabytesPerSecond(), 3));
            Latency l = r.latency();
            g.writeName("latency_us");
            g.writeStartObject();
            g.writeNumberProperty("count", l.count());
            g.writeNumberProperty("mean", micros(l.mean()));
            g.writeNumberProperty("p50", micros(l.p50()));
            g.writeNumberProperty("p90", micros(l.p90()));
            g.writeNumberProperty("p99", micros(l.p99()));
            g.writeNumberProperty("p999", micros(l.p999()));
            g.writeNumberProperty("max", micros(l.max()));
            g.writeEndObject();
        });
    }

    private interface Fields {
        void write(JsonGenerator g);
    }

    private static void write(Writer out, Fields fields) {
        try (JsonGenerator g = JsonFactory.builder()
                .build()
                .createGenerator(ObjectWriteContext.empty(), out)
                .configure(StreamWriteFeature.AUTO_CLOSE_TARGET, false)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        }
        try {
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(Duration d) {
        return round(d.toNanos() / 1e9, 3);
    }

    private static double micros(Duration d) {
        return round(d.toNanos() / 1e3, 1);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
