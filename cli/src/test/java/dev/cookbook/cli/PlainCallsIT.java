package dev.cookbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged binary runs {@code checksum [-a ALGO] FILE...}, {@code csv read FILE} and {@code quote ARG...} without building
 * a command line ({@link PlainCalls}): the JVM's class-loading log shows no picocli {@code CommandSpec}, where the
 * same command with an option shows one. The archive is off, so that no training run writes the same log.
 */
class PlainCallsIT {
    private static final String SMALL_SHA256 = "283de18a92b91eca91b96146822214f63c5a6a08238ab8acf97896a6036b5ab5";
    private static final String SMALL_SHA512 =
            "d1c41d52f043c045c8d047c1b7d2d2fceccb52e6ccf00dd8c765ec6ef0b07d7346f00d2ce934909f7505b0a6ae0c05ea0ed0659c24b06bd56f074aace53fa93e";
    /** Loaded when a command's model is built (the class CommandLine itself may load to verify the error path). */
    private static final String COMMAND_LINE = "picocli.CommandLine$Model$CommandSpec source:";

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("small.txt"), "a small file\n");
        Files.writeString(dir.resolve("people.csv"), "name,qty\nada,1\n");
        Files.writeString(dir.resolve("dup.csv"), "a,a\n1,2\n");
    }

    @Test
    void plainCallsBuildNoCommandLine() throws IOException {
        assertLoads(false, SMALL_SHA256 + "  small.txt\n", "checksum", "small.txt");
        assertLoads(false, "{\"name\":\"ada\",\"qty\":\"1\"}\n", "csv", "read", "people.csv");
        assertLoads(false, "'a b' c\n", "quote", "a b", "c");
        assertLoads(false, SMALL_SHA512 + "  small.txt\n", "checksum", "-a", "sha512", "small.txt");
        assertLoads(false, SMALL_SHA512 + "  small.txt\n", "checksum", "--algorithm", "SHA-512", "small.txt");
        // the same commands with an option build one: the log tells the two apart
        assertLoads(true, "SHA256 (small.txt) = " + SMALL_SHA256 + "\n", "checksum", "--tag", "small.txt");
        assertLoads(true, "{\"name\":\"ada\",\"qty\":\"1\"}\n", "csv", "read", "--", "people.csv");
        assertLoads(true, "'a b'\nc\n", "quote", "--each", "a b", "c");
    }

    /** {@code checksum * | head -c1}: the closed pipe ends the call quietly, with no command line built for it. */
    @Test
    void aClosedPipeEndsAPlainCallQuietly() throws IOException {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 3000; i++) { // ~250 KB of lines: more than a pipe holds
            files.add(Files.writeString(dir.resolve("f" + i), Integer.toString(i))
                    .getFileName()
                    .toString());
        }
        Path log = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(
                "bash",
                "-c",
                "\"$0\" checksum \"$@\" | head -c 1 >/dev/null; echo \"${PIPESTATUS[0]}\"",
                Binary.PATH.toString()));
        command.addAll(files);
        Binary.Result r = Binary.exec(dir, env(log), null, command);
        assertEquals("141\n", r.out(), r::toString);
        assertEquals("", r.err(), r::toString);
        assertFalse(Files.readString(log).contains(COMMAND_LINE), "a command line was built");
    }

    /** A plain call's failure is reported through the command line built then, word for word as the full path. */
    @Test
    void aPlainCallsFailureReadsAsTheFullPaths() {
        Binary.Result plain =
                Binary.exec(dir, env(null), null, List.of(Binary.PATH.toString(), "csv", "read", "dup.csv"));
        Binary.Result full =
                Binary.exec(dir, env(null), null, List.of(Binary.PATH.toString(), "csv", "read", "--", "dup.csv"));
        assertEquals(3, plain.exit(), plain::toString);
        assertTrue(plain.err().startsWith("cookbook csv read: dup.csv: line 1: "), plain::toString);
        assertEquals(full.toString(), plain.toString());
    }

    private void assertLoads(boolean commandLine, String out, String... args) throws IOException {
        Path log = dir.resolve("classes.log");
        List<String> command = new ArrayList<>(List.of(Binary.PATH.toString()));
        command.addAll(List.of(args));
        Binary.Result r = Binary.exec(dir, env(log), null, command);
        assertEquals(out, r.out(), r::toString);
        assertEquals("", r.err(), r::toString);
        assertEquals(0, r.exit(), r::toString);
        assertEquals(commandLine, Files.readString(log).contains(COMMAND_LINE), String.join(" ", args));
    }

    private static Map<String, String> env(Path log) {
        return log == null
                ? Map.of("COOKBOOK_ARCHIVE", "off")
                : Map.of("COOKBOOK_ARCHIVE", "off", "COOKBOOK_JAVA_OPTS", "-Xlog:class+load:file=" + log);
    }
}
