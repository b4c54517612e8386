package dev.cookbook.cli;

import dev.cookbook.crypto.digest.ChecksumFormat;
import dev.cookbook.crypto.digest.DigestAlgorithm;
import dev.cookbook.crypto.digest.DigestResult;
import java.io.PrintWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Prints {@code checksum}'s results: one line per file in the coreutils or BSD format, or one JSON
 * object per line; unreadable files as error lines on stderr.
 *
 * <p>Output is flushed at least every 100 ms (every line when stdout is a terminal), and always
 * before an error line, so {@code 2>&1} keeps the order of events and a pipeline sees results while
 * a long run goes on, without a system call per line for ten thousand small files.
 */
final class ChecksumOutput {
    enum Mode { GNU, BSD, JSON }

    private static final long FLUSH_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final PrintWriter err;
    private final String prefix;
    private final ProgressBar bar;
    private final DigestAlgorithm algorithm;
    private final Mode mode;
    private final boolean binary;
    private final boolean zero;
    private final boolean lineFlush;
    private final JsonGenerator jsonGen;
    private final StringBuilder line = new StringBuilder(256);
    private long lastFlush = System.nanoTime();
    private int failures;

    ChecksumOutput(picocli.CommandLine.Model.CommandSpec spec, Stdio stdio, ProgressBar bar, DigestAlgorithm algorithm,
            Mode mode, boolean binary, boolean zero) {
        this.out = spec.commandLine().getOut();
        this.err = spec.commandLine().getErr();
        this.prefix = spec.qualifiedName();
        this.bar = bar;
        this.algorithm = algorithm;
        this.mode = mode;
        this.binary = binary;
        this.zero = zero;
        this.lineFlush = stdio.stdoutIsTerminal();
        this.jsonGen = mode == Mode.JSON ? JsonFactory.builder().rootValueSeparator((String) null).build()
                .createGenerator(ObjectWriteContext.empty(), out)
                .configure(StreamWriteFeature.AUTO_CLOSE_TARGET, false) : null;
    }

    void print(String name, DigestResult result) {
        if (!result.ok()) {
            failures++;
            error(Messages.fileError(name, result.error()));
            return;
        }
        if (jsonGen != null) {
            jsonGen.writeStartObject();
            jsonGen.writeStringProperty("path", name);
            jsonGen.writeStringProperty("algorithm", algorithm.cliName());
            jsonGen.writeStringProperty("digest", result.hex());
            jsonGen.writeNumberProperty("size", result.size());
            jsonGen.writeEndObject();
            jsonGen.writeRaw('\n');
        } else {
            line.setLength(0);
            ChecksumFormat.appendLine(line, algorithm, result.hex(), name,
                    mode == Mode.BSD ? ChecksumFormat.Style.BSD : ChecksumFormat.Style.GNU, binary, zero);
            out.append(line);
        }
        long now = System.nanoTime();
        if (lineFlush || now - lastFlush > FLUSH_NANOS) {
            flush();
            lastFlush = now;
        }
    }

    void warnInsecure(DigestAlgorithm a) {
        error(insecureWarning(a));
    }

    /** The one warning a legacy algorithm gets, the same when printing and when checking. */
    static String insecureWarning(DigestAlgorithm a) {
        return "warning: " + a.cliName() + " is not secure (collisions are practical): use it only to check old data";
    }

    /** One line on stderr, {@code cookbook checksum: message}, after everything printed so far. */
    void error(String message) {
        flush();
        synchronized (err) {
            bar.clear();
            err.println(prefix + ": " + message);
        }
    }

    void finish() {
        flush();
    }

    int failures() {
        return failures;
    }

    private void flush() {
        if (jsonGen != null) {
            jsonGen.flush();
        }
        out.flush();
    }
}
