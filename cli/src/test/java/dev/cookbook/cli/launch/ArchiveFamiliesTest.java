package dev.cookbook.cli.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.CookbookCli;
import dev.cookbook.cli.PlainCalls;
import dev.cookbook.cli.proc.PlainRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * The launcher keeps a class-data archive per command family, naming the families in a {@code case}
 * of its own; a family it does not name would share the archive of every family, and start slower.
 */
class ArchiveFamiliesTest {
    @Test
    void theLauncherNamesEveryCommandAsAFamily() throws IOException {
        String launcher = Files.readString(Path.of("src/main/launcher/cookbook.sh"));
        Matcher m = Pattern.compile("(?m)^    (checksum \\|[^)]*)\\)\\n\\s*family=\\$1")
                .matcher(launcher);
        assertTrue(m.find(), "the launcher's case of families");
        List<String> families = Arrays.stream(m.group(1).split("\\|"))
                .map(String::strip)
                .sorted()
                .toList();
        List<String> commands = new ArrayList<>();
        for (Class<?> command : CookbookCli.COMMANDS) {
            commands.add(command.getAnnotation(Command.class).name());
        }
        assertEquals(commands.stream().sorted().toList(), families);
    }

    /** Each family's archive is made from calls of that family: the training has some for each. */
    @Test
    void everyFamilyHasTrainingCalls(@TempDir Path dir) throws IOException {
        List<String> firsts =
                Training.calls(dir).stream().map(call -> call.args().get(0)).toList();
        for (Class<?> command : CookbookCli.COMMANDS) {
            String name = command.getAnnotation(Command.class).name();
            assertTrue(firsts.contains(Training.firstArgument(name)), name);
        }
        assertTrue(firsts.contains(Training.firstArgument(Training.VERSION)), "--version");
    }

    /**
     * A plain {@code run -- CMD} is a family of its own, in the launcher and in the training: it
     * runs without picocli, and its archive holds only that path (Java 25 loads every class of a
     * cache at start-up).
     */
    @Test
    void aPlainRunIsAFamilyOfItsOwn(@TempDir Path dir) throws IOException {
        List<Training.Call> calls = Training.calls(dir);
        List<List<String>> plain = calls.stream()
                .filter(call -> call.of(Training.PLAIN_RUN))
                .map(Training.Call::args)
                .toList();
        assertEquals(List.of(List.of("run", "--", "true")), plain);
        // its training runs with run's JVM options, which the launcher picks by the first argument
        assertEquals("run", Training.firstArgument(Training.PLAIN_RUN));
        assertTrue(calls.stream().filter(call -> call.of("run")).count() > plain.size(), "run's other calls");
    }

    /**
     * So are a plain {@code checksum [-a ALGO] FILE...}, {@code csv read FILE} and {@code quote ARG...}: their training runs the plain calls, which
     * the launcher tells from their command's other calls (ArchiveIT maps both kinds of archive).
     */
    @Test
    void plainCallsAreFamiliesOfTheirOwn(@TempDir Path dir) throws IOException {
        List<Training.Call> calls = Training.calls(dir);
        assertTrue(
                calls.stream()
                        .anyMatch(
                                call -> call.of("checksum-plain") && call.args().contains("-a")),
                "checksum -a ALGO FILE is in checksum-plain's training");
        for (String family : List.of("checksum-plain", "csv-plain", "quote-plain")) {
            String command = Training.firstArgument(family);
            List<Training.Call> plain =
                    calls.stream().filter(call -> call.of(family)).toList();
            assertFalse(plain.isEmpty(), family);
            for (Training.Call call : plain) {
                assertEquals(command, call.args().get(0));
                assertTrue(PlainCalls.isPlain(call.args().toArray(new String[0])), call::toString);
            }
            assertTrue(
                    calls.stream().filter(call -> call.of(command)).count() > plain.size(),
                    command + "'s other calls, for its archive with picocli");
        }
        assertEquals("checksum", Training.firstArgument("checksum-plain"));
        assertEquals("csv", Training.firstArgument("csv-plain"));
    }

    /**
     * The family the launcher gives a call, read from what it passes to {@code java} (a stand-in that prints its
     * arguments): a plain one exactly when Java runs the call without picocli.
     */
    @Test
    void theLauncherGivesPlainCallsTheirFamily(@TempDir Path dir) throws IOException, InterruptedException {
        Path java = Files.createDirectories(dir.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        java.toFile().setExecutable(true);
        List<List<String>> calls = List.of(
                List.of("checksum", "a", "b c"),
                List.of("checksum", "a", "-b"),
                List.of("checksum", "-a", "md5", "a", "b c"),
                List.of("checksum", "--algorithm", "sha1", "a"),
                List.of("checksum", "--algorithm", "md5"),
                List.of("checksum", "-a", "*", "a"),
                List.of("checksum", "-a", "x y", "a b", "c"),
                List.of("checksum", "-a", "nope", "a"),
                List.of("checksum", "-a", "-", "a"),
                List.of("checksum", "-a", "md5"),
                List.of("checksum", "-a", "md5", "-"),
                List.of("checksum", "-a", "md5", "a", "-a", "sha1"),
                List.of("checksum", "-amd5", "a"),
                List.of("checksum", "a", "-a", "md5"),
                List.of("quote", "-a", "md5", "a"),
                List.of("checksum", "-"),
                List.of("checksum"),
                List.of("checksum", "--", "a"),
                List.of("checksum", ""),
                List.of("quote", "-"),
                List.of("csv", "read", ""),
                List.of("quote", "a", "b c", "@d"),
                List.of("quote", "--", "-rf"),
                List.of("quote", "a", "--each"),
                List.of("csv", "read", "a.csv"),
                List.of("csv", "read", "--rows", "a.csv"),
                List.of("csv", "read", "a.csv", "b.csv"),
                List.of("csv", "read", "-"),
                List.of("csv", "write", "a.csv"),
                List.of("run", "--", "true"),
                List.of("run", "--cwd", ".", "--", "true"),
                List.of("-v", "checksum", "a"),
                List.of("--version"));
        for (List<String> call : calls) {
            String family = launchedFamily(dir, call);
            String[] args = call.toArray(new String[0]);
            boolean plain = PlainCalls.isPlain(args) || PlainRun.isPlain(args);
            assertEquals(plain, family.endsWith(Training.PLAIN), call + " is " + family);
            assertEquals(family, plain ? call.get(0) + Training.PLAIN : familyOf(call.get(0)), call::toString);
        }
    }

    private static String familyOf(String first) {
        return first.equals("--version") ? Training.VERSION : first.startsWith("-") ? Training.ALL : first;
    }

    private static String launchedFamily(Path dir, List<String> call) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", "src/main/launcher/cookbook.sh"));
        command.addAll(call);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        pb.environment().remove("COOKBOOK_JAVA_OPTS");
        pb.environment().remove("COOKBOOK_ARCHIVE");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        for (String line : out.split("\n")) {
            if (line.startsWith("-Dcookbook.family=")) {
                return line.substring("-Dcookbook.family=".length());
            }
        }
        throw new AssertionError("no family passed for " + call + ":\n" + out);
    }
}
