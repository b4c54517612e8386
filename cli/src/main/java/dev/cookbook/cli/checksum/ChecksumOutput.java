package dev.cookbook.cli.checksum;

import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Diagnostics;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.cli.common.ProgressBar;
import dev.cookbook.cli.common.Report;
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
 * object per line; unreadable files as error lines on stderr, in their place (see {@link Report}).
 */
public final class ChecksumOutput {
    enum Mode {
        GNU,
        BSD,
        JSON
    }

    private final Report report;
    private final DigestAlgorithm algorithm;
    private final Mode mode;
    private final boolean binary;
    private final boolean zero;
    private final JsonGenerator jsonGen;
    private final StringBuilder line = new StringBuilder(256);
    private int failures;

    ChecksumOutput(
            PrintWriter out,
            Diagnostics say,
            Stdio stdio,
            ProgressBar bar,
            DigestAlgorithm algorithm,
            Mode mode,
            boolean binary,
            boolean zero) {
        this.algorithm = algorithm;
        this.mode = mode;
        this.binary = binary;
        this.zero = zero;
        this.jsonGen = mode == Mode.JSON
                ? JsonFactory.builder()
                        .rootValueSeparator((String) null)
                        .build()
                        .createGenerator(ObjectWriteContext.empty(), out)
                        .configure(StreamWriteFeature.AUTO_CLOSE_TARGET, false)
                : null;
        this.report = new Report(out, say, stdio, bar, jsonGen == null ? null : jsonGen::flush);
    }

    void print(String name, DigestResult result) {
        if (!result.ok()) {
            failures++;
            report.error(Messages.fileError(name, result.error()));
            return;
        }
        if (jsonGen != null) {
            jsonGen.writeStartObject();
            jsonGen.writeStringProperty("path", name);
            jsonGen.writeStringProperty("algorithm", DigestAlgorithmChoice.name(algorithm));
            jsonGen.writeStringProperty("digest", result.hex());
            jsonGen.writeNumberProperty("size", result.size());
            jsonGen.writeEndObject();
            jsonGen.writeRaw('\n');
        } else {
            line.setLength(0);
            ChecksumFormat.appendLine(
                    line,
                    algorithm,
                    result.hex(),
                    name,
                    mode == Mode.BSD ? ChecksumFormat.Style.BSD : ChecksumFormat.Style.GNU,
                    binary,
                    zero);
            report.out().append(line);
        }
        report.resultWritten();
    }

    void warnInsecure(DigestAlgorithm a) {
        report.flush();
        warnInsecure(report.diagnostics(), a);
    }

    /** The one warning a legacy algorithm gets, the same when printing and when checking. */
    static void warnInsecure(Diagnostics say, DigestAlgorithm a) {
        say.legacy(DigestAlgorithmChoice.name(a), "collisions are practical");
    }

    void finish() {
        report.flush();
    }

    int failures() {
        return failures;
    }
}
