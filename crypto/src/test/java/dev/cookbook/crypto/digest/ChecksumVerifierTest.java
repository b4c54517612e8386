package dev.cookbook.crypto.digest;

import static dev.cookbook.crypto.digest.DigestAlgorithm.MD5;
import static dev.cookbook.crypto.digest.DigestAlgorithm.SHA1;
import static dev.cookbook.crypto.digest.DigestAlgorithm.SHA256;
import static dev.cookbook.crypto.digest.TestSupport.referenceHex;
import static dev.cookbook.crypto.digest.TestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.crypto.digest.CheckListener.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecksumVerifierTest {
    private static final byte[] OK_CONTENT = utf8("the right content\n");
    private static final String OK_SHA256 = referenceHex(SHA256, OK_CONTENT);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @TempDir
    Path dir;

    private final List<ParallelDigester> digesters = new ArrayList<>();

    /** What the verifier told its listener, in order. */
    sealed interface Event permits Malformed, Checked {}

    record Malformed(long line) implements Event {}

    record Checked(ChecksumEntry entry, Outcome outcome, Class<? extends IOException> error) implements Event {}

    /** Records every listener call as an {@link Event}. */
    static final class Recorder implements CheckListener {
        final List<Event> events = new ArrayList<>();

        @Override
        public void malformed(long lineNumber) {
            events.add(new Malformed(lineNumber));
        }

        @Override
        public void checked(ChecksumEntry entry, Outcome outcome, IOException error) {
            events.add(new Checked(entry, outcome, error == null ? null : error.getClass()));
        }
    }

    /** The result of one verification: the summary and the listener calls. */
    record Run(CheckSummary summary, List<Event> events) {}

    @AfterEach
    void closeDigesters() {
        digesters.forEach(ParallelDigester::close);
    }

    private ChecksumVerifier verifier(int jobs, DigestAlgorithm algorithm, boolean fixed, boolean ignoreMissing) {
        ParallelDigester digester = new ParallelDigester(jobs);
        digesters.add(digester);
        return new ChecksumVerifier(digester, algorithm, fixed, ignoreMissing);
    }

    private ChecksumVerifier sha256Verifier(int jobs) {
        return verifier(jobs, SHA256, true, false);
    }

    private static Run verify(ChecksumVerifier verifier, byte[] checksums, Function<String, Source> names)
            throws IOException {
        Recorder recorder = new Recorder();
        CheckSummary summary = verifier.verify(new ByteArrayInputStream(checksums), names, recorder);
        return new Run(summary, recorder.events);
    }

    private static Run verify(ChecksumVerifier verifier, String checksums) throws IOException {
        return verify(verifier, utf8(checksums), Source::named);
    }

    /** A file in the temporary directory holding {@link #OK_CONTENT}, so that {@link #OK_SHA256} matches it. */
    private String okFile(String name) throws IOException {
        return file(name, OK_CONTENT);
    }

    /** Creates a file in the temporary directory and returns its absolute name. */
    private String file(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file.toString();
    }

    private String absent(String name) {
        return dir.resolve(name).toString();
    }

    private static Checked checked(String name, Outcome outcome, Class<? extends IOException> error) {
        return checked(SHA256, OK_SHA256, name, false, outcome, error);
    }

    private static Checked checked(
            DigestAlgorithm a,
            String hex,
            String name,
            boolean binary,
            Outcome outcome,
            Class<? extends IOException> error) {
        return new Checked(new ChecksumEntry(a, hex, name, binary), outcome, error);
    }

    @ParameterizedTest(name = "{0} job(s)")
    @ValueSource(ints = {1, 3})
    @DisplayName("a file mixing OK, FAILED, missing, malformed, comment and blank lines reports each in line order")
    void mixedFile(int jobs) throws IOException {
        String ok = okFile("ok.txt");
        String bad = file("bad.txt", utf8("changed since\n"));
        String missing = absent("missing.txt");
        String directory = dir.toString();
        String checksums = "# a comment, not counted\n"
                + OK_SHA256 + "  " + ok + "\n"
                + "\n"
                + "this line is not a checksum line\n"
                + OK_SHA256 + "  " + bad + "\n"
                + OK_SHA256 + " *" + missing + "\n"
                + "#" + OK_SHA256 + "  " + ok + "\n"
                + OK_SHA256 + "  " + directory + "\n"
                + "SHA256 (" + ok + ") = " + OK_SHA256.substring(1) + "\n"
                + "SHA256 (" + ok + ") = " + OK_SHA256 + "\n";

        Run run = verify(sha256Verifier(jobs), checksums);

        assertEquals(
                List.of(
                        checked(ok, Outcome.OK, null),
                        new Malformed(4),
                        checked(bad, Outcome.FAILED, null),
                        checked(SHA256, OK_SHA256, missing, true, Outcome.UNREADABLE, NoSuchFileException.class),
                        checked(directory, Outcome.UNREADABLE, FileSystemException.class),
                        new Malformed(9),
                        checked(ok, Outcome.OK, null)),
                run.events());
        assertEquals(new CheckSummary(2, 1, 2, 2, true, false, false, 0), run.summary());
        assertFalse(run.summary().passed(false));
    }

    @ParameterizedTest(name = "{0} job(s)")
    @ValueSource(ints = {1, 3})
    @DisplayName("malformed lines fail only --strict; tagged lines of other algorithms verify in auto mode")
    void autoModeAndStrict(int jobs) throws IOException {
        String ok = okFile("ok.txt");
        String md5 = referenceHex(MD5, OK_CONTENT);
        String sha1Upper = referenceHex(SHA1, OK_CONTENT).toUpperCase(Locale.ROOT);
        String checksums = "MD5 (" + ok + ") = " + md5 + "\n"
                + "junk\n"
                + "SHA1 (" + ok + ") = " + sha1Upper + "\n"
                + OK_SHA256 + "  " + ok + "\n";

        Run run = verify(verifier(jobs, SHA256, false, false), checksums);

        assertEquals(
                List.of(
                        checked(MD5, md5, ok, false, Outcome.OK, null),
                        new Malformed(2),
                        checked(SHA1, sha1Upper, ok, false, Outcome.OK, null),
                        checked(ok, Outcome.OK, null)),
                run.events());
        assertEquals(new CheckSummary(1, 0, 0, 3, true, false, false, 0), run.summary());
        assertTrue(run.summary().passed(false));
        assertFalse(run.summary().passed(true));
    }

    @Test
    void aFixedAlgorithmMakesLinesTaggedWithAnotherMalformed() throws IOException {
        String ok = okFile("ok.txt");
        Run run = verify(sha256Verifier(1), "MD5 (" + ok + ") = " + referenceHex(MD5, OK_CONTENT) + "\n");
        assertEquals(List.of(new Malformed(1)), run.events());
        assertEquals(new CheckSummary(1, 0, 0, 0, false, false, false, 0), run.summary());
    }

    @Test
    void ignoreMissingTurnsAMissingFileIntoIgnoredMissingButNotOtherErrors() throws IOException {
        String ok = okFile("ok.txt");
        String missing = absent("missing.txt");
        String directory = dir.toString();
        String checksums =
                OK_SHA256 + "  " + missing + "\n" + OK_SHA256 + "  " + directory + "\n" + OK_SHA256 + "  " + ok + "\n";

        Run run = verify(verifier(1, SHA256, true, true), checksums);

        assertEquals(
                List.of(
                        checked(missing, Outcome.IGNORED_MISSING, NoSuchFileException.class),
                        checked(directory, Outcome.UNREADABLE, FileSystemException.class),
                        checked(ok, Outcome.OK, null)),
                run.events());
        assertEquals(new CheckSummary(0, 0, 1, 1, true, false, false, 0), run.summary());
    }

    @Test
    void onlyIgnoredMissingFilesIsWellFormedButNotPassed() throws IOException {
        Run run = verify(verifier(1, SHA256, true, true), OK_SHA256 + "  " + absent("missing.txt") + "\n");
        assertEquals(new CheckSummary(0, 0, 0, 0, true, false, false, 0), run.summary());
        assertFalse(run.summary().passed(false));
    }

    @ParameterizedTest(name = "{0} job(s)")
    @ValueSource(ints = {1, 3})
    @DisplayName("a UTF-8 byte-order mark and CRLF line ends are noted and still verify")
    void windowsText(int jobs) throws IOException {
        String ok = okFile("ok.txt");
        byte[] checksums = concat(
                BOM, utf8(OK_SHA256 + "  " + ok + "\r\n\r\n# comment\r\nSHA256 (" + ok + ") = " + OK_SHA256 + "\r\n"));

        Run run = verify(sha256Verifier(jobs), checksums, Source::named);

        assertEquals(List.of(checked(ok, Outcome.OK, null), checked(ok, Outcome.OK, null)), run.events());
        assertEquals(new CheckSummary(0, 0, 0, 2, true, true, true, 0), run.summary());
        assertTrue(run.summary().windowsText());
    }

    @Test
    void aByteOrderMarkAloneAndCrlfAloneAreEachNoted() throws IOException {
        String ok = okFile("ok.txt");
        String line = OK_SHA256 + "  " + ok;
        CheckSummary bomOnly = verify(sha256Verifier(1), concat(BOM, utf8(line + "\n")), Source::named)
                .summary();
        CheckSummary crlfOnly =
                verify(sha256Verifier(1), utf8(line + "\r\n"), Source::named).summary();
        assertEquals(new CheckSummary(0, 0, 0, 1, true, true, false, 0), bomOnly);
        assertEquals(new CheckSummary(0, 0, 0, 1, true, false, true, 0), crlfOnly);
    }

    @Test
    @DisplayName("regression: a byte-order mark is recognised even when a pipe delivers it one byte at a time")
    void byteOrderMarkSplitAcrossReads() throws IOException {
        String ok = okFile("ok.txt");
        byte[] checksums = concat(BOM, utf8(OK_SHA256 + "  " + ok + "\n"));
        Recorder recorder = new Recorder();

        CheckSummary summary = sha256Verifier(1).verify(new OneByteAtATime(checksums), Source::named, recorder);

        assertEquals(List.of(checked(ok, Outcome.OK, null)), recorder.events);
        assertEquals(new CheckSummary(0, 0, 0, 1, true, true, false, 0), summary);
    }

    @Test
    void aLineWithoutAFinalNewlineIsStillRead() throws IOException {
        String ok = okFile("ok.txt");
        Run run = verify(sha256Verifier(1), OK_SHA256 + "  " + ok);
        assertEquals(List.of(checked(ok, Outcome.OK, null)), run.events());
    }

    @Test
    void aNameTheCallerCannotHashIsMalformed() throws IOException {
        // as for "-" when the checksums come from standard input
        Run run = verify(sha256Verifier(1), utf8(OK_SHA256 + "  -\n"), n -> n.equals("-") ? null : Source.named(n));
        assertEquals(List.of(new Malformed(1)), run.events());
        // The hint is the line's own length; the command line only shows it when it differs from sha256's.
        assertEquals(new CheckSummary(1, 0, 0, 0, false, false, false, 64), run.summary());
    }

    @Test
    void aNameHashesWhatTheCallerResolvesItTo() throws IOException {
        InputStream stdin = new ByteArrayInputStream(OK_CONTENT);
        Run run = verify(
                sha256Verifier(1),
                utf8(OK_SHA256 + "  -\n"),
                n -> n.equals("-") ? Source.stream(n, stdin) : Source.named(n));
        assertEquals(List.of(checked("-", Outcome.OK, null)), run.events());
        assertEquals(new CheckSummary(0, 0, 0, 1, true, false, false, 0), run.summary());
    }

    @Test
    void anEmptyNameIsUnreadableAsMissing() throws IOException {
        Run run = verify(sha256Verifier(1), "SHA256 () = " + OK_SHA256 + "\n");
        assertEquals(List.of(checked("", Outcome.UNREADABLE, NoSuchFileException.class)), run.events());
    }

    @Test
    void escapedNamesAreUnescapedBeforeTheFileIsOpened() throws IOException {
        String name = okFile("new\nline\\back");
        String escaped = name.replace("\\", "\\\\").replace("\n", "\\n");
        Run run = verify(sha256Verifier(1), "\\" + OK_SHA256 + "  " + escaped + "\n");
        assertEquals(List.of(checked(name, Outcome.OK, null)), run.events());
    }

    @Test
    @DisplayName("a line longer than 1 MiB is malformed and the lines after it are still read")
    void overlongLine() throws IOException {
        String ok = okFile("ok.txt");
        ByteArrayOutputStream checksums = new ByteArrayOutputStream();
        checksums.writeBytes(utf8(OK_SHA256 + "  " + "x".repeat(ChecksumVerifier.MAX_LINE) + "\n"));
        checksums.writeBytes(utf8(OK_SHA256 + "  " + ok + "\n"));

        Run run = verify(sha256Verifier(1), checksums.toByteArray(), Source::named);

        assertEquals(List.of(new Malformed(1), checked(ok, Outcome.OK, null)), run.events());
        assertEquals(new CheckSummary(1, 0, 0, 1, true, false, false, 0), run.summary());
    }

    @Test
    void md5LinesCheckedAsSha256HintAt32DigitDigests() throws IOException {
        String md5 = referenceHex(MD5, OK_CONTENT);
        Run run = verify(sha256Verifier(1), md5 + "  " + okFile("a") + "\n" + md5 + "  " + okFile("b") + "\n");
        assertEquals(List.of(new Malformed(1), new Malformed(2)), run.events());
        assertEquals(new CheckSummary(2, 0, 0, 0, false, false, false, 32), run.summary());
    }

    @Test
    void verifyingAMissingChecksumFileThrowsNoSuchFileException() {
        ChecksumVerifier verifier = sha256Verifier(1);
        Path file = dir.resolve("no-such-SUMS");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> verifier.verify(file, new Recorder()));
        assertEquals(file.toString(), e.getFile());
    }

    @Test
    void verifyingAChecksumFileByPathReadsIt() throws IOException {
        String ok = okFile("ok.txt");
        Path sums = dir.resolve("SUMS");
        Files.writeString(sums, OK_SHA256 + "  " + ok + "\n");
        Recorder recorder = new Recorder();

        CheckSummary summary = sha256Verifier(1).verify(sums, recorder);

        assertEquals(List.of(checked(ok, Outcome.OK, null)), recorder.events);
        assertEquals(new CheckSummary(0, 0, 0, 1, true, false, false, 0), summary);
    }

    @Test
    void aReadErrorInTheChecksumFileItselfPropagates() throws IOException {
        String ok = okFile("ok.txt");
        IOException failure = new IOException("disk on fire");
        InputStream failing = new SequenceInputStream(
                new ByteArrayInputStream(utf8(OK_SHA256 + "  " + ok + "\n")), new InputStream() {
                    @Override
                    public int read() throws IOException {
                        throw failure;
                    }
                });
        Recorder recorder = new Recorder();

        IOException thrown =
                assertThrows(IOException.class, () -> sha256Verifier(1).verify(failing, Source::named, recorder));

        assertSame(failure, thrown);
        assertEquals(List.of(checked(ok, Outcome.OK, null)), recorder.events);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** A stream that returns at most one byte per read, as a slow pipe may. */
    private static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(byte[] data) {
            super(new ByteArrayInputStream(data));
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }
    }
}
