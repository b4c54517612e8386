package dev.cookbook.cli.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Cli;
import dev.cookbook.cli.CookbookCli;
import dev.cookbook.cli.Stdio;
import dev.cookbook.cli.Tools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The completion scripts: committed copies stay current, and the shells really complete with them. */
public class CompletionCommandTest {
    private static final Path COMPLETIONS = Path.of(System.getProperty("cookbook.completions", "../completions"));

    private static Path committed(CompletionCommand.Shell shell) {
        return COMPLETIONS.resolve("cookbook." + shell);
    }

    @ParameterizedTest
    @EnumSource(CompletionCommand.Shell.class)
    void committedScriptIsWhatTheCommandsGenerateNow(CompletionCommand.Shell shell) throws IOException {
        String generated = CompletionCommand.script(
                shell,
                CookbookCli.create(new Stdio(
                        System.in, new ByteArrayOutputStream(), new ByteArrayOutputStream(), false, false, false)));
        assertEquals(
                generated,
                Files.readString(committed(shell)),
                () -> "completions/cookbook." + shell
                        + " is stale: regenerate it with 'cli/target/cookbook completion " + shell
                        + " > completions/cookbook."
                        + shell + "'");
    }

    @ParameterizedTest
    @EnumSource(CompletionCommand.Shell.class)
    void commandPrintsTheScript(CompletionCommand.Shell shell) throws IOException {
        Cli.Result r = Cli.run("completion", shell.name());
        assertEquals(0, r.exit(), r::toString);
        assertEquals(Files.readString(committed(shell)), r.out());
    }

    @Test
    void anUnknownShellIsAUsageError() {
        Cli.Result r = Cli.run("completion", "fish");
        assertEquals(2, r.exit());
        assertEquals("""
                cookbook completion: invalid value for positional parameter at index 0 (SHELL): expected one of [bash, zsh] (case-sensitive) but was 'fish'
                cookbook completion: hint: see 'cookbook completion --help'
                """, r.err());
    }

    @Test
    void bashCompletesCommandsOptionsAndAlgorithms() throws Exception {
        Tools.require("bash");
        assertEquals(List.of("checksum"), complete("bash", "cookbook", "ch"));
        assertEquals(List.of("--status", "--strict"), complete("bash", "cookbook", "checksum", "--st"));
        assertEquals(
                List.of("sha3-224", "sha3-256", "sha3-384", "sha3-512"),
                complete("bash", "cookbook", "checksum", "-a", "sha3-"));
    }

    @Test
    void zshLoadsTheScriptAndOffersTheCandidates() throws Exception {
        Tools.require("zsh");
        // Under zsh the script offers every candidate and zsh's own matcher filters by prefix.
        assertTrue(complete("zsh", "cookbook", "ch").contains("checksum"));
        assertTrue(complete("zsh", "cookbook", "checksum", "--st").contains("--status"));
    }

    /** The words the completion function offers for the last of {@code words}, run in a real shell. */
    private static List<String> complete(String shell, String... words) throws Exception {
        String array = String.join(" ", words);
        String setup = shell.equals("zsh")
                ? "autoload -U compinit && compinit -u; source \"$1\"; setopt ksharrays; "
                : "source \"$1\"; ";
        String script = setup + "COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1) + "; COMP_LINE='" + array
                + "'; COMP_POINT=${#COMP_LINE}; _complete_cookbook cookbook '" + words[words.length - 1] + "' '"
                + words[words.length - 2] + "' 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder(
                        shell,
                        "-c",
                        script,
                        shell,
                        committed(CompletionCommand.Shell.valueOf(shell))
                                .toAbsolutePath()
                                .toString())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "shell did not finish");
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }
}
