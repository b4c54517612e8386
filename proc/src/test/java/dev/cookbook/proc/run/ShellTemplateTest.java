package dev.cookbook.proc.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShellTemplateTest {
    /** Hostile words: each must reach the program exactly, running nothing. */
    static final List<String> CORPUS = List.of(
            "/dev/null; ls -l /tmp",
            "$(touch MARKER)",
            "`touch MARKER`",
            "a;touch MARKER",
            "a|touch MARKER",
            "a&touch MARKER",
            "a && touch MARKER",
            "it's",
            "\"double\"",
            "'single'",
            "line\nbreak",
            "tab\there",
            "*",
            "~",
            "~root",
            "",
            "-n",
            "--help",
            "ünïcødé ✓ 日本",
            "$HOME",
            "${IFS}",
            "\\",
            "{}",
            "{1}",
            "a b  c");

    @TempDir
    Path tmp;

    @Test
    void placeholders() throws RunException {
        assertEquals(
                "du -sh '/dev/null; ls -l /tmp'", ShellTemplate.expand("du -sh {}", List.of("/dev/null; ls -l /tmp")));
        assertEquals("cp a 'b c'", ShellTemplate.expand("cp {}", List.of("a", "b c")));
        assertEquals("cp 'b c' a", ShellTemplate.expand("cp {2} {1}", List.of("a", "b c")));
        assertEquals("echo ", ShellTemplate.expand("echo {}", List.of()));
        assertEquals(
                "f() { echo x; }; f a {''} {x} {0}",
                ShellTemplate.expand("f() { echo x; }; f {1} {''} {x} {0}", List.of("a")));
        assertEquals("true", ShellTemplate.expand("true", List.of()));
    }

    @Test
    void errors() {
        RunException e = assertThrows(RunException.class, () -> ShellTemplate.expand("echo {3}", List.of("a", "b")));
        assertEquals(RunException.Kind.INVALID, e.kind());
        assertEquals("{3} needs 3 arguments after the template, but 2 arguments given", e.getMessage());
        RunException none = assertThrows(RunException.class, () -> ShellTemplate.expand("echo", List.of("a")));
        assertEquals("the template has no {} or {N} to put the 1 argument in", none.getMessage());
    }

    /** The reference's example, and the corpus, through sh -c: back exactly, and no marker. */
    @Test
    void corpusComesBackExactlyAndRunsNothing() throws Exception {
        for (String word : CORPUS) {
            String script = ShellTemplate.expand("printf '%s\\0' {1}", List.of(word));
            RunResult r = Runner.run(RunSpec.builder(List.of("/bin/sh", "-c", script))
                    .cwd(tmp)
                    .capture(1 << 16)
                    .build());
            assertEquals(0, r.exitCode(), word);
            assertEquals(word + "\0", new String(r.stdout().bytes(), StandardCharsets.UTF_8), word);
        }
        String all = ShellTemplate.expand("printf '%s\\0' {}", CORPUS);
        RunResult r = Runner.run(RunSpec.builder(List.of("/bin/sh", "-c", all))
                .cwd(tmp)
                .capture(1 << 16)
                .build());
        List<String> back =
                new ArrayList<>(Arrays.asList(new String(r.stdout().bytes(), StandardCharsets.UTF_8).split("\0", -1)));
        back.remove(back.size() - 1);
        assertEquals(CORPUS, back);
        String du = ShellTemplate.expand("du -sh {}", List.of("/dev/null; touch MARKER"));
        Runner.run(RunSpec.builder(List.of("/bin/sh", "-c", du))
                .cwd(tmp)
                .capture(1 << 16)
                .build());
        assertFalse(Files.exists(tmp.resolve("MARKER")));
    }
}
