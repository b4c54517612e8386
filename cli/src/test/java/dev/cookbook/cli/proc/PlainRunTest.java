package dev.cookbook.cli.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cookbook.cli.Cli;
import dev.cookbook.proc.run.RunSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A plain {@code run -- CMD} without the command line: it runs what the parse would ask for, and
 * exits as the full path would. The commands here print nothing (they share the test JVM's
 * descriptors). Through the real launcher, every plain {@code run} in {@link RunIT} takes it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlainRunTest {
    /** For every plain form, the spec it runs is the one the parsed options give. */
    @Test
    void itRunsWhatTheParseGives() {
        List<List<String>> commands = List.of(
                List.of("true"),
                List.of("echo", "--", "x", "-h", "--timeout", "1s", "@file"),
                List.of("sh", "-c", "exit 3"),
                List.of("--help"),
                List.of(""),
                List.of("printf", "%s\\n", "a b", "", "é"));
        for (List<String> command : commands) {
            for (String saved : Arrays.asList(null, "=C", "")) {
                String[] args = plain(command);
                RunSpec spec = PlainRun.plainSpec(args, saved);
                assertNotNull(spec, command::toString);
                RunCommand parsed = parsed(args);
                assertEquals(command, parsed.command, "the words picocli gives the command");
                assertEquals(parsed.runSpec(parsed.command, saved, null), spec, command + " " + saved);
                assertEquals(command, spec.argv());
            }
        }
    }

    @Test
    void onlyThePlainFormTakesIt() {
        for (List<String> args : List.of(
                List.of("run", "--"),
                List.of("run", "true"),
                List.of("run", "--timeout", "1s", "--", "true"),
                List.of("run", "--check", "--", "true"),
                List.of("-v", "run", "--", "true"),
                List.of("quote", "--", "true"),
                List.of("run"),
                List.<String>of())) {
            String[] a = args.toArray(String[]::new);
            assertNull(PlainRun.plainSpec(a, null), args::toString);
            assertNull(PlainRun.run(a), args::toString);
        }
    }

    @Test
    void itExitsAsTheCommandDid() {
        assertEquals(0, PlainRun.run(plain(List.of("true"))));
        assertEquals(7, PlainRun.run(plain(List.of("sh", "-c", "exit 7"))));
        assertEquals(137, PlainRun.run(plain(List.of("sh", "-c", "kill -KILL $$"))));
    }

    /** A command that cannot be started is left to the full path, which reports it. */
    @Test
    void aFailedStartIsLeftToTheFullPath() {
        assertNull(PlainRun.run(plain(List.of("no-such-command-xyz"))));
        assertNull(PlainRun.run(plain(List.of(""))));
        assertNull(PlainRun.run(plain(List.of("/etc/passwd"))));
    }

    /** The run command picocli makes of {@code args}, as a call would. */
    private static RunCommand parsed(String[] args) {
        return (RunCommand) Cli.parsedCommand(args);
    }

    /** {@code run -- COMMAND...} */
    private static String[] plain(List<String> command) {
        List<String> args = new ArrayList<>(List.of("run", "--"));
        args.addAll(command);
        return args.toArray(String[]::new);
    }
}
