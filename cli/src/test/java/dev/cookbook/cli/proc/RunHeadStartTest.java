package dev.cookbook.cli.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cookbook.cli.CookbookCli;
import dev.cookbook.cli.Stdio;
import dev.cookbook.proc.run.RunSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The head start of a plain {@code run -- CMD}: it starts what the parse will ask for, the run takes
 * it over only for that spec, and a child nobody takes is killed. The children here print nothing
 * (they share the test JVM's descriptors). Through the real launcher, every plain {@code run} in
 * {@link RunIT} goes through it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunHeadStartTest {
    @AfterEach
    void nothingLeft() {
        RunHeadStart.discard();
    }

    /** For every plain form, the spec the head start guesses is the one the parsed options give. */
    @Test
    void theGuessIsWhatTheParseGives() {
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
                RunSpec guess = RunHeadStart.plainSpec(args, saved);
                assertNotNull(guess, command::toString);
                assertEquals(parsed(args).runSpec(command, saved, null), guess, command + " " + saved);
                assertEquals(command, guess.argv());
            }
        }
    }

    @Test
    void onlyThePlainFormGetsOne() {
        for (List<String> args : List.of(
                List.of("run", "--"),
                List.of("run", "true"),
                List.of("run", "--timeout", "1s", "--", "true"),
                List.of("run", "--check", "--", "true"),
                List.of("-v", "run", "--", "true"),
                List.of("quote", "--", "true"),
                List.of("run"),
                List.<String>of())) {
            assertNull(RunHeadStart.plainSpec(args.toArray(String[]::new), null), args::toString);
        }
    }

    @Test
    void theRunTakesTheChildItWants() throws Exception {
        String[] args = {"run", "--", "sh", "-c", "exit 7"};
        RunHeadStart.begin(args);
        RunHeadStart early = RunHeadStart.claim(RunHeadStart.plainSpec(args, System.getenv(RunCommand.CALLER_LC_ALL)));
        assertNotNull(early);
        assertEquals(7, early.await().exitCode());
        assertNull(RunHeadStart.claim(RunHeadStart.plainSpec(args, null)), "taken once");
    }

    /** One that could not start its child leaves the run to meet the failure itself. */
    @Test
    void aFailedStartIsLeftToTheRun() throws Exception {
        String[] args = {"run", "--", "no-such-command-xyz"};
        RunHeadStart.begin(args);
        assertNull(RunHeadStart.claim(RunHeadStart.plainSpec(args, System.getenv(RunCommand.CALLER_LC_ALL))));
    }

    @Test
    void aChildOfAnotherSpecIsKilled() throws Exception {
        RunHeadStart.begin(new String[] {"run", "--", "sleep", "27.25"});
        ProcessHandle child = child("27.25");
        RunSpec other = RunSpec.builder(List.of("sleep", "27.5")).build();
        assertNull(RunHeadStart.claim(other));
        RunIT.assertGone(child.pid());
    }

    @Test
    void anUnclaimedChildIsKilledAtTheEnd() throws Exception {
        RunHeadStart.begin(new String[] {"run", "--", "sleep", "27.75"});
        ProcessHandle child = child("27.75");
        RunHeadStart.discard();
        RunIT.assertGone(child.pid());
    }

    /** The run command picocli makes of {@code args}, as a call would. */
    private static RunCommand parsed(String[] args) {
        Stdio stdio = new Stdio(
                new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(),
                new ByteArrayOutputStream(),
                false,
                false,
                false);
        CommandLine cl = CookbookCli.create(stdio, args);
        ParseResult result = cl.parseArgs(args);
        return (RunCommand) result.subcommand().commandSpec().userObject();
    }

    /** {@code run -- COMMAND...} */
    private static String[] plain(List<String> command) {
        List<String> args = new ArrayList<>(List.of("run", "--"));
        args.addAll(command);
        return args.toArray(String[]::new);
    }

    /** This JVM's child {@code sleep SECONDS}, once the head start has started it. */
    private static ProcessHandle child(String seconds) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Optional<ProcessHandle> found = ProcessHandle.current()
                    .children()
                    .filter(p -> p.info()
                            .arguments()
                            .map(a -> List.of(a).equals(List.of(seconds)))
                            .orElse(false))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no child sleep " + seconds);
    }
}
