package dev.cookbook.cli.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Cli;
import dev.cookbook.proc.run.RunSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RunCommandTest {
    @TempDir
    Path tmp;

    @Test
    void passThroughExitStatusAndOutput() {
        Cli.Result r =
                Cli.run("in\n".getBytes(StandardCharsets.UTF_8), "run", "--", "sh", "-c", "cat; echo err >&2; exit 3");
        assertEquals(3, r.exit(), r::toString);
        assertEquals("in\n", r.out());
        assertEquals("err\n", r.err());
    }

    @Test
    void optionsEndAtTheCommand() {
        Cli.Result r = Cli.run("run", "printf", "%s|", "-d", "--help");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("-d|--help|", r.out());
    }

    @Test
    void exitCodes() throws Exception {
        Path script = Files.writeString(tmp.resolve("script.sh"), "#!/bin/sh\necho hi\n");
        assertResult(
                Cli.run("run", "--", script.toString()),
                126,
                "",
                "cookbook run: '" + script + "': cannot execute: permission denied\n");
        assertResult(
                Cli.run("run", "--", "no-such-command-xyz"),
                127,
                "",
                "cookbook run: 'no-such-command-xyz': command not found\n");
        assertResult(Cli.run("run", "--", "sh", "-c", "kill -KILL $$"), 137, "", "");
        assertResult(Cli.run("run", "--timeout", "200ms", "--", "sleep", "10"), 124, "", "");
        assertResult(
                Cli.run("run", "--check", "--", "sh", "-c", "exit 7"),
                1,
                "",
                "cookbook run: 'sh' exited with status 7\n");
        assertResult(
                Cli.run("run", "--check", "--", "sh", "-c", "kill -TERM $$"),
                1,
                "",
                "cookbook run: 'sh' was killed by signal 15 (TERM)\n");
        assertResult(
                Cli.run("run", "--check", "--timeout", "200ms", "--", "sleep", "10"),
                124,
                "",
                "cookbook run: 'sleep' timed out after 200ms\n");
        assertResult(Cli.run("run", "--check", "--", "true"), 0, "", "");
        assertResult(
                Cli.run("run", "--cwd", tmp.resolve("nope").toString(), "--", "true"),
                4,
                "",
                "cookbook run: '" + tmp.resolve("nope") + "': no such folder\n");
        assertResult(
                Cli.run("run", "--input", tmp.resolve("nope").toString(), "--", "cat"),
                4,
                "",
                "cookbook run: '" + tmp.resolve("nope") + "': no such file\n");
    }

    @Test
    void anUnknownOptionBeforeTheCommandHintsWhereItGoes() {
        String hint = "cookbook run: hint: run's own options come before the command; one for the command goes "
                + "after its name: cookbook run -- ";
        assertResult(
                Cli.run("run", "--bogus", "ls", "-l"),
                2,
                "",
                "cookbook run: unknown option: '--bogus'\n" + hint + "ls --bogus -l\n");
        assertResult(
                Cli.run("run", "--timeout", "1s", "-Z"),
                2,
                "",
                "cookbook run: unknown option: '-Z'\n" + hint + "CMD -Z\n");
        // a misspelt option of run's own: picocli's suggestion, and no advice to move it
        assertResult(
                Cli.run("run", "--timout", "1s", "sleep", "2"),
                2,
                "",
                "cookbook run: unknown option: '--timout'\n"
                        + "cookbook run: hint: did you mean --timeout?\n"
                        + "cookbook run: hint: see 'cookbook run --help'\n");
    }

    @Test
    void usageErrors() {
        assertUsage(Cli.run("run"), "cookbook run: give the command to run after --, as in: cookbook run -- ls -l");
        assertUsage(
                Cli.run("run", "--"), "cookbook run: give the command to run after --, as in: cookbook run -- ls -l");
        assertUsage(
                Cli.run("run", "--env", "NOEQUALS", "--", "true"), "cookbook run: --env 'NOEQUALS': give NAME=VALUE");
        assertUsage(Cli.run("run", "--env", "=x", "--", "true"), "cookbook run: --env '=x': give NAME=VALUE");
        assertUsage(
                Cli.run("run", "--shell", "echo {3}", "--", "a", "b"),
                "cookbook run: --shell: {3} needs 3 arguments after the template, but 2 arguments given");
        assertUsage(
                Cli.run("run", "--shell", "echo hi", "--", "a"),
                "cookbook run: --shell: the template has no {} or {N} to put the 1 argument in");
        assertUsage(Cli.run("run", "--max-capture", "1K", "--", "true"), "cookbook run: --max-capture needs --capture");
        assertUsage(Cli.run("run", "--signal", "INT", "--", "true"), "cookbook run: --signal needs --timeout");
        assertEquals(
                2,
                Cli.run("run", "--signal", "USR1", "--timeout", "1s", "--", "true")
                        .exit());
        assertEquals(2, Cli.run("run", "--timeout", "soon", "--", "true").exit());
    }

    @Test
    void dryRunPrintsTheExactLineAndRunsNothing() {
        Path marker = tmp.resolve("MARKER");
        assertResult(
                Cli.run("run", "--dry-run", "--", "touch", marker.toString(), "a b", "it's", ""),
                0,
                "touch " + marker + " 'a b' 'it'\"'\"'s' ''\n",
                "");
        assertFalse(Files.exists(marker));
        assertResult(
                Cli.run("run", "--dry-run", "--shell", "du -sh {}", "--", "/dev/null; touch MARKER"),
                0,
                "sh -c 'du -sh '\"'\"'/dev/null; touch MARKER'\"'\"''\n",
                "");
        assertResult(
                Cli.run("run", "--dry-run", "--cwd", "/tmp", "--clear-env", "--env", "A=1 2", "--", "env"),
                0,
                "cd /tmp && env -i 'A=1 2' env\n",
                "");
    }

    @Test
    void shellTemplateRunsNoInjectedCommand() {
        Cli.Result r = Cli.run("run", "--cwd", tmp.toString(), "--shell", "du -sh {}", "--", "/dev/null; touch MARKER");
        assertEquals(1, r.exit(), r::toString);
        assertFalse(Files.exists(tmp.resolve("MARKER")));
        List<String> corpus = List.of(
                "$(touch MARKER)",
                "`touch MARKER`",
                "a;touch MARKER",
                "a|b",
                "a&b",
                "it's",
                "\"q\"",
                "new\nline",
                "*",
                "~",
                "",
                "-n",
                "ünï ✓",
                "{1}");
        List<String> args =
                new ArrayList<>(List.of("run", "--cwd", tmp.toString(), "--shell", "printf '%s\\0' {}", "--"));
        args.addAll(corpus);
        Cli.Result all = Cli.run(args.toArray(String[]::new));
        assertEquals(String.join("\0", corpus) + "\0", all.out());
        assertFalse(Files.exists(tmp.resolve("MARKER")));
    }

    @Test
    void captureJson() {
        Cli.Result r = Cli.run("run", "--capture", "--", "sh", "-c", "printf 'h\\351llo'; echo warn >&2; exit 2");
        assertEquals(2, r.exit(), r::toString);
        Map<String, Object> j = json(r.out());
        assertEquals(List.of("sh", "-c", "printf 'h\\351llo'; echo warn >&2; exit 2"), j.get("argv"));
        assertEquals("2", j.get("exit_code"));
        assertEquals(null, j.get("signal"));
        assertEquals("false", j.get("timed_out"));
        assertEquals("base64", j.get("stdout_encoding"));
        assertEquals(
                "h\351llo",
                new String(Base64.getDecoder().decode((String) j.get("stdout")), StandardCharsets.ISO_8859_1));
        assertEquals("warn\n", j.get("stderr"));
        assertEquals("utf-8", j.get("stderr_encoding"));
        assertEquals("5", j.get("stderr_bytes"));
        assertEquals("0", j.get("stderr_dropped"));
        assertEquals("", r.err());
    }

    @Test
    void captureBoundedAndTimedOut() {
        Cli.Result r = Cli.run(
                "run",
                "--capture",
                "--max-capture",
                "1K",
                "--timeout",
                "500ms",
                "--kill-after",
                "1s",
                "--",
                "sh",
                "-c",
                "head -c 5000 /dev/zero | tr '\\0' a; sleep 30");
        assertEquals(124, r.exit(), r::toString);
        Map<String, Object> j = json(r.out());
        assertEquals("true", j.get("timed_out"));
        assertEquals("143", j.get("exit_code"));
        assertEquals("15", j.get("signal"));
        assertEquals("a".repeat(1024), j.get("stdout"));
        assertEquals("5000", j.get("stdout_bytes"));
        assertEquals("3976", j.get("stdout_dropped"));
    }

    @Test
    void grandchildHoldingThePipesDoesNotHoldCapture() {
        long t0 = System.nanoTime();
        Cli.Result r = Cli.run("run", "--capture", "--", "sh", "-c", "echo started; sleep 30 &");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.exit(), r::toString);
        assertTrue(ms < 10_000, ms + " ms");
        assertEquals("started\n", json(r.out()).get("stdout"));
    }

    @Test
    void envAndMergeStderr() {
        Cli.Result r = Cli.run(
                "run",
                "--clear-env",
                "--env",
                "A=x=y",
                "--merge-stderr",
                "--",
                "/bin/sh",
                "-c",
                "echo \"$A ${HOME:-none}\" >&2");
        assertResult(r, 0, "x=y none\n", "");
    }

    /** What the launcher kept of the caller's LC_ALL ("=VALUE", or empty when unset) goes back to the command. */
    @Test
    void theCallersLocaleGoesBack() {
        RunSpec set = spec("=C");
        assertEquals(Map.of("LC_ALL", "C"), set.env());
        assertEquals(Set.of(RunCommand.CALLER_LC_ALL), set.unsetEnv());
        RunSpec empty = spec("=");
        assertEquals(Map.of("LC_ALL", ""), empty.env());
        RunSpec unset = spec("");
        assertEquals(Map.of(), unset.env());
        assertEquals(Set.of(RunCommand.CALLER_LC_ALL, "LC_ALL"), unset.unsetEnv());
        RunSpec untouched = spec(null);
        assertEquals(Map.of(), untouched.env());
        assertEquals(Set.of(), untouched.unsetEnv());
    }

    private static RunSpec spec(String saved) {
        RunSpec.Builder b = RunSpec.builder(List.of("true"));
        RunCommand.callersLocale(b, saved);
        return b.build();
    }

    private static void assertResult(Cli.Result r, int exit, String out, String err) {
        assertEquals(exit, r.exit(), r::toString);
        assertEquals(out, r.out(), r::toString);
        assertEquals(err, r.err(), r::toString);
    }

    private static void assertUsage(Cli.Result r, String firstLine) {
        assertEquals(2, r.exit(), r::toString);
        assertEquals(firstLine, r.err().lines().findFirst().orElse(""), r::toString);
        assertEquals("", r.out());
    }

    /** The one record: values as text, null as null, arrays as lists of text. */
    static Map<String, Object> json(String line) {
        assertEquals(1, line.lines().count(), line);
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), line)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_ARRAY) {
                    List<String> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(p.getString());
                    }
                    fields.put(name, items);
                } else {
                    fields.put(name, v == JsonToken.VALUE_NULL ? null : p.getString());
                }
            }
        }
        return fields;
    }
}
