package dev.cookbook.cli.proc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cookbook.cli.Binary;
import dev.cookbook.cli.Tools;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 and CONVENTIONS ("memory does not grow with input size"): about 200 MB of shell words
 * through the packaged {@code cookbook split -0 -} with a 64 MiB heap give the words Python's
 * {@code shlex.split} gives, compared by count and SHA-256 of the NUL-terminated words.
 */
class SplitLargeIT {
    /** About 200 MB; -Dsplit.large.bytes=N for another size. */
    private static final long SIZE = Long.getLong("split.large.bytes", 200L << 20);

    /**
     * Records, each written with END after it, that close their quotes, so that shlex can split them
     * one by one and the sum is the whole.
     */
    private static final String[] LINES = {
        "du -sh '/dev/null; ls -l /tmp'",
        "cc -O2 \"my file.c\" -o 'my prog' # not a comment without --comments",
        "a\\ b c\\\\d \\'e\\\" \"double \\\"quoted\\\" \\\\ \\$HOME \\` \\x\"",
        "'' \"\" a''b \"\"'' 'it'\"'\"'s'",
        "\u00e9t\u00e9 \u65e5\u672c \ud83d\ude00 \u00a0nbsp\u00a0 tab\there\rcr",
        "$(touch MARKER) `touch MARKER` a;b|c&d * ~ ${x}",
        "\"a quoted line\\\ncontinued\" and 'single\nquoted\nlines' line\\\nbreak",
    };

    /** Hashes NUL-terminated words as they arrive: "COUNT SHA256". */
    private static final String DIGEST = "import hashlib,sys\n"
            + "h=hashlib.sha256(); n=0\n"
            + "for b in iter(lambda: sys.stdin.buffer.read(1<<20), b''):\n"
            + "    h.update(b); n+=b.count(b'\\0')\n"
            + "print(n, h.hexdigest())\n";

    /** Ends each record: a word of its own, then the line break that lets Python find it. */
    private static final String END = " \u00b6\n";

    /** shlex.split record by record (memoised: the lines repeat), hashed as DIGEST hashes cookbook's output. */
    private static final String SHLEX = "import hashlib,shlex,sys\n"
            + "h=hashlib.sha256(); n=0; seen={}; record=b''\n"
            + "for line in open(sys.argv[1], 'rb'):\n"
            + "    record+=line\n"
            + "    if not line.endswith(' \\u00b6\\n'.encode()): continue\n"
            + "    if record not in seen:\n"
            + "        words=shlex.split(record.decode())\n"
            + "        seen[record]=(len(words), b''.join(w.encode()+b'\\0' for w in words))\n"
            + "    k,b=seen[record]; n+=k; h.update(b); record=b''\n"
            + "assert record == b''\n"
            + "print(n, h.hexdigest())\n";

    @TempDir
    Path dir;

    @Test
    void twoHundredMegabytesWithA64MiBHeapGiveShlexWords() throws IOException {
        Tools.require("python3");
        Path input = dir.resolve("words.txt");
        write(input);
        Binary.Result cookbook =
                withSmallHeap("set -o pipefail; \"$0\" split -0 - < words.txt | python3 -c \"$1\"", DIGEST);
        assertEquals(0, cookbook.exit(), cookbook::toString);
        assertEquals("", cookbook.err());
        Binary.Result python = Binary.exec(dir, Map.of(), null, List.of("python3", "-c", SHLEX, input.toString()));
        assertEquals(0, python.exit(), python::toString);
        assertEquals(python.out(), cookbook.out());
    }

    /**
     * One word is one String in memory, so its size is the bound: 12 MiB (a StringBuilder, the String,
     * its UTF-8 in slices) fits a 64 MiB heap (16 MiB did too, 20 did not). shlex is quadratic on one
     * long word, so cmp checks it.
     */
    @Test
    void aTwelveMebibyteWordWithA64MiBHeap() {
        Binary.Result r = withSmallHeap("set -eo pipefail; head -c 12582912 /dev/zero | tr '\\0' x > x;"
                + " { printf \"a '\"; cat x; printf \"' b\"; } > in;"
                + " \"$0\" split -0 - < in > out; { printf 'a\\0'; cat x; printf '\\0b\\0'; } | cmp - out");
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.out() + r.err());
    }

    /** A word larger than the heap is one line and exit 70, not a stack trace with exit 1. */
    @Test
    void aWordLargerThanTheHeapIsOneLine() {
        Binary.Result r = withSmallHeap("head -c 67108864 /dev/zero | tr '\\0' x | \"$0\" split -0 -");
        assertEquals(70, r.exit(), r::toString);
        assertEquals("", r.out());
        assertEquals(
                "cookbook split: out of memory (Java heap space)\n"
                        + "cookbook split: hint: give Java more, for example COOKBOOK_JAVA_OPTS=-Xmx2g\n",
                r.err());
    }

    /** {@code bash -c script} in the test's folder, with the packaged binary as $0 and a 64 MiB heap for it. */
    private Binary.Result withSmallHeap(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", "-c", script, Binary.PATH.toString()));
        command.addAll(List.of(args));
        return Binary.exec(dir, Map.of("COOKBOOK_JAVA_OPTS", "-Xmx64m"), null, command);
    }

    /** Random records from LINES. */
    private static void write(Path file) throws IOException {
        byte[][] lines = new byte[LINES.length][];
        for (int i = 0; i < LINES.length; i++) {
            lines[i] = (LINES[i] + END).getBytes(UTF_8);
        }
        Random random = new Random(15);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (long written = 0; written < SIZE; ) {
                byte[] line = lines[random.nextInt(lines.length)];
                out.write(line);
                written += line.length;
            }
        }
    }
}
