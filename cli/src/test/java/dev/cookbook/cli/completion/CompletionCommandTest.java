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
import org.junit.jupiter.api.io.TempDir;
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
                cookbook completion: invalid value for SHELL: 'fish' (use bash or zsh)
                cookbook completion: hint: see 'cookbook completion --help'
                """, r.err());
    }

    @Test
    void bashCompletesCommandsOptionsAndValues() throws Exception {
        Tools.require("bash");
        assertEquals(List.of("checksum"), bash(null, "cookbook", "ch"));
        assertEquals(List.of("gen"), bash(null, "cookbook", "key", "g"));
        assertEquals(List.of("--status", "--strict"), bash(null, "cookbook", "checksum", "--st"));
        assertEquals(List.of("--no-progress"), bash(null, "cookbook", "checksum", "--no-p"));
        assertEquals(List.of("--no-progress"), bash(null, "cookbook", "csv", "read", "--no-pro"));
        assertEquals(
                List.of("sha3-224", "sha3-256", "sha3-384", "sha3-512"),
                bash(null, "cookbook", "checksum", "-a", "sha3-"));
        // bash splits --algorithm=sha3-2 at '=': the value is still completed
        assertEquals(List.of("sha3-224", "sha3-256"), bash(null, "cookbook", "checksum", "--algorithm", "=", "sha3-2"));
        assertEquals(List.of("jsonl", "json", "table"), bash(null, "cookbook", "csv", "read", "--to", ""));
        assertEquals(List.of("bash", "zsh"), bash(null, "cookbook", "completion", ""));
        assertEquals(List.of("read", "write"), bash(null, "cookbook", "help", "csv", ""));
        assertEquals(List.of(), bash(null, "cookbook", "checksum", "-j", ""), "-j takes a number, not a file");
    }

    @Test
    void bashCompletesFileNamesWhereAFileIsExpected(@TempDir Path dir) throws Exception {
        Tools.require("bash");
        Files.createFile(dir.resolve("notes.txt"));
        Files.createFile(dir.resolve("my file.txt"));
        Files.createFile(dir.resolve("@notes.txt"));
        assertEquals(List.of("notes.txt"), bash(dir, "cookbook", "checksum", "no"));
        assertEquals(List.of("my file.txt"), bash(dir, "cookbook", "checksum", "my"));
        assertEquals(List.of("my file.txt"), bash(dir, "cookbook", "checksum", "my\\ f"));
        assertEquals(List.of("my file.txt"), bash(dir, "cookbook", "checksum", "\"my f"));
        assertEquals(List.of("@notes.txt"), bash(dir, "cookbook", "checksum", "@"));
        // -v takes no value: the word after it is an operand
        assertEquals(List.of("notes.txt"), bash(dir, "cookbook", "checksum", "-v", "no"));
        assertEquals(List.of("notes.txt"), bash(dir, "cookbook", "-vv", "checksum", "no"));
        assertEquals(List.of("notes.txt"), bash(dir, "cookbook", "encrypt", "-i", "no"));
        assertEquals(List.of("notes.txt"), bash(dir, "cookbook", "key", "gen", "--pub-out", "no"));
        assertEquals(List.of("notes.txt"), bash(dir, "cookbook", "sign", "--key", "no"));
        assertEquals(List.of("notes.txt"), bash(dir, "cookbook", "--log-file", "no"));
        assertEquals(List.of(), bash(dir, "cookbook", "csv", "read", "--restkey", "no"), "a JSON key, not a file");
    }

    @Test
    void zshCompletesInAnInteractiveShell(@TempDir Path dir) throws Exception {
        Tools.require("zsh");
        Files.createFile(dir.resolve("notes.txt"));
        Files.createFile(dir.resolve("my file.txt"));
        Path driver = dir.resolve("zpty-complete.zsh");
        try (var in = CompletionCommandTest.class.getResourceAsStream("/completion/zpty-complete.zsh")) {
            Files.copy(in, driver);
        }
        List<String> lines = List.of(
                "cookbook ch",
                "cookbook key g",
                "cookbook checksum no",
                "cookbook checksum my",
                "cookbook checksum -a sha22",
                "cookbook checksum --no-pr",
                "cookbook checksum -v no",
                "cookbook completion z",
                "cookbook csv read --to=ta");
        List<String> command = new java.util.ArrayList<>(List.of(
                "zsh",
                "-f",
                driver.toString(),
                committed(CompletionCommand.Shell.zsh).toAbsolutePath().toString(),
                dir.toString()));
        command.addAll(lines);
        // each line, completed with TAB and run: cookbook there prints its arguments
        assertEquals(
                List.of(
                        "<<checksum>>",
                        "<<key|gen>>",
                        "<<checksum|notes.txt>>",
                        "<<checksum|my file.txt>>",
                        "<<checksum|-a|sha224>>",
                        "<<checksum|--no-progress>>",
                        "<<checksum|-v|notes.txt>>",
                        "<<completion|zsh>>",
                        "<<csv|read|--to=table>>",
                        "<<done>>"),
                run(dir, command));
    }

    /** What the bash completion function puts in COMPREPLY for the last of {@code words}, in {@code dir}. */
    private static List<String> bash(Path dir, String... words) throws Exception {
        String script = "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); "
                + "COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; _cookbook; printf '%s\\n' \"${COMPREPLY[@]}\"";
        List<String> command = new java.util.ArrayList<>(List.of(
                "bash",
                "--norc",
                "-c",
                script,
                "bash",
                committed(CompletionCommand.Shell.bash).toAbsolutePath().toString()));
        command.addAll(List.of(words));
        return run(dir, command);
    }

    private static List<String> run(Path dir, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "shell did not finish");
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }
}
