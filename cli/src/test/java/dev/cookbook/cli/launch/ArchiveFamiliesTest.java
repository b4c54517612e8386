package dev.cookbook.cli.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.CookbookCli;
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
        String launcher = Files.readString(Path.of("src/main/launcher/cookbook.sh"));
        assertTrue(
                launcher.contains("if [ \"$family\" = run ] && [ \"${2-}\" = -- ] && [ $# -ge 3 ]; then\n"
                        + "    family=" + Training.PLAIN_RUN + "\n"),
                "the launcher's plain run");
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
     * So are a plain {@code checksum FILE...} and {@code csv read FILE}: their training runs the plain calls, which
     * the launcher tells from their command's other calls (ArchiveIT maps both kinds of archive).
     */
    @Test
    void plainCallsAreFamiliesOfTheirOwn(@TempDir Path dir) throws IOException {
        String launcher = Files.readString(Path.of("src/main/launcher/cookbook.sh"));
        List<Training.Call> calls = Training.calls(dir);
        for (String family : List.of(Training.PLAIN_CHECKSUM, Training.PLAIN_CSV)) {
            assertTrue(launcher.contains("family=" + family), "the launcher names " + family);
            String command = Training.firstArgument(family);
            List<Training.Call> plain =
                    calls.stream().filter(call -> call.of(family)).toList();
            assertFalse(plain.isEmpty(), family);
            for (Training.Call call : plain) {
                assertEquals(command, call.args().get(0));
                assertTrue(call.args().stream().skip(1).noneMatch(arg -> arg.startsWith("-")), call::toString);
            }
            assertTrue(
                    calls.stream().filter(call -> call.of(command)).count() > plain.size(),
                    command + "'s other calls, for its archive with picocli");
        }
        assertEquals("checksum", Training.firstArgument(Training.PLAIN_CHECKSUM));
        assertEquals("csv", Training.firstArgument(Training.PLAIN_CSV));
    }
}
