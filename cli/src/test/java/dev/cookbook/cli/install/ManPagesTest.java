package dev.cookbook.cli.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Binary;
import dev.cookbook.cli.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The man pages the build generates (in the jar, under dev/cookbook/cli/man): one per command, and
 * each, as {@code man} renders it, says what {@code --help} says: every description, option,
 * operand, exit status and example, as text, none of it taken for AsciiDoc markup, and with no
 * complaint from {@code man}.
 */
public class ManPagesTest {
    @TempDir
    static Path tmp;

    @TestFactory
    Stream<DynamicTest> everyCommandHasAPageThatSaysWhatItsHelpSays() {
        CommandLine root = InstallFixtures.commands();
        List<DynamicTest> tests = new ArrayList<>();
        add(root, tests);
        return tests.stream();
    }

    private static void add(CommandLine cl, List<DynamicTest> tests) {
        CommandSpec spec = cl.getCommandSpec();
        tests.add(DynamicTest.dynamicTest(spec.qualifiedName(), () -> check(spec)));
        cl.getSubcommands().values().forEach(sub -> add(sub, tests));
    }

    private static void check(CommandSpec spec) throws IOException {
        String page = spec.qualifiedName("-") + ".1";
        Path file = tmp.resolve(page);
        try (InputStream in = ManPagesTest.class.getResourceAsStream("/dev/cookbook/cli/man/" + page)) {
            assertNotNull(in, page + " is not in the build");
            Files.copy(in, file);
        }
        Tools.require("man");
        Tools.require("col");
        Binary.Result r = Binary.exec(
                tmp,
                Map.of("MANWIDTH", "80", "LC_ALL", "C.UTF-8"),
                null,
                List.of("bash", "-c", "set -o pipefail; man -l \"$1\" | col -bx", "bash", file.toString()));
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err(), "man complains");
        String text = words(r.out());
        assertTrue(text.startsWith(spec.qualifiedName("-").toUpperCase() + "(1) "), text);

        List<String> expected = new ArrayList<>();
        expected.addAll(List.of(spec.usageMessage().description()));
        for (ArgSpec arg : spec.args()) {
            if (!arg.hidden()) {
                expected.add(String.join(" ", arg.description()));
            }
        }
        expected.addAll(spec.usageMessage().exitCodeList().values());
        expected.addAll(List.of(spec.usageMessage().footer()));
        for (String s : expected) {
            String want = words(s.replace("%n", " ").replace("%%", "%"));
            assertTrue(text.contains(want), () -> page + " lacks '" + want + "' in\n" + r.out());
        }
    }

    /** {@code s} with every run of white space one space: where lines break is man's business. */
    private static String words(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
