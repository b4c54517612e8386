package dev.cookbook.cli.checksum;

import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.common.Messages;
import dev.cookbook.cli.common.ProgressBar;
import dev.cookbook.cli.common.Report;
import dev.cookbook.crypto.digest.CheckListener;
import dev.cookbook.crypto.digest.CheckSummary;
import dev.cookbook.crypto.digest.ChecksumEntry;
import dev.cookbook.crypto.digest.ChecksumFormat;
import dev.cookbook.crypto.digest.DigestAlgorithm;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Prints what {@code checksum --check} finds, with coreutils' words: {@code NAME: OK},
 * {@code NAME: FAILED}, {@code NAME: FAILED open or read} on stdout, and its warnings on stderr
 * ({@code WARNING: 1 computed checksum did NOT match}), prefixed {@code cookbook checksum:}.
 */
public final class CheckReporter implements CheckListener {
    private final Report report;
    private final DigestAlgorithm algorithm;
    private final boolean quiet;
    private final boolean status;
    private final boolean warn;
    private final Set<DigestAlgorithm> warnedInsecure = EnumSet.noneOf(DigestAlgorithm.class);
    private String checkFile;
    /** The algorithm taken from the digests' length for the current checksum file, or null. */
    private DigestAlgorithm assumed;

    CheckReporter(
            CommandSpec spec,
            Stdio stdio,
            ProgressBar bar,
            DigestAlgorithm algorithm,
            boolean quiet,
            boolean status,
            boolean warn) {
        this.report = new Report(spec, stdio, bar, null);
        this.algorithm = algorithm;
        this.quiet = quiet;
        this.status = status;
        this.warn = warn;
    }

    void startFile(String name) {
        checkFile = name;
        assumed = null;
    }

    @Override
    public void assumed(DigestAlgorithm a) {
        assumed = a;
        if (!status) {
            report.flush();
            report.diagnostics()
                    .note(Messages.quote(checkFile) + ": no algorithm given: assumed " + DigestAlgorithmChoice.name(a)
                            + " from the digests' length");
        }
    }

    @Override
    public void malformed(long lineNumber) {
        if (warn) {
            error(Messages.quote(checkFile) + ": " + lineNumber + ": improperly formatted "
                    + (assumed != null ? assumed : algorithm).tag() + " checksum line");
        }
    }

    @Override
    public void checked(ChecksumEntry entry, Outcome outcome, IOException error) {
        DigestAlgorithm a = entry.algorithm();
        if (!a.isSecure() && !status && warnedInsecure.add(a)) {
            report.flush();
            ChecksumOutput.warnInsecure(report.diagnostics(), a);
        }
        String name = ChecksumFormat.reportName(entry.fileName());
        switch (outcome) {
            case OK -> {
                if (!status && !quiet) {
                    line(name + ": OK");
                }
            }
            case FAILED -> {
                if (!status) {
                    line(name + ": FAILED");
                }
            }
            case UNREADABLE -> {
                error(Messages.fileError(entry.fileName(), error));
                if (!status) {
                    line(name + ": FAILED open or read");
                }
            }
            case IGNORED_MISSING -> {}
        }
    }

    void summarize(String file, CheckSummary s, boolean ignoreMissing) {
        if (s.windowsText() && !status) {
            String what = s.byteOrderMark() && s.crlf()
                    ? "a byte-order mark and CRLF line ends"
                    : s.byteOrderMark() ? "a byte-order mark" : "CRLF line ends";
            report.flush();
            report.diagnostics().warn(Messages.quote(file) + ": written on Windows; read it ignoring " + what);
        }
        if (!s.wellFormed()) {
            error(Messages.quote(file) + ": no properly formatted checksum lines found");
            DigestAlgorithm.usualForHexLength(s.otherHexLength())
                    .filter(a -> a.hexLength() != algorithm.hexLength())
                    .ifPresent(a -> error("hint: its lines hold " + s.otherHexLength() + "-digit digests, as "
                            + DigestAlgorithmChoice.name(a) + " makes: try -a " + DigestAlgorithmChoice.name(a)));
            return;
        }
        if (status) {
            return;
        }
        if (s.malformed() > 0) {
            error(plural(
                    s.malformed(),
                    "WARNING: %d line is improperly formatted",
                    "WARNING: %d lines are improperly formatted"));
        }
        if (s.unreadable() > 0) {
            error(plural(
                    s.unreadable(),
                    "WARNING: %d listed file could not be read",
                    "WARNING: %d listed files could not be read"));
        }
        if (s.mismatched() > 0) {
            error(plural(
                    s.mismatched(),
                    "WARNING: %d computed checksum did NOT match",
                    "WARNING: %d computed checksums did NOT match"));
        }
        if (ignoreMissing && s.verified() == 0) {
            error(Messages.quote(file) + ": no file was verified");
        }
    }

    void finish() {
        report.flush();
    }

    /** An error line on stderr, after everything printed so far on stdout; none with --status. */
    void error(String message) {
        if (status) {
            return; // --status: the exit status says it all
        }
        report.error(message);
    }

    private void line(String text) {
        report.out().append(text).append('\n');
        report.resultWritten();
    }

    private static String plural(long n, String one, String many) {
        return String.format(n == 1 ? one : many, n);
    }
}
