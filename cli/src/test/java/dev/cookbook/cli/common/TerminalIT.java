package dev.cookbook.cli.common;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cookbook.cli.Binary;
import dev.cookbook.cli.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged binary with its standard streams on a real pseudo-terminal, as a person runs it:
 * the launcher's own terminal test decides what the bar does (issue 11: the default "progress bar
 * when stderr is a terminal" was never tested, since every other test runs without one).
 */
class TerminalIT {
    /**
     * Runs argv[3:] with stderr (and stdout if argv[2] is "tty") on a new pseudo-terminal, stdout
     * otherwise to the file argv[1], and feeds stdin argv[0] MiB of zeros in two halves 1.5 s apart
     * (a slow producer whose total is unknown). Prints what the terminal received, raw.
     */
    private static final String DRIVER = """
            import os, pty, subprocess, sys, threading, time
            mib, out, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3]
            master, slave = pty.openpty()
            stdout = slave if mode == 'tty' else open(out, 'wb')
            p = subprocess.Popen(sys.argv[4:], stdin=subprocess.PIPE, stdout=stdout, stderr=slave)
            os.close(slave)
            def feed():
                half = b'\\0' * (mib << 19)
                p.stdin.write(half); p.stdin.flush()
                time.sleep(1.5)
                p.stdin.write(half); p.stdin.close()
            threading.Thread(target=feed, daemon=True).start()
            seen = bytearray()
            while True:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
            p.wait(timeout=120)
            sys.stdout.buffer.write(seen)
            sys.exit(p.returncode)
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void tools() {
        Tools.require("python3");
    }

    private static Binary.Result onTerminal(int mib, boolean stdoutToo, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(
                "python3",
                "-c",
                DRIVER,
                Integer.toString(mib),
                dir.resolve("stdout").toString(),
                stdoutToo ? "tty" : "file",
                Binary.PATH.toString()));
        command.addAll(List.of(args));
        return Binary.exec(dir, Map.of("COLUMNS", "80"), null, command);
    }

    @Test
    void aSlowInputShowsTheBarOnTheTerminalAndErasesIt() throws IOException {
        Binary.Result r = onTerminal(8, false, "checksum");
        assertEquals(0, r.exit(), r::toString);
        String screen = new String(r.stdout(), ISO_8859_1);
        assertTrue(screen.startsWith("\r4.0 MiB "), screen);
        assertTrue(screen.contains("/s\033[K"), screen);
        assertTrue(screen.endsWith("\r\033[K"), "the bar is erased at the end: " + screen);
        assertEquals(
                "2daeb1f36095b44b318410b3f4e8b5d989dcc7bb023d1426c492dab0a3053e74  -\n",
                Files.readString(dir.resolve("stdout")),
                "the data went to stdout, whole");
    }

    @Test
    void noBarWhenTheDataGoesToTheSameTerminal() {
        Binary.Result r = onTerminal(8, true, "checksum");
        assertEquals(0, r.exit(), r::toString);
        assertEquals(
                "2daeb1f36095b44b318410b3f4e8b5d989dcc7bb023d1426c492dab0a3053e74  -\r\n",
                new String(r.stdout(), ISO_8859_1),
                "only the result line, never a bar drawn over it");
    }

    @Test
    void noBarForATinyInputNorWhenAskedNot() throws IOException {
        Path small = Files.writeString(dir.resolve("small.txt"), "small\n");
        Binary.Result tiny = onTerminal(0, false, "checksum", small.toString());
        assertEquals(0, tiny.exit(), tiny::toString);
        assertEquals("", new String(tiny.stdout(), ISO_8859_1), "a small file's run shows nothing on stderr");
        Binary.Result off = onTerminal(8, false, "checksum", "--no-progress");
        assertEquals(0, off.exit(), off::toString);
        assertFalse(new String(off.stdout(), ISO_8859_1).contains("MiB"), off::toString);
    }
}
